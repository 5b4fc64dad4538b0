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
  Tx,
  UnitOfWork,
} from '@waypoint/core';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { ApplicationViewer, isHiringSide, viewerSql } from './access';
import { Application, ApplicationTransition } from './application.entity';
import { ApplyArgs, MoveApplicationInput, RejectionFeedbackInput } from './dto/application.input';
import { AlreadyAppliedError, OpeningClosedError, PipelineStageCount } from './models';
import { Opening } from './opening.entity';
import { ApplicationStatus, assertTransition, DisclosureStage, isLive, OpeningCloseReason, OpeningStatus, reachesDisclosure } from './pipeline';
import { OpeningsPolicyService } from './policy.service';
import { ReleaseAgreement, ReleaseStatus } from './release.entity';
import { TARGETED_FOR_VIEWER, viewerParams } from './viewer';

const DAY_MS = 24 * 3600 * 1000;

/** The application columns under their entity property names, for plain-SQL reads. */
const APPLICATION_COLUMNS = [
  'id', 'organization_id', 'opening_id', 'applicant_id', 'status', 'note', 'disclose_at_stage', 'disclosed_at', 'disclosed_by',
  'rejection_feedback', 'missing_skill_ids', 'version', 'submitted_at', 'status_changed_at', 'created_at', 'updated_at',
]
  .map((c) => `a.${c} AS "${c.replace(/_([a-z])/g, (_, x: string) => x.toUpperCase())}"`)
  .join(', ');

/** The hiring side's or the applicant's move, applied to a locked application. */
interface Move {
  to: ApplicationStatus;
  actorId: string;
  note: string;
  feedback?: RejectionFeedbackInput;
}

/**
 * Applications and their pipeline. Every read goes through `visibleQuery`, which applies the
 * confidentiality rule (access.ts) in SQL and records on each row how the caller may see it.
 */
