import { Caller, isHr, Role } from '../tenancy/caller';

/** The roles whose actions are audited. */
export const AUDITED_ROLES: readonly Role[] = [Role.HR_ADMIN, Role.ORG_ADMIN];

/**
 * Mutations open to more than HR (no HR role in their @Roles) in which HR may act *as HR*: the
 * service lets an HR admin or org admin do what otherwise only the owner, chair, hiring manager
 * or releasing manager may do (`isHr(caller)` in the service's permission check). They are
 * audited when the caller holds HR_ADMIN or ORG_ADMIN. The audit spec checks every name here is
 * a real mutation; a new mutation with an `isHr` permission check belongs in this list.
 */
export const HR_CAPACITY_MUTATIONS: ReadonlySet<string> = new Set([
  // openings: HR or the hiring manager / the releasing manager
  'moveApplication',
  'agreeReleaseDate',
  // projects: the owner or HR; the participant's manager or HR
  'updateProject',
  'publishProject',
  'closeProject',
  'completeProject',
  'acceptProjectRequest',
  'declineProjectRequest',
  'approveProjectParticipation',
  'refuseProjectParticipation',
  // committees: the chair or HR
  'openCommitteeSeats',
  'closeCommitteeSeatOpening',
  'selectCommitteeApplicant',
  'rejectCommitteeApplication',
]);

/**
 * The role under which `caller` performs mutation `action`, when it is audited; undefined when
 * it is not. `needed` is the @Roles() metadata of the resolver method (or its class).
 * - @Roles(...) naming HR_ADMIN or ORG_ADMIN: always audited, as the first of those roles the
 *   caller holds, in the decorator's order (`@Roles(HR_ADMIN, ORG_ADMIN)` by an HR admin → HR_ADMIN).
 * - listed in HR_CAPACITY_MUTATIONS: audited when the caller holds an HR role (HR_ADMIN first).
 */
export function auditRole(needed: readonly Role[] | undefined, caller: Caller | undefined, action: string): Role.HR_ADMIN | Role.ORG_ADMIN | undefined {
  if (!caller) return undefined;
  const privileged = (needed ?? []).filter((r) => AUDITED_ROLES.includes(r));
  if (privileged.length) {
    const held = privileged.find((r) => caller.roles.includes(r));
    return held as Role.HR_ADMIN | Role.ORG_ADMIN | undefined;
  }
  if (HR_CAPACITY_MUTATIONS.has(action) && isHr(caller)) {
    return caller.roles.includes(Role.HR_ADMIN) ? Role.HR_ADMIN : Role.ORG_ADMIN;
  }
  return undefined;
}

/** Whether a mutation with this @Roles() metadata is audited for every caller allowed to run it. */
export function alwaysAudited(needed: readonly Role[] | undefined): boolean {
  return (needed ?? []).some((r) => AUDITED_ROLES.includes(r));
}
