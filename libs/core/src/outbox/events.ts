import { QUEUES, QueueName } from '../queue/queues';

/**
 * Domain events that cross from a user's action to a worker. Each maps to the queue that
 * handles it. Payloads carry ids, never copies of entities: the processor reloads state.
 * Add a new event here (payload type + queue) and nowhere else.
 */
export interface EventPayloads {
  EmployeeProfileUpdated: { employeeId: string };
  EmployeeSkillsChanged: { employeeId: string };
  OpeningPublished: { openingId: string };
  ApplicationStatusChanged: { applicationId: string; transitionId: string };
  ApplicationDisclosed: { applicationId: string };
  ReleaseDateAgreed: { releaseId: string };
  ProjectAnnounced: { projectId: string };
  CommitteeSeatsOpened: { openingId: string };
  ResearchMeetingRequested: { meetingId: string };
  ResearchMeetingPromoted: { meetingIds: string[] };
  ResearchMeetingSlotsProposed: { meetingId: string };
  ResearchMeetingDeclined: { meetingId: string };
  ResearchMeetingScheduled: { meetingId: string };
  ResearchMeetingCancelled: { meetingId: string };
  MatchingRunRequested: { roundId: string; runId: string };
  MentoringRoundPublished: { roundId: string };
  MentoringRematchRequested: { proposalId: string };
}

export type EventType = keyof EventPayloads;

export const EVENT_QUEUE: { [K in EventType]: QueueName } = {
  EmployeeProfileUpdated: QUEUES.people,
  EmployeeSkillsChanged: QUEUES.people,
  OpeningPublished: QUEUES.openings,
  ApplicationStatusChanged: QUEUES.openings,
  ApplicationDisclosed: QUEUES.openings,
  ReleaseDateAgreed: QUEUES.openings,
  ProjectAnnounced: QUEUES.announcements,
  CommitteeSeatsOpened: QUEUES.reminders, // see libs/committees/README.md: one consumer per queue
  // Research meetings run on the notifications queue (one consumer per queue; see libs/meetings/README.md).
  ResearchMeetingRequested: QUEUES.notifications,
  ResearchMeetingPromoted: QUEUES.notifications,
  ResearchMeetingSlotsProposed: QUEUES.notifications,
  ResearchMeetingDeclined: QUEUES.notifications,
  ResearchMeetingScheduled: QUEUES.notifications,
  ResearchMeetingCancelled: QUEUES.notifications,
  // Mentoring: rounds, re-matching and its periodic jobs, all on the matching queue (see libs/mentoring/README.md).
  MatchingRunRequested: QUEUES.matching,
  MentoringRoundPublished: QUEUES.matching,
  MentoringRematchRequested: QUEUES.matching,
};

export interface DomainEvent<T extends EventType = EventType> {
  type: T;
  payload: EventPayloads[T];
}

/** What a BullMQ job carries for an event: job name = event type, job id = outbox event id. */
export interface EventJobData<T extends EventType = EventType> {
  eventId: string;
  organizationId: string;
  type: T;
  payload: EventPayloads[T];
  occurredAt: string;
}
