/** HR / org admin: the skill taxonomy, and the skills employees proposed, to approve with a category and aliases. */
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { Badge, Checkbox, EmptyState, ErrorMessage, Loading, PageHeader, TextField } from '../../components/ui';
import { ApproveSkillDocument, SearchSkillsDocument, type SkillFieldsFragment } from '../../generated/graphql';

export function SkillsAdminPage() {
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [proposedOnly, setProposedOnly] = useState(false);
  useEffect(() => {
    const t = window.setTimeout(() => setSearch(text.trim()), 250);
    return () => window.clearTimeout(t);
  }, [text]);
  const { data, loading, error } = useQuery(SearchSkillsDocument, { variables: { search: search || null, first: 100 }, fetchPolicy: 'cache-and-network' });
  const skills = (data?.skills ?? []).filter((s) => !proposedOnly || s.status === 'PROPOSED');
  return (
    <>
      <PageHeader title="Skills" lead="The taxonomy everyone picks skills from. Employees propose missing skills; approve them with a category and the aliases people type." />
      <div className="filters filter-row" role="search" aria-label="Skill search">
        <TextField label="Search skills" type="search" value={text} onChange={setText} placeholder="Name or alias" />
        <Checkbox label="Only skills awaiting review" checked={proposedOnly} onChange={setProposedOnly} />
      </div>
      <ErrorMessage error={error} />
      {loading && !data && <Loading />}
      {data && !skills.length && <EmptyState title={proposedOnly ? 'Nothing awaits review' : 'No skills match'} />}
      <ul className="skill-admin-list" aria-label="Skills">
        {skills.map((s) => (
          <SkillItem key={s.id} skill={s} />
        ))}
      </ul>
      {data && data.skills.length === 100 && <p className="hint">Showing the first 100; search to narrow down.</p>}
    </>
  );
}

function SkillItem({ skill }: { skill: SkillFieldsFragment }) {
  const [category, setCategory] = useState(skill.category ?? '');
  const [aliases, setAliases] = useState('');
  const [approve, { loading, error }] = useMutation(ApproveSkillDocument);
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await approve({
        variables: {
          id: skill.id,
          category: category.trim() || null,
          aliases: aliases
            .split(',')
            .map((a) => a.trim())
            .filter(Boolean),
        },
      });
    } catch {
      // Shown from the mutation's error state.
    }
  }
  return (
    <li className="skill-admin-item">
      <div className="skill-admin-head">
        <h2 className="skill-admin-name">{skill.name}</h2> {skill.category && <span className="hint">{skill.category}</span>}{' '}
        {skill.status === 'PROPOSED' ? <Badge tone="warning">awaiting review</Badge> : <Badge tone="success">approved</Badge>}
      </div>
      {skill.status === 'PROPOSED' && (
        <form onSubmit={submit} className="inline-form">
          <TextField label={`Category for ${skill.name}`} value={category} onChange={setCategory} maxLength={60} placeholder="e.g. Engineering" />
          <TextField label={`Aliases for ${skill.name}`} value={aliases} onChange={setAliases} placeholder="Comma separated" hint="What people also type" />
          <button type="submit" className="btn btn-primary" disabled={loading}>
            Approve<span className="visually-hidden"> {skill.name}</span>
          </button>
          <ErrorMessage error={error} />
        </form>
      )}
    </li>
  );
}
