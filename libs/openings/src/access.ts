import { registerEnumType } from '@nestjs/graphql';

/**
 * Who may see an internal application, and as what. The rule (see README.md, "Confidential by
 * default"), first match wins:
 *   1. the applicant                                   -> APPLICANT
 *   2. the opening's hiring manager                    -> HIRING_MANAGER (the hiring side)
 *   3. anyone above the applicant in the reporting line -> MANAGER_CHAIN once the application is
 *      disclosed, otherwise NOBODY — even when they are HR or org admins (conflict of interest)
 *   4. HR and org admins                               -> HR
 *   5. anyone else                                     -> nobody
 * `applicationViewer` is the rule over facts; `viewerSql` is the same rule in SQL, which every
 * read of applications goes through (lists, counts, single reads, nested fields).
 */
export enum ApplicationViewer {
  APPLICANT = 'APPLICANT',
  HIRING_MANAGER = 'HIRING_MANAGER',
  MANAGER_CHAIN = 'MANAGER_CHAIN',
  HR = 'HR',
}
registerEnumType(ApplicationViewer, { name: 'ApplicationViewer', description: 'Why you can see this application' });

export interface ViewerFacts {
  isApplicant: boolean;
  isHiringManager: boolean;
  /** The viewer is above the applicant in the current reporting line. */
  inApplicantChain: boolean;
  disclosed: boolean;
  isHr: boolean;
}

export function applicationViewer(f: ViewerFacts): ApplicationViewer | null {
  if (f.isApplicant) return ApplicationViewer.APPLICANT;
  if (f.isHiringManager) return ApplicationViewer.HIRING_MANAGER;
  if (f.inApplicantChain) return f.disclosed ? ApplicationViewer.MANAGER_CHAIN : null;
  if (f.isHr) return ApplicationViewer.HR;
  return null;
}

/** Fields only the applicant and the hiring side (hiring manager, HR) see: note, feedback, match, internal notes. */
export function seesHiringDetails(v: ApplicationViewer | undefined | null): boolean {
  return v === ApplicationViewer.APPLICANT || v === ApplicationViewer.HIRING_MANAGER || v === ApplicationViewer.HR;
}

export function isHiringSide(v: ApplicationViewer | undefined | null): boolean {
  return v === ApplicationViewer.HIRING_MANAGER || v === ApplicationViewer.HR;
}

/**
 * Everyone below `me` in the reporting line (the applicants `me` is in the chain of), as a
 * subquery. Arguments are SQL expressions (named or positional parameters).
 */
export function belowSql(p: { me: string; org: string }): string {
  return `(WITH RECURSIVE below(id, depth) AS (
     SELECT r.id, 1 FROM employee r WHERE r.organization_id = ${p.org} AND r.manager_id = ${p.me}
     UNION ALL
     SELECT r.id, b.depth + 1 FROM employee r JOIN below b ON r.manager_id = b.id WHERE b.depth < 50
   ) SELECT id FROM below)`;
}

/**
 * The viewer relation of `me` to application `a` of opening `o` — the rule of `applicationViewer`
 * in SQL — or NULL when they may not see it. Arguments are SQL expressions.
 */
export function viewerSql(p: { me: string; hr: string; org: string }): string {
  return `(CASE
    WHEN a.applicant_id = ${p.me} THEN 'APPLICANT'
    WHEN o.hiring_manager_id = ${p.me} THEN 'HIRING_MANAGER'
    WHEN a.applicant_id IN ${belowSql(p)} THEN (CASE WHEN a.disclosed_at IS NOT NULL THEN 'MANAGER_CHAIN' END)
    WHEN CAST(${p.hr} AS boolean) THEN 'HR'
  END)`;
}
