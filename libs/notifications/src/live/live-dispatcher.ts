import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, Clock, InjectSystemDataSource, OrgScope } from '@waypoint/core';
import { DataSource } from 'typeorm';
import { LiveNotification } from './live-channel';
import { LivePublisher } from './live-publisher';

/** Which just-inserted notifications to deliver: by id, or by what they are about (type + source). */
export type LiveSelection =
  | { ids: readonly string[] }
  | { type: string; sourceId: string }
  | { type: string; sourceIds: readonly string[] };

export interface DispatchResult {
  /** Rows this call took charge of (now marked dispatched). */
  claimed: number;
  /** Of those, how many were published live (the others: recipient wants them by digest or not at all, or is inactive). */
  pushed: number;
}

const MAX_SELECTION = 10000;

export interface ClaimedRow {
  id: string;
  organization_id: string;
  recipient_id: string;
  type: string;
  source_id: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  read_at: Date | null;
  created_at: Date;
  push: boolean;
}

export function toLive(r: ClaimedRow): LiveNotification {
  return {
    id: r.id,
    organizationId: r.organization_id,
    recipientId: r.recipient_id,
    type: r.type,
    sourceId: r.source_id,
    title: r.title,
    body: r.body,
    data: r.data,
    readAt: r.read_at,
    createdAt: r.created_at,
  };
}

/** Publishing to Redis failed (as opposed to a database error). */
export class LivePublishError extends Error {
  constructor(readonly cause: unknown) {
    super(`Live publish failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * Moves notifications from the table to Redis pub/sub, at most once per row in normal operation:
 * in one transaction it claims undispatched rows (`FOR UPDATE SKIP LOCKED`, so the sweep and
 * `publishNew` never push the same row twice), publishes those whose recipient wants them in
 * the app, and only then commits. If Redis fails the transaction rolls back and the rows wait
 * for the next sweep (at least once: a commit lost after a publish can repeat a message, which
 * clients de-duplicate by id).
 */
@Injectable()
export class LiveDispatcher {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectSystemDataSource() private readonly system: DataSource,
    private readonly publisher: LivePublisher,
    private readonly clock: Clock,
  ) {}

  async dispatch(scope: OrgScope, selection?: LiveSelection, limit = 1000): Promise<DispatchResult> {
    const params: unknown[] = [scope.organizationId, this.clock.now(), limit];
    let condition = '';
    if (selection && 'ids' in selection) {
      if (!selection.ids.length) return { claimed: 0, pushed: 0 };
      if (selection.ids.length > MAX_SELECTION) throw badInput(`Publish at most ${MAX_SELECTION} notifications at once`, 'ids');
      params.push([...selection.ids]);
      condition = 'AND n.id = ANY($4::uuid[])';
    } else if (selection) {
      const sourceIds = 'sourceIds' in selection ? [...selection.sourceIds] : [selection.sourceId];
      if (!sourceIds.length) return { claimed: 0, pushed: 0 };
      if (sourceIds.length > MAX_SELECTION) throw badInput(`Publish at most ${MAX_SELECTION} sources at once`, 'sourceIds');
      params.push(selection.type, sourceIds);
      condition = 'AND n.type = $4 AND n.source_id = ANY($5::uuid[])';
    }
    return this.db.transaction(async (em) => {
      const rows: ClaimedRow[] = await em.query(
        `WITH picked AS (
           SELECT n.id FROM notification n
            WHERE n.organization_id = $1 AND n.dispatched_at IS NULL ${condition}
            ORDER BY n.created_at, n.id
            LIMIT $3
            FOR UPDATE SKIP LOCKED
         ), claimed AS (
           UPDATE notification n SET dispatched_at = $2
             FROM picked WHERE n.id = picked.id AND n.organization_id = $1
           RETURNING n.id, n.organization_id, n.recipient_id, n.type, n.source_id, n.title, n.body, n.data, n.read_at, n.created_at
         )
         SELECT c.*, (e.id IS NOT NULL AND coalesce(p.channel, 'IN_APP') = 'IN_APP') AS push
           FROM claimed c
           LEFT JOIN employee e ON e.id = c.recipient_id AND e.organization_id = $1 AND e.active
           LEFT JOIN notification_preference p
                  ON p.organization_id = $1 AND p.employee_id = c.recipient_id AND p.type = c.type
          ORDER BY c.created_at, c.id`,
        params,
      );
      const live = rows.filter((r) => r.push).map(toLive);
      await this.publisher.publish(live).catch((e) => {
        throw new LivePublishError(e);
      });
      return { claimed: rows.length, pushed: live.length };
    });
  }

  /**
   * Organizations that have undispatched rows (for the sweep, which then works organization by
   * organization, each in its TenantContext). A named system use of the admin connection: it
   * reads organization ids only.
   */
  async pendingOrganizations(limit = 1000): Promise<string[]> {
    const rows: { organization_id: string }[] = await this.system.query(
      'SELECT DISTINCT organization_id FROM notification WHERE dispatched_at IS NULL LIMIT $1',
      [limit],
    );
    return rows.map((r) => r.organization_id);
  }
}
