import { ClosedReason, MentoringRole, ProposalResponse, ProposalStatus } from './enums';

/** The part of a proposal its state machine reads and writes. */
export interface ProposalState {
  status: ProposalStatus;
  menteeId: string;
  mentorId: string;
  menteeResponse: ProposalResponse;
  mentorResponse: ProposalResponse;
  menteeRespondedAt: Date | null;
  mentorRespondedAt: Date | null;
  closedReason: ClosedReason | null;
  closedAt: Date | null;
  publishedAt: Date | null;
}

/** The caller's side of a proposal, or null when they are neither the mentee nor the mentor. */
export function sideOf(p: Pick<ProposalState, 'menteeId' | 'mentorId'>, employeeId: string): MentoringRole | null {
  if (p.menteeId === employeeId) return MentoringRole.MENTEE;
  if (p.mentorId === employeeId) return MentoringRole.MENTOR;
  return null;
}

export const isOpen = (p: Pick<ProposalState, 'status'>) => p.status === ProposalStatus.PUBLISHED;

/** A published proposal that one side accepted holds one of the mentor's seats. */
export const holdsSeat = (p: ProposalState) =>
  isOpen(p) && (p.menteeResponse === ProposalResponse.ACCEPTED || p.mentorResponse === ProposalResponse.ACCEPTED);

const responseOf = (p: ProposalState, side: MentoringRole) => (side === MentoringRole.MENTEE ? p.menteeResponse : p.mentorResponse);

export type AcceptStep =
  /** This side had already accepted: nothing to do. */
  | { kind: 'already' }
  /** The acceptance takes a seat: check the mentor's untaken seats first. */
  | { kind: 'takes-seat' }
  /** The other side's acceptance already holds the seat. */
  | { kind: 'seat-held' };

/** What accepting means for `side`; throws a reason when the proposal cannot be accepted. */
export function acceptStep(p: ProposalState, side: MentoringRole): AcceptStep {
  if (!isOpen(p)) throw new ProposalClosed(p.status);
  if (responseOf(p, side) === ProposalResponse.ACCEPTED) return { kind: 'already' };
  return holdsSeat(p) ? { kind: 'seat-held' } : { kind: 'takes-seat' };
}

/** Records `side`'s acceptance; returns true when both have now accepted (the mentorship starts). */
export function accept(p: ProposalState, side: MentoringRole, now: Date): boolean {
  if (side === MentoringRole.MENTEE) {
    p.menteeResponse = ProposalResponse.ACCEPTED;
    p.menteeRespondedAt = now;
  } else {
    p.mentorResponse = ProposalResponse.ACCEPTED;
    p.mentorRespondedAt = now;
  }
  const both = p.menteeResponse === ProposalResponse.ACCEPTED && p.mentorResponse === ProposalResponse.ACCEPTED;
  if (both) {
    p.status = ProposalStatus.ACCEPTED;
    p.closedAt = now;
  }
  return both;
}

/** `side` declines: the proposal closes (and its seat, if it held one, is released). */
export function decline(p: ProposalState, side: MentoringRole, now: Date, reason?: ClosedReason): void {
  if (!isOpen(p)) throw new ProposalClosed(p.status);
  if (side === MentoringRole.MENTEE) {
    p.menteeResponse = ProposalResponse.DECLINED;
    p.menteeRespondedAt = now;
  } else {
    p.mentorResponse = ProposalResponse.DECLINED;
    p.mentorRespondedAt = now;
  }
  close(p, reason ?? (side === MentoringRole.MENTEE ? ClosedReason.DECLINED_BY_MENTEE : ClosedReason.DECLINED_BY_MENTOR), now);
}

/** Closes an open proposal without a mentorship (expiry, capacity, opt-out). */
export function close(p: ProposalState, reason: ClosedReason, now: Date, status = closedStatus(reason)): void {
  if (!isOpen(p)) throw new ProposalClosed(p.status);
  p.status = status;
  p.closedReason = reason;
  p.closedAt = now;
}

export function closedStatus(reason: ClosedReason): ProposalStatus {
  switch (reason) {
    case ClosedReason.MENTOR_INACTIVE:
    case ClosedReason.ROUND_CLOSED:
      return ProposalStatus.EXPIRED;
    case ClosedReason.WITHDRAWN_BY_HR:
    case ClosedReason.NO_LONGER_ELIGIBLE:
      return ProposalStatus.WITHDRAWN;
    default:
      return ProposalStatus.DECLINED;
  }
}

export class ProposalClosed extends Error {
  constructor(readonly status: ProposalStatus) {
    super(`This proposal is ${status.toLowerCase()}: it can no longer be answered`);
  }
}
