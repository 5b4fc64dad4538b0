/** HR / org admin: departments and business units, their parent and leader; create, edit, deactivate. */
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { EmployeePicker, type PickedEmployee } from '../../components/EmployeePicker';
import { Badge, Card, ErrorMessage, Loading, PageHeader, SelectField, TextField } from '../../components/ui';
import {
  CreateDepartmentDocument,
  DeactivateDepartmentDocument,
  DepartmentsDocument,
  UpdateDepartmentDocument,
  type DepartmentKind,
  type DepartmentsQuery,
} from '../../generated/graphql';

type Department = DepartmentsQuery['departments'][number];

interface Draft {
  name: string;
  kind: DepartmentKind;
  parentId: string;
  leader: PickedEmployee | null;
}

function DepartmentForm({
  initial,
  departments,
  excludeId,
  submitLabel,
  busy,
  onSubmit,
  onCancel,
}: {
  initial: Draft;
  departments: Department[];
  excludeId?: string;
  submitLabel: string;
  busy: boolean;
  onSubmit: (d: Draft) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [nameError, setNameError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!draft.name.trim()) {
      setNameError('Enter a name');
      return;
    }
    setNameError(null);
    if ((await onSubmit(draft)) && !onCancel) setDraft(initial);
  }
  return (
    <form onSubmit={submit} noValidate className="department-form">
      <div className="grid grid-2 tight">
        <TextField label="Name" required value={draft.name} onChange={(name) => setDraft({ ...draft, name })} error={nameError} maxLength={120} />
        <SelectField label="Kind" value={draft.kind} onChange={(kind) => setDraft({ ...draft, kind: kind as DepartmentKind })}>
          <option value="DEPARTMENT">Department</option>
          <option value="BUSINESS_UNIT">Business unit</option>
        </SelectField>
        <SelectField label="Part of" value={draft.parentId} onChange={(parentId) => setDraft({ ...draft, parentId })}>
          <option value="">Top level</option>
          {departments
            .filter((d) => d.active && d.id !== excludeId)
            .map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
        </SelectField>
        <EmployeePicker label="Leader" value={draft.leader} onChange={(leader) => setDraft({ ...draft, leader })} />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

export function DepartmentsAdminPage() {
  const { data, loading, error } = useQuery(DepartmentsDocument, { variables: { includeInactive: true }, fetchPolicy: 'cache-and-network' });
  const [create, creating] = useMutation(CreateDepartmentDocument, { refetchQueries: ['Departments'] });
  const [update, updating] = useMutation(UpdateDepartmentDocument, { refetchQueries: ['Departments'] });
  const [deactivate, deactivating] = useMutation(DeactivateDepartmentDocument, { refetchQueries: ['Departments'] });
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const departments = data?.departments ?? [];

  async function onCreate(d: Draft): Promise<boolean> {
    try {
      await create({ variables: { input: { name: d.name.trim(), kind: d.kind, parentId: d.parentId || null, leaderId: d.leader?.id ?? null } } });
      setStatus(`Created ${d.name.trim()}.`);
      return true;
    } catch {
      return false;
    }
  }

  async function onUpdate(id: string, d: Draft): Promise<boolean> {
    try {
      await update({ variables: { id, input: { name: d.name.trim(), kind: d.kind, parentId: d.parentId || null, leaderId: d.leader?.id ?? null } } });
      setEditing(null);
      setStatus(`Saved ${d.name.trim()}.`);
      return true;
    } catch {
      return false;
    }
  }

  return (
    <>
      <PageHeader title="Departments" lead="Departments and business units, with their leaders. Leaders are who employees ask for research meetings." />
      <Card title="New department">
        <DepartmentForm initial={{ name: '', kind: 'DEPARTMENT', parentId: '', leader: null }} departments={departments} submitLabel={creating.loading ? 'Creating…' : 'Create department'} busy={creating.loading} onSubmit={onCreate} />
        <ErrorMessage error={creating.error} title="Not created." />
      </Card>
      <p role="status" aria-live="polite" className="status">
        {status}
      </p>
      <ErrorMessage error={error ?? updating.error ?? deactivating.error} />
      {loading && !data && <Loading />}
      <ul className="department-list" aria-label="Departments">
        {departments.map((d) => (
          <li key={d.id} className="department-item">
            {editing === d.id ? (
              <DepartmentForm
                initial={{ name: d.name, kind: d.kind, parentId: d.parentId ?? '', leader: d.leader ? { id: d.leader.id, fullName: d.leader.fullName } : null }}
                departments={departments}
                excludeId={d.id}
                submitLabel={updating.loading ? 'Saving…' : `Save ${d.name}`}
                busy={updating.loading}
                onSubmit={(draft) => onUpdate(d.id, draft)}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <div className="department-row">
                <div>
                  <h2 className="department-name">
                    {d.name} {d.kind === 'BUSINESS_UNIT' && <Badge tone="accent">business unit</Badge>} {!d.active && <Badge tone="warning">inactive</Badge>}
                  </h2>
                  <p className="hint">
                    {d.parent ? `Part of ${d.parent.name}` : 'Top level'} · {d.leader ? `Led by ${d.leader.fullName}` : 'No leader'}
                  </p>
                </div>
                <div className="row-actions">
                  <button type="button" className="btn btn-secondary btn-small" onClick={() => setEditing(d.id)}>
                    Edit<span className="visually-hidden"> {d.name}</span>
                  </button>
                  {d.active && (
                    <button
                      type="button"
                      className="btn btn-ghost btn-small"
                      disabled={deactivating.loading}
                      onClick={() => {
                        setStatus('');
                        void deactivate({ variables: { id: d.id } }).then(
                          () => setStatus(`Deactivated ${d.name}.`),
                          () => undefined,
                        );
                      }}
                    >
                      Deactivate<span className="visually-hidden"> {d.name}</span>
                    </button>
                  )}
                </div>
              </div>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
