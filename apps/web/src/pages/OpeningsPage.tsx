/**
 * Internal openings: search with filters, an opening with the match explained (each required
 * skill met / partly / missing, "stretch" when it is one level up), apply (choosing when the
 * manager may know: confidential by default), and my applications with their timeline and
 * feedback. Only the applicant, the hiring side and HR see an application.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Badge, Card, Checkbox, EmptyState, ErrorMessage, Loading, PageHeader, SelectField, Status, TextArea, TextField } from '../components/ui';
import { ApplyToOpeningDocument, MyApplicationsDocument, OpeningDetailDocument, SearchOpeningsDocument, type DisclosureStage } from '../generated/graphql';
import { formatDate } from '../lib/format';
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

export function OpeningsPage() {
  const [search, setSearch] = useState('');
  const [remote, setRemote] = useState(false);
  const [minLevel, setMinLevel] = useState('');
  const filter = { search: search.trim() || null, remote: remote || null, minLevel: minLevel ? Number(minLevel) : null };
  const { data, loading, error } = useQuery(SearchOpeningsDocument, { variables: { filter }, fetchPolicy: 'cache-and-network' });
  const list = data?.openings.edges.map((e) => e.node) ?? [];
  return (
    <>
      <PageHeader title="Openings" lead="Roles open inside the company. Applying is confidential: your manager is told only at the stage you choose." />
      <Card title="Search">
        <div className="grid grid-3">
          <TextField label="Search openings" type="search" value={search} onChange={setSearch} />
          <TextField label="Minimum level" type="number" min={1} value={minLevel} onChange={setMinLevel} />
          <Checkbox label="Remote only" checked={remote} onChange={setRemote} />
        </div>
        <Status>{data ? `${data.openings.totalCount} ${data.openings.totalCount === 1 ? 'opening' : 'openings'}` : ''}</Status>
      </Card>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {data && !list.length && <EmptyState title="No openings match" />}
      <ul className="plain-list" aria-label="Openings">
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
      <MyApplicationsCard />
    </>
  );
}

export function OpeningPage({ params }: { params: Record<string, string> }) {
  const { data, loading, error } = useQuery(OpeningDetailDocument, { variables: { id: params.id }, fetchPolicy: 'cache-and-network' });
  const [apply, applying] = useMutation(ApplyToOpeningDocument, { refetchQueries: ['OpeningDetail', 'MyApplications', 'SearchOpenings'] });
  const [note, setNote] = useState('');
  const [disclose, setDisclose] = useState<DisclosureStage>('OFFER');
  const [status, setStatus] = useState('');
  if (loading && !data) return <Loading />;
  const o = data?.opening;
  if (!o) return <ErrorMessage error={error} />;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { data: r } = await apply({ variables: { openingId: o.id, note, discloseAtStage: disclose } });
    const res = r?.applyToOpening;
    setStatus(res?.__typename === 'Application' ? 'Application sent.' : (res?.message ?? ''));
  };
  return (
    <>
      <PageHeader title={o.title} lead={`${o.department.name} · level ${o.level} · hiring manager ${o.hiringManager.fullName}`} actions={<Link to="/openings">All openings</Link>} />
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
        {o.myApplication ? (
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
  const list = data?.myApplications.edges.map((e) => e.node) ?? [];
  return (
    <Card title="My applications">
      <ErrorMessage error={error} />
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
        </section>
      ))}
    </Card>
  );
}
