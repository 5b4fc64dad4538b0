import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AppError,
  badInput,
  Caller,
  Clock,
  decodeCursor,
  ErrorCode,
  notFound,
  Page,
  PageArgs,
  TenantRepository,
  toPage,
} from '@waypoint/core';
import { DataSource } from 'typeorm';
import { LogInterviewInput, UpdateInterviewInput } from './dto/application.input';
import { InterviewKind, InterviewLog, InterviewPracticeSettings } from './interview.entity';

/**
 * Interview practice: logs and debriefs. A log is private to its owner; their current direct
 * manager sees the ones they shared — an internal one only once its application is disclosed.
 */
@Injectable()
export class InterviewService {
  private readonly logs: TenantRepository<InterviewLog>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {
    this.logs = new TenantRepository(db.manager, InterviewLog);
  }

  async log(caller: Caller, input: LogInterviewInput): Promise<InterviewLog> {
    if (input.kind === InterviewKind.INTERNAL) throw badInput('Internal interviews are logged for you when an application reaches INTERVIEWING', 'kind');
    const now = this.clock.now();
    return this.logs.save(caller, { ...input, employeeId: caller.employeeId, applicationId: null, createdAt: now, updatedAt: now });
  }

  async update(caller: Caller, id: string, input: UpdateInterviewInput): Promise<InterviewLog> {
    return this.db.transaction(async (em) => {
      const repo = this.logs.with(em);
      const log = await repo.get(caller, { id, employeeId: caller.employeeId }, 'Interview', { lock: { mode: 'pessimistic_write' } });
      if (input.sharedWithManager && log.applicationId) {
        const [app] = await em.query('SELECT disclosed_at FROM application WHERE organization_id = $1 AND id = $2', [caller.organizationId, log.applicationId]);
        if (!app?.disclosed_at) {
          throw new AppError(
            ErrorCode.CONFLICT,
            'This interview belongs to an application your manager cannot see yet: disclose the application first, then share the debrief',
            { reason: 'NOT_DISCLOSED' },
          );
        }
      }
      if (log.kind === InterviewKind.INTERNAL && (input.company !== undefined || input.roleTitle !== undefined || input.occurredAt !== undefined)) {
        throw badInput('Only the debrief and sharing of an internal interview can change', 'company');
      }
      for (const key of ['company', 'roleTitle', 'occurredAt', 'wentWell', 'toImprove', 'sharedWithManager'] as const) {
        if (input[key] !== undefined && input[key] !== null) (log as unknown as Record<string, unknown>)[key] = input[key];
      }
      log.updatedAt = this.clock.now();
      return repo.save(caller, log);
    });
  }

  async remove(caller: Caller, id: string): Promise<boolean> {
    const log = await this.logs.findOne(caller, { id, employeeId: caller.employeeId });
    if (!log) throw notFound('Interview');
    if (log.kind === InterviewKind.INTERNAL) throw badInput('Internal interviews stay with their application', 'id');
    return (await this.logs.delete(caller, { id, employeeId: caller.employeeId })) > 0;
  }

  async mine(caller: Caller, page: PageArgs): Promise<Page<InterviewLog>> {
    const qb = this.logs.query(caller, 'l').andWhere('l.employee_id = :me', { me: caller.employeeId });
    const totalCount = await qb.clone().getCount();
    if (page.after) {
      const [at, id] = decodeCursor(page.after, 2);
      qb.andWhere('(l.occurred_at, l.id) < (CAST(:cAt AS timestamptz), CAST(:cId AS uuid))', { cAt: at, cId: id });
    }
    const rows = await qb.orderBy('l.occurred_at', 'DESC').addOrderBy('l.id', 'DESC').limit(page.first + 1).getMany();
    return toPage(rows, page.first, totalCount, (l) => [l.occurredAt.toISOString(), l.id]);
  }

  /** For `Employee.interviews`: all of one's own; a direct report's shared ones (internal: once disclosed); nothing else. */
  async visibleFor(caller: Caller, employeeIds: readonly string[]): Promise<InterviewLog[][]> {
    const rows = await this.logs
      .query(caller, 'l')
      .innerJoin('employee', 'e', 'e.id = l.employee_id AND e.organization_id = l.organization_id')
      .leftJoin('application', 'a', 'a.id = l.application_id')
      .andWhere('l.employee_id IN (:...ids)', { ids: [...employeeIds] })
      .andWhere(
        `(l.employee_id = :me OR (e.manager_id = :me AND l.shared_with_manager AND (l.application_id IS NULL OR a.disclosed_at IS NOT NULL)))`,
        { me: caller.employeeId },
      )
      .orderBy('l.occurred_at', 'DESC')
      .addOrderBy('l.id', 'DESC')
      .getMany();
    return employeeIds.map((id) => rows.filter((r) => r.employeeId === id));
  }

  async settings(caller: Caller): Promise<InterviewPracticeSettings> {
    const [row] = await this.db.query(
      `SELECT (SELECT nudge_opt_in FROM interview_practice WHERE employee_id = $2 AND organization_id = $1) AS opt_in,
              (SELECT last_nudged_at FROM interview_practice WHERE employee_id = $2 AND organization_id = $1) AS last_nudged_at,
              (SELECT max(occurred_at) FROM interview_log WHERE employee_id = $2 AND organization_id = $1 AND occurred_at <= $3) AS last_interview_at`,
      [caller.organizationId, caller.employeeId, this.clock.now()],
    );
    return { nudgeOptIn: row.opt_in ?? false, lastNudgedAt: row.last_nudged_at, lastInterviewAt: row.last_interview_at };
  }

  async setNudge(caller: Caller, enabled: boolean): Promise<InterviewPracticeSettings> {
    await this.db.query(
      `INSERT INTO interview_practice (employee_id, organization_id, nudge_opt_in, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (employee_id) DO UPDATE SET nudge_opt_in = EXCLUDED.nudge_opt_in, updated_at = EXCLUDED.updated_at`,
      [caller.employeeId, caller.organizationId, enabled, this.clock.now()],
    );
    return this.settings(caller);
  }
}
