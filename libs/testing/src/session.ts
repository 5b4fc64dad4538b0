import { randomUUID } from 'node:crypto';
import { Role, signToken, TokenClaims } from '@waypoint/core';
import { DataSource } from 'typeorm';
import { TEST_JWT_SECRET } from './platform';

const secret = new TextEncoder().encode(TEST_JWT_SECRET);

/** A token as the test API accepts it (or, with overrides, as it must refuse it). */
export function tokenFor(
  claims: TokenClaims,
  opts: { ttlSeconds?: number; issuer?: string; audience?: string; secret?: string } = {},
): Promise<string> {
  return signToken(
    opts.secret ? new TextEncoder().encode(opts.secret) : secret,
    { issuer: opts.issuer ?? 'waypoint', audience: opts.audience ?? 'waypoint' },
    claims,
    opts.ttlSeconds ?? 3600,
  );
}

export interface TestUser {
  id: string;
  organizationId: string;
  email: string;
  roles: Role[];
  token: string;
}

export async function createOrganization(db: DataSource, slug = `org-${randomUUID().slice(0, 8)}`): Promise<string> {
  const [row] = await db.query('INSERT INTO organization (slug, name) VALUES ($1, $2) RETURNING id', [slug, `Org ${slug}`]);
  return row.id;
}

export async function createDepartment(db: DataSource, organizationId: string, name: string, leaderId: string | null = null): Promise<string> {
  const [row] = await db.query('INSERT INTO department (organization_id, name, leader_id) VALUES ($1, $2, $3) RETURNING id', [
    organizationId,
    name,
    leaderId,
  ]);
  return row.id;
}

export async function createUser(
  db: DataSource,
  organizationId: string,
  fields: { firstName?: string; lastName?: string; roles?: Role[]; managerId?: string | null; departmentId?: string | null; level?: number; title?: string } = {},
): Promise<TestUser> {
  const roles = fields.roles ?? [Role.EMPLOYEE];
  const first = fields.firstName ?? 'Test';
  const last = fields.lastName ?? randomUUID().slice(0, 8);
  const email = `${first}.${last}.${randomUUID().slice(0, 6)}@example.test`.toLowerCase();
  const [row] = await db.query(
    `INSERT INTO employee (organization_id, email, first_name, last_name, title, level, roles, manager_id, department_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [organizationId, email, first, last, fields.title ?? 'Engineer', fields.level ?? 3, roles, fields.managerId ?? null, fields.departmentId ?? null],
  );
  return { id: row.id, organizationId, email, roles, token: await tokenFor({ employeeId: row.id, organizationId, roles }) };
}

export interface Session {
  organizationId: string;
  departmentId: string;
  orgAdmin: TestUser;
  hr: TestUser;
  /** Manager of `employee` and `peer`; reports to `director`. */
  manager: TestUser;
  director: TestUser;
  employee: TestUser;
  peer: TestUser;
  /** Someone in another organization. */
  outsider: TestUser;
  outsiderOrganizationId: string;
}

/** Two organizations: one with a small reporting line and every role, one with a single employee. */
export async function createSession(db: DataSource): Promise<Session> {
  const organizationId = await createOrganization(db);
  const departmentId = await createDepartment(db, organizationId, 'Engineering');
  const orgAdmin = await createUser(db, organizationId, { firstName: 'Olivia', roles: [Role.EMPLOYEE, Role.ORG_ADMIN], level: 9 });
  const hr = await createUser(db, organizationId, { firstName: 'Hana', roles: [Role.EMPLOYEE, Role.HR_ADMIN], level: 6 });
  const director = await createUser(db, organizationId, { firstName: 'Dora', level: 8, departmentId, title: 'Director' });
  const manager = await createUser(db, organizationId, { firstName: 'Mona', level: 6, managerId: director.id, departmentId, title: 'Manager' });
  const employee = await createUser(db, organizationId, { firstName: 'Eli', managerId: manager.id, departmentId });
  const peer = await createUser(db, organizationId, { firstName: 'Pia', managerId: manager.id, departmentId });
  const outsiderOrganizationId = await createOrganization(db);
  const outsider = await createUser(db, outsiderOrganizationId, { firstName: 'Otto' });
  return { organizationId, departmentId, orgAdmin, hr, manager, director, employee, peer, outsider, outsiderOrganizationId };
}
