import { Employee } from '@waypoint/people';
import { buildIcs } from './ics';
import { MeetingStatus, ResearchMeeting } from './research-meeting.entity';

/** Where the calendar file of a meeting is served (authenticated: send the bearer token). */
export const icsPath = (meetingId: string) => `/calendar/meetings/${meetingId}.ics`;

/** A display alarm in the invite, on top of the in-app reminder. */
export const ICS_ALARM_MINUTES = 15;

/**
 * The invite of a scheduled (or the cancellation of a cancelled) meeting: ORGANIZER is the
 * requester, both are ATTENDEEs who accepted (the invitee proposed the time, the requester
 * picked it). Null while no time is agreed.
 */
export function meetingIcs(m: ResearchMeeting, requester: Employee, invitee: Employee, businessUnitName?: string | null): string | null {
  if (!m.startsAt || !m.endsAt) return null;
  const cancelled = m.status === MeetingStatus.CANCELLED;
  const description = [
    `Research meeting requested by ${requester.fullName} with ${invitee.fullName}${businessUnitName ? ` (leader of ${businessUnitName})` : ''}.`,
    '',
    `Purpose: ${m.purpose}`,
    ...(m.questions.length ? ['', 'Questions:', ...m.questions.map((q) => `- ${q}`)] : []),
  ].join('\n');
  return buildIcs({
    uid: `${m.id}@waypoint`,
    sequence: m.inviteSequence,
    stamp: m.updatedAt,
    start: m.startsAt,
    end: m.endsAt,
    summary: `Research meeting: ${requester.fullName} / ${invitee.fullName}`,
    description,
    organizer: { name: requester.fullName, email: requester.email },
    attendees: [
      { name: requester.fullName, email: requester.email, role: 'CHAIR', partstat: 'ACCEPTED' },
      { name: invitee.fullName, email: invitee.email, role: 'REQ-PARTICIPANT', partstat: 'ACCEPTED' },
    ],
    method: cancelled ? 'CANCEL' : 'REQUEST',
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    alarmMinutesBefore: ICS_ALARM_MINUTES,
  });
}
