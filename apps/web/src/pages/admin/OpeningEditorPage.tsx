/**
 * HR: create and edit an internal opening (every field the API accepts: department, hiring
 * manager, level, location, remote policy, positions, closing date, Markdown description with a
 * preview, required skills with a minimum level and a weight, nice-to-have skills, visibility
 * targeting), and move it through its life: publish, pause, reopen, close (filled / cancelled,
 * optionally rejecting the live applications with one feedback). Errors are shown next to the
 * field the API names (`extensions.field`), and state conflicts in words.
 */
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Combobox } from '../../components/Combobox';
import { EmployeePicker, type PickedEmployee } from '../../components/EmployeePicker';
import { TagInput } from '../../components/TagInput';
import { Badge, Card, Checkbox, ErrorMessage, Loading, Notice, PageHeader, SelectField, Status, TextArea, TextField } from '../../components/ui';
import { DepartmentsDocument, SearchSkillsDocument, type RemotePolicy, type SkillFieldsFragment } from '../../generated/graphql';
import { CloseOpeningDocument, CreateOpeningDocument, OpeningForEditDocument, PauseOpeningDocument, PublishOpeningDocument, ReopenOpeningDocument, UpdateOpeningDocument, type OpeningCloseReason, type OpeningEditFieldsFragment } from '../../generated/lazy';
import { describeError, errorCode, PROFICIENCY_LABELS } from '../../lib/format';
import { MarkdownPreview } from '../../lib/markdown';
import { CombinedGraphQLErrors } from '@apollo/client';
import { Link, navigate } from '../../router';

interface RequiredRow {
  skill: { id: string; name: string };
  minProficiency: number;
  weight: number;
}

interface FormState {
  title: string;
  departmentId: string;
  hiringManager: PickedEmployee | null;
  level: string;
  location: string;
  remotePolicy: RemotePolicy;
  positions: string;
  closesOn: string;
  description: string;
  required: RequiredRow[];
  niceToHave: { id: string; name: string }[];
  everyone: boolean;
  departmentIds: string[];
  levels: number[];
  locations: string[];
}

const REMOTE: Record<RemotePolicy, string> = { ONSITE: 'On site', HYBRID: 'Hybrid', REMOTE: 'Remote' };
const STATUS_LABEL: Record<string, string> = { DRAFT: 'Draft', PUBLISHED: 'Published', PAUSED: 'Paused', CLOSED: 'Closed' };

/** A local date (YYYY-MM-DD) from an ISO instant, and back (the end of that day, local time). */
const toLocalDay = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const endOfDay = (day: string) => new Date(`${day}T23:59:59`).toISOString();

function fromOpening(o: OpeningEditFieldsFragment | null): FormState {
  return {
    title: o?.title ?? '',
    departmentId: o?.department.id ?? '',
    hiringManager: o ? { id: o.hiringManager.id, fullName: o.hiringManager.fullName } : null,
    level: String(o?.level ?? 4),
    location: o?.location ?? '',
    remotePolicy: o?.remotePolicy ?? 'ONSITE',
    positions: String(o?.positions ?? 1),
    closesOn: o?.closesAt ? toLocalDay(o.closesAt) : '',
    description: o?.description ?? '',
    required: o?.requiredSkills.map((r) => ({ skill: r.skill, minProficiency: r.minProficiency, weight: r.weight })) ?? [],
    niceToHave: o?.niceToHaveSkills.map((s) => ({ id: s.id, name: s.name })) ?? [],
    everyone: o?.visibility?.everyone ?? true,
    departmentIds: o?.visibility?.departmentIds ?? [],
    levels: o?.visibility?.levels ?? [],
    locations: o?.visibility?.locations ?? [],
  };
}

/** The field an API error names (`extensions.field`, e.g. "input.title" -> "title"). */
function errorField(error: unknown): string | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const f = error.errors[0]?.extensions?.field;
  return typeof f === 'string' ? (f.split('.').pop() ?? null) : null;
}

