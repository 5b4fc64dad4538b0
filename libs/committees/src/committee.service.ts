import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  badInput,
  Caller,
  Clock,
  conflict,
  decodeCursor,
  forbidden,
  isHr,
  OrgScope,
  Page,
  PageArgs,
  TenantRepository,
  toPage,
  Tx,
  UnitOfWork,
} from '@waypoint/core';
import { NotificationService } from '@waypoint/notifications';
import { DataSource, In, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import {
  Committee,
  CommitteeApplication,
  CommitteeApplicationStatus,
  CommitteeMembership,
  CommitteeSeatOpening,
  MembershipStatus,
  SeatOpeningReason,
  SeatOpeningStatus,
} from './committee.entity';
import { CommitteesArgs, CreateCommitteeInput, OpeningsArgs, OpenSeatsInput, UpdateCommitteeInput } from './dto/committee.input';
import { runNotifying } from '@waypoint/notifications';

export const COMMITTEE_NOTIFY = {
  seatsOpened: 'COMMITTEE_SEATS_OPENED',
  applied: 'COMMITTEE_APPLICATION_RECEIVED',
  selected: 'COMMITTEE_APPLICATION_SELECTED',
  rejected: 'COMMITTEE_APPLICATION_REJECTED',
  termEnding: 'COMMITTEE_TERM_ENDING',
  termEndingHr: 'COMMITTEE_TERM_ENDING_HR',
} as const;

const isUniqueViolation = (e: unknown) => e instanceof QueryFailedError && (e as unknown as { code?: string }).code === '23505';

/** Lower-case, trimmed, de-duplicated passion tags. */
export function normalizeTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ')).filter(Boolean))];
}

/** The start of a term plus its length in months (calendar months, in UTC). */
export function termEnd(start: Date, months: number): Date {
  const end = new Date(start);
  const day = end.getUTCDate();
  end.setUTCDate(1);
  end.setUTCMonth(end.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(day, lastDay));
  return end;
}

/**
 * Committees, run by HR: the committee itself, seat openings with deadlines (announced by the
 * worker), applications, selection by the chair or HR into terms, and memberships.
 */
