/**
 * Research meetings: ask a person, or the leader of a business unit, for a 30-minute conversation
 * with a purpose and questions ("people to meet" suggests whom); as the invitee, propose up to
 * three times or decline; as the requester, pick one; both can download the calendar invite and
 * cancel. Hosts set whether they take requests and a monthly capacity, and see their queue.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { EmployeePicker, type PickedEmployee } from '../components/EmployeePicker';
import { Badge, Card, Checkbox, EmptyState, ErrorMessage, Loading, PageHeader, SelectField, Status, TextArea, TextField } from '../components/ui';
import { DepartmentsDocument } from '../generated/graphql';
import { CancelResearchMeetingDocument, ChooseMeetingSlotDocument, DeclineResearchMeetingDocument, MeetingHostDocument, MyResearchMeetingsDocument, PeopleToMeetDocument, ProposeMeetingSlotsDocument, RequestResearchMeetingDocument, UpdateMyMeetingSettingsDocument, type MeetingFieldsFragment, type ResearchMeetingStatus } from '../generated/lazy';
import { describeError, formatDate } from '../lib/format';
import { useViewer } from '../viewer';

const REFETCH = [{ query: MyResearchMeetingsDocument }, { query: MeetingHostDocument }];
const STATUS: Record<ResearchMeetingStatus, string> = {
  QUEUED: 'In the queue',
  REQUESTED: 'Requested',
  PROPOSED: 'Times proposed',
  SCHEDULED: 'Scheduled',
  COMPLETED: 'Completed',
  DECLINED: 'Declined',
  CANCELLED: 'Cancelled',
};
const OPEN: ResearchMeetingStatus[] = ['QUEUED', 'REQUESTED', 'PROPOSED', 'SCHEDULED'];
const when = (iso: string) => new Date(iso).toLocaleString('en', { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

function downloadIcs(m: MeetingFieldsFragment): void {
  if (!m.ics) return;
  const url = URL.createObjectURL(new Blob([m.ics], { type: 'text/calendar;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `research-meeting-${(m.startsAt ?? '').slice(0, 10)}.ics`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function RequestCard({ person, setPerson }: { person: PickedEmployee | null; setPerson: (p: PickedEmployee | null) => void }) {
  const departments = useQuery(DepartmentsDocument, { variables: { includeInactive: false } });
  const [request, requesting] = useMutation(RequestResearchMeetingDocument, { refetchQueries: REFETCH, awaitRefetchQueries: true });
  const [target, setTarget] = useState<'PERSON' | 'UNIT'>('PERSON');
  const [unitId, setUnitId] = useState('');
  const [purpose, setPurpose] = useState('');
  const [questions, setQuestions] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const units = (departments.data?.departments ?? []).filter((d) => d.kind === 'BUSINESS_UNIT' && d.leader);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus('');
    if (target === 'PERSON' && !person) return setProblem('Choose the person you would like to meet.');
    if (target === 'UNIT' && !unitId) return setProblem('Choose a business unit.');
    if (!purpose.trim()) return setProblem('Say why you would like to meet.');
    const qs = questions
      .split('\n')
      .map((q) => q.trim())
      .filter(Boolean);
    if (qs.length > 10) return setProblem('Ask up to 10 questions.');
    setProblem(null);
    try {
      const { data } = await request({
        variables: { input: { ...(target === 'PERSON' ? { inviteeId: person!.id } : { businessUnitId: unitId }), purpose: purpose.trim(), questions: qs } },
      });
      const r = data?.requestResearchMeeting;
      if (!r) return;
      if (r.__typename === 'ResearchMeeting') {
        setStatus(
          r.status === 'QUEUED'
            ? `${r.invitee.fullName} has no place left this month: your request is number ${r.queuePosition ?? '?'} in their queue.`
            : `Request sent to ${r.invitee.fullName}. They will propose times.`,
        );
        setPurpose('');
        setQuestions('');
        setPerson(null);
      } else setProblem(r.message);
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  return (
    <Card title="Ask for a research meeting" id="request-meeting">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="segmented" role="group" aria-label="Whom to meet">
          <button type="button" aria-pressed={target === 'PERSON'} onClick={() => setTarget('PERSON')}>
            A person
          </button>
          <button type="button" aria-pressed={target === 'UNIT'} onClick={() => setTarget('UNIT')}>
            A business unit leader
          </button>
        </div>
        {target === 'PERSON' ? (
          <EmployeePicker label="Person to meet" value={person} onChange={setPerson} />
        ) : (
          <SelectField label="Business unit" value={unitId} onChange={setUnitId}>
            <option value="">Choose a business unit</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} (led by {u.leader!.fullName})
              </option>
            ))}
          </SelectField>
        )}
        <TextArea label="Purpose" hint="30 minutes: what you would like to learn" value={purpose} onChange={setPurpose} rows={3} maxLength={1000} />
        <TextArea label="Questions (one per line)" value={questions} onChange={setQuestions} rows={3} />
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={requesting.loading}>
            Send request
          </button>
        </div>
        <Status>{status}</Status>
      </form>
    </Card>
  );
}

function PeopleToMeetCard({ onPick }: { onPick: (p: PickedEmployee) => void }) {
  const { data, error } = useQuery(PeopleToMeetDocument, { fetchPolicy: 'cache-and-network' });
  const list = data?.peopleToMeet.edges.map((e) => e.node) ?? [];
  return (
    <Card title="People to meet">
      <ErrorMessage error={error} />
      {data && !list.length && <EmptyState title="No suggestion yet">Add target roles or departments to your profile to get suggestions.</EmptyState>}
      <ul className="plain-list" aria-label="People to meet">
        {list.map((p) => (
          <li key={p.employeeId} className="item">
            <strong>{p.employee.fullName}</strong> <span className="person-meta">{p.employee.title}</span>
            <p className="hint">{p.explanation}</p>
            <button
              type="button"
              className="btn btn-secondary btn-small"
              onClick={() => {
                onPick({ id: p.employee.id, fullName: p.employee.fullName });
                document.getElementById('request-meeting')?.scrollIntoView({ block: 'start' });
              }}
            >
              Ask to meet<span className="visually-hidden"> {p.employee.fullName}</span>
            </button>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function ProposeForm({ m, onDone }: { m: MeetingFieldsFragment; onDone: (message: string) => void }) {
  const [propose, proposing] = useMutation(ProposeMeetingSlotsDocument, { refetchQueries: REFETCH });
  const [slots, setSlots] = useState(['', '', '']);
  const [problem, setProblem] = useState<string | null>(null);
  const name = m.requester.fullName;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const chosen = slots.filter(Boolean).map((s) => new Date(s));
    if (!chosen.length) return setProblem('Propose at least one time.');
    if (chosen.some((d) => Number.isNaN(d.getTime()) || d.getTime() <= Date.now())) return setProblem('Propose times in the future.');
    setProblem(null);
    try {
      await propose({ variables: { input: { meetingId: m.id, slots: chosen.map((d) => d.toISOString()) } } });
      onDone(`Times proposed to ${name}.`);
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={`Propose times to ${name}`}>
      <fieldset className="field">
        <legend>Propose up to three times (30 minutes each)</legend>
        <div className="grid grid-3 tight">
          {slots.map((s, i) => (
            <TextField key={i} label={`Time ${i + 1}`} type="datetime-local" value={s} onChange={(v) => setSlots((all) => all.map((x, j) => (j === i ? v : x)))} />
          ))}
        </div>
      </fieldset>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="btn btn-primary btn-small" disabled={proposing.loading}>
        Propose times<span className="visually-hidden"> to {name}</span>
      </button>
    </form>
  );
}

function MeetingItem({ m, mine }: { m: MeetingFieldsFragment; mine: boolean }) {
  const [choose, choosing] = useMutation(ChooseMeetingSlotDocument, { refetchQueries: REFETCH });
  const [cancel, cancelling] = useMutation(CancelResearchMeetingDocument, { refetchQueries: REFETCH });
  const [decline, declining] = useMutation(DeclineResearchMeetingDocument, { refetchQueries: REFETCH });
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const other = mine ? m.invitee : m.requester;
  const run = async (action: () => Promise<unknown>, message: string) => {
    setError(null);
    try {
      await action();
      setStatus(message);
    } catch (err) {
      setError(err);
    }
  };
  const busy = choosing.loading || cancelling.loading || declining.loading;
  const canCancel = mine ? OPEN.includes(m.status) : m.status === 'SCHEDULED';
  const canDecline = !mine && ['QUEUED', 'REQUESTED', 'PROPOSED'].includes(m.status);
  return (
    <li className="item">
      <h3>
        {mine ? `With ${other.fullName}` : `From ${other.fullName}`} <span className="person-meta">{other.title}</span>
      </h3>
      <p>
        <Badge tone={m.status === 'SCHEDULED' ? 'success' : OPEN.includes(m.status) ? 'accent' : 'neutral'}>{STATUS[m.status]}</Badge>
        {m.businessUnit && ` · as leader of ${m.businessUnit.name}`}
        {m.status === 'QUEUED' && m.queuePosition && ` · number ${m.queuePosition} in the queue`}
        {m.startsAt && m.status === 'SCHEDULED' && ` · ${when(m.startsAt)}`}
        {m.status === 'DECLINED' && m.declineReason && ` · ${m.declineReason}`}
        {m.status === 'CANCELLED' && m.cancelReason && ` · ${m.cancelReason}`}
      </p>
      <p>{m.purpose}</p>
      {m.questions.length > 0 && (
        <ul aria-label="Questions">
          {m.questions.map((q) => (
            <li key={q}>{q}</li>
          ))}
        </ul>
      )}
      {mine && m.status === 'PROPOSED' && (
        <div className="form-actions" role="group" aria-label={`Times proposed by ${other.fullName}`}>
          {m.proposedSlots.map((s) => (
            <button key={s} type="button" className="btn btn-primary btn-small" disabled={busy} onClick={() => void run(() => choose({ variables: { id: m.id, startsAt: s } }), `Scheduled for ${when(s)}. Download the invite for your calendar.`)}>
              Pick {when(s)}
            </button>
          ))}
        </div>
      )}
      {!mine && (m.status === 'REQUESTED' || m.status === 'PROPOSED') && (
        <>
          {m.status === 'PROPOSED' && <p className="hint">You proposed: {m.proposedSlots.map(when).join(', ')}. Waiting for {other.fullName} to pick one.</p>}
          <ProposeForm m={m} onDone={setStatus} />
        </>
      )}
      <div className="form-actions">
        {m.status === 'SCHEDULED' && m.ics && (
          <button type="button" className="btn btn-secondary btn-small" onClick={() => downloadIcs(m)}>
            Download invite<span className="visually-hidden"> for the meeting with {other.fullName}</span>
          </button>
        )}
        {canDecline && (
          <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={() => void run(() => decline({ variables: { id: m.id } }), 'Declined.')}>
            Decline<span className="visually-hidden"> the request from {other.fullName}</span>
          </button>
        )}
        {canCancel && (
          <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={() => void run(() => cancel({ variables: { id: m.id } }), 'Cancelled.')}>
            Cancel<span className="visually-hidden"> the meeting with {other.fullName}</span>
          </button>
        )}
      </div>
      {error !== null && (
        <p className="field-error" role="alert">
          {describeError(error)}
        </p>
      )}
      <Status>{status}</Status>
    </li>
  );
}

function HostCard() {
  const { data, loading, error } = useQuery(MeetingHostDocument, { fetchPolicy: 'cache-and-network' });
  const [save, saving] = useMutation(UpdateMyMeetingSettingsDocument, { refetchQueries: [{ query: MeetingHostDocument }] });
  const [capacity, setCapacity] = useState<string | null>(null);
  // MeetingSettings has no id (not normalized): the box follows the click at once.
  const [accepting, setAccepting] = useState<boolean | null>(null);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (loading && !data) return <Loading />;
  if (!data) return <ErrorMessage error={error} />;
  const s = data.myMeetingSettings;
  const value = capacity ?? (s.monthlyCapacity === null || s.monthlyCapacity === undefined ? '' : String(s.monthlyCapacity));
  const queue = data.myMeetingQueue.edges.map((e) => e.node);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = value.trim() === '' ? null : Number(value);
    if (n !== null && (!Number.isInteger(n) || n < 0 || n > 100)) return setProblem('A number from 0 to 100, or empty for no limit.');
    setProblem(null);
    try {
      await save({ variables: { input: { monthlyCapacity: n } } });
      setStatus(n === null ? 'No monthly limit.' : `Up to ${n} meetings a month.`);
      setCapacity(null);
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  return (
    <Card title="As a host">
      <Checkbox
        label="I take research meeting requests"
        checked={accepting ?? s.acceptingRequests}
        disabled={saving.loading}
        onChange={(acceptingRequests) => {
          setAccepting(acceptingRequests);
          void save({ variables: { input: { acceptingRequests } } })
            .then(() => setStatus(acceptingRequests ? 'You take requests again.' : 'You no longer take requests, and are not suggested to anyone.'))
            .catch((err) => {
              setAccepting(null);
              setProblem(describeError(err));
            });
        }}
      />
      <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField label="Meetings per month" type="number" min={0} max={100} value={value} onChange={setCapacity} hint="Empty: no limit. Requests beyond it wait in your queue." error={problem} />
        <button type="submit" className="btn btn-secondary btn-small" disabled={saving.loading}>
          Save capacity
        </button>
      </form>
      <p>
        {s.usedThisMonth} taken in {s.month} · {s.queueLength} waiting
      </p>
      <Status>{status}</Status>
      {queue.length > 0 && (
        <>
          <h3>Your queue</h3>
          <ol aria-label="Your queue">
            {queue.map((m) => (
              <li key={m.id}>
                {m.requester.fullName} — {m.purpose} <span className="person-meta">(asked {formatDate(m.requestedAt)})</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </Card>
  );
}

export function MeetingsPage() {
  const viewer = useViewer();
  const { data, loading, error } = useQuery(MyResearchMeetingsDocument, { fetchPolicy: 'cache-and-network' });
  const [person, setPerson] = useState<PickedEmployee | null>(null);
  const meetings = data?.myResearchMeetings.edges.map((e) => e.node) ?? [];
  const asked = meetings.filter((m) => m.requester.id === viewer.id);
  const received = meetings.filter((m) => m.requester.id !== viewer.id);
  return (
    <>
      <PageHeader title="Research meetings" lead="Thirty minutes with someone in a role or a department you are curious about." />
      <div className="grid grid-2">
        <RequestCard person={person} setPerson={setPerson} />
        <PeopleToMeetCard onPick={setPerson} />
      </div>
      <ErrorMessage error={error} />
      {loading && !data && <Loading />}
      <div className="grid grid-2">
        <Card title="Meetings you asked for">
          {data && !asked.length && <EmptyState title="None yet" />}
          <ul className="plain-list" aria-label="Meetings you asked for">
            {asked.map((m) => (
              <MeetingItem key={m.id} m={m} mine />
            ))}
          </ul>
        </Card>
        <Card title="Requests to meet you">
          {data && !received.length && <EmptyState title="None yet" />}
          <ul className="plain-list" aria-label="Requests to meet you">
            {received.map((m) => (
              <MeetingItem key={m.id} m={m} mine={false} />
            ))}
          </ul>
        </Card>
      </div>
      <HostCard />
    </>
  );
}
