/** The employee's skills: proficiency 1–5, wants to learn / teach, add from the taxonomy (or propose), remove. */
import { useApolloClient } from '@apollo/client/react';
import { useState } from 'react';
import { ProposeSkillDocument, SearchSkillsDocument, type SkillFieldsFragment } from '../generated/graphql';
import { describeError, PROFICIENCY_LABELS } from '../lib/format';
import { Combobox } from './Combobox';
import { Badge } from './ui';

export interface SkillRow {
  skill: SkillFieldsFragment;
  proficiency: number;
  wantsToLearn: boolean;
  wantsToTeach: boolean;
}

export function SkillsEditor({ rows, onChange }: { rows: SkillRow[]; onChange: (rows: SkillRow[]) => void }) {
  const client = useApolloClient();
  const [message, setMessage] = useState('');
  const [proposeError, setProposeError] = useState('');
  const have = new Set(rows.map((r) => r.skill.id));

  function add(skill: SkillFieldsFragment) {
    if (have.has(skill.id)) {
      setMessage(`${skill.name} is already in your skills`);
      return;
    }
    onChange([...rows, { skill, proficiency: 2, wantsToLearn: false, wantsToTeach: false }]);
    setMessage(`Added ${skill.name}. Set your level, then save.`);
  }

  function update(id: string, patch: Partial<SkillRow>) {
    onChange(rows.map((r) => (r.skill.id === id ? { ...r, ...patch } : r)));
  }

  async function propose(name: string) {
    setProposeError('');
    try {
      const { data } = await client.mutate({ mutation: ProposeSkillDocument, variables: { name } });
      if (data) add(data.proposeSkill);
    } catch (e) {
      setProposeError(describeError(e));
    }
  }

  return (
    <div className="skills-editor">
      <Combobox<SkillFieldsFragment>
        label="Add a skill"
        hint="Type a name or a common alias (k8s, JS, UX…). Not in the list? Propose it: HR reviews new skills."
        placeholder="e.g. Kubernetes"
        search={async (text) => {
          const { data } = await client.query({ query: SearchSkillsDocument, variables: { search: text, first: 8 } });
          return (data?.skills ?? []).filter((s) => !have.has(s.id));
        }}
        getKey={(s) => s.id}
        getLabel={(s) => s.name}
        renderOption={(s) => (
          <>
            <span>{s.name}</span>
            {s.category && <span className="option-meta">{s.category}</span>}
            {s.status === 'PROPOSED' && <span className="option-meta">proposed</span>}
          </>
        )}
        onSelect={add}
        extraOption={(text, options) =>
          options.some((o) => o.name.toLowerCase() === text.toLowerCase()) || text.length > 60
            ? null
            : { label: `Propose “${text}” as a new skill`, onSelect: (t) => void propose(t) }
        }
      />
      <p role="status" aria-live="polite" className="status">
        {message}
      </p>
      {proposeError && (
        <p className="field-error" role="alert">
          {proposeError}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="empty-inline">No skills yet. Add the ones you use, and the ones you want to learn.</p>
      ) : (
        <ul className="skill-rows" aria-label="Your skills">
          {rows.map((r) => (
            <li key={r.skill.id} className="skill-row">
              <div className="skill-name">
                <strong>{r.skill.name}</strong>
                {r.skill.status === 'PROPOSED' && <Badge tone="warning">awaiting HR review</Badge>}
              </div>
              <label className="inline-field">
                <span className="visually-hidden">Proficiency in {r.skill.name}</span>
                <select value={r.proficiency} onChange={(e) => update(r.skill.id, { proficiency: Number(e.target.value) })}>
                  {[1, 2, 3, 4, 5].map((n) => (
                    <option key={n} value={n}>
                      {n} · {PROFICIENCY_LABELS[n]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="inline-check">
                <input type="checkbox" checked={r.wantsToLearn} onChange={(e) => update(r.skill.id, { wantsToLearn: e.target.checked })} />
                <span>
                  Want to learn<span className="visually-hidden"> {r.skill.name}</span>
                </span>
              </label>
              <label className="inline-check">
                <input type="checkbox" checked={r.wantsToTeach} onChange={(e) => update(r.skill.id, { wantsToTeach: e.target.checked })} />
                <span>
                  Can teach<span className="visually-hidden"> {r.skill.name}</span>
                </span>
              </label>
              <button
                type="button"
                className="btn btn-ghost btn-small"
                onClick={() => {
                  onChange(rows.filter((x) => x.skill.id !== r.skill.id));
                  setMessage(`Removed ${r.skill.name}. Save to keep the change.`);
                }}
              >
                Remove<span className="visually-hidden"> {r.skill.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
