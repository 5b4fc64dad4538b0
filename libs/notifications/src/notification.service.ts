import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, Caller, Clock, decodeCursor, OrgScope, Page, PageArgs, TenantRepository, toPage } from '@waypoint/core';
import { DataSource, EntityManager, In } from 'typeorm';
import { ClaimedRow, DispatchResult, LiveDispatcher, LivePublishError, LiveSelection, toLive } from './live/live-dispatcher';
import { LivePublisher } from './live/live-publisher';
import { Notification, NotificationChannel, NotificationPreference } from './notification.entity';

export interface NewNotification {
  recipientId: string;
  type: string;
  sourceId: string;
  title: string;
  body?: string;
  data?: Record<string, unknown>;
}

export interface PreferenceChange {
  type: string;
  channel: NotificationChannel;
}

/** Notification types are SCREAMING_SNAKE_CASE words (MEETING_REQUESTED, PROJECT_ANNOUNCED, ...). */
export const NOTIFICATION_TYPE = /^[A-Z][A-Z0-9_]{1,63}$/;

/** Hides the types the recipient turned OFF (alias `n` is the notification). */
const NOT_OFF = `NOT EXISTS (SELECT 1 FROM notification_preference p
  WHERE p.organization_id = n.organization_id AND p.employee_id = n.recipient_id AND p.type = n.type AND p.channel = 'OFF')`;

/**
 * In-app notifications. Writes are set-based and idempotent: the key (recipient, type, source)
 * makes a repeated fan-out add nothing. A recipient only ever reads their own.
 *
 * Live delivery: a new row is pushed to the recipient's open subscriptions (any API instance,
 * through Redis pub/sub) when `notifyMany` inserts it outside a transaction, when its creator
 * calls `publishNew` after commit, or, for any row inserted in any other way, by the worker's
 * sweep within NOTIFICATION_SWEEP_INTERVAL_MS. Each row is pushed once, and only when its
 * recipient's preference for its type is IN_APP (the default).
 */
