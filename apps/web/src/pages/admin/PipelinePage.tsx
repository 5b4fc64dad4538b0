/**
 * HR and hiring managers: the openings they hire for, and an opening's pipeline board. Cards
 * move one stage at a time, by drag and drop onto the next column or with the card's button
 * (keyboard); each move carries the version seen, so a concurrent move is refused and reloaded.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Badge, EmptyState, ErrorMessage, Loading, PageHeader, Status } from '../../components/ui';
import { MoveApplicationDocument, OpeningPipelineDocument, OpeningsForHiringDocument, type ApplicationStatus } from '../../generated/graphql';
import { Link } from '../../router';

const STAGES: ApplicationStatus[] = ['SUBMITTED', 'SCREENING', 'INTERVIEWING', 'OFFER', 'HIRED'];
const LABEL: Record<string, string> = { SUBMITTED: 'Submitted', SCREENING: 'Screening', INTERVIEWING: 'Interviewing', OFFER: 'Offer', HIRED: 'Hired' };

export function HiringOpeningsPage() {
  const { data, loading, error } = useQuery(OpeningsForHiringDocument, { fetchPolicy: 'cache-and-network' });
  const list = data?.openingsForHiring.edges.map((e) => e.node) ?? [];
  return (
    <>
      <PageHeader title="Hiring" lead="Openings you hire for, and their pipelines." />
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {data && !list.length && <EmptyState title="No openings" />}
      <ul className="plain-list" aria-label="Openings you hire for">
        {list.map((o) => (
          <li key={o.id} className="item">
            <Link to={`/org/openings/${o.id}`}>{o.title}</Link> <Badge>{o.status.toLowerCase()}</Badge> · {o.applicationCount ?? 0} applications
          </li>
        ))}
      </ul>
    </>
  );
}

export function PipelinePage({ params }: { params: Record<string, string> }) {
  const { data, loading, error, refetch } = useQuery(OpeningPipelineDocument, { variables: { openingId: params.id }, fetchPolicy: 'cache-and-network' });
  const [move, moving] = useMutation(MoveApplicationDocument);
  const [status, setStatus] = useState('');
  const [over, setOver] = useState<string | null>(null);
  if (loading && !data) return <Loading />;
  if (!data) return <ErrorMessage error={error} />;
  const apps = data.applications.edges.map((e) => e.node);
  const byId = new Map(apps.map((a) => [a.id, a]));
  const doMove = async (id: string, to: ApplicationStatus) => {
    const a = byId.get(id);
    if (!a) return;
    const from = STAGES.indexOf(a.status);
    if (STAGES.indexOf(to) !== from + 1) return setStatus(`Move ${a.applicant.fullName} one stage at a time.`);
    setStatus('');
    try {
      await move({ variables: { input: { applicationId: id, expectedVersion: a.version, to } } });
      setStatus(`${a.applicant.fullName} moved to ${LABEL[to]}.`);
    } finally {
      await refetch();
    }
  };
  return (
    <>
      <PageHeader title={`Pipeline: ${data.opening.title}`} actions={<Link to="/org/openings">All openings</Link>} />
      <ErrorMessage error={moving.error} />
      <Status>{status}</Status>
      <div className="pipeline">
        {STAGES.map((stage) => {
          const cards = apps.filter((a) => a.status === stage);
          return (
            <section
              key={stage}
              className={`pipeline-column${over === stage ? ' drop' : ''}`}
              aria-label={LABEL[stage]}
              data-stage={stage}
              onDragOver={(e) => {
                e.preventDefault();
                setOver(stage);
              }}
              onDragLeave={() => setOver(null)}
              onDrop={(e) => {
                e.preventDefault();
                setOver(null);
                void doMove(e.dataTransfer.getData('text/plain'), stage).catch(() => undefined);
              }}
            >
              <h2>
                {LABEL[stage]} <span className="person-meta">({cards.length})</span>
              </h2>
              <ul className="plain-list">
                {cards.map((a) => {
                  const next = STAGES[STAGES.indexOf(stage) + 1];
                  return (
                    <li key={a.id} className="item pipeline-card" draggable onDragStart={(e) => e.dataTransfer.setData('text/plain', a.id)}>
                      <strong>{a.applicant.fullName}</strong>
                      <span className="person-meta"> {a.applicant.title}</span>
                      {a.match && <p>{a.match.score}% match</p>}
                      {next && (
                        <button type="button" className="btn btn-secondary btn-small" disabled={moving.loading} onClick={() => void doMove(a.id, next).catch(() => undefined)}>
                          Move<span className="visually-hidden"> {a.applicant.fullName}</span> to {LABEL[next]}
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
      </div>
    </>
  );
}