@Injectable()
export class ApplicationService {
  private readonly applications: TenantRepository<Application>;
  private readonly transitions: TenantRepository<ApplicationTransition>;
  private readonly openings: TenantRepository<Opening>;
  private readonly releases: TenantRepository<ReleaseAgreement>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly policies: OpeningsPolicyService,
  ) {
    this.applications = new TenantRepository(db.manager, Application);
    this.transitions = new TenantRepository(db.manager, ApplicationTransition);
    this.openings = new TenantRepository(db.manager, Opening);
    this.releases = new TenantRepository(db.manager, ReleaseAgreement);
  }

  // ---------------------------------------------------------------------------------------------
  // Reads (confidential by default)

  /** Applications the caller may see, each with `viewer` set. */
  private visibleQuery(caller: Caller, manager: EntityManager = this.db.manager): SelectQueryBuilder<Application> {
    const viewer = viewerSql({ me: ':vaMe', hr: ':vaHr', org: ':vaOrg' });
    return this.applications
      .with(manager)
      .query(caller, 'a')
      .innerJoin(Opening, 'o', 'o.id = a.opening_id AND o.organization_id = a.organization_id')
      .addSelect(viewer, 'viewer')
      .andWhere(`${viewer} IS NOT NULL`)
      .setParameters({ vaMe: caller.employeeId, vaHr: isHr(caller), vaOrg: caller.organizationId });
  }

  private async fetch(qb: SelectQueryBuilder<Application>): Promise<Application[]> {
    const { entities, raw } = await qb.getRawAndEntities();
    const viewers = new Map<string, ApplicationViewer>(raw.map((r: { a_id: string; viewer: ApplicationViewer }) => [r.a_id, r.viewer]));
    for (const e of entities) e.viewer = viewers.get(e.id)!;
    return entities;
  }

  private async page(qb: SelectQueryBuilder<Application>, page: PageArgs): Promise<Page<Application>> {
    const totalCount = await qb.clone().getCount();
    if (page.after) {
      const [at, id] = decodeCursor(page.after, 2);
      qb.andWhere('(a.submitted_at, a.id) < (CAST(:cAt AS timestamptz), CAST(:cId AS uuid))', { cAt: at, cId: id });
    }
    const rows = await this.fetch(qb.orderBy('a.submitted_at', 'DESC').addOrderBy('a.id', 'DESC').limit(page.first + 1));
    return toPage(rows, page.first, totalCount, (a) => [a.submittedAt.toISOString(), a.id]);
  }

  /** One application; NOT_FOUND when it does not exist or the caller may not see it (existence is not revealed). */
  async get(caller: Caller, id: string, manager?: EntityManager): Promise<Application> {
    const [row] = await this.fetch(this.visibleQuery(caller, manager).andWhere('a.id = :id', { id }));
    if (!row) throw notFound('Application');
    return row;
  }

  /** For DataLoaders: the visible ones among `ids` (others are simply absent). */
  byIds(caller: Caller, ids: readonly string[]): Promise<Application[]> {
    return this.fetch(this.visibleQuery(caller).andWhere('a.id IN (:...ids)', { ids: [...ids] }));
  }

  mine(caller: Caller, page: PageArgs, statuses?: ApplicationStatus[]): Promise<Page<Application>> {
    const qb = this.visibleQuery(caller).andWhere('a.applicant_id = :me', { me: caller.employeeId });
    if (statuses?.length) qb.andWhere('a.status IN (:...statuses)', { statuses });
    return this.page(qb, page);
  }

  /** An opening's applications: HR and its hiring manager only; HR never see undisclosed ones of their own reports. */
  async forOpening(caller: Caller, openingId: string, page: PageArgs, statuses?: ApplicationStatus[]): Promise<Page<Application>> {
    const opening = await this.openings.findOne(caller, { id: openingId });
    if (!opening || (!isHr(caller) && opening.hiringManagerId !== caller.employeeId)) {
      if (opening && opening.status !== OpeningStatus.DRAFT) throw forbidden('Only HR and the hiring manager see the applications of an opening');
      throw notFound('Opening');
    }
    const qb = this.visibleQuery(caller).andWhere('a.opening_id = :openingId', { openingId });
    if (statuses?.length) qb.andWhere('a.status IN (:...statuses)', { statuses });
    return this.page(qb, page);
  }

  /** Each employee's applications the caller may see (for `Employee.internalApplications`). */
  async ofApplicants(caller: Caller, applicantIds: readonly string[]): Promise<Application[][]> {
    const rows = await this.fetch(
      this.visibleQuery(caller)
        .andWhere('a.applicant_id IN (:...applicantIds)', { applicantIds: [...applicantIds] })
        .orderBy('a.submitted_at', 'DESC')
        .addOrderBy('a.id', 'DESC'),
    );
    return applicantIds.map((id) => rows.filter((r) => r.applicantId === id));
  }

  /** The caller's own latest application per opening, for `Opening.myApplication` (one plain statement). */
  async myForOpenings(caller: Caller, openingIds: readonly string[]): Promise<(Application | null)[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT DISTINCT ON (a.opening_id) ${APPLICATION_COLUMNS}
         FROM application a
        WHERE a.organization_id = $1 AND a.applicant_id = $2 AND a.opening_id = ANY($3)
        ORDER BY a.opening_id, a.submitted_at DESC, a.id DESC`,
      [caller.organizationId, caller.employeeId, [...openingIds]],
    );
    const byOpening = new Map(rows.map((r) => [r.openingId as string, Object.assign(new Application(), r, { viewer: ApplicationViewer.APPLICANT })]));
    return openingIds.map((id) => byOpening.get(id) ?? null);
  }

  /**
   * Application counts per status for openings where the caller is on the hiring side; null for
   * the others. Counts apply the same confidentiality rule as the lists.
   */
  async pipelineCounts(caller: Caller, openings: readonly Opening[]): Promise<(PipelineStageCount[] | null)[]> {
    const allowed = openings.filter((o) => isHr(caller) || o.hiringManagerId === caller.employeeId).map((o) => o.id);
    const rows: { opening_id: string; status: ApplicationStatus; n: number }[] = allowed.length
      ? await this.visibleQuery(caller)
          .select('a.opening_id', 'opening_id')
          .addSelect('a.status', 'status')
          .addSelect('count(*)::int', 'n')
          .andWhere('a.opening_id IN (:...allowed)', { allowed })
          .groupBy('a.opening_id')
          .addGroupBy('a.status')
          .getRawMany()
      : [];
    return openings.map((o) => {
      if (!allowed.includes(o.id)) return null;
      return Object.values(ApplicationStatus).map((status) => ({
        status,
        count: rows.find((r) => r.opening_id === o.id && r.status === status)?.n ?? 0,
      }));
    });
  }

  async transitionsOf(scope: OrgScope, applicationIds: readonly string[]): Promise<ApplicationTransition[][]> {
    const rows = await this.transitions.find(scope, {
      where: { applicationId: In([...applicationIds]) },
      order: { at: 'ASC', id: 'ASC' },
    });
    return applicationIds.map((id) => rows.filter((r) => r.applicationId === id));
  }

  // ---------------------------------------------------------------------------------------------
  // The applicant

  async apply(caller: Caller, args: ApplyArgs): Promise<Application | AlreadyAppliedError | OpeningClosedError> {
    const policy = await this.policies.get(caller);
    const discloseAt = args.discloseAtStage ?? policy.disclosureStage;
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      // FOR SHARE: a concurrent pause / close waits for this application, and the other way round.
      const opening = await this.openings
        .with(tx.manager)
        .query(caller, 'o')
        .andWhere('o.id = :id', { id: args.openingId })
        .andWhere(`o.status <> 'DRAFT'`)
        .andWhere(TARGETED_FOR_VIEWER, viewerParams(caller))
        .setLock('pessimistic_read')
        .getOne();
      if (!opening) throw notFound('Opening');
      if (opening.hiringManagerId === caller.employeeId) throw badInput('You are the hiring manager of this opening', 'openingId');
      if (opening.status !== OpeningStatus.PUBLISHED || (opening.closesAt && opening.closesAt <= now)) {
        return Object.assign(new OpeningClosedError(), {
          message: opening.status === OpeningStatus.PUBLISHED ? 'The closing date of this opening has passed' : `This opening is ${opening.status.toLowerCase()}`,
          openingStatus: opening.status === OpeningStatus.PUBLISHED ? OpeningStatus.CLOSED : opening.status,
        });
      }
      const disclosed = discloseAt === DisclosureStage.SUBMITTED;
      const inserted: { id: string }[] = await tx.manager.query(
        `INSERT INTO application (organization_id, opening_id, applicant_id, status, note, disclose_at_stage, disclosed_at, disclosed_by,
                                  submitted_at, status_changed_at, created_at, updated_at)
         VALUES ($1, $2, $3, 'SUBMITTED', $4, $5, $6, $7, $8, $8, $8, $8)
         ON CONFLICT (opening_id, applicant_id) WHERE status <> 'WITHDRAWN' DO NOTHING
         RETURNING id`,
        [caller.organizationId, opening.id, caller.employeeId, args.note.trim(), discloseAt, disclosed ? now : null, disclosed ? 'STAGE' : null, now],
      );
      if (!inserted.length) {
        const existing = await this.fetch(
          this.visibleQuery(caller, tx.manager).andWhere(`a.opening_id = :o AND a.applicant_id = :me AND a.status <> 'WITHDRAWN'`, {
            o: opening.id,
            me: caller.employeeId,
          }),
        );
        return Object.assign(new AlreadyAppliedError(), {
          message: `You already applied to this opening (${existing[0].status})`,
          application: existing[0],
        });
      }
      const transition = await tx.repo(this.transitions).save(caller, {
        applicationId: inserted[0].id,
        fromStatus: null,
        toStatus: ApplicationStatus.SUBMITTED,
        actorId: caller.employeeId,
        note: '',
        disclosed,
        at: now,
      });
      await tx.emit(caller, 'ApplicationStatusChanged', { applicationId: inserted[0].id, transitionId: transition.id });
      return this.get(caller, inserted[0].id, tx.manager);
    });
  }

  async withdraw(caller: Caller, id: string, note: string): Promise<Application> {
    return this.uow.run(async (tx) => {
      const app = await this.lock(tx, caller, id);
      if (app.viewer !== ApplicationViewer.APPLICANT) throw forbidden('Only the applicant can withdraw an application');
      assertTransition(app.status, ApplicationStatus.WITHDRAWN);
      await this.applyMove(tx, caller, app, { to: ApplicationStatus.WITHDRAWN, actorId: caller.employeeId, note: note.trim() });
      return this.get(caller, id, tx.manager);
    });
  }

  /** The applicant tells their manager chain now. Cannot be undone. */
  async disclose(caller: Caller, id: string): Promise<Application> {
    return this.uow.run(async (tx) => {
      const app = await this.lock(tx, caller, id);
      if (app.viewer !== ApplicationViewer.APPLICANT) throw forbidden('Only the applicant can disclose their application');
      if (!app.disclosedAt) await this.discloseNow(tx, caller, app, 'APPLICANT');
      return this.get(caller, id, tx.manager);
    });
  }

  /** The applicant changes the stage of disclosure; earlier than the current status discloses now. */
  async setDisclosureStage(caller: Caller, id: string, stage: DisclosureStage): Promise<Application> {
    return this.uow.run(async (tx) => {
      const app = await this.lock(tx, caller, id);
      if (app.viewer !== ApplicationViewer.APPLICANT) throw forbidden('Only the applicant can change when their application is disclosed');
      if (app.disclosedAt) {
        throw new AppError(ErrorCode.CONFLICT, 'This application is already disclosed to your manager chain; that cannot be undone', {
          reason: 'ALREADY_DISCLOSED',
        });
      }
      if (!isLive(app.status)) throw new AppError(ErrorCode.CONFLICT, `The application is ${app.status}`, { reason: 'NOT_LIVE' });
      app.discloseAtStage = stage;
      await tx.repo(this.applications).save(caller, app);
      if (reachesDisclosure(app.status, stage)) await this.discloseNow(tx, caller, app, 'APPLICANT');
      return this.get(caller, id, tx.manager);
    });
  }

  private async discloseNow(tx: Tx, scope: OrgScope, app: Application, by: 'STAGE' | 'APPLICANT'): Promise<void> {
    await tx.manager.query(
      `UPDATE application SET disclosed_at = $3, disclosed_by = $4, updated_at = $3 WHERE organization_id = $1 AND id = $2 AND disclosed_at IS NULL`,
      [scope.organizationId, app.id, this.clock.now(), by],
    );
    await tx.emit(scope, 'ApplicationDisclosed', { applicationId: app.id });
  }

  // ---------------------------------------------------------------------------------------------
  // The hiring side

  /**
   * Moves an application one step. Only HR and the opening's hiring manager; the move must be
   * legal (pipeline.ts) and made on the version the caller saw: of two concurrent moves, the
   * second waits for the row lock, then finds a newer version and gets a CONFLICT.
   */
  async move(caller: Caller, input: MoveApplicationInput): Promise<Application> {
    if (input.to === ApplicationStatus.WITHDRAWN) throw badInput('Only the applicant withdraws an application (withdrawApplication)', 'to');
    if (input.to === ApplicationStatus.SUBMITTED) throw badInput('An application cannot move back to SUBMITTED', 'to');
    if (input.to === ApplicationStatus.REJECTED && !input.feedback) {
      throw badInput('Rejecting needs feedback for the applicant: which skills or experience were missing', 'feedback');
    }
    if (input.to !== ApplicationStatus.REJECTED && input.feedback) throw badInput('feedback is only given when rejecting', 'feedback');
    if (input.feedback && !input.feedback.message.trim()) throw badInput('The feedback message must not be blank', 'feedback.message');
    if (input.feedback?.missingSkillIds.length) await this.assertSkills(caller, input.feedback.missingSkillIds);
    return this.uow.run(async (tx) => {
      // Locks are always taken opening first, then application (as closeOpening does): a hire
      // takes the opening row before the application row, so the two cannot deadlock.
      if (input.to === ApplicationStatus.HIRED) {
        await tx.manager.query(
          `SELECT o.id FROM opening o JOIN application a ON a.opening_id = o.id
            WHERE a.organization_id = $1 AND a.id = $2 FOR UPDATE OF o`,
          [caller.organizationId, input.applicationId],
        );
      }
      const app = await this.lock(tx, caller, input.applicationId);
      if (!isHiringSide(app.viewer)) throw forbidden('Only HR and the hiring manager move applications');
      if (app.version !== input.expectedVersion) {
        throw new AppError(
          ErrorCode.CONFLICT,
          `The application was changed meanwhile (now ${app.status}, version ${app.version}); reload it and try again`,
          { reason: 'STALE_VERSION', currentVersion: app.version, currentStatus: app.status },
        );
      }
      assertTransition(app.status, input.to);
      if (input.to !== ApplicationStatus.REJECTED) {
        const opening = await tx.repo(this.openings).get(caller, { id: app.openingId }, 'Opening');
        if (opening.status === OpeningStatus.CLOSED && opening.closeReason === OpeningCloseReason.CANCELLED) {
          throw new AppError(ErrorCode.CONFLICT, 'This opening was cancelled: its applications can only be rejected (reopen it to go on)', {
            reason: 'OPENING_CANCELLED',
          });
        }
      }
      await this.applyMove(tx, caller, app, { to: input.to, actorId: caller.employeeId, note: input.note.trim(), feedback: input.feedback });
      return this.get(caller, app.id, tx.manager);
    });
  }

  /** Rejects every live application of an opening with the same feedback (closing it as cancelled or filled). */
  async rejectLive(tx: Tx, caller: Caller, openingId: string, message: string): Promise<number> {
    const ids: { id: string }[] = await tx.manager.query(
      `SELECT id FROM application WHERE organization_id = $1 AND opening_id = $2 AND status IN ('SUBMITTED', 'SCREENING', 'INTERVIEWING', 'OFFER')
        ORDER BY id FOR UPDATE`,
      [caller.organizationId, openingId],
    );
    for (const { id } of ids) {
      const app = await tx.repo(this.applications).get(caller, { id }, 'Application');
      await this.applyMove(tx, caller, app, {
        to: ApplicationStatus.REJECTED,
        actorId: caller.employeeId,
        note: 'Opening closed',
        feedback: { message, missingSkillIds: [] },
      });
    }
    return ids.length;
  }

  /** Locks the application row (FOR UPDATE) and reads it with the caller's relation. NOT_FOUND when invisible. */
  private async lock(tx: Tx, caller: Caller, id: string): Promise<Application> {
    const rows: { id: string }[] = await tx.manager.query(
      'SELECT id FROM application WHERE organization_id = $1 AND id = $2 FOR UPDATE',
      [caller.organizationId, id],
    );
    if (!rows.length) throw notFound('Application');
    return this.get(caller, id, tx.manager);
  }

  private async applyMove(tx: Tx, caller: Caller, app: Application, move: Move): Promise<void> {
    const now = this.clock.now();
    const from = app.status;
    if (move.to === ApplicationStatus.HIRED) await this.fillPosition(tx, caller, app, now);
    const disclosesNow = !app.disclosedAt && reachesDisclosure(move.to, app.discloseAtStage);
    await tx.manager.query(
      `UPDATE application
          SET status = $3, version = version + 1, status_changed_at = $4, updated_at = $4,
              rejection_feedback = coalesce($5, rejection_feedback), missing_skill_ids = coalesce($6, missing_skill_ids),
              disclosed_at = CASE WHEN $7 THEN $4 ELSE disclosed_at END,
              disclosed_by = CASE WHEN $7 THEN 'STAGE' ELSE disclosed_by END
        WHERE organization_id = $1 AND id = $2`,
      [
        caller.organizationId,
        app.id,
        move.to,
        now,
        move.feedback ? move.feedback.message.trim() : null,
        move.feedback ? move.feedback.missingSkillIds : null,
        disclosesNow,
      ],
    );
    const transition = await tx.repo(this.transitions).save(caller, {
      applicationId: app.id,
      fromStatus: from,
      toStatus: move.to,
      actorId: move.actorId,
      note: move.note,
      disclosed: disclosesNow || !!app.disclosedAt,
      at: now,
    });
    if (move.to === ApplicationStatus.INTERVIEWING) {
      // Interview practice: internal interviews are logged for the applicant, to debrief.
      await tx.manager.query(
        `INSERT INTO interview_log (organization_id, employee_id, kind, application_id, company, role_title, occurred_at, created_at, updated_at)
         SELECT a.organization_id, a.applicant_id, 'INTERNAL', a.id, org.name, o.title, $3, $3, $3
           FROM application a JOIN opening o ON o.id = a.opening_id JOIN organization org ON org.id = a.organization_id
          WHERE a.organization_id = $1 AND a.id = $2
         ON CONFLICT (application_id) DO NOTHING`,
        [caller.organizationId, app.id, now],
      );
    }
    if (move.to === ApplicationStatus.HIRED) await this.openRelease(tx, caller, app, now);
    await tx.emit(caller, 'ApplicationStatusChanged', { applicationId: app.id, transitionId: transition.id });
  }

  /** A hire takes a position (refused when all are taken); the last one closes the opening as FILLED. */
  private async fillPosition(tx: Tx, caller: Caller, app: Application, now: Date): Promise<void> {
    const opening = await tx.repo(this.openings).get(caller, { id: app.openingId }, 'Opening', { lock: { mode: 'pessimistic_write' } });
    if (opening.positionsFilled >= opening.positions) {
      throw new AppError(ErrorCode.CONFLICT, `All ${opening.positions} position(s) of this opening are filled`, { reason: 'POSITIONS_FILLED' });
    }
    const filled = opening.positionsFilled + 1;
    const closes = filled >= opening.positions && opening.status !== OpeningStatus.CLOSED;
    await tx.manager.query(
      `UPDATE opening SET positions_filled = $3, version = version + 1, updated_at = $4,
              status = CASE WHEN $5 THEN 'CLOSED' ELSE status END,
              close_reason = CASE WHEN $5 THEN $6 ELSE close_reason END,
              closed_at = CASE WHEN $5 THEN $4 ELSE closed_at END,
              closed_by_id = CASE WHEN $5 THEN $7::uuid ELSE closed_by_id END
        WHERE organization_id = $1 AND id = $2`,
      [caller.organizationId, opening.id, filled, now, closes, OpeningCloseReason.FILLED, caller.employeeId],
    );
  }

  /** The applicant's current manager must agree a release date within the policy deadline. */
  private async openRelease(tx: Tx, caller: Caller, app: Application, now: Date): Promise<void> {
    const [applicant] = await tx.manager.query('SELECT manager_id FROM employee WHERE organization_id = $1 AND id = $2', [
      caller.organizationId,
      app.applicantId,
    ]);
    if (!applicant?.manager_id) return;
    const policy = await this.policies.get(caller, tx.manager);
    await tx.repo(this.releases).save(caller, {
      applicationId: app.id,
      employeeId: app.applicantId,
      managerId: applicant.manager_id,
      hiredAt: now,
      deadlineAt: new Date(now.getTime() + policy.releaseDeadlineDays * DAY_MS),
      status: ReleaseStatus.PENDING,
    });
  }

  private async assertSkills(scope: OrgScope, ids: string[]): Promise<void> {
    const [{ n }] = await this.db.query('SELECT count(*)::int AS n FROM skill WHERE organization_id = $1 AND id = ANY($2)', [
      scope.organizationId,
      ids,
    ]);
    if (n !== new Set(ids).size) throw badInput('Unknown skill id in missingSkillIds', 'feedback.missingSkillIds');
  }
}