@Injectable()
export class NotificationService {
  private readonly logger = new Logger(NotificationService.name);
  private readonly notifications: TenantRepository<Notification>;
  private readonly preferencesRepo: TenantRepository<NotificationPreference>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly dispatcher: LiveDispatcher,
    private readonly publisher: LivePublisher,
    private readonly clock: Clock,
  ) {
    this.notifications = new TenantRepository(db.manager, Notification);
    this.preferencesRepo = new TenantRepository(db.manager, NotificationPreference);
  }

  /**
   * Inserts in one statement; recipients outside the organization are skipped. Returns how many were new.
   *
   * Outside a transaction the new rows are published live at once: they are inserted already
   * claimed, published, and committed after the publish (one write per row). Should Redis fail,
   * they are inserted unclaimed instead and the sweep delivers them. Inside a transaction
   * (`manager` of an open one) they cannot be seen by another connection yet: call `publishNew`
   * after the commit (or let the sweep deliver them).
   */
  async notifyMany(scope: OrgScope, items: NewNotification[], manager: EntityManager = this.db.manager): Promise<number> {
    if (!items.length) return 0;
    if (manager.queryRunner?.isTransactionActive) return (await this.insert(scope, items, manager, null)).length;
    try {
      return await this.db.transaction(async (em) => {
        const rows = await this.insert(scope, items, em, this.clock.now());
        await this.publisher.publish(rows.filter((r) => r.push).map(toLive)).catch((e) => {
          throw new LivePublishError(e);
        });
        return rows.length;
      });
    } catch (e) {
      if (!(e instanceof LivePublishError)) throw e;
      this.logger.warn(`${e.message}: the sweep will deliver these notifications`);
      return (await this.insert(scope, items, this.db.manager, null)).length;
    }
  }

  /** The INSERT of notifyMany; with `dispatchedAt`, the rows are claimed by the caller, who publishes them. */
  private insert(scope: OrgScope, items: NewNotification[], manager: EntityManager, dispatchedAt: Date | null): Promise<ClaimedRow[]> {
    return manager.query(
      `WITH inserted AS (
         INSERT INTO notification (organization_id, recipient_id, type, source_id, title, body, data, dispatched_at)
         SELECT $1, i.recipient_id, i.type, i.source_id, i.title, i.body, i.data, $8::timestamptz
           FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::jsonb[])
                AS i(recipient_id, type, source_id, title, body, data)
           JOIN employee e ON e.id = i.recipient_id AND e.organization_id = $1
         ON CONFLICT (recipient_id, type, source_id) DO NOTHING
         RETURNING id, organization_id, recipient_id, type, source_id, title, body, data, read_at, created_at
       )
       SELECT n.*, (e.active AND coalesce(p.channel, 'IN_APP') = 'IN_APP') AS push
         FROM inserted n
         JOIN employee e ON e.id = n.recipient_id AND e.organization_id = $1
         LEFT JOIN notification_preference p ON p.organization_id = $1 AND p.employee_id = n.recipient_id AND p.type = n.type`,
      [
        scope.organizationId,
        items.map((i) => i.recipientId),
        items.map((i) => i.type),
        items.map((i) => i.sourceId),
        items.map((i) => i.title),
        items.map((i) => i.body ?? ''),
        items.map((i) => JSON.stringify(i.data ?? {})),
        dispatchedAt,
      ],
    );
  }

  /**
   * Publishes notifications that were inserted (and committed) by any code, e.g. a set-based
   * `INSERT ... SELECT ... ON CONFLICT DO NOTHING` in another module: select them by id, or by
   * type and source (`{ type: 'PROJECT_ANNOUNCED', sourceId: project.id }`). Rows already
   * delivered are skipped, so calling it twice (or racing the sweep) pushes nothing twice.
   * Works in the API and in the worker. Throws when Redis is unreachable (the sweep retries).
   */
  async publishNew(scope: OrgScope, selection: LiveSelection): Promise<DispatchResult> {
    const total: DispatchResult = { claimed: 0, pushed: 0 };
    for (;;) {
      const r = await this.dispatcher.dispatch(scope, selection, 1000);
      total.claimed += r.claimed;
      total.pushed += r.pushed;
      if (r.claimed < 1000) return total;
    }
  }

  async mine(caller: Caller, page: PageArgs, unreadOnly = false): Promise<Page<Notification>> {
    const qb = this.notifications.query(caller, 'n').andWhere('n.recipient_id = :me', { me: caller.employeeId }).andWhere(NOT_OFF);
    if (unreadOnly) qb.andWhere('n.read_at IS NULL');
    const totalCount = await qb.clone().getCount();
    if (page.after) {
      // The cursor names the last row; its exact (microsecond) created_at is read from the row itself.
      const [id] = decodeCursor(page.after, 1);
      if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) throw badInput('Malformed cursor: pass an endCursor returned by this list', 'after');
      qb.andWhere('(n.created_at, n.id) < (SELECT c.created_at, c.id FROM notification c WHERE c.id = :cursorId::uuid AND c.recipient_id = :me)', {
        cursorId: id,
      });
    }
    const rows = await qb.orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'DESC').limit(page.first + 1).getMany();
    return toPage(rows, page.first, totalCount, (n) => [n.id]);
  }

  unreadCount(caller: Caller): Promise<number> {
    return this.notifications
      .query(caller, 'n')
      .andWhere('n.recipient_id = :me AND n.read_at IS NULL', { me: caller.employeeId })
      .andWhere(NOT_OFF)
      .getCount();
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

  /** The caller's explicit preferences (a type without one is IN_APP). */
  preferences(caller: Caller): Promise<NotificationPreference[]> {
    return this.preferencesRepo.find(caller, { where: { employeeId: caller.employeeId }, order: { type: 'ASC' } });
  }

  /** Sets the caller's channel for each given type, all or nothing; returns all their preferences. */
  async setPreferences(caller: Caller, changes: PreferenceChange[]): Promise<NotificationPreference[]> {
    const seen = new Set<string>();
    for (const c of changes) {
      if (!NOTIFICATION_TYPE.test(c.type)) throw badInput(`Invalid notification type "${c.type}": use SCREAMING_SNAKE_CASE`, 'type');
      if (seen.has(c.type)) throw badInput(`Notification type ${c.type} is given twice`, 'type');
      seen.add(c.type);
    }
    if (changes.length) {
      await this.db.query(
        `INSERT INTO notification_preference (organization_id, employee_id, type, channel, updated_at)
         SELECT $1, $2, c.type, c.channel, $5 FROM unnest($3::text[], $4::text[]) AS c(type, channel)
         ON CONFLICT (employee_id, type) DO UPDATE SET channel = EXCLUDED.channel, updated_at = EXCLUDED.updated_at`,
        [caller.organizationId, caller.employeeId, changes.map((c) => c.type), changes.map((c) => c.channel), this.clock.now()],
      );
    }
    return this.preferences(caller);
  }
}
