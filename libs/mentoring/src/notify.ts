import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { OrgScope, Tx, UnitOfWork } from '@waypoint/core';
import { NewNotification, NotificationService } from '@waypoint/notifications';

const logger = new Logger('MentoringNotifications');

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

/**
 * Runs `work` in one transaction whose notifications are written with the domain change (a
 * rolled-back decision tells nobody), then delivers them live after the commit. Should live
 * delivery fail, the notifications sweep delivers them later.
 */
export async function runNotifying<R>(
  uow: UnitOfWork,
  notifications: NotificationService,
  scope: OrgScope,
  work: (tx: Tx, notify: (items: NewNotification[]) => Promise<void>) => Promise<R>,
): Promise<R> {
  const sent: NewNotification[] = [];
  const result = await uow.run((tx) =>
    work(tx, async (items) => {
      if (!items.length) return;
      sent.push(...items);
      await notifications.notifyMany(scope, items, tx.manager);
    }),
  );
  const byType = new Map<string, Set<string>>();
  for (const n of sent) byType.set(n.type, (byType.get(n.type) ?? new Set()).add(n.sourceId));
  for (const [type, sourceIds] of byType) {
    await notifications
      .publishNew(scope, { type, sourceIds: [...sourceIds] })
      .catch((e) => logger.warn(`Live delivery deferred to the sweep: ${e instanceof Error ? e.message : e}`));
  }
  return result;
}
