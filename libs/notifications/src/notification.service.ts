import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Caller, decodeCursor, OrgScope, Page, PageArgs, TenantRepository, toPage } from '@waypoint/core';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { Notification } from './notification.entity';

export interface NewNotification {
  recipientId: string;
  type: string;
  sourceId: string;
  title: string;
  body?: string;
  data?: Record<string, unknown>;
}

/**
 * In-app notifications. Writes are set-based and idempotent: the key (recipient, type, source)
 * makes a repeated fan-out add nothing. A recipient only ever reads their own.
 */
@Injectable()
export class NotificationService {
  private readonly notifications: TenantRepository<Notification>;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.notifications = new TenantRepository(db.manager, Notification);
  }

  /** Inserts in one statement; recipients outside the organization are skipped. Returns how many were new. */
  async notifyMany(scope: OrgScope, items: NewNotification[], manager: EntityManager = this.db.manager): Promise<number> {
    if (!items.length) return 0;
    const rows: unknown[] = await manager.query(
      `INSERT INTO notification (organization_id, recipient_id, type, source_id, title, body, data)
       SELECT $1, i.recipient_id, i.type, i.source_id, i.title, i.body, i.data
         FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::jsonb[])
              AS i(recipient_id, type, source_id, title, body, data)
         JOIN employee e ON e.id = i.recipient_id AND e.organization_id = $1
       ON CONFLICT (recipient_id, type, source_id) DO NOTHING
       RETURNING id`,
      [
        scope.organizationId,
        items.map((i) => i.recipientId),
        items.map((i) => i.type),
        items.map((i) => i.sourceId),
        items.map((i) => i.title),
        items.map((i) => i.body ?? ''),
        items.map((i) => JSON.stringify(i.data ?? {})),
      ],
    );
    return rows.length;
  }

  async mine(caller: Caller, page: PageArgs, unreadOnly = false): Promise<Page<Notification>> {
    const qb = this.notifications.query(caller, 'n').andWhere('n.recipient_id = :me', { me: caller.employeeId });
    if (unreadOnly) qb.andWhere('n.read_at IS NULL');
    const totalCount = await qb.clone().getCount();
    if (page.after) {
      const [createdAt, id] = decodeCursor(page.after, 2);
      qb.andWhere('(n.created_at, n.id) < (:createdAt::timestamptz, :id::uuid)', { createdAt, id });
    }
    const rows = await qb.orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'DESC').limit(page.first + 1).getMany();
    return toPage(rows, page.first, totalCount, (n) => [n.createdAt.toISOString(), n.id]);
  }

  unreadCount(caller: Caller): Promise<number> {
    return this.notifications.count(caller, { recipientId: caller.employeeId, readAt: IsNull() });
  }

  /** Marks the caller's notifications read (all of them when `ids` is omitted); others' ids are ignored. */
  async markRead(caller: Caller, ids?: string[]): Promise<number> {
    const qb = this.db
      .createQueryBuilder()
      .update(Notification)
      .set({ readAt: () => 'now()' })
      .where('organization_id = :org AND recipient_id = :me AND read_at IS NULL', { org: caller.organizationId, me: caller.employeeId });
    if (ids) qb.andWhere({ id: In(ids) });
    return (await qb.execute()).affected ?? 0;
  }
}
