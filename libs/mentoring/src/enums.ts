import { registerEnumType } from '@nestjs/graphql';

export enum MentorStatus {
  ACTIVE = 'ACTIVE',
  /** Paused automatically (no answer to a proposal for 14 days); opting in again resumes. */
  PAUSED = 'PAUSED',
  OPTED_OUT = 'OPTED_OUT',
}
registerEnumType(MentorStatus, { name: 'MentorStatus', description: 'PAUSED: no answer to a proposal for 14 days; opt in again (or answer a proposal) to resume' });

export enum MenteeStatus {
  ACTIVE = 'ACTIVE',
  OPTED_OUT = 'OPTED_OUT',
}
registerEnumType(MenteeStatus, { name: 'MenteeStatus' });

export enum MatchingObjective {
  /** The largest total match score. */
  SCORE = 'SCORE',
  /** As many mentees matched as possible, then the largest total score. */
  COVERAGE = 'COVERAGE',
}
registerEnumType(MatchingObjective, {
  name: 'MatchingObjective',
  description: 'SCORE: the best total match quality; COVERAGE: as many mentees matched as possible, then the best total quality',
});

export enum RoundStatus {
  DRAFT = 'DRAFT',
  /** The matching job is queued or running. */
  MATCHING = 'MATCHING',
  /** Proposals are stored; HR reviews them (employees do not see them yet). */
  REVIEW = 'REVIEW',
  PUBLISHED = 'PUBLISHED',
  /** Past its deadline: open proposals expired, no more re-matching. */
  CLOSED = 'CLOSED',
  /** The matching job failed its last attempt; it can be launched again. */
  FAILED = 'FAILED',
}
registerEnumType(RoundStatus, { name: 'MentoringRoundStatus' });

export enum ProposalSource {
  ROUND = 'ROUND',
  /** A replacement after a decline or an expiry, in the same round. */
  REMATCH = 'REMATCH',
  /** A mentee asked this mentor directly (from "find me a mentor"). */
  REQUEST = 'REQUEST',
}
registerEnumType(ProposalSource, { name: 'MentoringProposalSource' });

export enum ProposalStatus {
  /** Awaiting HR review: invisible to employees. */
  PROPOSED = 'PROPOSED',
  /** Sent to both; awaiting their answers. */
  PUBLISHED = 'PUBLISHED',
  /** Both accepted: a mentorship started. */
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  EXPIRED = 'EXPIRED',
  /** Removed by HR before publication, or no longer eligible at publication. */
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(ProposalStatus, { name: 'MentoringProposalStatus' });

export enum ProposalResponse {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
}
registerEnumType(ProposalResponse, { name: 'MentoringResponse' });

/** Why a proposal closed without a mentorship. */
export enum ClosedReason {
  DECLINED_BY_MENTEE = 'DECLINED_BY_MENTEE',
  DECLINED_BY_MENTOR = 'DECLINED_BY_MENTOR',
  /** The mentee accepted after the mentor's last seat was taken. */
  MENTOR_FULL = 'MENTOR_FULL',
  /** The mentor did not answer for 14 days (and was paused). */
  MENTOR_INACTIVE = 'MENTOR_INACTIVE',
  MENTOR_OPTED_OUT = 'MENTOR_OPTED_OUT',
  MENTEE_OPTED_OUT = 'MENTEE_OPTED_OUT',
  WITHDRAWN_BY_HR = 'WITHDRAWN_BY_HR',
  NO_LONGER_ELIGIBLE = 'NO_LONGER_ELIGIBLE',
  ROUND_CLOSED = 'ROUND_CLOSED',
}
registerEnumType(ClosedReason, { name: 'MentoringClosedReason' });

export enum MentorshipStatus {
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
}
registerEnumType(MentorshipStatus, { name: 'MentorshipStatus' });

export enum SessionStatus {
  SCHEDULED = 'SCHEDULED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(SessionStatus, { name: 'MentoringSessionStatus' });

export enum MentoringRole {
  MENTEE = 'MENTEE',
  MENTOR = 'MENTOR',
}
registerEnumType(MentoringRole, { name: 'MentoringRole' });