/** State conflicts in words (the API's message says what is allowed). */
function conflictText(error: unknown): string | null {
  if (errorCode(error) !== 'CONFLICT' || !CombinedGraphQLErrors.is(error)) return null;
  const reason = error.errors[0]?.extensions?.reason;
  if (reason === 'STALE_VERSION') return 'Someone changed this opening since you opened it. Reload the page to see their changes, then edit again.';
  return describeError(error);
}

function OpeningForm({ opening, onSaved }: { opening: OpeningEditFieldsFragment | null; onSaved: (o: { id: string }, created: boolean) => void }) {
  const client = useApolloClient();
  const departments = useQuery(DepartmentsDocument, { variables: { includeInactive: false } });
  const [create, creating] = useMutation(CreateOpeningDocument);
  const [update, updating] = useMutation(UpdateOpeningDocument);
  const [f, setF] = useState<FormState>(() => fromOpening(opening));
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setF((s) => ({ ...s, [key]: value }));
  const depts = departments.data?.departments ?? [];
  const busy = creating.loading || updating.loading;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const p: Record<string, string> = {};
    if (!f.title.trim()) p.title = 'Enter a title.';
    if (!f.departmentId) p.departmentId = 'Choose the department that hires.';
    if (!f.hiringManager) p.hiringManagerId = 'Choose the hiring manager.';
    const level = Number(f.level);
    if (!Number.isInteger(level) || level < 1 || level > 12) p.level = 'A level from 1 to 12.';
    const positions = Number(f.positions);
    if (!Number.isInteger(positions) || positions < 1 || positions > 100) p.positions = 'From 1 to 100 positions.';
    if (!f.everyone && !f.departmentIds.length && !f.levels.length && !f.locations.length) p.visibility = 'Choose who sees it: departments, levels or locations (or everyone).';
    setProblems(p);
    if (Object.keys(p).length) return;
    const input = {
      title: f.title.trim(),
      departmentId: f.departmentId,
      hiringManagerId: f.hiringManager!.id,
      level,
      location: f.location.trim() || null,
      remotePolicy: f.remotePolicy,
      positions,
      closesAt: f.closesOn ? endOfDay(f.closesOn) : null,
      description: f.description,
      requiredSkills: f.required.map((r) => ({ skillId: r.skill.id, minProficiency: r.minProficiency, weight: r.weight })),
      niceToHaveSkillIds: f.niceToHave.map((s) => s.id),
      visibility: f.everyone ? { everyone: true } : { everyone: false, departmentIds: f.departmentIds, levels: f.levels, locations: f.locations },
    };
    try {
      if (opening) {
        const { data } = await update({ variables: { id: opening.id, input: { ...input, expectedVersion: opening.version } } });
        if (data) onSaved(data.updateOpening, false);
      } else {
        const { data } = await create({ variables: { input } });
        if (data) onSaved(data.createOpening, true);
      }
    } catch (err) {
      setError(err);
      const field = errorField(err);
      if (field) setProblems({ [field]: describeError(err) });
    }
  };

  const searchSkills = async (text: string, exclude: string[]) => {
    const { data } = await client.query({ query: SearchSkillsDocument, variables: { search: text, first: 8 }, fetchPolicy: 'network-only' });
    return (data?.skills ?? []).filter((s) => !exclude.includes(s.id));
  };
  const taken = [...f.required.map((r) => r.skill.id), ...f.niceToHave.map((s) => s.id)];

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={opening ? 'Edit the opening' : 'New opening'}>
      <Card title="The role">
        <TextField label="Title" required value={f.title} onChange={(v) => set('title', v)} error={problems.title} maxLength={200} />
        <div className="grid grid-2">
          <div className="field">
            <SelectField label="Department" value={f.departmentId} onChange={(v) => set('departmentId', v)} required aria-invalid={problems.departmentId ? true : undefined}>
              <option value="">Choose a department</option>
              {depts.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </SelectField>
            {problems.departmentId && <p className="field-error">{problems.departmentId}</p>}
          </div>
          <div className="field">
            <EmployeePicker label="Hiring manager" value={f.hiringManager} onChange={(v) => set('hiringManager', v)} />
            {problems.hiringManagerId && <p className="field-error">{problems.hiringManagerId}</p>}
          </div>
        </div>
        <div className="grid grid-3">
          <TextField label="Level" type="number" min={1} max={12} value={f.level} onChange={(v) => set('level', v)} error={problems.level} hint="1 to 12" />
          <TextField label="Positions" type="number" min={1} max={100} value={f.positions} onChange={(v) => set('positions', v)} error={problems.positions} />
          <TextField label="Closing date" type="date" value={f.closesOn} onChange={(v) => set('closesOn', v)} error={problems.closesAt} hint="Applications close at the end of that day" />
        </div>
        <div className="grid grid-2">
          <TextField label="Location" value={f.location} onChange={(v) => set('location', v)} error={problems.location} placeholder="e.g. Lisbon" />
          <SelectField label="Remote policy" value={f.remotePolicy} onChange={(v) => set('remotePolicy', v as RemotePolicy)}>
            {(Object.keys(REMOTE) as RemotePolicy[]).map((r) => (
              <option key={r} value={r}>
                {REMOTE[r]}
              </option>
            ))}
          </SelectField>
        </div>
      </Card>

      <Card title="Description">
        <div className="segmented" role="group" aria-label="Description view">
          <button type="button" aria-pressed={tab === 'write'} onClick={() => setTab('write')}>
            Write
          </button>
          <button type="button" aria-pressed={tab === 'preview'} onClick={() => setTab('preview')}>
            Preview
          </button>
        </div>
        {tab === 'write' ? (
          <TextArea label="Description (Markdown)" value={f.description} onChange={(v) => set('description', v)} rows={8} maxLength={20000} hint="**bold**, *italic*, lists with -, headings with #, [links](https://…)" />
        ) : (
          <section className="markdown-preview" aria-label="Description preview">
            {f.description.trim() ? <MarkdownPreview source={f.description} /> : <p className="hint">Nothing to preview yet.</p>}
          </section>
        )}
        {problems.description && <p className="field-error">{problems.description}</p>}
      </Card>

      <Card title="Skills">
        <Combobox<SkillFieldsFragment>
          label="Add a required skill"
          placeholder="Search the skills"
          search={(text) => searchSkills(text, taken)}
          getKey={(s) => s.id}
          getLabel={(s) => s.name}
          onSelect={(s) => set('required', [...f.required, { skill: { id: s.id, name: s.name }, minProficiency: 3, weight: 1 }])}
        />
        {f.required.length > 0 && (
          <ul className="plain-list" aria-label="Required skills">
            {f.required.map((r) => (
              <li key={r.skill.id} className="skill-row">
                <span className="skill-name">{r.skill.name}</span>
                <SelectField
                  label={`Minimum level in ${r.skill.name}`}
                  value={String(r.minProficiency)}
                  onChange={(v) => set('required', f.required.map((x) => (x.skill.id === r.skill.id ? { ...x, minProficiency: Number(v) } : x)))}
                >
                  {[1, 2, 3, 4, 5].map((l) => (
                    <option key={l} value={l}>
                      {l} · {PROFICIENCY_LABELS[l]}
                    </option>
                  ))}
                </SelectField>
                <SelectField
                  label={`Weight of ${r.skill.name}`}
                  value={String(r.weight)}
                  onChange={(v) => set('required', f.required.map((x) => (x.skill.id === r.skill.id ? { ...x, weight: Number(v) } : x)))}
                >
                  {[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((w) => (
                    <option key={w} value={w}>
                      {w}
                    </option>
                  ))}
                </SelectField>
                <button type="button" className="btn btn-ghost btn-small" onClick={() => set('required', f.required.filter((x) => x.skill.id !== r.skill.id))}>
                  Remove<span className="visually-hidden"> {r.skill.name}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {problems.requiredSkills && <p className="field-error">{problems.requiredSkills}</p>}
        <Combobox<SkillFieldsFragment>
          label="Add a nice-to-have skill"
          placeholder="Search the skills"
          hint="Listed on the opening, not scored"
          search={(text) => searchSkills(text, taken)}
          getKey={(s) => s.id}
          getLabel={(s) => s.name}
          onSelect={(s) => set('niceToHave', [...f.niceToHave, { id: s.id, name: s.name }])}
        />
        {f.niceToHave.length > 0 && (
          <ul className="tags" aria-label="Nice-to-have skills">
            {f.niceToHave.map((s) => (
              <li key={s.id} className="tag">
                {s.name}
                <button type="button" className="tag-remove" onClick={() => set('niceToHave', f.niceToHave.filter((x) => x.id !== s.id))}>
                  <span aria-hidden="true">×</span>
                  <span className="visually-hidden">Remove {s.name}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title="Who sees it">
        <Checkbox label="Everyone in the organization" checked={f.everyone} onChange={(v) => set('everyone', v)} />
        {!f.everyone && (
          <>
            <fieldset className="field">
              <legend>Departments (and every department below them)</legend>
              <div className="grid grid-3 tight">
                {depts.map((d) => (
                  <Checkbox
                    key={d.id}
                    label={d.name}
                    checked={f.departmentIds.includes(d.id)}
                    onChange={(on) => set('departmentIds', on ? [...f.departmentIds, d.id] : f.departmentIds.filter((x) => x !== d.id))}
                  />
                ))}
              </div>
            </fieldset>
            <fieldset className="field">
              <legend>Levels</legend>
              <div className="grid grid-3 tight">
                {Array.from({ length: 12 }, (_, i) => i + 1).map((l) => (
                  <Checkbox key={l} label={`Level ${l}`} checked={f.levels.includes(l)} onChange={(on) => set('levels', on ? [...f.levels, l].sort((a, b) => a - b) : f.levels.filter((x) => x !== l))} />
                ))}
              </div>
            </fieldset>
            <TagInput label="Locations" values={f.locations} onChange={(v) => set('locations', v)} max={50} maxLength={100} placeholder="e.g. Lisbon, then Enter" />
          </>
        )}
        {problems.visibility && (
          <p className="field-error" role="alert">
            {problems.visibility}
          </p>
        )}
      </Card>

      {error !== null && !errorField(error) && <div className="alert alert-error" role="alert">{conflictText(error) ?? describeError(error)}</div>}
      {error !== null && errorField(error) && (
        <div className="alert alert-error" role="alert">
          Please check the form: {describeError(error)}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {opening ? 'Save changes' : 'Save as draft'}
        </button>
        <Link to="/org/openings">Cancel</Link>
      </div>
    </form>
  );
}

export function OpeningCreatePage() {
  return (
    <>
      <PageHeader title="New opening" lead="Saved as a draft, visible to HR only until you publish it." actions={<Link to="/org/openings">All openings</Link>} />
      <OpeningForm opening={null} onSaved={(o) => navigate(`/org/openings/${o.id}/edit?created=1`)} />
    </>
  );
}

function Lifecycle({ opening, onChanged }: { opening: OpeningEditFieldsFragment; onChanged: (message: string) => void }) {
  const [publish, publishing] = useMutation(PublishOpeningDocument);
  const [pause, pausing] = useMutation(PauseOpeningDocument);
  const [reopen, reopening] = useMutation(ReopenOpeningDocument);
  const [close, closing] = useMutation(CloseOpeningDocument);
  const [error, setError] = useState<unknown>(null);
  const [reason, setReason] = useState<OpeningCloseReason>('CANCELLED');
  const [rejectAll, setRejectAll] = useState(false);
  const [feedback, setFeedback] = useState('');
  const [reopenOn, setReopenOn] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const busy = publishing.loading || pausing.loading || reopening.loading || closing.loading;
  const run = async (action: () => Promise<unknown>, message: string) => {
    setError(null);
    setProblem(null);
    try {
      await action();
      onChanged(message);
    } catch (err) {
      setError(err);
    }
  };
  const s = opening.status;
  return (
    <Card title="Status" actions={<Badge tone={s === 'PUBLISHED' ? 'success' : s === 'CLOSED' ? 'neutral' : 'warning'}>{STATUS_LABEL[s]}</Badge>}>
      {s === 'CLOSED' && opening.closeReason && <p>Closed as {opening.closeReason.toLowerCase()}.</p>}
      <div className="form-actions">
        {s === 'DRAFT' && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void run(() => publish({ variables: { id: opening.id } }), 'Published: the employees it targets can see it and apply.')}>
            Publish
          </button>
        )}
        {s === 'PUBLISHED' && (
          <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void run(() => pause({ variables: { id: opening.id } }), 'Paused: hidden from search, no new applications.')}>
            Pause
          </button>
        )}
      </div>
      {(s === 'PAUSED' || s === 'CLOSED') && (
        <div className="grid grid-2">
          <TextField label="New closing date (if the current one has passed)" type="date" value={reopenOn} onChange={setReopenOn} />
          <div className="field">
            <span className="label" aria-hidden="true">
              &nbsp;
            </span>
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy}
              onClick={() => void run(() => reopen({ variables: { id: opening.id, closesAt: reopenOn ? endOfDay(reopenOn) : null } }), 'Published again.')}
            >
              Reopen
            </button>
          </div>
        </div>
      )}
      {s !== 'CLOSED' && (
        <fieldset className="field">
          <legend>Close the opening</legend>
          <SelectField label="Reason" value={reason} onChange={(v) => setReason(v as OpeningCloseReason)}>
            <option value="CANCELLED">Cancelled</option>
            <option value="FILLED">Filled</option>
          </SelectField>
          <Checkbox label="Reject every live application with one feedback" checked={rejectAll} onChange={setRejectAll} />
          {rejectAll && <TextArea label="Feedback to the applicants" value={feedback} onChange={setFeedback} rows={3} />}
          <button
            type="button"
            className="btn btn-danger"
            disabled={busy}
            onClick={() => {
              if (rejectAll && !feedback.trim()) return setProblem('Write the feedback the applicants will read, or untick the rejection.');
              void run(
                () => close({ variables: { id: opening.id, reason, rejectLiveApplicationsWithFeedback: rejectAll ? feedback.trim() : null } }),
                `Closed as ${reason.toLowerCase()}.`,
              );
            }}
          >
            Close opening
          </button>
        </fieldset>
      )}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {error !== null && (
        <div className="alert alert-error" role="alert">
          {conflictText(error) ?? describeError(error)}
        </div>
      )}
    </Card>
  );
}

export function OpeningEditPage({ params }: { params: Record<string, string> }) {
  const { data, loading, error, refetch } = useQuery(OpeningForEditDocument, { variables: { id: params.id }, fetchPolicy: 'network-only' });
  const [status, setStatus] = useState(() => (new URLSearchParams(window.location.search).get('created') ? 'Saved as a draft.' : ''));
  const [formKey, setFormKey] = useState(0);
  if (loading && !data) return <Loading />;
  if (!data) return <ErrorMessage error={error} />;
  const o = data.opening;
  return (
    <>
      <PageHeader
        title={`Edit: ${o.title}`}
        lead={`${o.department.name} · level ${o.level} · ${o.positionsFilled} of ${o.positions} filled`}
        actions={<Link to={`/org/openings/${o.id}`}>Pipeline</Link>}
      />
      <Status>{status}</Status>
      {o.status === 'PUBLISHED' && <Notice>Changing the skills, level or targeting of a published opening recommends it again to the people it now fits.</Notice>}
      <Lifecycle
        opening={o}
        onChanged={(message) => {
          setStatus(message);
          void refetch().then(() => setFormKey((k) => k + 1));
        }}
      />
      <OpeningForm
        key={`${o.id}-${o.version}-${formKey}`}
        opening={o}
        onSaved={() => {
          setStatus('Changes saved.');
          void refetch().then(() => setFormKey((k) => k + 1));
        }}
      />
    </>
  );
}
