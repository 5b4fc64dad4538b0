/**
 * The Redis pub/sub channel of one employee's live notifications. The organization is part of
 * the name and a subscription only ever listens to its own caller's channel, so a message can
 * only reach the employee (of that organization) it was published for. The queue prefix keeps
 * deployments (and test runs) sharing one Redis apart.
 */
export function liveChannel(prefix: string, organizationId: string, employeeId: string): string {
  return `${prefix}:live:${organizationId}:${employeeId}`;
}

/** What goes over Redis: the notification as the subscription returns it (plus its owner). */
export interface LiveNotification {
  id: string;
  organizationId: string;
  recipientId: string;
  type: string;
  sourceId: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  readAt: Date | null;
  createdAt: Date;
}

/** JSON from Redis back to a notification (dates revived: the DateTime scalar serializes Date objects only). */
export function reviveLiveNotification(source: string | Buffer): LiveNotification {
  const n = JSON.parse(source.toString()) as LiveNotification;
  n.createdAt = new Date(n.createdAt);
  n.readAt = n.readAt ? new Date(n.readAt) : null;
  return n;
}
