import { Logger } from '@nestjs/common';
import { OrgScope, Tx, UnitOfWork } from '@waypoint/core';
import { NewNotification, NotificationService } from './notification.service';

const logger = new Logger('Notifications');

/**
 * Runs `work` in one transaction whose notifications are written with the domain change
 * (so a rolled-back decision tells nobody), then publishes them live after the commit.
 * Should live delivery fail, the notifications sweep delivers them later.
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
