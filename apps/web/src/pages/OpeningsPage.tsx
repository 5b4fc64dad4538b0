/**
 * Internal openings: search with filters (text, department, skill, level range, location, remote),
 * an opening with the match explained (each required skill met / partly / missing, "stretch"
 * when it is one level up), save it for later, apply (choosing when the manager may know:
 * confidential by default), and my applications with their timeline and feedback, withdrawn
 * after a confirmation while still live. Only the applicant, the hiring side and HR see an
 * application.
 */
import { CombinedGraphQLErrors } from '@apollo/client';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Combobox } from '../components/Combobox';
import { Badge, Card, Checkbox, EmptyState, ErrorMessage, Loading, PageHeader, SelectField, Status, TextArea, TextField } from '../components/ui';
import {
  ApplyToOpeningDocument,
  DepartmentsDocument,
  MyApplicationsDocument,
  OpeningDetailDocument,
  SaveOpeningDocument,
  SavedOpeningsDocument,
  SearchOpeningsDocument,
  SearchSkillsDocument,
  UnsaveOpeningDocument,
  WithdrawApplicationDocument,
  type DisclosureStage,
  type OpeningCardFragment,
  type OpeningSearchFilter,
  type SkillFieldsFragment,
} from '../generated/graphql';
import { describeError, formatDate } from '../lib/format';
import { Link } from '../router';

const STAGE: Record<string, string> = {
  SUBMITTED: 'Submitted',
  SCREENING: 'Screening',
  INTERVIEWING: 'Interviewing',
  OFFER: 'Offer',
  HIRED: 'Hired',
  REJECTED: 'Not selected',
  WITHDRAWN: 'Withdrawn',
};

/** Applications the applicant can still withdraw. */
const FINAL = new Set(['HIRED', 'REJECTED', 'WITHDRAWN']);

const FILTER_FIELDS: Record<string, string> = {
  'filter.minLevel': 'The minimum level is above the maximum level: lower the minimum or raise the maximum.',
  'filter.maxLevel': 'The maximum level is not valid.',
};

/** A search error in words: the API's BAD_USER_INPUT names the filter field it refuses. */
function describeSearchError(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    if (first?.extensions?.code === 'BAD_USER_INPUT') {
      const field = first.extensions.field;
      const known = typeof field === 'string' ? FILTER_FIELDS[field] : undefined;
      return `These filters cannot be used together. ${known ?? describeError(error)}`;
    }
  }
  return describeError(error);
}

const level = (v: string) => (v.trim() ? Number(v) : null);