@Injectable()
export class CommitteeService {
  readonly committees: TenantRepository<Committee>;
  readonly openings: TenantRepository<CommitteeSeatOpening>;
  readonly applications: TenantRepository<CommitteeApplication>;
  readonly memberships: TenantRepository<CommitteeMembership>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly notifications: NotificationService,
  ) {
    this.committees = new TenantRepository(db.manager, Committee);
    this.openings = new TenantRepository(db.manager, CommitteeSeatOpening);
    this.applications = new TenantRepository(db.manager, CommitteeApplication);
    this.memberships = new TenantRepository(db.manager, CommitteeMembership);
  }

  // ------------------------------------------------------------------ reading

  get(scope: OrgScope, id: string): Promise<Committee> {
    return this.committees.get(scope, { id }, 'Committee');
  }

  byIds(scope: OrgScope, ids: readonly string[]): Promise<Committee[]> {
    return this.committees.find(scope, { where: { id: In([...ids]) } });
  }

  getOpening(scope: OrgScope, id: string): Promise<CommitteeSeatOpening> {
    return this.openings.get(scope, { id }, 'Seat opening');
  }

  isChairOrHr(caller: Caller, c: Pick<Committee, 'chairId'>): boolean {
    return isHr(caller) || c.chairId === caller.employeeId;
  }

  async list(caller: Caller, args: CommitteesArgs): Promise<Page<Committee>> {
    if (args.includeInactive && !isHr(caller)) throw forbidden('Only HR can list inactive committees');
    const qb = this.committees.query(caller, 'c');
    if (!args.includeInactive) qb.andWhere('c.active');
    const totalCount = await qb.clone().getCount();
    if (args.after) {
      const [name, id] = decodeCursor(args.after, 2);
      qb.andWhere('(c.name, c.id) > (:name, :id::uuid)', { name, id });
    }
    const rows = await qb.orderBy('c.name', 'ASC').addOrderBy('c.id', 'ASC').limit(args.first + 1).getMany();
    return toPage(rows, args.first, totalCount, (c) => [c.name, c.id]);
  }

  async listOpenings(caller: Caller, args: OpeningsArgs): Promise<Page<CommitteeSeatOpening>> {
    if (args.committeeId) await this.get(caller, args.committeeId);
    const qb = this.openings.query(caller, 'o');
    if (args.committeeId) qb.andWhere('o.committee_id = :cid', { cid: args.committeeId });
    if (args.openOnly) qb.andWhere(`o.status = 'OPEN' AND o.deadline > :now`, { now: this.clock.now() });
    return this.page(qb, 'o', args, 'DESC');
  }

  /** Applications to an opening: the chair and HR only. */
  async listApplications(caller: Caller, openingId: string, page: PageArgs): Promise<Page<CommitteeApplication>> {
    const opening = await this.getOpening(caller, openingId);
    const committee = await this.get(caller, opening.committeeId);
    if (!this.isChairOrHr(caller, committee)) throw forbidden('Only the chair and HR see the applications');
    const qb = this.applications.query(caller, 'a').andWhere('a.opening_id = :openingId', { openingId });
    return this.page(qb, 'a', page, 'ASC');
  }

  myApplications(caller: Caller, page: PageArgs): Promise<Page<CommitteeApplication>> {
    return this.page(this.applications.query(caller, 'a').andWhere('a.employee_id = :me', { me: caller.employeeId }), 'a', page, 'DESC');
  }

  /** Current members (active terms), for anyone in the organization. */
  async members(caller: Caller, committeeId: string, page: PageArgs): Promise<Page<CommitteeMembership>> {
    await this.get(caller, committeeId);
    const qb = this.memberships.query(caller, 'm').andWhere(`m.committee_id = :committeeId AND m.status = 'ACTIVE'`, { committeeId });
    return this.page(qb, 'm', page, 'ASC');
  }

  myMemberships(caller: Caller, page: PageArgs): Promise<Page<CommitteeMembership>> {
    return this.page(this.memberships.query(caller, 'm').andWhere('m.employee_id = :me', { me: caller.employeeId }), 'm', page, 'DESC');
  }

  /** Seats taken now (active memberships whose term has not ended), per committee, for a DataLoader. */
  async seatsTaken(scope: OrgScope, committeeIds: readonly string[]): Promise<number[]> {
    const rows: { committee_id: string; n: number }[] = await this.db.query(
      `SELECT committee_id, count(*)::int AS n FROM committee_membership
        WHERE organization_id = $1 AND committee_id = ANY($2) AND status = 'ACTIVE' AND term_start <= $3 AND term_end > $3
        GROUP BY committee_id`,
      [scope.organizationId, [...committeeIds], this.clock.now()],
    );
    return committeeIds.map((id) => rows.find((r) => r.committee_id === id)?.n ?? 0);
  }

  private async page<T extends { id: string; createdAt: Date }>(
    qb: SelectQueryBuilder<T>,
    alias: string,
    page: PageArgs,
    dir: 'ASC' | 'DESC',
  ): Promise<Page<T>> {
    const totalCount = await qb.clone().getCount();
    if (page.after) {
      const [at, id] = decodeCursor(page.after, 2);
      qb.andWhere(`(${alias}.created_at, ${alias}.id) ${dir === 'ASC' ? '>' : '<'} (:at::timestamptz, :id::uuid)`, { at, id });
    }
    const rows = await qb.orderBy(`${alias}.created_at`, dir).addOrderBy(`${alias}.id`, dir).limit(page.first + 1).getMany();
    return toPage(rows, page.first, totalCount, (r) => [r.createdAt.toISOString(), r.id]);
  }

  // ------------------------------------------------------------------ HR: committees and seats

  private async assertChair(scope: OrgScope, chairId: string | undefined): Promise<void> {
    if (!chairId) return;
    const [row] = await this.db.query('SELECT 1 FROM employee WHERE id = $1 AND organization_id = $2 AND active', [chairId, scope.organizationId]);
    if (!row) throw badInput('Unknown chair', 'chairId');
  }

  async create(caller: Caller, input: CreateCommitteeInput): Promise<Committee> {
    const passionTags = normalizeTags(input.passionTags);
    if (!passionTags.length) throw badInput('Give at least one passion tag', 'passionTags');
    await this.assertChair(caller, input.chairId);
    return this.uow.run(async (tx) => {
      const repo = tx.repo(this.committees);
      if (await repo.findOne(caller, { name: input.name.trim() })) throw conflict(`A committee named ${input.name.trim()} already exists`);
      return repo.save(caller, {
        ...input,
        name: input.name.trim(),
        passionTags,
        chairId: input.chairId ?? null,
        createdById: caller.employeeId,
      });
    });
  }

  async update(caller: Caller, id: string, input: UpdateCommitteeInput): Promise<Committee> {
    const passionTags = input.passionTags ? normalizeTags(input.passionTags) : undefined;
    if (passionTags && !passionTags.length) throw badInput('Give at least one passion tag', 'passionTags');
    await this.assertChair(caller, input.chairId);
    return this.uow.run(async (tx) => {
      const repo = tx.repo(this.committees);
      const c = await repo.get(caller, { id }, 'Committee', { lock: { mode: 'pessimistic_write' } });
      const name = input.name?.trim();
      if (name && name !== c.name && (await repo.findOne(caller, { name }))) throw conflict(`A committee named ${name} already exists`);
      if (input.seats !== undefined && input.seats !== null) {
        const [taken] = await this.seatsTaken(caller, [id]);
        if (input.seats < taken) throw conflict(`${taken} seats are held now: end memberships before reducing seats`);
      }
      const changes = { ...input, name, passionTags };
      for (const [k, v] of Object.entries(changes)) if (v !== undefined && v !== null) (c as unknown as Record<string, unknown>)[k] = v;
      c.updatedAt = this.clock.now();
      return repo.save(caller, c);
    });
  }

  /** Opens seats for applications until a deadline; CommitteeSeatsOpened makes the worker announce them. */
  async openSeats(caller: Caller, input: OpenSeatsInput): Promise<CommitteeSeatOpening> {
    const now = this.clock.now();
    if (input.deadline <= now) throw badInput('The deadline must be in the future', 'deadline');
    if (input.termStartsAt && input.termStartsAt < input.deadline) throw badInput('Terms cannot start before the deadline', 'termStartsAt');
    return this.uow.run(async (tx) => {
      const c = await tx.repo(this.committees).get(caller, { id: input.committeeId }, 'Committee', { lock: { mode: 'pessimistic_write' } });
      if (!this.isChairOrHr(caller, c)) throw forbidden('Only HR and the chair can open seats');
      if (!c.active) throw conflict('This committee is inactive');
      if (input.seats > c.seats) throw badInput(`The committee has ${c.seats} seats`, 'seats');
      const opening = await tx.repo(this.openings).save(caller, {
        committeeId: c.id,
        seats: input.seats,
        deadline: input.deadline,
        termStartsAt: input.termStartsAt ?? null,
        reason: SeatOpeningReason.MANUAL,
        openedById: caller.employeeId,
        createdAt: now,
      });
      await tx.emit(caller, 'CommitteeSeatsOpened', { openingId: opening.id });
      return opening;
    });
  }

  async closeOpening(caller: Caller, openingId: string): Promise<CommitteeSeatOpening> {
    return this.uow.run(async (tx) => {
      const found = await this.getOpening(caller, openingId);
      const c = await tx.repo(this.committees).get(caller, { id: found.committeeId }, 'Committee', { lock: { mode: 'pessimistic_write' } });
      if (!this.isChairOrHr(caller, c)) throw forbidden('Only HR and the chair can close seat openings');
      const o = await tx.repo(this.openings).get(caller, { id: openingId }, 'Seat opening', { lock: { mode: 'pessimistic_write' } });
      if (o.status !== SeatOpeningStatus.OPEN) throw conflict('This opening is already closed');
      Object.assign(o, { status: SeatOpeningStatus.CLOSED, closedAt: this.clock.now() });
      return tx.repo(this.openings).save(caller, o);
    });
  }

  /** HR ends a membership early (stepping down); the seat is free at once. */
  async endMembership(caller: Caller, membershipId: string): Promise<CommitteeMembership> {
    return this.uow.run(async (tx) => {
      const m = await tx.repo(this.memberships).get(caller, { id: membershipId }, 'Membership', { lock: { mode: 'pessimistic_write' } });
      if (m.status !== MembershipStatus.ACTIVE) throw conflict('This membership has already ended');
      const now = this.clock.now();
      Object.assign(m, { status: MembershipStatus.ENDED, endedAt: now });
      return tx.repo(this.memberships).save(caller, m);
    });
  }

  // ------------------------------------------------------------------ applying and selecting

  async apply(caller: Caller, openingId: string, motivation: string): Promise<CommitteeApplication> {
    const text = motivation.trim();
    if (!text) throw badInput('Say in a few words why you want a seat', 'motivation');
    return runNotifying(this.uow, this.notifications, caller, async (tx, notify) => {
      const o = await tx.repo(this.openings).get(caller, { id: openingId }, 'Seat opening');
      const c = await tx.repo(this.committees).get(caller, { id: o.committeeId }, 'Committee');
      const now = this.clock.now();
      if (o.status !== SeatOpeningStatus.OPEN || o.deadline <= now || !c.active) throw conflict('This seat opening is closed');
      if (c.chairId === caller.employeeId) throw badInput('You chair this committee', 'openingId');
      const start = o.termStartsAt && o.termStartsAt > now ? o.termStartsAt : now;
      const [seated] = await tx.manager.query(
        `SELECT 1 FROM committee_membership WHERE organization_id = $1 AND committee_id = $2 AND employee_id = $3 AND status = 'ACTIVE' AND term_end > $4`,
        [caller.organizationId, c.id, caller.employeeId, start],
      );
      if (seated) throw conflict('You already hold a seat on this committee for that period');
      let saved: CommitteeApplication;
      try {
        saved = await tx.repo(this.applications).save(caller, {
          openingId,
          committeeId: c.id,
          employeeId: caller.employeeId,
          motivation: text,
          createdAt: now,
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict('You already applied to this seat opening');
        throw e;
      }
      if (c.chairId) {
        await notify([{ recipientId: c.chairId, type: COMMITTEE_NOTIFY.applied, sourceId: saved.id, title: `New application to ${c.name}`, data: { committeeId: c.id, openingId } }]);
      }
      return saved;
    });
  }

  async withdraw(caller: Caller, applicationId: string): Promise<CommitteeApplication> {
    return this.uow.run(async (tx) => {
      const a = await tx.repo(this.applications).get(caller, { id: applicationId }, 'Application', { lock: { mode: 'pessimistic_write' } });
      if (a.employeeId !== caller.employeeId) throw forbidden('Only the applicant can withdraw an application');
      if (a.status !== CommitteeApplicationStatus.APPLIED) throw conflict('This application was already decided');
      Object.assign(a, { status: CommitteeApplicationStatus.WITHDRAWN, decidedAt: this.clock.now() });
      return tx.repo(this.applications).save(caller, a);
    });
  }

  /** Locks the committee, then the opening, then the application: selections of one committee run one at a time. */
  private async lockForDecision(tx: Tx, caller: Caller, applicationId: string) {
    const found = await tx.repo(this.applications).get(caller, { id: applicationId }, 'Application');
    const committee = await tx.repo(this.committees).get(caller, { id: found.committeeId }, 'Committee', { lock: { mode: 'pessimistic_write' } });
    if (!this.isChairOrHr(caller, committee)) throw forbidden('Only the chair and HR decide applications');
    const opening = await tx.repo(this.openings).get(caller, { id: found.openingId }, 'Seat opening', { lock: { mode: 'pessimistic_write' } });
    const application = await tx.repo(this.applications).get(caller, { id: applicationId }, 'Application', { lock: { mode: 'pessimistic_write' } });
    if (application.status !== CommitteeApplicationStatus.APPLIED) throw conflict(`This application is already ${application.status.toLowerCase()}`);
    return { committee, opening, application };
  }

  /**
   * The chair or HR selects an applicant: a membership for one term. Refused with CONFLICT when
   * the opening's seats are all given or the committee would hold more members than seats when
   * the term starts.
   */
  async select(caller: Caller, applicationId: string): Promise<CommitteeMembership> {
    return runNotifying(this.uow, this.notifications, caller, async (tx, notify) => {
      const { committee, opening, application } = await this.lockForDecision(tx, caller, applicationId);
      if (opening.seatsFilled >= opening.seats) throw conflict('All seats of this opening are given');
      const now = this.clock.now();
      const start = opening.termStartsAt && opening.termStartsAt > now ? opening.termStartsAt : now;
      const [{ n }] = await tx.manager.query(
        `SELECT count(*)::int AS n FROM committee_membership
          WHERE organization_id = $1 AND committee_id = $2 AND status = 'ACTIVE' AND term_end > $3`,
        [caller.organizationId, committee.id, start],
      );
      if (n >= committee.seats) throw conflict(`All ${committee.seats} seats of ${committee.name} are held`);
      const [seated] = await tx.manager.query(
        `SELECT 1 FROM committee_membership WHERE organization_id = $1 AND committee_id = $2 AND employee_id = $3 AND status = 'ACTIVE' AND term_end > $4`,
        [caller.organizationId, committee.id, application.employeeId, start],
      );
      if (seated) throw conflict('This person already holds a seat for that period');
      const membership = await tx.repo(this.memberships).save(caller, {
        committeeId: committee.id,
        employeeId: application.employeeId,
        openingId: opening.id,
        termStart: start,
        termEnd: termEnd(start, committee.termMonths),
        createdAt: now,
      });
      Object.assign(application, { status: CommitteeApplicationStatus.SELECTED, decidedById: caller.employeeId, decidedAt: now, membershipId: membership.id });
      await tx.repo(this.applications).save(caller, application);
      opening.seatsFilled += 1;
      if (opening.seatsFilled >= opening.seats) Object.assign(opening, { status: SeatOpeningStatus.CLOSED, closedAt: now });
      await tx.repo(this.openings).save(caller, opening);
      await notify([
        {
          recipientId: application.employeeId,
          type: COMMITTEE_NOTIFY.selected,
          sourceId: application.id,
          title: `You were selected for ${committee.name}`,
          body: `Your term runs until ${membership.termEnd.toISOString().slice(0, 10)}`,
          data: { committeeId: committee.id, membershipId: membership.id },
        },
      ]);
      return membership;
    });
  }

  async reject(caller: Caller, applicationId: string, feedback?: string): Promise<CommitteeApplication> {
    return runNotifying(this.uow, this.notifications, caller, async (tx, notify) => {
      const { committee, application } = await this.lockForDecision(tx, caller, applicationId);
      Object.assign(application, { status: CommitteeApplicationStatus.REJECTED, decidedById: caller.employeeId, decidedAt: this.clock.now(), feedback: feedback ?? null });
      await tx.repo(this.applications).save(caller, application);
      await notify([
        { recipientId: application.employeeId, type: COMMITTEE_NOTIFY.rejected, sourceId: application.id, title: `Your application to ${committee.name} was not selected`, body: feedback ?? '', data: { committeeId: committee.id } },
      ]);
      return application;
    });
  }

  /** Who may read an application's motivation and feedback: the applicant, the chair, HR. */
  canSeeApplication(caller: Caller, a: CommitteeApplication, committee: Pick<Committee, 'chairId'> | null): boolean {
    return a.employeeId === caller.employeeId || isHr(caller) || (!!committee && committee.chairId === caller.employeeId);
  }
}
