import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AppError,
  badInput,
  Caller,
  Clock,
  decodeCursor,
  ErrorCode,
  forbidden,
  isHr,
  notFound,
  OrgScope,
  Page,
  PageArgs,
  TenantRepository,
  toPage,
  UnitOfWork,
} from '@waypoint/core';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { OpeningsPolicyService } from './policy.service';
import { ReleaseAgreement, ReleaseStatus } from './release.entity';

const DAY_MS = 24 * 3600 * 1000;

/** A calendar date (UTC) as YYYY-MM-DD. */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Release agreements after internal hires. Visible to HR, the releasing manager, the employee
 * and the hiring manager (a hire is always disclosed: HIRED is the last stage).
 */
@Injectable()
export class ReleaseService {
  private readonly releases: TenantRepository<ReleaseAgreement>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly policies: OpeningsPolicyService,
  ) {
    this.releases = new TenantRepository(db.manager, ReleaseAgreement);
  }

  private visible(caller: Caller, manager: EntityManager = this.db.manager): SelectQueryBuilder<ReleaseAgreement> {
    const qb = this.releases.with(manager).query(caller, 'r');
    if (!isHr(caller)) {
      qb.andWhere(
        `(r.manager_id = :me OR r.employee_id = :me
          OR EXISTS (SELECT 1 FROM application a JOIN opening o ON o.id = a.opening_id WHERE a.id = r.application_id AND o.hiring_manager_id = :me))`,
        { me: caller.employeeId },
      );
    }
    return qb;
  }

  async forApplications(caller: Caller, applicationIds: readonly string[]): Promise<(ReleaseAgreement | null)[]> {
    const rows = await this.visible(caller).andWhere('r.application_id IN (:...ids)', { ids: [...applicationIds] }).getMany();
    return applicationIds.map((id) => rows.find((r) => r.applicationId === id) ?? null);
  }

  /** HR: agreements still pending, oldest hire first. */
  open(caller: Caller, page: PageArgs): Promise<Page<ReleaseAgreement>> {
    if (!isHr(caller)) throw forbidden('Only HR see every open release');
    return this.page(this.visible(caller).andWhere(`r.status = 'PENDING'`), page);
  }

  /** A manager: the releases they must agree. */
  mine(caller: Caller, page: PageArgs): Promise<Page<ReleaseAgreement>> {
    return this.page(this.releases.query(caller, 'r').andWhere(`r.status = 'PENDING' AND r.manager_id = :me`, { me: caller.employeeId }), page);
  }

  private async page(qb: SelectQueryBuilder<ReleaseAgreement>, page: PageArgs): Promise<Page<ReleaseAgreement>> {
    const totalCount = await qb.clone().getCount();
    if (page.after) {
      const [at, id] = decodeCursor(page.after, 2);
      qb.andWhere('(r.hired_at, r.id) > (CAST(:cAt AS timestamptz), CAST(:cId AS uuid))', { cAt: at, cId: id });
    }
    const rows = await qb.orderBy('r.hired_at', 'ASC').addOrderBy('r.id', 'ASC').limit(page.first + 1).getMany();
    return toPage(rows, page.first, totalCount, (r) => [r.hiredAt.toISOString(), r.id]);
  }

  /**
   * The releasing manager (or HR) agrees the release date: from today to `releaseMaxNoticeDays`
   * ahead. Once agreed, only HR may change it.
   */
  async agree(caller: Caller, id: string, releaseDate: string): Promise<ReleaseAgreement> {
    const date = new Date(`${releaseDate}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || isoDay(date) !== releaseDate) throw badInput('releaseDate is not a valid date', 'releaseDate');
    const policy = await this.policies.get(caller);
    return this.uow.run(async (tx) => {
      const repo = tx.repo(this.releases);
      const found = await this.visible(caller, tx.manager).andWhere('r.id = :id', { id }).getOne();
      if (!found) throw notFound('Release agreement');
      const release = await repo.get(caller, { id }, 'Release agreement', { lock: { mode: 'pessimistic_write' } });
      if (release.managerId !== caller.employeeId && !isHr(caller)) throw forbidden('Only the releasing manager or HR agree the release date');
      if (release.status === ReleaseStatus.AGREED && !isHr(caller)) {
        throw new AppError(ErrorCode.CONFLICT, `The release date is already agreed (${release.releaseDate}); ask HR to change it`, {
          reason: 'ALREADY_AGREED',
        });
      }
      const now = this.clock.now();
      const today = isoDay(now);
      const latest = isoDay(new Date(now.getTime() + policy.releaseMaxNoticeDays * DAY_MS));
      if (releaseDate < today) throw badInput('The release date cannot be in the past', 'releaseDate');
      if (releaseDate > latest) throw badInput(`The release date must be within ${policy.releaseMaxNoticeDays} days (by ${latest})`, 'releaseDate');
      Object.assign(release, { status: ReleaseStatus.AGREED, releaseDate, agreedAt: now, agreedById: caller.employeeId });
      await repo.save(caller, release);
      await tx.emit(caller, 'ReleaseDateAgreed', { releaseId: id });
      return release;
    });
  }

  byIds(scope: OrgScope, ids: readonly string[]): Promise<ReleaseAgreement[]> {
    return this.releases.find(scope, { where: { id: In([...ids]) } });
  }

  /** Whole days since the hire. */
  ageDays(r: ReleaseAgreement): number {
    return Math.max(0, Math.floor((this.clock.now().getTime() - r.hiredAt.getTime()) / DAY_MS));
  }

  overdue(r: ReleaseAgreement): boolean {
    return r.status === ReleaseStatus.PENDING && r.deadlineAt.getTime() < this.clock.now().getTime();
  }
}
