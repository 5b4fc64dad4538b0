/**
 * Mentoring for everyone: become a mentor, find a mentor (suggestions with their reasons, a
 * request), answer proposals, and the mentorships (sessions, calendar invites, feedback).
 * Match reasons may quote the mentee's private aspirations: the API gives them to the mentee and
 * HR only (null for the mentor), so this page shows them only when present.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Badge, Card, EmptyState, ErrorMessage, Loading, PageHeader, SelectField, Status, TextArea, TextField } from '../components/ui';
import {
  AcceptMentoringProposalDocument,
  CompleteMentorshipDocument,
  DeclineMentoringProposalDocument,
  LogMentoringSessionDocument,
  MentorSuggestionsDocument,
  MyMentoringDocument,
  MyMentoringProposalsDocument,
  MyMentorshipsDocument,
  OptInAsMenteeDocument,
  OptInAsMentorDocument,
  RequestMentorDocument,
  type MentorshipFieldsFragment,
  type MyMentoringQuery,
  type ProposalFieldsFragment,
  type SessionFieldsFragment,
} from '../generated/graphql';
import { formatDate } from '../lib/format';

const REFETCH = ['MyMentoring', 'MyMentoringProposals', 'MyMentorships', 'MentorSuggestions'];

export function MentoringPage() {
  const { data, loading, error } = useQuery(MyMentoringDocument, { fetchPolicy: 'cache-and-network' });
  return (
    <>
      <PageHeader title="Mentoring" lead="Share what you know, or find someone to learn from. Your manager does not see your mentorships." />
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {data && (
        <>
          <div className="grid grid-2">
            <MentorCard profile={data.myMentorProfile} />
            <MenteeCard profile={data.myMenteeProfile} />
          </div>
          {data.myMenteeProfile?.status === 'ACTIVE' && <SuggestionsCard />}
          <ProposalsCard />
          <MentorshipsCard />
        </>
      )}
    </>
  );
}

type MentoringData = MyMentoringQuery;

function MentorCard({ profile }: { profile: MentoringData['myMentorProfile'] }) {
  const active = profile?.status === 'ACTIVE';
  const [capacity, setCapacity] = useState(String(profile?.capacity ?? 2));
  const [availability, setAvailability] = useState(profile?.availability ?? '');
  const [status, setStatus] = useState('');
  const [optIn, { loading, error }] = useMutation(OptInAsMentorDocument, { refetchQueries: REFETCH });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus('');
    await optIn({ variables: { input: { capacity: Number(capacity), availability, topicSkillIds: profile?.topics.map((t) => t.id) ?? [] } } });
    setStatus(active ? 'Mentor profile updated.' : 'You are now a mentor.');
  };
  return (
    <Card title="Mentor others">
      {active ? (
        <p>
          <Badge tone="success">Mentor</Badge> {profile!.seats.free} of {profile!.capacity} seats free
          {profile!.topics.length > 0 && ` · Topics: ${profile!.topics.map((t) => t.name).join(', ')}`}
        </p>
      ) : (
        <p>{profile?.status === 'PAUSED' ? 'Your mentor profile is paused. Opt in again to receive proposals.' : 'Mentors are proposed to colleagues who want to learn what they teach (the skills you can teach, on your profile).'}</p>
      )}
      <form onSubmit={(e) => void submit(e).catch(() => undefined)} noValidate>
        <SelectField label="Mentees at a time" value={capacity} onChange={setCapacity}>
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </SelectField>
        <TextField label="Availability" hint="For example: Tuesday afternoons" value={availability} onChange={setAvailability} />
        <ErrorMessage error={error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={loading}>
            {active ? 'Update mentor profile' : 'Become a mentor'}
          </button>
        </div>
        <Status>{status}</Status>
      </form>
    </Card>
  );
}

function MenteeCard({ profile }: { profile: MentoringData['myMenteeProfile'] }) {
  const active = profile?.status === 'ACTIVE';
  const [goals, setGoals] = useState(profile?.goals ?? '');
  const [status, setStatus] = useState('');
  const [optIn, { loading, error }] = useMutation(OptInAsMenteeDocument, { refetchQueries: REFETCH });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus('');
    await optIn({ variables: { input: { goals, learnSkillIds: profile?.learnSkills.map((s) => s.id) ?? [] } } });
    setStatus(active ? 'Goals saved.' : 'You are looking for a mentor.');
  };
  return (
    <Card title="Find a mentor">
      {active ? (
        <p>
          <Badge tone="accent">Looking for a mentor</Badge>
          {profile!.learnSkills.length > 0 && ` Learning: ${profile!.learnSkills.map((s) => s.name).join(', ')}`}
        </p>
      ) : (
        <p>Say what you would like to learn; your mentor sees these goals.</p>
      )}
      <form onSubmit={(e) => void submit(e).catch(() => undefined)} noValidate>
        <TextArea label="Mentoring goals" value={goals} onChange={setGoals} rows={3} />
        <ErrorMessage error={error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={loading}>
            {active ? 'Save goals' : 'Look for a mentor'}
          </button>
        </div>
        <Status>{status}</Status>
      </form>
    </Card>
  );
}

function SuggestionsCard() {
  const { data, loading, error } = useQuery(MentorSuggestionsDocument, { fetchPolicy: 'cache-and-network' });
  const [request, requesting] = useMutation(RequestMentorDocument, { refetchQueries: REFETCH });
  const [messages, setMessages] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const send = async (mentorId: string, name: string) => {
    setStatus('');
    const { data: result } = await request({ variables: { mentorId, message: messages[mentorId] ?? '' } });
    const r = result?.requestMentor;
    setStatus(r?.__typename === 'MentorAtCapacityError' ? r.message : `Request sent to ${name}.`);
  };
  const list = data?.mentorSuggestions ?? [];
  return (
    <Card title="Suggested mentors">
      {loading && !data && <Loading />}
      <ErrorMessage error={error ?? requesting.error} />
      {data && !list.length && <EmptyState title="No suggestions right now">Mentors with free seats who teach what you want to learn appear here.</EmptyState>}
      <ul className="plain-list" aria-label="Suggested mentors">
        {list.map((s) => (
          <li key={s.mentorId} className="item">
            <h3 className="feed-title">{s.mentor.fullName}</h3>
            <p className="person-meta">
              {s.mentor.title} · {s.freeSeats} free {s.freeSeats === 1 ? 'seat' : 'seats'}
              {s.availability && ` · ${s.availability}`}
            </p>
            {s.reasons.length > 0 && (
              <ul className="feed-why" aria-label={`Why ${s.mentor.fullName}`}>
                {s.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            )}
            <TextField label={`Message to ${s.mentor.fullName}`} value={messages[s.mentorId] ?? ''} onChange={(v) => setMessages((m) => ({ ...m, [s.mentorId]: v }))} />
            <button type="button" className="btn btn-secondary" disabled={requesting.loading} onClick={() => void send(s.mentorId, s.mentor.fullName).catch(() => undefined)}>
              Ask {s.mentor.fullName}
            </button>
          </li>
        ))}
      </ul>
      <Status>{status}</Status>
    </Card>
  );
}

const PROPOSAL_STATUS: Record<string, string> = {
  PROPOSED: 'Awaiting HR review',
  PUBLISHED: 'Awaiting answers',
  ACCEPTED: 'Accepted',
  DECLINED: 'Declined',
  EXPIRED: 'Expired',
  WITHDRAWN: 'Withdrawn',
};

function ProposalsCard() {
  const { data, loading, error } = useQuery(MyMentoringProposalsDocument, { fetchPolicy: 'cache-and-network' });
  const [accept, accepting] = useMutation(AcceptMentoringProposalDocument, { refetchQueries: REFETCH });
  const [decline, declining] = useMutation(DeclineMentoringProposalDocument, { refetchQueries: REFETCH });
  const [status, setStatus] = useState('');
  const proposals = data?.myMentoringProposals.edges.map((e) => e.node) ?? [];
  const doAccept = async (p: ProposalFieldsFragment, other: string) => {
    setStatus('');
    const { data: result } = await accept({ variables: { id: p.id } });
    const r = result?.acceptMentoringProposal;
    if (r?.__typename === 'MentorAtCapacityError') setStatus(`${r.message} We will look for another mentor for you.`);
    else if (r?.__typename === 'MentoringProposal') setStatus(r.status === 'ACCEPTED' ? `Your mentorship with ${other} has started.` : `Accepted. Waiting for ${other}.`);
  };
  const doDecline = async (p: ProposalFieldsFragment, other: string) => {
    setStatus('');
    await decline({ variables: { id: p.id } });
    setStatus(`Declined the proposal with ${other}.`);
  };
  return (
    <Card title="Proposals">
      {loading && !data && <Loading />}
      <ErrorMessage error={error ?? accepting.error ?? declining.error} />
      {data && !proposals.length && <EmptyState title="No proposals yet" />}
      <ul className="plain-list" aria-label="Mentoring proposals">
        {proposals.map((p) => {
          const mentee = p.myRole === 'MENTEE';
          const other = mentee ? p.mentor : p.mentee;
          const mine = mentee ? p.menteeResponse : p.mentorResponse;
          const open = p.status === 'PUBLISHED' && mine === 'PENDING';
          return (
            <li key={p.id} className="item">
              <h3 className="feed-title">
                {mentee ? 'Mentor' : 'Mentee'}: {other.fullName}
              </h3>
              <p className="person-meta">
                {other.title}
                {p.roundName && ` · ${p.roundName}`}
                {p.source === 'REQUEST' && ' · a direct request'}
                {p.respondBy && open && ` · answer by ${formatDate(p.respondBy)}`}
              </p>
              <p>
                <Badge tone={p.status === 'ACCEPTED' ? 'success' : 'neutral'}>{PROPOSAL_STATUS[p.status] ?? p.status}</Badge>
                {p.status === 'PUBLISHED' && mine === 'ACCEPTED' && ' You accepted; waiting for the other side.'}
              </p>
              {p.reasons && p.reasons.length > 0 && (
                <ul className="feed-why" aria-label={`Why ${other.fullName}`}>
                  {p.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              )}
              {!mentee && p.menteeGoals && <p>Their goals: {p.menteeGoals}</p>}
              {p.requestMessage && <p>Message: {p.requestMessage}</p>}
              {open && (
                <div className="row-actions">
                  <button type="button" className="btn btn-primary" disabled={accepting.loading} onClick={() => void doAccept(p, other.fullName).catch(() => undefined)}>
                    Accept<span className="visually-hidden"> {other.fullName}</span>
                  </button>
                  <button type="button" className="btn btn-secondary" disabled={declining.loading} onClick={() => void doDecline(p, other.fullName).catch(() => undefined)}>
                    Decline<span className="visually-hidden"> {other.fullName}</span>
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <Status>{status}</Status>
    </Card>
  );
}

function MentorshipsCard() {
  const { data, loading, error } = useQuery(MyMentorshipsDocument, { fetchPolicy: 'cache-and-network' });
  const list = data?.myMentorships.edges.map((e) => e.node) ?? [];
  return (
    <Card title="Mentorships">
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {data && !list.length && <EmptyState title="No mentorships yet" />}
      {list.map((m) => (
        <MentorshipItem key={m.id} m={m} />
      ))}
    </Card>
  );
}

function downloadIcs(session: SessionFieldsFragment): void {
  if (!session.ics) return;
  const url = URL.createObjectURL(new Blob([session.ics], { type: 'text/calendar;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `mentoring-session-${session.startsAt.slice(0, 10)}.ics`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function MentorshipItem({ m }: { m: MentorshipFieldsFragment }) {
  const other = m.myRole === 'MENTEE' ? m.mentor : m.mentee;
  const sessions = m.sessions.edges.map((e) => e.node);
  const [startsAt, setStartsAt] = useState('');
  const [rating, setRating] = useState('5');
  const [comment, setComment] = useState('');
  const [status, setStatus] = useState('');
  const [log, logging] = useMutation(LogMentoringSessionDocument, { refetchQueries: ['MyMentorships'] });
  const [complete, completing] = useMutation(CompleteMentorshipDocument, { refetchQueries: ['MyMentorships', 'MyMentoring'] });
  const addSession = async (e: FormEvent) => {
    e.preventDefault();
    if (!startsAt) return setStatus('Choose a date and time.');
    await log({ variables: { input: { mentorshipId: m.id, startsAt: new Date(startsAt).toISOString() } } });
    setStatus('Session added.');
    setStartsAt('');
  };
  const finish = async (e: FormEvent) => {
    e.preventDefault();
    await complete({ variables: { id: m.id, input: { rating: Number(rating), comment } } });
    setStatus('Thank you for your feedback.');
  };
  return (
    <section className="item" aria-label={`Mentorship with ${other.fullName}`}>
      <h3 className="feed-title">
        {m.myRole === 'MENTEE' ? 'Your mentor' : 'Your mentee'}: {other.fullName}
      </h3>
      <p className="person-meta">
        Since {formatDate(m.startedAt)} · {m.heldSessionCount} sessions held · meet every {m.cadenceDays} days
        {m.status === 'COMPLETED' && m.completedAt && ` · completed ${formatDate(m.completedAt)}`}
      </p>
      {sessions.length > 0 && (
        <ul className="plain-list" aria-label={`Sessions with ${other.fullName}`}>
          {sessions.map((s) => (
            <li key={s.id}>
              {new Date(s.startsAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })} · {s.durationMinutes} min ·{' '}
              {s.status === 'CANCELLED' ? 'cancelled' : s.held ? 'held' : 'scheduled'}
              {s.ics && s.status === 'SCHEDULED' && !s.held && (
                <button type="button" className="btn btn-ghost btn-small" onClick={() => downloadIcs(s)}>
                  Download invite<span className="visually-hidden"> for {formatDate(s.startsAt)}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {m.status === 'ACTIVE' && (
        <form className="inline-form" onSubmit={(e) => void addSession(e).catch(() => undefined)} noValidate>
          <TextField label="Next session" type="datetime-local" value={startsAt} onChange={setStartsAt} />
          <button type="submit" className="btn btn-secondary" disabled={logging.loading}>
            Add session
          </button>
        </form>
      )}
      {m.myFeedback ? (
        <p>
          Your feedback: {m.myFeedback.rating}/5 — {m.myFeedback.comment}
        </p>
      ) : (
        <details>
          <summary>{m.status === 'ACTIVE' ? 'Complete and give feedback' : 'Give your feedback'}</summary>
          <form onSubmit={(e) => void finish(e).catch(() => undefined)} noValidate>
            <SelectField label="Rating" value={rating} onChange={setRating}>
              {[5, 4, 3, 2, 1].map((n) => (
                <option key={n} value={n}>
                  {n} of 5
                </option>
              ))}
            </SelectField>
            <TextArea label="Comment" value={comment} onChange={setComment} rows={3} />
            <button type="submit" className="btn btn-primary" disabled={completing.loading}>
              Send feedback
            </button>
          </form>
        </details>
      )}
      <ErrorMessage error={logging.error ?? completing.error} />
      <Status>{status}</Status>
    </section>
  );
}
