/**
 * HR / org admin: create an employee, or edit one (record, reporting line, roles, active).
 * Only an org admin grants or removes ORG_ADMIN; EMPLOYEE is always kept (the API enforces both).
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { EmployeePicker, type PickedEmployee } from '../../components/EmployeePicker';
import { Badge, Card, Checkbox, ErrorMessage, Loading, Notice, PageHeader, SelectField, TextField } from '../../components/ui';
import {
  AdminEmployeeDocument,
  CreateEmployeeDocument,
  DeactivateEmployeeDocument,
  DepartmentsDocument,
  ReactivateEmployeeDocument,
  SetEmployeeRolesDocument,
  UpdateEmployeeDocument,
  type AdminEmployeeFieldsFragment,
  type Role,
} from '../../generated/graphql';
import { Link, navigate, useLocation } from '../../router';
import { useViewer } from '../../viewer';

interface Draft {
  firstName: string;
  lastName: string;
  email: string;
  title: string;
  level: string;
  departmentId: string;
  manager: PickedEmployee | null;
  location: string;
  timeZone: string;
}

const empty: Draft = { firstName: '', lastName: '', email: '', title: '', level: '3', departmentId: '', manager: null, location: '', timeZone: '' };

function fromEmployee(e: AdminEmployeeFieldsFragment): Draft {
  return {
    firstName: e.firstName,
    lastName: e.lastName,
    email: e.email,
    title: e.title,
    level: String(e.level),
    departmentId: e.departmentId ?? '',
    manager: e.manager ? { id: e.manager.id, fullName: e.manager.fullName } : null,
    location: e.location ?? '',
    timeZone: e.timeZone,
  };
}

/** Errors left once the user changed the fields in `patch`. */
function withoutKeys<T extends object>(errors: T, patch: object): T {
  const next = { ...errors };
  for (const k of Object.keys(patch)) delete next[k as keyof T];
  return next;
}

function validate(d: Draft): Partial<Record<keyof Draft, string>> {
  const errors: Partial<Record<keyof Draft, string>> = {};
  if (!d.firstName.trim()) errors.firstName = 'Enter a first name';
  if (!d.lastName.trim()) errors.lastName = 'Enter a last name';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(d.email.trim())) errors.email = 'Enter an email address such as name@example.com';
  if (!d.title.trim()) errors.title = 'Enter a job title';
  const level = Number(d.level);
  if (!Number.isInteger(level) || level < 1 || level > 12) errors.level = 'A level from 1 to 12';
  return errors;
}

