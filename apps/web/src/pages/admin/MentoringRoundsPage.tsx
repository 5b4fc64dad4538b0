/**
 * HR: mentoring rounds. The list and a new round; a round's page launches the matching, shows a
 * live progress bar (polling every second while the worker runs), the proposals with their
 * reasons, the totals and coverage, and publishes.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { Badge, Card, EmptyState, ErrorMessage, Loading, PageHeader, SelectField, Status, TextField } from '../../components/ui';
import {
  CreateMentoringRoundDocument,
  LaunchMatchingRoundDocument,
  MentoringRoundDocument,
  MentoringRoundProgressDocument,
  MentoringRoundsDocument,
  PublishMentoringRoundDocument,
  type MatchingObjective,
} from '../../generated/graphql';
import { formatDate } from '../../lib/format';
import { Link, navigate } from '../../router';

const ROUND_STATUS: Record<string, string> = {
  DRAFT: 'Draft',
  MATCHING: 'Matching',
  REVIEW: 'In review',
  PUBLISHED: 'Published',
  CLOSED: 'Closed',
  FAILED: 'Failed',
};

function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

export function MentoringRoundsPage() {
  const { data, loading, error } = useQuery(MentoringRoundsDocument, { fetchPolicy: 'cache-and-network' });
  const [create, creating] = useMutation(CreateMentoringRoundDocument, { refetchQueries: ['MentoringRounds'] });
  const [name, setName] = useState('');
  const [deadline, setDeadline] = useState(inDays(21));
  const [objective, setObjective] = useState<MatchingObjective>('SCORE');
  const [nameError, setNameError] = useState<string | null>(null);
  const rounds = data?.mentoringRounds.edges.map((e) => e.node) ?? [];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setNameError('Enter a name for the round');
    setNameError(null);
    const { data: created } = await create({
      variables: { input: { name: name.trim(), deadline: new Date(`${deadline}T23:59:59`).toISOString(), objective, includeAlreadyMentored: false } },
    });
    if (created) navigate(`/org/mentoring/${created.createMentoringRound.id}`);
  };
  return (
    <>
      <PageHeader title="Mentoring rounds" lead="Match opted-in mentees with mentors, review the proposals, then publish them." />
      <Card title="New round">
        <form onSubmit={(e) => void submit(e).catch(() => undefined)} noValidate>
          <div className="grid grid-3">
            <TextField label="Name" required value={name} onChange={setName} error={nameError} />
            <TextField label="Answers due" type="date" value={deadline} onChange={setDeadline} />
            <SelectField label="Objective" value={objective} onChange={(v) => setObjective(v as MatchingObjective)}>
              <option value="SCORE">Best matches</option>
              <option value="COVERAGE">Most mentees matched</option>
            </SelectField>
          </div>
          <ErrorMessage error={creating.error} />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={creating.loading}>
              Create round
            </button>
          </div>
        </form>
      </Card>
      <Card title="Rounds">
        {loading && !data && <Loading />}
        <ErrorMessage error={error} />
        {data && !rounds.length && <EmptyState title="No rounds yet" />}
        <ul className="plain-list" aria-label="Mentoring rounds">
          {rounds.map((r) => (
            <li key={r.id} className="item">
              <Link to={`/org/mentoring/${r.id}`}>{r.name}</Link> <Badge>{ROUND_STATUS[r.status]}</Badge>
              <span className="person-meta"> · answers due {formatDate(r.deadline)}</span>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}

/** Polls the round's progress every second while it is matching; stops by itself. */
function useRoundProgress(id: string, running: boolean, onDone: () => void) {
  const { data, startPolling, stopPolling } = useQuery(MentoringRoundProgressDocument, { variables: { id }, skip: !running, fetchPolicy: 'network-only' });
  const status = data?.mentoringRound.status;
  useEffect(() => {
    if (!running) return;
    startPolling(1000);
    return () => stopPolling();
  }, [running, startPolling, stopPolling]);
  useEffect(() => {
    if (running && status && status !== 'MATCHING') {
      stopPolling();
      onDone();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status, running]);
  return data?.mentoringRound.progress;
}

export function MentoringRoundPage({ params }: { params: Record<string, string> }) {
  const id = params.id;
  const { data, loading, error, refetch } = useQuery(MentoringRoundDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [launch, launching] = useMutation(LaunchMatchingRoundDocument);
  const [publish, publishing] = useMutation(PublishMentoringRoundDocument);
  const [status, setStatus] = useState('');
  const round = data?.mentoringRound;
  const running = round?.status === 'MATCHING';
  const live = useRoundProgress(id, running, () => {
    void refetch().then(() => setStatus('Matching finished.')).catch(() => undefined);
  });
  const progress = live ?? round?.progress;
  if (loading && !data) return <Loading />;
  if (!round) return <ErrorMessage error={error} />;
  const proposals = round.proposals.edges.map((e) => e.node);
  const unmatched = round.unmatchedMentees.edges.map((e) => e.node.employee);
  const doLaunch = async () => {
    setStatus('');
    await launch({ variables: { id } });
    await refetch();
    setStatus('Matching started.');
  };
  const doPublish = async () => {
    setStatus('');
    await publish({ variables: { id } });
    await refetch();
    setStatus('Published. Mentors and mentees are told.');
  };
  const pct = progress?.percent ?? 0;
  return (
    <>
      <PageHeader
        title={round.name}
        lead={
          <>
            <Badge>{ROUND_STATUS[round.status]}</Badge> Answers due {formatDate(round.deadline)} · {round.objective === 'SCORE' ? 'best matches' : 'most mentees matched'}
          </>
        }
        actions={<Link to="/org/mentoring">All rounds</Link>}
      />
      <ErrorMessage error={error ?? launching.error ?? publishing.error} />
      {round.lastError && round.status === 'FAILED' && <div className="alert alert-error">The matching failed: {round.lastError}</div>}
      <Card title="Matching">
        {(running || round.status !== 'DRAFT') && (
          <div className="field">
            <span className="label" id="round-progress-label">
              Progress{progress?.phase ? `: ${progress.phase}` : ''}
            </span>
            <progress aria-labelledby="round-progress-label" max={100} value={pct} className="round-progress">
              {pct}%
            </progress>
            <span> {pct}%</span>
          </div>
        )}
        <div className="row-actions">
          {['DRAFT', 'REVIEW', 'FAILED'].includes(round.status) && (
            <button type="button" className="btn btn-primary" disabled={launching.loading} onClick={() => void doLaunch().catch(() => undefined)}>
              {round.status === 'DRAFT' ? 'Launch matching' : 'Run matching again'}
            </button>
          )}
          {round.status === 'REVIEW' && (
            <button type="button" className="btn btn-primary" disabled={publishing.loading || !proposals.length} onClick={() => void doPublish().catch(() => undefined)}>
              Publish proposals
            </button>
          )}
        </div>
        <Status>{status}</Status>
      </Card>
      {round.status !== 'DRAFT' && round.status !== 'MATCHING' && (
        <>
          <Card title="Totals">
            <dl className="facts" aria-label="Round totals">
              <dt>Mentees</dt>
              <dd>{round.menteeCount ?? '—'}</dd>
              <dt>Mentors</dt>
              <dd>{round.mentorCount ?? '—'}</dd>
              <dt>Matched</dt>
              <dd>{round.matchedCount ?? 0}</dd>
              <dt>Coverage</dt>
              <dd>{round.coverage == null ? '—' : `${Math.round(round.coverage * 100)}%`}</dd>
              <dt>Average score</dt>
              <dd>{round.averageScore == null ? '—' : round.averageScore.toFixed(2)}</dd>
              <dt>Accepted</dt>
              <dd>{round.proposalCounts.accepted}</dd>
            </dl>
          </Card>
          <Card title={`Proposals (${round.proposals.totalCount})`}>
            {!proposals.length && <EmptyState title="No proposals" />}
            <ul className="plain-list" aria-label="Proposals">
              {proposals.map((p) => (
                <li key={p.id} className="item">
                  <h3 className="feed-title">
                    {p.mentee.fullName} with {p.mentor.fullName}
                  </h3>
                  <p className="person-meta">
                    Score {p.score?.toFixed(2) ?? '—'} · <Badge>{p.status.toLowerCase()}</Badge>
                  </p>
                  {p.reasons && (
                    <ul className="feed-why" aria-label={`Why ${p.mentee.fullName} with ${p.mentor.fullName}`}>
                      {p.reasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </Card>
          {unmatched.length > 0 && (
            <Card title="Unmatched mentees">
              <ul className="plain-list">
                {unmatched.map((e) => (
                  <li key={e.id}>
                    {e.fullName} · {e.title}
                  </li>
                ))}
              </ul>
            </Card>
          )}
        </>
      )}
    </>
  );
}
