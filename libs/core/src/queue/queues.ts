/** Every BullMQ queue of Waypoint. The worker consumes them; the outbox relay produces into them. */
export const QUEUES = {
  people: 'people',
  matching: 'matching',
  announcements: 'announcements',
  openings: 'openings',
  reminders: 'reminders',
  notifications: 'notifications',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const ALL_QUEUES = Object.values(QUEUES) as QueueName[];
