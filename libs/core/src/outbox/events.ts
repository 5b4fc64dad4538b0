import { QUEUES, QueueName } from '../queue/queues';

/**
 * Domain events that cross from a user's action to a worker. Each maps to the queue that
 * handles it. Payloads carry ids, never copies of entities: the processor reloads state.
 * Add a new event here (payload type + queue) and nowhere else.
 */
export interface EventPayloads {
  EmployeeProfileUpdated: { employeeId: string };
  EmployeeSkillsChanged: { employeeId: string };
}

export type EventType = keyof EventPayloads;

export const EVENT_QUEUE: { [K in EventType]: QueueName } = {
  EmployeeProfileUpdated: QUEUES.people,
  EmployeeSkillsChanged: QUEUES.people,
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
