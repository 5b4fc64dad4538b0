/**
 * The directory: free-text search (names, titles, departments, skills; prefixes too), a
 * department filter and a skill filter with a minimum level. The search lives in the URL
 * (?q=&department=&skill=&min=) so results can be shared and survive a reload.
 */
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useEffect, useId, useState } from 'react';
import { Combobox } from '../components/Combobox';
import { EmployeeCard } from '../components/EmployeeCard';
import { EmptyState, ErrorMessage, Loading, PageHeader, SelectField, TextField } from '../components/ui';
import { DepartmentsDocument, DirectoryDocument, SearchSkillsDocument, type EmployeeFilter, type SkillFieldsFragment } from '../generated/graphql';
import { plural, PROFICIENCY_LABELS } from '../lib/format';
import { setSearchParams, useLocation } from '../router';

const PAGE = 20;

export function DirectoryPage() {
  const client = useApolloClient();
  const { search: params } = useLocation();
  const resultsId = useId();
  const [text, setText] = useState(params.get('q') ?? '');
  const department = params.get('department') ?? '';
  const skillId = params.get('skill') ?? '';
  const skillName = params.get('skillName') ?? '';
  const min = Number(params.get('min') ?? '1') || 1;
  const q = params.get('q') ?? '';

  // Debounced: the URL (and so the query) follows the text box 250 ms after typing stops.
  useEffect(() => {
    if (text === q) return;
    const t = window.setTimeout(() => setSearchParams({ q: text.trim() || null }), 250);
    return () => window.clearTimeout(t);
  }, [text, q]);

  const filter: EmployeeFilter = {
    ...(q ? { search: q } : {}),
    ...(department ? { departmentId: department } : {}),
    ...(skillId ? { skill: { skillId, minProficiency: min } } : {}),
  };
  const { data, loading, error, fetchMore } = useQuery(DirectoryDocument, {
    variables: { first: PAGE, filter },
    notifyOnNetworkStatusChange: true,
  });
  const departments = useQuery(DepartmentsDocument, { variables: { includeInactive: false } });
  const people = data?.employees.edges.map((e) => e.node) ?? [];
  const total = data?.employees.totalCount ?? 0;

  return (
    <>
      <PageHeader title="Directory" lead="Find people by name, role, department or skill." />
      <div className="filters">
        <form
          role="search"
          aria-label="Directory search"
          onSubmit={(e) => {
            e.preventDefault();
            setSearchParams({ q: text.trim() || null });
          }}
          className="filter-grid"
        >
          <TextField label="Search" type="search" value={text} onChange={setText} placeholder="Name, title, department or skill" aria-controls={resultsId} />
          <SelectField label="Department" value={department} onChange={(v) => setSearchParams({ department: v || null })}>
            <option value="">All departments</option>
            {departments.data?.departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </SelectField>
          {skillId ? (
            <div className="field">
              <span className="label">Skill</span>
              <p className="selected-filter">
                <strong>{skillName || 'Selected skill'}</strong>
                <button type="button" className="btn btn-ghost btn-small" onClick={() => setSearchParams({ skill: null, skillName: null, min: null })}>
                  Clear<span className="visually-hidden"> skill filter</span>
                </button>
              </p>
            </div>
          ) : (
            <Combobox<SkillFieldsFragment>
              label="Skill"
              placeholder="e.g. Python"
              search={async (t) => (await client.query({ query: SearchSkillsDocument, variables: { search: t, first: 8 } })).data?.skills ?? []}
              getKey={(s) => s.id}
              getLabel={(s) => s.name}
              onSelect={(s) => setSearchParams({ skill: s.id, skillName: s.name })}
            />
          )}
          <SelectField label="Minimum level" value={String(min)} onChange={(v) => setSearchParams({ min: v === '1' ? null : v })} disabled={!skillId}>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n} · {PROFICIENCY_LABELS[n]}
              </option>
            ))}
          </SelectField>
        </form>
      </div>

      <p role="status" aria-live="polite" className="result-count">
        {data ? plural(total, 'person', 'people') : ''}
      </p>
      <ErrorMessage error={error} />
      <div id={resultsId}>
        {people.length > 0 ? (
          <ul className="people-grid" aria-label="People">
            {people.map((p) => (
              <li key={p.id}>
                <EmployeeCard person={p} highlightSkillId={skillId || undefined} />
              </li>
            ))}
          </ul>
        ) : (
          data && !loading && <EmptyState title="No one matches">Try fewer words, or a prefix (“kube” finds Kubernetes).</EmptyState>
        )}
      </div>
      {loading && <Loading label="Searching…" />}
      {data?.employees.pageInfo.hasNextPage && !loading && (
        <button type="button" className="btn btn-secondary" onClick={() => void fetchMore({ variables: { after: data.employees.pageInfo.endCursor } })}>
          Show more people
        </button>
      )}
    </>
  );
}
