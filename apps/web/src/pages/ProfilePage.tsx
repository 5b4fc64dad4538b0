/**
 * Your profile: about you, skills (autocomplete on the taxonomy, proficiency, learn / teach),
 * passions, aspirations (private), openness flags, and who sees what. One Save writes the
 * skills (setMySkills) and the rest (updateMyProfile, which also marks the profile reviewed).
 */
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { SkillsEditor, type SkillRow } from '../components/SkillsEditor';
import { TagInput } from '../components/TagInput';
import { Card, Checkbox, ErrorMessage, Loading, PageHeader, SelectField, TextArea, TextField } from '../components/ui';
import {
  EmployeeSkillsOnlyFragmentDoc,
  MyProfileDocument,
  SetMySkillsDocument,
  UpdateMyProfileDocument,
  type MyProfileQuery,
  type Priority,
} from '../generated/graphql';
import { formatDate, PRIORITIES, PRIORITY_LABELS, relativeTime } from '../lib/format';

const LANGUAGE = /^[a-z]{2,3}(-[A-Z]{2})?$/;

interface FormState {
  location: string;
  timeZone: string;
  languages: string[];
  bio: string;
  passions: string[];
  targetRoles: string[];
  targetDepartmentIds: string[];
  priorities: (Priority | '')[];
  prioritiesNote: string;
  openToOpportunities: boolean;
  openToMentoring: boolean;
  seekingMentor: boolean;
  openToProjects: boolean;
  skills: SkillRow[];
}

function fromProfile(me: MyProfileQuery['me']): FormState {
  const a = me.aspirations;
  const priorities: (Priority | '')[] = [...(a?.priorities ?? [])];
  while (priorities.length < 3) priorities.push('');
  return {
    location: me.location ?? '',
    timeZone: me.timeZone,
    languages: me.languages,
    bio: me.bio ?? '',
    passions: me.passions,
    targetRoles: a?.targetRoles ?? [],
    targetDepartmentIds: a?.targetDepartmentIds ?? [],
    priorities,
    prioritiesNote: a?.prioritiesNote ?? '',
    openToOpportunities: a?.openToOpportunities ?? false,
    openToMentoring: me.openToMentoring,
    seekingMentor: me.seekingMentor,
    openToProjects: me.openToProjects,
    skills: me.skills.map((s) => ({ skill: s.skill, proficiency: s.proficiency, wantsToLearn: s.wantsToLearn, wantsToTeach: s.wantsToTeach })),
  };
}

const skillKey = (rows: SkillRow[]) => JSON.stringify(rows.map((r) => [r.skill.id, r.proficiency, r.wantsToLearn, r.wantsToTeach]));

function timeZones(current: string): string[] {
  const zones: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes(current) ? zones : [current, ...zones];
}

export function ProfilePage() {
  const { data, loading, error } = useQuery(MyProfileDocument, { fetchPolicy: 'cache-and-network' });
  if (!data) {
    return (
      <>
        <PageHeader title="Your profile" />
        {loading ? <Loading /> : <ErrorMessage error={error} />}
      </>
    );
  }
  return <ProfileForm me={data.me} departments={data.departments} />;
}

