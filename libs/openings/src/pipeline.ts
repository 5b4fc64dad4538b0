import { registerEnumType } from '@nestjs/graphql';
import { AppError, ErrorCode } from '@waypoint/core';

/**
 * The two explicit state machines of this module, as pure functions: an opening's lifecycle and
 * an application's pipeline. Services call the `assert*` functions before any write; an illegal
 * move is a CONFLICT with `extensions.reason` = ILLEGAL_TRANSITION and the moves that are allowed.
 */

export enum OpeningStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  PAUSED = 'PAUSED',
  CLOSED = 'CLOSED',
}
registerEnumType(OpeningStatus, {
  name: 'OpeningStatus',
  description: 'DRAFT (HR only) -> PUBLISHED <-> PAUSED; any of them -> CLOSED; PAUSED or CLOSED -> PUBLISHED again (reopen)',
});

export enum OpeningCloseReason {
  FILLED = 'FILLED',
  CANCELLED = 'CANCELLED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(OpeningCloseReason, { name: 'OpeningCloseReason', description: 'EXPIRED is set by the expiry job when the closing date passes' });

export enum OpeningAction {
  PUBLISH = 'PUBLISH',
  PAUSE = 'PAUSE',
  REOPEN = 'REOPEN',
  CLOSE = 'CLOSE',
  EDIT = 'EDIT',
}

const OPENING_ACTIONS: Record<OpeningAction, { from: OpeningStatus[]; to?: OpeningStatus }> = {
  [OpeningAction.PUBLISH]: { from: [OpeningStatus.DRAFT], to: OpeningStatus.PUBLISHED },
  [OpeningAction.PAUSE]: { from: [OpeningStatus.PUBLISHED], to: OpeningStatus.PAUSED },
  [OpeningAction.REOPEN]: { from: [OpeningStatus.PAUSED, OpeningStatus.CLOSED], to: OpeningStatus.PUBLISHED },
  [OpeningAction.CLOSE]: { from: [OpeningStatus.DRAFT, OpeningStatus.PUBLISHED, OpeningStatus.PAUSED], to: OpeningStatus.CLOSED },
  [OpeningAction.EDIT]: { from: [OpeningStatus.DRAFT, OpeningStatus.PUBLISHED, OpeningStatus.PAUSED] },
};

export function openingActionAllowed(status: OpeningStatus, action: OpeningAction): boolean {
  return OPENING_ACTIONS[action].from.includes(status);
}

/** The status an action leads to (EDIT keeps the status). */
export function openingActionTarget(status: OpeningStatus, action: OpeningAction): OpeningStatus {
  return OPENING_ACTIONS[action].to ?? status;
}

export function assertOpeningAction(status: OpeningStatus, action: OpeningAction): void {
  if (openingActionAllowed(status, action)) return;
  const allowed = Object.values(OpeningAction).filter((a) => openingActionAllowed(status, a));
  throw new AppError(ErrorCode.CONFLICT, `Cannot ${action.toLowerCase()} an opening that is ${status}`, {
    reason: 'ILLEGAL_TRANSITION',
    from: status,
    action,
    allowed,
  });
}

export enum ApplicationStatus {
  SUBMITTED = 'SUBMITTED',
  SCREENING = 'SCREENING',
  INTERVIEWING = 'INTERVIEWING',
  OFFER = 'OFFER',
  HIRED = 'HIRED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(ApplicationStatus, {
  name: 'ApplicationStatus',
  description: 'SUBMITTED -> SCREENING -> INTERVIEWING -> OFFER -> HIRED; REJECTED (with feedback) or WITHDRAWN (by the applicant) from any stage before HIRED',
});

/** The stage at which an application becomes visible to the applicant's manager chain. */
export enum DisclosureStage {
  SUBMITTED = 'SUBMITTED',
  SCREENING = 'SCREENING',
  INTERVIEWING = 'INTERVIEWING',
  OFFER = 'OFFER',
  HIRED = 'HIRED',
}
registerEnumType(DisclosureStage, {
  name: 'DisclosureStage',
  description: 'When your manager (and their managers) may see your application: once it reaches this stage',
});

/** The forward stages, in order. REJECTED and WITHDRAWN are exits, not stages. */
export const PIPELINE_STAGES: readonly ApplicationStatus[] = [
  ApplicationStatus.SUBMITTED,
  ApplicationStatus.SCREENING,
  ApplicationStatus.INTERVIEWING,
  ApplicationStatus.OFFER,
  ApplicationStatus.HIRED,
];

const NEXT: Record<ApplicationStatus, ApplicationStatus[]> = {
  [ApplicationStatus.SUBMITTED]: [ApplicationStatus.SCREENING, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN],
  [ApplicationStatus.SCREENING]: [ApplicationStatus.INTERVIEWING, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN],
  [ApplicationStatus.INTERVIEWING]: [ApplicationStatus.OFFER, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN],
  [ApplicationStatus.OFFER]: [ApplicationStatus.HIRED, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN],
  [ApplicationStatus.HIRED]: [],
  [ApplicationStatus.REJECTED]: [],
  [ApplicationStatus.WITHDRAWN]: [],
};

export function allowedTransitions(from: ApplicationStatus): readonly ApplicationStatus[] {
  return NEXT[from];
}

export function canTransition(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return NEXT[from].includes(to);
}

export function isTerminal(status: ApplicationStatus): boolean {
  return NEXT[status].length === 0;
}

/** A live application takes part in the pipeline (not HIRED, REJECTED or WITHDRAWN). */
export function isLive(status: ApplicationStatus): boolean {
  return !isTerminal(status);
}

export function assertTransition(from: ApplicationStatus, to: ApplicationStatus): void {
  if (canTransition(from, to)) return;
  const allowed = allowedTransitions(from);
  throw new AppError(
    ErrorCode.CONFLICT,
    allowed.length
      ? `An application in ${from} can move to ${allowed.join(', ')}, not to ${to}`
      : `The application is ${from}: it cannot move any more`,
    { reason: 'ILLEGAL_TRANSITION', from, to, allowed },
  );
}

/** Position of a forward stage (SUBMITTED = 0 ... HIRED = 4); -1 for REJECTED and WITHDRAWN. */
export function stageIndex(status: ApplicationStatus | DisclosureStage): number {
  return PIPELINE_STAGES.indexOf(status as ApplicationStatus);
}

/** Whether reaching `status` discloses an application whose applicant chose `discloseAt`. */
export function reachesDisclosure(status: ApplicationStatus, discloseAt: DisclosureStage): boolean {
  const at = stageIndex(status);
  return at >= 0 && at >= stageIndex(discloseAt);
}
