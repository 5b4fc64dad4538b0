/**
 * HR and hiring managers: the openings they hire for, and an opening's pipeline board. Cards
 * move one stage at a time, by drag and drop onto the next column or with the card's button
 * (keyboard); each move carries the version seen, so a concurrent move is refused and reloaded.
 * A live application can be rejected from any stage with feedback for the applicant (required by
 * the API: a message, and the skills that were missing).
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Badge, Checkbox, EmptyState, ErrorMessage, Loading, PageHeader, Status, TextArea } from '../../components/ui';
import { MoveApplicationDocument, OpeningPipelineDocument, OpeningsForHiringDocument, type ApplicationStatus, type OpeningPipelineQuery } from '../../generated/graphql';
import { describeError } from '../../lib/format';
import { Link } from '../../router';

const STAGES: ApplicationStatus[] = ['SUBMITTED', 'SCREENING', 'INTERVIEWING', 'OFFER', 'HIRED'];
const LABEL: Record<string, string> = { SUBMITTED: 'Submitted', SCREENING: 'Screening', INTERVIEWING: 'Interviewing', OFFER: 'Offer', HIRED: 'Hired' };

export function HiringOpeningsPage() {
  const { data, loading, error } = useQuery(OpeningsForHiringDocument, { fetchPolicy: 'cache-and-network' });
  const list = data?.openingsForHiring.edges.map((e) => e.node) ?? [];
  return (
    <>
      <PageHeader
        title="Hiring"
        lead="Openings you hire for, and their pipelines."
        actions={
          <Link to="/org/openings/new" className="btn btn-primary">
            New opening
          </Link>
        }
      />
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {data && !list.length && <EmptyState title="No openings" />}
      <ul className="plain-list" aria-label="Openings you hire for">
        {list.map((o) => (
          <li key={o.id} className="item">
            <Link to={`/org/openings/${o.id}`}>{o.title}</Link> <Badge>{o.status.toLowerCase()}</Badge> · {o.applicationCount ?? 0} applications ·{' '}
            <Link to={`/org/openings/${o.id}/edit`}>
              Edit<span className="visually-hidden"> {o.title}</span>
            </Link>
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
  const [rejecting, setRejecting] = useState<string | null>(null);
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
      <PageHeader
        title={`Pipeline: ${data.opening.title}`}
        actions={
          <>
            <Link to={`/org/openings/${data.opening.id}/edit`}>Edit opening</Link> <Link to="/org/openings">All openings</Link>
          </>
        }
      />
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
                      {stage !== 'HIRED' && rejecting !== a.id && (
                        <button type="button" className="btn btn-ghost btn-small" onClick={() => setRejecting(a.id)}>
                          Reject<span className="visually-hidden"> {a.applicant.fullName}</span>…
                        </button>
                      )}
                      {rejecting === a.id && (
                        <RejectForm
                          application={a}
                          opening={data.opening}
                          onCancel={() => setRejecting(null)}
                          onDone={async () => {
                            setRejecting(null);
                            setStatus(`${a.applicant.fullName} was rejected; they can read your feedback.`);
                            await refetch();
                          }}
                        />
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

type PipelineApplication = OpeningPipelineQuery['applications']['edges'][number]['node'];

/** Rejection with the feedback the applicant reads (message required) and the skills they lacked. */
function RejectForm({
  application,
  opening,
  onCancel,
  onDone,
}: {
  application: PipelineApplication;
  opening: OpeningPipelineQuery['opening'];
  onCancel: () => void;
  onDone: () => Promise<void>;
}) {
  const [move, moving] = useMutation(MoveApplicationDocument);
  const [message, setMessage] = useState('');
  const [missing, setMissing] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const skills = [...opening.requiredSkills.map((r) => r.skill), ...opening.niceToHaveSkills];
  const name = application.applicant.fullName;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!message.trim()) return setProblem(`Write the feedback ${name} will read: it is required to reject.`);
    setProblem(null);
    try {
      await move({
        variables: {
          input: { applicationId: application.id, expectedVersion: application.version, to: 'REJECTED', note, feedback: { message: message.trim(), missingSkillIds: missing } },
        },
      });
      await onDone();
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  return (
    <form className="reject-form" onSubmit={(e) => void submit(e)} noValidate aria-label={`Reject ${name}`}>
      <TextArea label={`Feedback for ${name}`} hint="Shown to the applicant: why not them, what to work on" value={message} onChange={setMessage} rows={3} required autoFocus />
      {skills.length > 0 && (
        <fieldset className="field">
          <legend>Skills that were missing</legend>
          {skills.map((s) => (
            <Checkbox key={s.id} label={s.name} checked={missing.includes(s.id)} onChange={(on) => setMissing((m) => (on ? [...m, s.id] : m.filter((x) => x !== s.id)))} />
          ))}
        </fieldset>
      )}
      <TextArea label="Internal note (hiring side only)" value={note} onChange={setNote} rows={2} />
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-danger btn-small" disabled={moving.loading}>
          Reject {name}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