function ProfileForm({ me, departments }: { me: MyProfileQuery['me']; departments: MyProfileQuery['departments'] }) {
  const client = useApolloClient();
  const initial = useMemo(() => fromProfile(me), [me]);
  const [form, setForm] = useState<FormState>(initial);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const zones = useMemo(() => timeZones(me.timeZone), [me.timeZone]);
  const dirty = JSON.stringify({ ...form, skills: skillKey(form.skills) }) !== JSON.stringify({ ...initial, skills: skillKey(initial.skills) });

  useEffect(() => {
    // Deep links from home (#skills, #aspirations).
    if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  }, []);

  const set = <K extends keyof FormState>(key: K) => (value: FormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setStatus('');
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    setSaveError(null);
    setStatus('');
    try {
      if (skillKey(form.skills) !== skillKey(initial.skills)) {
        const { data } = await client.mutate({
          mutation: SetMySkillsDocument,
          variables: {
            skills: form.skills.map((r) => ({ skillId: r.skill.id, proficiency: r.proficiency, wantsToLearn: r.wantsToLearn, wantsToTeach: r.wantsToTeach })),
          },
        });
        if (data) {
          client.cache.writeFragment({
            fragment: EmployeeSkillsOnlyFragmentDoc,
            fragmentName: 'EmployeeSkillsOnly',
            id: client.cache.identify({ __typename: 'Employee', id: me.id }),
            data: { __typename: 'Employee', id: me.id, skills: data.setMySkills },
          });
        }
      }
      await client.mutate({
        mutation: UpdateMyProfileDocument,
        variables: {
          input: {
            location: form.location.trim(),
            timeZone: form.timeZone,
            languages: form.languages,
            bio: form.bio.trim(),
            passions: form.passions,
            targetRoles: form.targetRoles,
            targetDepartmentIds: form.targetDepartmentIds,
            priorities: form.priorities.filter((p): p is Priority => !!p),
            prioritiesNote: form.prioritiesNote.trim(),
            openToOpportunities: form.openToOpportunities,
            openToMentoring: form.openToMentoring,
            seekingMentor: form.seekingMentor,
            openToProjects: form.openToProjects,
          },
        },
        refetchQueries: ['Home'],
      });
      setStatus('Profile saved.');
    } catch (err) {
      setSaveError(err);
    } finally {
      setSaving(false);
    }
  }

  const deptName = new Map(departments.map((d) => [d.id, d.name]));
  const chosenPriorities = new Set(form.priorities.filter(Boolean));

  return (
    <form onSubmit={save} className="profile" noValidate>
      <PageHeader
        title="Your profile"
        lead={
          <>
            {me.title}
            {me.department && ` · ${me.department.name}`}
            {me.manager && ` · reports to ${me.manager.fullName}`}
            <br />
            <span className="hint">
              {me.profileReviewedAt ? (
                <>
                  Last reviewed <time dateTime={me.profileReviewedAt} title={formatDate(me.profileReviewedAt)}>{relativeTime(me.profileReviewedAt)}</time>.
                </>
              ) : (
                'Never reviewed: saving marks it reviewed.'
              )}
            </span>
          </>
        }
      />

      <Card title="About you">
        <div className="grid grid-2 tight">
          <TextField label="Location" value={form.location} onChange={set('location')} maxLength={120} placeholder="City, country" autoComplete="address-level2" />
          <SelectField label="Time zone" value={form.timeZone} onChange={set('timeZone')}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </SelectField>
        </div>
        <TagInput
          label="Languages"
          hint="ISO codes, e.g. en, fr, pt-BR"
          values={form.languages}
          onChange={set('languages')}
          max={10}
          validate={(v) => (LANGUAGE.test(v) ? null : 'Use a language code such as en, fr or pt-BR')}
        />
        <TextArea label="About me" value={form.bio} onChange={set('bio')} maxLength={2000} rows={4} hint="What you do, what you enjoy, what you are curious about." />
      </Card>

      <Card title="Skills" id="skills">
        <SkillsEditor rows={form.skills} onChange={set('skills')} />
      </Card>

      <Card title="Passions">
        <TagInput
          label="Passions"
          hint="What you care about beyond your job (sustainability, mentoring, hackathons…). Committees and projects are matched on them."
          values={form.passions}
          onChange={set('passions')}
          max={20}
          maxLength={40}
          placeholder="e.g. sustainability"
        />
      </Card>

      <Card title="Aspirations (private)" id="aspirations">
        <p className="hint">Only you and HR see this section. Your manager does not.</p>
        <TagInput
          label="Target roles, two jobs from now"
          values={form.targetRoles}
          onChange={set('targetRoles')}
          max={5}
          maxLength={100}
          placeholder="e.g. Engineering Manager"
        />
        <div className="field">
          <label htmlFor="target-department">Departments you would like to work in</label>
          {form.targetDepartmentIds.length > 0 && (
            <ul className="tags" aria-label="Target departments">
              {form.targetDepartmentIds.map((id) => (
                <li key={id} className="tag">
                  <span>{deptName.get(id) ?? 'Unknown department'}</span>
                  <button
                    type="button"
                    className="tag-remove"
                    aria-label={`Remove ${deptName.get(id) ?? 'department'}`}
                    onClick={() => set('targetDepartmentIds')(form.targetDepartmentIds.filter((x) => x !== id))}
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <select
            id="target-department"
            value=""
            disabled={form.targetDepartmentIds.length >= 5}
            onChange={(e) => e.target.value && set('targetDepartmentIds')([...form.targetDepartmentIds, e.target.value])}
          >
            <option value="">{form.targetDepartmentIds.length >= 5 ? 'At most five' : 'Add a department…'}</option>
            {departments
              .filter((d) => !form.targetDepartmentIds.includes(d.id))
              .map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
          </select>
        </div>
        <fieldset className="priorities-fields">
          <legend>Top three priorities, most important first</legend>
          <div className="grid grid-3 tight">
            {[0, 1, 2].map((i) => (
              <SelectField
                key={i}
                label={['First', 'Second', 'Third'][i]}
                value={form.priorities[i] ?? ''}
                onChange={(v) => {
                  const next = [...form.priorities];
                  next[i] = v as Priority | '';
                  set('priorities')(next);
                }}
              >
                <option value="">—</option>
                {PRIORITIES.map((p) => (
                  <option key={p} value={p} disabled={chosenPriorities.has(p) && form.priorities[i] !== p}>
                    {PRIORITY_LABELS[p]}
                  </option>
                ))}
              </SelectField>
            ))}
          </div>
        </fieldset>
        <TextArea label="Anything else about your priorities" value={form.prioritiesNote} onChange={set('prioritiesNote')} maxLength={500} rows={2} />
      </Card>

      <Card title="Openness">
        <Checkbox
          label="Open to new opportunities"
          checked={form.openToOpportunities}
          onChange={set('openToOpportunities')}
          hint="Private: only you and HR see it. Recruiters inside the company may reach out."
        />
        <Checkbox label="Open to mentoring others" checked={form.openToMentoring} onChange={set('openToMentoring')} hint="Visible to colleagues." />
        <Checkbox label="Looking for a mentor" checked={form.seekingMentor} onChange={set('seekingMentor')} hint="Visible to colleagues." />
        <Checkbox label="Open to cross-functional projects" checked={form.openToProjects} onChange={set('openToProjects')} hint="Visible to colleagues." />
      </Card>

      <Card title="Who sees what">
        <div className="scroll-x">
        <table className="privacy-table">
          <caption className="visually-hidden">Visibility of your profile</caption>
          <thead>
            <tr>
              <th scope="col">Part of your profile</th>
              <th scope="col">Colleagues</th>
              <th scope="col">Your manager</th>
              <th scope="col">HR</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Name, title, department, skills, passions, about me</th>
              <td>Yes</td>
              <td>Yes</td>
              <td>Yes</td>
            </tr>
            <tr>
              <th scope="row">Mentoring and project openness</th>
              <td>Yes</td>
              <td>Yes</td>
              <td>Yes</td>
            </tr>
            <tr>
              <th scope="row">Target roles, departments, priorities, open to opportunities</th>
              <td>No</td>
              <td>No</td>
              <td>Yes</td>
            </tr>
          </tbody>
        </table>
        </div>
      </Card>

      <div className="save-bar">
        <ErrorMessage error={saveError} title="Not saved." />
        <p role="status" aria-live="polite" className="status">
          {status || (dirty ? 'You have unsaved changes.' : '')}
        </p>
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save profile'}
        </button>
      </div>
    </form>
  );
}