function EmployeeFields({ draft, set, errors, selfId }: { draft: Draft; set: (patch: Partial<Draft>) => void; errors: Partial<Record<keyof Draft, string>>; selfId?: string }) {
  const departments = useQuery(DepartmentsDocument, { variables: { includeInactive: false } });
  return (
    <div className="grid grid-2 tight">
      <TextField label="First name" required value={draft.firstName} onChange={(v) => set({ firstName: v })} error={errors.firstName} maxLength={100} autoComplete="off" />
      <TextField label="Last name" required value={draft.lastName} onChange={(v) => set({ lastName: v })} error={errors.lastName} maxLength={100} autoComplete="off" />
      <TextField label="Work email" required type="email" value={draft.email} onChange={(v) => set({ email: v })} error={errors.email} maxLength={254} autoComplete="off" />
      <TextField label="Job title" required value={draft.title} onChange={(v) => set({ title: v })} error={errors.title} maxLength={120} />
      <TextField label="Level" required type="number" min={1} max={12} value={draft.level} onChange={(v) => set({ level: v })} error={errors.level} hint="1 to 12" />
      <SelectField label="Department" value={draft.departmentId} onChange={(v) => set({ departmentId: v })}>
        <option value="">No department</option>
        {departments.data?.departments.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </SelectField>
      <EmployeePicker label="Manager" value={draft.manager} onChange={(m) => set({ manager: m })} exclude={selfId} />
      <TextField label="Location" value={draft.location} onChange={(v) => set({ location: v })} maxLength={120} placeholder="City, country" />
      <TextField label="Time zone" value={draft.timeZone} onChange={(v) => set({ timeZone: v })} placeholder="e.g. Europe/Paris" hint="IANA name; empty keeps the organization default" />
    </div>
  );
}

export function EmployeeCreatePage() {
  const [draft, setDraft] = useState<Draft>(empty);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const [create, { loading, error }] = useMutation(CreateEmployeeDocument);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems = validate(draft);
    setErrors(problems);
    if (Object.keys(problems).length) {
      document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    try {
      const { data } = await create({
        variables: {
          input: {
            firstName: draft.firstName.trim(),
            lastName: draft.lastName.trim(),
            email: draft.email.trim(),
            title: draft.title.trim(),
            level: Number(draft.level),
            departmentId: draft.departmentId || null,
            managerId: draft.manager?.id ?? null,
            location: draft.location.trim() || null,
            timeZone: draft.timeZone.trim() || null,
          },
        },
        refetchQueries: ['AdminEmployees'],
      });
      if (data) navigate(`/org/employees/${data.createEmployee.id}?created=1`);
    } catch {
      // Shown from the mutation's error state.
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <PageHeader title="New employee" lead="They can sign in as soon as their record exists." />
      <Card title="Employee record">
        <EmployeeFields draft={draft} set={(p) => {
            setDraft((d) => ({ ...d, ...p }));
            setErrors((e) => withoutKeys(e, p));
          }} errors={errors} />
      </Card>
      <ErrorMessage error={error} title="Not created." />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={loading}>
          {loading ? 'Creating…' : 'Create employee'}
        </button>
        <Link to="/org/employees" className="btn btn-ghost">
          Cancel
        </Link>
      </div>
    </form>
  );
}

export function EmployeeEditPage({ params }: { params: Record<string, string> }) {
  const { data, loading, error } = useQuery(AdminEmployeeDocument, { variables: { id: params.id } });
  if (!data) {
    return (
      <>
        <PageHeader title="Employee" />
        {loading ? <Loading /> : <ErrorMessage error={error} />}
      </>
    );
  }
  return <EditEmployee key={data.employee.id} employee={data.employee} />;
}

function EditEmployee({ employee }: { employee: AdminEmployeeFieldsFragment }) {
  const viewer = useViewer();
  const { search } = useLocation();
  const [draft, setDraft] = useState<Draft>(() => fromEmployee(employee));
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const [status, setStatus] = useState('');
  const [rolesStatus, setRolesStatus] = useState('');
  const [activeStatus, setActiveStatus] = useState('');
  // Roles change at once on screen, and go back if the API refuses.
  const [roles, setRolesShown] = useState<Role[]>(employee.roles);
  useEffect(() => setRolesShown(employee.roles), [employee.roles]);
  const [update, updating] = useMutation(UpdateEmployeeDocument);
  const [setRoles, settingRoles] = useMutation(SetEmployeeRolesDocument);
  const [deactivate, deactivating] = useMutation(DeactivateEmployeeDocument);
  const [reactivate, reactivating] = useMutation(ReactivateEmployeeDocument);

  async function save(e: FormEvent) {
    e.preventDefault();
    const problems = validate(draft);
    setErrors(problems);
    setStatus('');
    if (Object.keys(problems).length) return;
    try {
      await update({
        variables: {
          id: employee.id,
          input: {
            firstName: draft.firstName.trim(),
            lastName: draft.lastName.trim(),
            email: draft.email.trim(),
            title: draft.title.trim(),
            level: Number(draft.level),
            departmentId: draft.departmentId || null,
            managerId: draft.manager?.id ?? null,
            location: draft.location.trim(),
            ...(draft.timeZone.trim() ? { timeZone: draft.timeZone.trim() } : {}),
          },
        },
      });
      setStatus('Saved.');
    } catch {
      // Shown from the mutation's error state.
    }
  }

  async function toggleRole(role: Role, on: boolean) {
    const next = new Set(roles);
    if (on) next.add(role);
    else next.delete(role);
    setRolesShown([...next]);
    setRolesStatus('');
    try {
      await setRoles({ variables: { employeeId: employee.id, roles: [...next] } });
      setRolesStatus('Roles updated.');
    } catch {
      setRolesShown(employee.roles);
    }
  }

  const self = employee.id === viewer.id;
  return (
    <>
      <form onSubmit={save} noValidate>
        <PageHeader
          title={employee.fullName}
          lead={
            <>
              {employee.title} · {employee.email} {!employee.active && <Badge tone="warning">Deactivated</Badge>}
            </>
          }
          actions={
            <Link to={`/people/${employee.id}`} className="btn btn-ghost">
              View profile
            </Link>
          }
        />
        {search.get('created') && <Notice kind="success">Created {employee.fullName}. They can sign in now.</Notice>}
        <Card title="Employee record">
          <EmployeeFields draft={draft} set={(p) => {
            setDraft((d) => ({ ...d, ...p }));
            setErrors((e) => withoutKeys(e, p));
          }} errors={errors} selfId={employee.id} />
        </Card>
        <ErrorMessage error={updating.error} title="Not saved." />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={updating.loading}>
            {updating.loading ? 'Saving…' : 'Save changes'}
          </button>
          <p role="status" aria-live="polite" className="status">
            {status}
          </p>
        </div>
      </form>

      <div className="grid grid-2">
        <Card title="Roles">
          <p className="hint">Everyone is an employee. Being a manager follows from reporting lines.</p>
          <Checkbox label="HR admin" checked={roles.includes('HR_ADMIN')} disabled={settingRoles.loading} onChange={(on) => void toggleRole('HR_ADMIN', on)} />
          <Checkbox
            label="Org admin"
            checked={roles.includes('ORG_ADMIN')}
            disabled={settingRoles.loading || !viewer.isOrgAdmin}
            hint={viewer.isOrgAdmin ? undefined : 'Only an org admin grants or removes this role.'}
            onChange={(on) => void toggleRole('ORG_ADMIN', on)}
          />
          <p role="status" aria-live="polite" className="status">
            {rolesStatus}
          </p>
          <ErrorMessage error={settingRoles.error} />
        </Card>
        <Card title="Status">
          {employee.active ? (
            <>
              <p>Deactivating ends their access at once. Their history stays.</p>
              <button
                type="button"
                className="btn btn-danger"
                disabled={deactivating.loading || self}
                onClick={() => {
                  if (window.confirm(`Deactivate ${employee.fullName}? They will no longer be able to sign in.`)) {
                    void deactivate({ variables: { id: employee.id } }).then(() => setActiveStatus('Deactivated.'), () => undefined);
                  }
                }}
              >
                Deactivate
              </button>
              {self && <p className="hint">You cannot deactivate yourself.</p>}
            </>
          ) : (
            <>
              <p>This person cannot sign in.</p>
              <button type="button" className="btn btn-secondary" disabled={reactivating.loading} onClick={() => void reactivate({ variables: { id: employee.id } }).then(() => setActiveStatus('Reactivated.'), () => undefined)}>
                Reactivate
              </button>
            </>
          )}
          <p role="status" aria-live="polite" className="status">
            {activeStatus}
          </p>
          <ErrorMessage error={deactivating.error ?? reactivating.error} />
        </Card>
      </div>
    </>
  );
}
