/**
 * Interview practice: log external and practice interviews (internal ones come from the pipeline)
 * with a debrief — what went well, what to improve — kept private unless shared with the direct
 * manager; edit or delete an entry; the yearly nudge opt-in.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Badge, Card, Checkbox, EmptyState, ErrorMessage, Loading, PageHeader, SelectField, Status, TextArea, TextField } from '../components/ui';
import { DeleteInterviewDocument, LogInterviewDocument, MyInterviewsDocument, SetInterviewPracticeNudgeDocument, UpdateInterviewDocument, type InterviewFieldsFragment, type InterviewKind } from '../generated/lazy';
import { describeError, formatDate } from '../lib/format';

const KIND: Record<InterviewKind, string> = { EXTERNAL: 'External', PRACTICE: 'Practice', INTERNAL: 'Internal' };
const REFETCH = [{ query: MyInterviewsDocument }];
/** Today in the browser's time zone (what a date input shows). */
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function LogInterviewCard() {
  const [log, logging] = useMutation(LogInterviewDocument, { refetchQueries: REFETCH, awaitRefetchQueries: true });
  const [kind, setKind] = useState<InterviewKind>('EXTERNAL');
  const [company, setCompany] = useState('');
  const [roleTitle, setRoleTitle] = useState('');
  const [on, setOn] = useState(today());
  const [wentWell, setWentWell] = useState('');
  const [toImprove, setToImprove] = useState('');
  const [share, setShare] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus('');
    if (!on) return setProblem('Enter the date of the interview.');
    if (on > today()) return setProblem('Log an interview once it has happened.');
    setProblem(null);
    try {
      await log({
        variables: {
          input: { kind, company: company.trim(), roleTitle: roleTitle.trim(), occurredAt: (on === today() ? new Date() : new Date(`${on}T12:00:00`)).toISOString(), wentWell, toImprove, sharedWithManager: share },
        },
      });
      setStatus(share ? 'Interview logged and shared with your manager.' : 'Interview logged. Only you can see it.');
      setCompany('');
      setRoleTitle('');
      setWentWell('');
      setToImprove('');
      setShare(false);
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  return (
    <Card title="Log an interview">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="grid grid-2">
          <SelectField label="Kind" value={kind} onChange={(v) => setKind(v as InterviewKind)}>
            <option value="EXTERNAL">External (another company)</option>
            <option value="PRACTICE">Practice (a mock interview)</option>
          </SelectField>
          <TextField label="Date" type="date" max={today()} value={on} onChange={setOn} />
        </div>
        <div className="grid grid-2">
          <TextField label="Company" value={company} onChange={setCompany} maxLength={200} />
          <TextField label="Role" value={roleTitle} onChange={setRoleTitle} maxLength={200} />
        </div>
        <TextArea label="What went well" value={wentWell} onChange={setWentWell} rows={3} />
        <TextArea label="What to improve" value={toImprove} onChange={setToImprove} rows={3} />
        <Checkbox label="Share this debrief with my manager" checked={share} onChange={setShare} hint="Only your direct manager sees shared debriefs. You can stop sharing at any time." />
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={logging.loading}>
            Log interview
          </button>
        </div>
        <Status>{status}</Status>
      </form>
    </Card>
  );
}

function InterviewItem({ i }: { i: InterviewFieldsFragment }) {
  const [update, updating] = useMutation(UpdateInterviewDocument);
  const [remove, removing] = useMutation(DeleteInterviewDocument, { refetchQueries: REFETCH });
  const [editing, setEditing] = useState(false);
  const [wentWell, setWentWell] = useState(i.wentWell);
  const [toImprove, setToImprove] = useState(i.toImprove);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const title = [KIND[i.kind], i.roleTitle, i.application?.opening.title ?? i.company].filter(Boolean).join(' · ');
  const save = async (input: { wentWell?: string; toImprove?: string; sharedWithManager?: boolean }, message: string) => {
    setError(null);
    try {
      await update({ variables: { id: i.id, input } });
      setStatus(message);
      setEditing(false);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <li className="item">
      <h3>
        {title} <span className="person-meta">· {formatDate(i.occurredAt)}</span>
      </h3>
      {i.sharedWithManager ? <Badge tone="accent">Shared with your manager</Badge> : <Badge>Private</Badge>}
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save({ wentWell, toImprove }, 'Debrief saved.');
          }}
        >
          <TextArea label="What went well" value={wentWell} onChange={setWentWell} rows={3} />
          <TextArea label="What to improve" value={toImprove} onChange={setToImprove} rows={3} />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary btn-small" disabled={updating.loading}>
              Save debrief
            </button>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <dl className="debrief">
          <dt>Went well</dt>
          <dd>{i.wentWell || '—'}</dd>
          <dt>To improve</dt>
          <dd>{i.toImprove || '—'}</dd>
        </dl>
      )}
      {!editing && (
        <div className="form-actions">
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setEditing(true)}>
            Edit debrief<span className="visually-hidden"> of {title}</span>
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            disabled={updating.loading}
            onClick={() => void save({ sharedWithManager: !i.sharedWithManager }, i.sharedWithManager ? 'No longer shared with your manager.' : 'Shared with your manager.')}
          >
            {i.sharedWithManager ? 'Stop sharing' : 'Share with my manager'}
            <span className="visually-hidden"> ({title})</span>
          </button>
          {i.kind !== 'INTERNAL' && (
            <button type="button" className="btn btn-ghost btn-small" disabled={removing.loading} onClick={() => void remove({ variables: { id: i.id } }).catch(setError)}>
              Delete<span className="visually-hidden"> {title}</span>
            </button>
          )}
        </div>
      )}
      {error !== null && (
        <p className="field-error" role="alert">
          {describeError(error)}
        </p>
      )}
      <Status>{status}</Status>
    </li>
  );
}

export function InterviewsPage() {
  const { data, loading, error } = useQuery(MyInterviewsDocument, { fetchPolicy: 'cache-and-network' });
  const [nudge, nudging] = useMutation(SetInterviewPracticeNudgeDocument, { refetchQueries: REFETCH });
  // InterviewPracticeSettings has no id (not normalized): the box follows the click at once.
  const [optIn, setOptIn] = useState<boolean | null>(null);
  const list = data?.myInterviews.edges.map((e) => e.node) ?? [];
  return (
    <>
      <PageHeader title="Interviews" lead="Interview regularly, inside and outside, as practice — and debrief: what went well, what to improve." />
      <ErrorMessage error={error} />
      <div className="grid grid-2">
        <LogInterviewCard />
        <Card title="Yearly nudge">
          {data && (
            <>
              <Checkbox
                label="Remind me when I have not interviewed for 12 months"
                checked={optIn ?? data.myInterviewPractice.nudgeOptIn}
                disabled={nudging.loading}
                onChange={(enabled) => {
                  setOptIn(enabled);
                  void nudge({ variables: { enabled } }).catch(() => setOptIn(null));
                }}
              />
              <p className="hint">
                {data.myInterviewPractice.lastInterviewAt ? `Your last interview: ${formatDate(data.myInterviewPractice.lastInterviewAt)}.` : 'No interview logged yet.'}
              </p>
            </>
          )}
          <ErrorMessage error={nudging.error} />
        </Card>
      </div>
      <Card title="Your interviews">
        {loading && !data && <Loading />}
        {data && !list.length && <EmptyState title="No interview yet">Log your first one above.</EmptyState>}
        <ul className="plain-list" aria-label="Your interviews">
          {list.map((i) => (
            <InterviewItem key={i.id} i={i} />
          ))}
        </ul>
      </Card>
    </>
  );
}
