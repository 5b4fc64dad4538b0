import { buildIcs } from '@waypoint/meetings';
import { Employee } from '@waypoint/people';
import { SessionStatus } from './enums';
import { MentoringSession } from './mentorship.entity';

/** A display alarm in the invite, on top of the in-app notifications. */
export const SESSION_ALARM_MINUTES = 15;

export const sessionEnd = (s: Pick<MentoringSession, 'startsAt' | 'durationMinutes'>) => new Date(s.startsAt.getTime() + s.durationMinutes * 60_000);

/**
 * The calendar invite of a mentoring session (RFC 5545, written by the meetings library's
 * generator): the mentor organizes, both attend; a cancelled session is a CANCEL with the next
 * sequence, so calendars remove it.
 */
export function sessionIcs(s: MentoringSession, mentee: Employee, mentor: Employee): string {
  const cancelled = s.status === SessionStatus.CANCELLED;
  return buildIcs({
    uid: `mentoring-session-${s.id}@waypoint`,
    sequence: s.icsSequence,
    stamp: s.updatedAt,
    start: s.startsAt,
    end: sessionEnd(s),
    summary: `Mentoring: ${mentee.fullName} / ${mentor.fullName}`,
    description: `One-to-one mentoring session of ${mentee.fullName} with their mentor ${mentor.fullName}.`,
    organizer: { name: mentor.fullName, email: mentor.email },
    attendees: [
      { name: mentor.fullName, email: mentor.email, role: 'CHAIR', partstat: 'ACCEPTED' },
      { name: mentee.fullName, email: mentee.email, role: 'REQ-PARTICIPANT', partstat: 'ACCEPTED' },
    ],
    method: cancelled ? 'CANCEL' : 'REQUEST',
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    alarmMinutesBefore: SESSION_ALARM_MINUTES,
  });
}
