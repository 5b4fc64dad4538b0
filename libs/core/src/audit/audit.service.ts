import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { badInput, forbidden } from '../errors/app-error';
import { decodeCursor, Page, PageArgs, toPage } from '../graphql/connection';
import { Caller, isOrgAdmin } from '../tenancy/caller';
import { TenantRepository } from '../tenancy/tenant-repository';
import { AuditLogEntry } from './audit-log.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AuditLogQuery {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  since?: Date;
  until?: Date;
}

/** Reads the audit log: newest first, scoped to the caller's organization, org admins only. */
@Injectable()
export class AuditService {
  private readonly entries: TenantRepository<AuditLogEntry>;

  constructor(@InjectDataSource() db: DataSource) {
    this.entries = new TenantRepository(db.manager, AuditLogEntry);
  }

  async list(caller: Caller, filter: AuditLogQuery, page: PageArgs): Promise<Page<AuditLogEntry>> {
    if (!isOrgAdmin(caller)) throw forbidden('Only org admins read the audit log');
    const qb = this.entries.query(caller, 'a');
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.targetType) qb.andWhere('a.target_type = :targetType', { targetType: filter.targetType });
    if (filter.targetId) qb.andWhere('a.target_id = :targetId', { targetId: filter.targetId });
    if (filter.since) qb.andWhere('a.occurred_at >= :since', { since: filter.since });
    if (filter.until) qb.andWhere('a.occurred_at < :until', { until: filter.until });
    const totalCount = await qb.clone().getCount();
    if (page.after) {
      const [at, id] = decodeCursor(page.after, 2);
      if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at)) || !UUID.test(id)) {
        throw badInput('Malformed cursor: pass an endCursor returned by this list', 'after');
      }
      qb.andWhere('(a.occurred_at, a.id) < (:at::timestamptz, :id::uuid)', { at, id });
    }
    const rows = await qb.orderBy('a.occurred_at', 'DESC').addOrderBy('a.id', 'DESC').take(page.first + 1).getMany();
    return toPage(rows, page.first, totalCount, (r) => [r.occurredAt.toISOString(), r.id]);
  }
}
