import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  EMPLOYEE = 'EMPLOYEE',
  HR_ADMIN = 'HR_ADMIN',
  ORG_ADMIN = 'ORG_ADMIN',
}
registerEnumType(Role, { name: 'Role', description: 'Granted roles. "Manager" is not a role: it follows from reporting lines.' });

/** The organization a piece of work runs for. Every tenant-scoped query needs one. */
export interface OrgScope {
  readonly organizationId: string;
}

/** Who is calling: passed explicitly to every service method. */
export interface Caller extends OrgScope {
  readonly employeeId: string;
  readonly roles: readonly Role[];
}

export const isHr = (c: Caller) => c.roles.includes(Role.HR_ADMIN) || c.roles.includes(Role.ORG_ADMIN);
export const isOrgAdmin = (c: Caller) => c.roles.includes(Role.ORG_ADMIN);

/** A system caller for background jobs: scoped to one organization, acting as nobody. */
export const systemScope = (organizationId: string): OrgScope => ({ organizationId });