export function OpeningsPage() {
  const client = useApolloClient();
  const [search, setSearch] = useState('');
  const [remote, setRemote] = useState(false);
  const [minLevel, setMinLevel] = useState('');
  const [maxLevel, setMaxLevel] = useState('');
  const [location, setLocation] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [skill, setSkill] = useState<SkillFieldsFragment | null>(null);
  const filter: OpeningSearchFilter = {
    search: search.trim() || null,
    remote: remote || null,
    minLevel: level(minLevel),
    maxLevel: level(maxLevel),
    location: location.trim() || null,
    departmentId: departmentId || null,
    skillId: skill?.id ?? null,
  };
  const { data, loading, error } = useQuery(SearchOpeningsDocument, { variables: { filter }, fetchPolicy: 'cache-and-network' });
  const departments = useQuery(DepartmentsDocument, { variables: { includeInactive: false } });
  const list = error ? [] : (data?.openings.edges.map((e) => e.node) ?? []);
  return (
    <>
      <PageHeader title="Openings" lead="Roles open inside the company. Applying is confidential: your manager is told only at the stage you choose." />
      <Card title="Search">
        <form role="search" aria-label="Opening filters" onSubmit={(e) => e.preventDefault()} noValidate>
          <div className="grid grid-3">
            <TextField label="Search openings" type="search" value={search} onChange={setSearch} />
            <SelectField label="Department" value={departmentId} onChange={setDepartmentId}>
              <option value="">All departments</option>
              {departments.data?.departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </SelectField>
            {skill ? (
              <div className="field">
                <span className="label">Skill</span>
                <p className="selected-filter">
                  <strong>{skill.name}</strong>
                  <button type="button" className="btn btn-ghost btn-small" onClick={() => setSkill(null)}>
                    Clear<span className="visually-hidden"> skill filter</span>
                  </button>
                </p>
              </div>
            ) : (
              <Combobox<SkillFieldsFragment>
                label="Skill"
                placeholder="e.g. Kubernetes"
                search={async (t) => (await client.query({ query: SearchSkillsDocument, variables: { search: t, first: 8 } })).data?.skills ?? []}
                getKey={(s) => s.id}
                getLabel={(s) => s.name}
                onSelect={setSkill}
              />
            )}
            <TextField label="Minimum level" type="number" min={1} max={12} value={minLevel} onChange={setMinLevel} />
            <TextField label="Maximum level" type="number" min={1} max={12} value={maxLevel} onChange={setMaxLevel} />
            <TextField label="Location" value={location} onChange={setLocation} placeholder="e.g. Lisbon" />
            <Checkbox label="Remote only" checked={remote} onChange={setRemote} />
          </div>
        </form>
        {error && (
          <div className="alert alert-error" role="alert">
            {describeSearchError(error)}
          </div>
        )}
        <Status>{data && !error ? `${data.openings.totalCount} ${data.openings.totalCount === 1 ? 'opening' : 'openings'}` : ''}</Status>
      </Card>
      {loading && !data && <Loading />}
      {data && !error && !list.length && <EmptyState title="No openings match" />}
      <OpeningList label="Openings" list={list} />
      <SavedOpeningsCard />
      <MyApplicationsCard />
    </>
  );
}

function OpeningList({ label, list }: { label: string; list: OpeningCardFragment[] }) {
  return (
    <ul className="plain-list" aria-label={label}>
      {list.map((o) => (
        <li key={o.id} className="item">
          <h2 className="feed-title">
            <Link to={`/openings/${o.id}`}>{o.title}</Link>
          </h2>
          <p className="person-meta">
            {o.department.name} · level {o.level}
            {o.location && ` · ${o.location}`} · {o.remotePolicy.toLowerCase()}
            {o.closesAt && ` · closes ${formatDate(o.closesAt)}`}
          </p>
          <p>
            <Badge tone="accent">{o.match.score}% match</Badge> {o.match.stretch && <Badge tone="warning">Stretch</Badge>} {o.match.summary}
            {o.myApplication && <> · You applied ({STAGE[o.myApplication.status]})</>}
          </p>
        </li>
      ))}
    </ul>
  );
}

function SavedOpeningsCard() {
  const { data, error } = useQuery(SavedOpeningsDocument, { fetchPolicy: 'cache-and-network' });
  const list = data?.savedOpenings.edges.map((e) => e.node) ?? [];
  return (
    <Card title="Saved openings">
      <ErrorMessage error={error} />
      {data && !list.length && <EmptyState title="Nothing saved yet">Save an opening from its page to find it here.</EmptyState>}
      {list.length > 0 && <OpeningList label="Saved openings" list={list} />}
    </Card>
  );
}

export function OpeningPage({ params }: { params: Record<string, string> }) {
  const { data, loading, error } = useQuery(OpeningDetailDocument, { variables: { id: params.id }, fetchPolicy: 'cache-and-network' });
  const [apply, applying] = useMutation(ApplyToOpeningDocument, { refetchQueries: ['OpeningDetail', 'MyApplications', 'SearchOpenings'] });
  const [note, setNote] = useState('');
  const [disclose, setDisclose] = useState<DisclosureStage>('OFFER');
  const [status, setStatus] = useState('');
  const savedRefetch = { refetchQueries: ['OpeningDetail', 'SavedOpenings'], awaitRefetchQueries: true };
  const [save, saving] = useMutation(SaveOpeningDocument, savedRefetch);
  const [unsave, unsaving] = useMutation(UnsaveOpeningDocument, savedRefetch);
  const [savedStatus, setSavedStatus] = useState('');
  if (loading && !data) return <Loading />;
  const o = data?.opening;
  if (!o) return <ErrorMessage error={error} />;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { data: r } = await apply({ variables: { openingId: o.id, note, discloseAtStage: disclose } });
    const res = r?.applyToOpening;
    setStatus(res?.__typename === 'Application' ? 'Application sent.' : (res?.message ?? ''));
  };
  const toggleSaved = async () => {
    setSavedStatus('');
    if (o.saved) {
      await unsave({ variables: { id: o.id } });
      setSavedStatus('Removed from your saved openings.');
    } else {
      await save({ variables: { id: o.id } });
      setSavedStatus('Saved: find it under Saved openings.');
    }
  };
  return (
    <>
      <PageHeader
        title={o.title}
        lead={`${o.department.name} · level ${o.level} · hiring manager ${o.hiringManager.fullName}`}
        actions={
          <>
            <button type="button" className="btn btn-secondary" aria-pressed={o.saved} disabled={saving.loading || unsaving.loading} onClick={() => void toggleSaved().catch(() => undefined)}>
              {o.saved ? 'Saved' : 'Save'}
              <span className="visually-hidden"> {o.title}</span>
            </button>{' '}
            <Link to="/openings">All openings</Link>
          </>
        }
      />
      <ErrorMessage error={saving.error ?? unsaving.error} />
      <Status>{savedStatus}</Status>
      <div className="grid grid-2">
        <Card title="About the role">
          <div dangerouslySetInnerHTML={{ __html: o.descriptionHtml }} />
        </Card>
        <Card title="Your match">
          <p>
            <Badge tone="accent">{o.match.score}% match</Badge> {o.match.stretch && <Badge tone="warning">Stretch</Badge>}
          </p>
          <p>{o.match.summary}</p>
          {o.match.stretch && <p>This role is one level above yours: a stretch worth considering.</p>}
          <ul className="plain-list" aria-label="Required skills">
            {o.match.required.map((r) => (
              <li key={r.skill.id}>
                {r.skill.name}: {r.status === 'MET' ? 'met' : r.status === 'PARTLY' ? 'partly met' : 'missing'} (you {r.proficiency ?? 0} / needs {r.minProficiency})
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <Card title="Apply">
        {o.myApplication && o.myApplication.status === 'WITHDRAWN' && <p>You withdrew your application; you may apply again.</p>}
        {o.myApplication && o.myApplication.status !== 'WITHDRAWN' ? (
          <p>
            You applied: <Badge>{STAGE[o.myApplication.status]}</Badge>
          </p>
        ) : (
          <form onSubmit={(e) => void submit(e).catch(() => undefined)} noValidate>
            <TextArea label="Note to the hiring team" value={note} onChange={setNote} rows={3} />
            <SelectField label="Tell my manager" value={disclose} onChange={(v) => setDisclose(v as DisclosureStage)} hint="Your manager sees nothing before this stage.">
              <option value="SCREENING">When screening starts</option>
              <option value="INTERVIEWING">When interviews start</option>
              <option value="OFFER">At the offer</option>
              <option value="HIRED">Only if I am hired</option>
            </SelectField>
            <ErrorMessage error={applying.error} />
            <button type="submit" className="btn btn-primary" disabled={applying.loading}>
              Apply
            </button>
          </form>
        )}
        <Status>{status}</Status>
      </Card>
    </>
  );
}

function MyApplicationsCard() {
  const { data, error } = useQuery(MyApplicationsDocument, { fetchPolicy: 'cache-and-network' });
  const [withdraw, withdrawing] = useMutation(WithdrawApplicationDocument, { refetchQueries: ['MyApplications', 'SearchOpenings'], awaitRefetchQueries: true });
  const [confirming, setConfirming] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [status, setStatus] = useState('');
  const list = data?.myApplications.edges.map((e) => e.node) ?? [];
  const confirm = async (e: FormEvent, id: string, title: string) => {
    e.preventDefault();
    await withdraw({ variables: { id, note: note.trim() } });
    setConfirming(null);
    setNote('');
    setStatus(`Your application to ${title} is withdrawn.`);
  };
  return (
    <Card title="My applications">
      <ErrorMessage error={error} />
      <Status>{status}</Status>
      {data && !list.length && <EmptyState title="No applications yet" />}
      {list.map((a) => (
        <section key={a.id} className="item" aria-label={`Application to ${a.opening.title}`}>
          <h3 className="feed-title">
            {a.opening.title} <Badge>{STAGE[a.status]}</Badge>
          </h3>
          <ol className="plain-list" aria-label={`Timeline of ${a.opening.title}`}>
            {a.timeline.map((t) => (
              <li key={t.id}>
                {formatDate(t.at)}: {STAGE[t.toStatus]}
                {t.note && ` — ${t.note}`}
              </li>
            ))}
          </ol>
          {a.rejectionFeedback && (
            <p>
              Feedback: {a.rejectionFeedback.message}
              {a.rejectionFeedback.missingSkills.length > 0 && ` (to grow: ${a.rejectionFeedback.missingSkills.map((s) => s.name).join(', ')})`}
            </p>
          )}
          {!FINAL.has(a.status) &&
            (confirming === a.id ? (
              <form onSubmit={(e) => void confirm(e, a.id, a.opening.title).catch(() => undefined)} noValidate aria-label={`Withdraw from ${a.opening.title}`}>
                <p>Withdraw your application to {a.opening.title}? The hiring team is told; this cannot be undone (you may apply again later while the opening is open).</p>
                <TextArea label="Note to the hiring team (optional)" value={note} onChange={setNote} rows={2} />
                <ErrorMessage error={withdrawing.error} />
                <button type="submit" className="btn btn-danger" disabled={withdrawing.loading}>
                  Withdraw application
                </button>{' '}
                <button type="button" className="btn btn-ghost" onClick={() => setConfirming(null)}>
                  Keep it
                </button>
              </form>
            ) : (
              <button
                type="button"
                className="btn btn-secondary btn-small"
                onClick={() => {
                  withdrawing.reset();
                  setNote('');
                  setConfirming(a.id);
                }}
              >
                Withdraw…<span className="visually-hidden"> application to {a.opening.title}</span>
              </button>
            ))}
        </section>
      ))}
    </Card>
  );
}
