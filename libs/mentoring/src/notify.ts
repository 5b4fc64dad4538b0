import { createHash } from 'node:crypto';

/** Notification types of mentoring (SCREAMING_SNAKE_CASE, as the notification centre expects). */
export const MENTORING_NOTIFY = {
  proposal: 'MENTORING_PROPOSAL',
  request: 'MENTORING_REQUEST',
  accepted: 'MENTORING_PROPOSAL_ACCEPTED',
  declined: 'MENTORING_PROPOSAL_DECLINED',
  expired: 'MENTORING_PROPOSAL_EXPIRED',
  started: 'MENTORSHIP_STARTED',
  sessionScheduled: 'MENTORING_SESSION_SCHEDULED',
  sessionCancelled: 'MENTORING_SESSION_CANCELLED',
  sessionDue: 'MENTORING_SESSION_DUE',
  completed: 'MENTORSHIP_COMPLETED',
  paused: 'MENTOR_PAUSED',
  roundMatched: 'MENTORING_ROUND_MATCHED',
} as const;

/** A stable uuid for a notification source that is not a row (a reminder for one due date). */
export function derivedId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('|')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
