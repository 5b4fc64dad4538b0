import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, Caller, notFound, OrgScope } from '@waypoint/core';
import { DataSource, EntityManager } from 'typeorm';
import { OpeningsPolicyInput } from './dto/application.input';
import { OpeningsPolicy, parsePolicy } from './policy';

/** Reads and sets the organization's openings policy (`organization.settings -> 'openings'`). */
@Injectable()
export class OpeningsPolicyService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(scope: OrgScope, manager: EntityManager = this.db.manager): Promise<OpeningsPolicy> {
    const [row] = await manager.query('SELECT settings FROM organization WHERE id = $1', [scope.organizationId]);
    if (!row) throw notFound('Organization');
    return parsePolicy(row.settings);
  }

  /** Org admins only (the resolver checks the role). Omitted keys stay as they are. */
  async update(caller: Caller, input: OpeningsPolicyInput): Promise<OpeningsPolicy> {
    const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null));
    return this.db.transaction(async (em) => {
      const [row] = await em.query('SELECT settings FROM organization WHERE id = $1 FOR UPDATE', [caller.organizationId]);
      if (!row) throw notFound('Organization');
      const current = parsePolicy(row.settings);
      const next = { ...current, ...patch } as OpeningsPolicy;
      if (next.releaseReminderDaysBefore >= next.releaseDeadlineDays) {
        throw badInput('releaseReminderDaysBefore must be smaller than releaseDeadlineDays', 'releaseReminderDaysBefore');
      }
      await em.query(
        `UPDATE organization SET settings = jsonb_set(coalesce(settings, '{}'::jsonb), '{openings}', $2::jsonb, true) WHERE id = $1`,
        [caller.organizationId, JSON.stringify(next)],
      );
      return next;
    });
  }
}
