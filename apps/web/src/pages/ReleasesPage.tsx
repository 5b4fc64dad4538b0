/**
 * Release after an internal hire. Managers: the release dates they must agree for reports who
 * were hired elsewhere inside the organization (a date, by a deadline). HR: every open release,
 * oldest first, with its age and whether it is overdue; HR may agree a date too.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Badge, Card, EmptyState, ErrorMessage, Loading, PageHeader, Status, TextField } from '../components/ui';
import { AgreeReleaseDateDocument, MyReleaseRequestsDocument, OpenReleasesDocument, type ReleaseFieldsFragment } from '../generated/lazy';
import { describeError, formatDate, plural } from '../lib/format';
import { useViewer } from '../viewer';

const REFETCH = [{ query: MyReleaseRequestsDocument }];

function AgreeForm({ r, onAgreed, refetchOpen }: { r: ReleaseFieldsFragment; onAgreed: (message: string) => void; refetchOpen: boolean }) {
  const [agree, agreeing] = useMutation(AgreeReleaseDateDocument, {
    refetchQueries: refetchOpen ? [...REFETCH, { query: OpenReleasesDocument }] : REFETCH,
    awaitRefetchQueries: true,
  });
  const [date, setDate] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const name = r.employee.fullName;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!date) return setProblem(`Choose ${name}'s last day in the team.`);
    setProblem(null);
    try {
      await agree({ variables: { id: r.id, releaseDate: date } });
      onAgreed(`Release date for ${name} agreed: ${formatDate(`${date}T12:00:00Z`)}.`);
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate aria-label={`Release date for ${name}`}>
      <TextField label={`Last day of ${name} in the team`} type="date" min={new Date().toISOString().slice(0, 10)} value={date} onChange={setDate} error={problem} />
      <button type="submit" className="btn btn-primary btn-small" disabled={agreeing.loading}>
        Agree<span className="visually-hidden"> the release date for {name}</span>
      </button>
    </form>
  );
}

function ReleaseSummary({ r }: { r: ReleaseFieldsFragment }) {
  const opening = r.application?.opening;
  return (
    <>
      <h3>
        {r.employee.fullName} <span className="person-meta">{r.employee.title}</span>
      </h3>
      <p>
        {opening ? `Hired as ${opening.title} (${opening.department.name})` : 'Hired internally'} on {formatDate(r.hiredAt)} ·{' '}
        {r.status === 'AGREED' && r.releaseDate ? (
          <Badge tone="success">Release date {formatDate(`${r.releaseDate}T12:00:00Z`)}</Badge>
        ) : r.overdue ? (
          <Badge tone="warning">Overdue since {formatDate(r.deadlineAt)}</Badge>
        ) : (
          <>Agree a date by {formatDate(r.deadlineAt)}</>
        )}
      </p>
    </>
  );
}

function ManagerReleases({ isHr }: { isHr: boolean }) {
  const { data, loading, error } = useQuery(MyReleaseRequestsDocument, { fetchPolicy: 'cache-and-network' });
  const [status, setStatus] = useState('');
  const list = data?.myReleaseRequests.edges.map((e) => e.node) ?? [];
  return (
    <Card title="Your reports moving to another team">
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {data && !list.length && <EmptyState title="No release to agree">When one of your reports is hired for an internal opening, you agree their last day here.</EmptyState>}
      <ul className="plain-list" aria-label="Release requests">
        {list.map((r) => (
          <li key={r.id} className="item">
            <ReleaseSummary r={r} />
            {r.status === 'PENDING' && <AgreeForm r={r} onAgreed={setStatus} refetchOpen={isHr} />}
          </li>
        ))}
      </ul>
      <Status>{status}</Status>
    </Card>
  );
}

function OpenReleases() {
  const { data, loading, error } = useQuery(OpenReleasesDocument, { fetchPolicy: 'cache-and-network' });
  const [status, setStatus] = useState('');
  const [agreeing, setAgreeing] = useState<string | null>(null);
  const list = data?.openReleases.edges.map((e) => e.node) ?? [];
  const overdue = list.filter((r) => r.overdue).length;
  return (
    <Card title="Open releases in the organization">
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {data && (
        <p>
          {plural(data.openReleases.totalCount, 'release')} awaiting a date, {overdue} overdue.
        </p>
      )}
      {data && !list.length && <EmptyState title="Nothing pending" />}
      {list.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Open releases, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Employee</th>
                <th scope="col">Releasing manager</th>
                <th scope="col">New role</th>
                <th scope="col">Age</th>
                <th scope="col">Deadline</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.employee.fullName}</th>
                  <td>{r.manager.fullName}</td>
                  <td>{r.application?.opening.title ?? '—'}</td>
                  <td>{plural(r.ageDays, 'day')}</td>
                  <td>{r.overdue ? <Badge tone="warning">Overdue · {formatDate(r.deadlineAt)}</Badge> : formatDate(r.deadlineAt)}</td>
                  <td>
                    {agreeing === r.id ? (
                      <AgreeForm
                        r={r}
                        refetchOpen
                        onAgreed={(m) => {
                          setStatus(m);
                          setAgreeing(null);
                        }}
                      />
                    ) : (
                      <button type="button" className="btn btn-secondary btn-small" onClick={() => setAgreeing(r.id)}>
                        Set date<span className="visually-hidden"> for {r.employee.fullName}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Status>{status}</Status>
    </Card>
  );
}

export function ReleasesPage() {
  const viewer = useViewer();
  return (
    <>
      <PageHeader title="Releases" lead="After an internal hire, the current manager agrees the person's last day in the team, before the deadline." />
      {viewer.isManager && <ManagerReleases isHr={viewer.isHr} />}
      {viewer.isHr && <OpenReleases />}
    </>
  );
}
