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
  notFound,
  OrgScope,
  Page,
  PageArgs,
  TenantRepository,
  toPage,
  Tx,
  UnitOfWork,
} from '@waypoint/core';
import { NewNotification, NotificationService } from '@waypoint/notifications';
import { DataSource, In, QueryFailedError } from 'typeorm';
import { runNotifying } from '@waypoint/notifications';
import { checkCommitment } from './policy';
import { LIVE, ParticipationStatus, Project, ProjectParticipant, ProjectStatus, SEAT_HOLDING } from './project.entity';
import { NOTIFY, ProjectService } from './project.service';

const isUniqueViolation = (e: unknown) => e instanceof QueryFailedError && (e as unknown as { code?: string }).code === '23505';

/**
 * Joining projects: requests, the owner's decision, seats allocated under a row lock on the
 * project (the last seat cannot be given twice), the manager's approval above the policy
 * threshold, leaving. Every decision notifies the people concerned in the same transaction.
 */
@Injectable()
export class ParticipationService {
  private readonly participants: TenantRepository<ProjectParticipant>;
  private readonly projectRepo: TenantRepository<Project>;

  constructor(
    @InjectDataSource() db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly projects: ProjectService,
    private readonly notifications: NotificationService,
  ) {
    this.participants = new TenantRepository(db.manager, ProjectParticipant);
    this.projectRepo = new TenantRepository(db.manager, Project);
  }

  // ------------------------------------------------------------------ reading

  byIds(scope: OrgScope, ids: readonly string[]): Promise<ProjectParticipant[]> {
    return this.participants.find(scope, { where: { id: In([...ids]) } });
  }

  /** The caller's live participation in each project (request, pending approval or active), for a DataLoader. */
  async mineIn(caller: Caller, projectIds: readonly string[]): Promise<(ProjectParticipant | null)[]> {
    const rows = await this.participants.find(caller, {
      where: { projectId: In([...projectIds]), employeeId: caller.employeeId, status: In([...LIVE]) },
    });
    return projectIds.map((id) => rows.find((r) => r.projectId === id) ?? null);
  }

  /**
   * Who may read a participation in full (motivation, decision note): the participant, the
   * project owner, the manager asked to approve, HR.
   */
  canSeeDetails(caller: Caller, row: ProjectParticipant, project: Pick<Project, 'ownerId'> | null): boolean {
    return (
      isHr(caller) || row.employeeId === caller.employeeId || row.approverId === caller.employeeId || project?.ownerId === caller.employeeId
    );
  }

  /**
   * A project's participants. The owner and HR see every request; anyone else sees the team
   * (active and completed participants) and their own request.
   */
  async ofProject(caller: Caller, projectId: string, page: PageArgs): Promise<Page<ProjectParticipant>> {
    const project = await this.projects.get(caller, projectId);
    const qb = this.participants.query(caller, 'pp').andWhere('pp.project_id = :projectId', { projectId });
    if (project.ownerId !== caller.employeeId && !isHr(caller)) {
      qb.andWhere(`(pp.status IN ('ACTIVE', 'COMPLETED') OR pp.employee_id = :me)`, { me: caller.employeeId });
    }
    return this.page(qb, page, 'ASC');
  }

  /** The caller's own requests and participations, newest first. */
  mine(caller: Caller, page: PageArgs): Promise<Page<ProjectParticipant>> {
    const qb = this.participants.query(caller, 'pp').andWhere('pp.employee_id = :me', { me: caller.employeeId });
    return this.page(qb, page, 'DESC');
  }

  /** Participations waiting for the caller's approval as a manager (HR sees all of them). */
  awaitingMyApproval(caller: Caller, page: PageArgs): Promise<Page<ProjectParticipant>> {
    const qb = this.participants.query(caller, 'pp').andWhere(`pp.status = 'PENDING_APPROVAL'`);
    if (!isHr(caller)) qb.andWhere('pp.approver_id = :me', { me: caller.employeeId });
    return this.page(qb, page, 'ASC');
  }

  private async page(qb: ReturnType<TenantRepository<ProjectParticipant>['query']>, page: PageArgs, dir: 'ASC' | 'DESC') {
    const totalCount = await qb.clone().getCount();
    if (page.after) {
      const [at, id] = decodeCursor(page.after, 2);
      qb.andWhere(`(pp.requested_at, pp.id) ${dir === 'ASC' ? '>' : '<'} (:at::timestamptz, :id::uuid)`, { at, id });
    }
    const rows = await qb.orderBy('pp.requested_at', dir).addOrderBy('pp.id', dir).limit(page.first + 1).getMany();
    return toPage(rows, page.first, totalCount, (r) => [r.requestedAt.toISOString(), r.id]);
  }

  // ------------------------------------------------------------------ helpers

  /** Project time the employee already committed (held seats on live projects), other than `except`. */
  private async committedHours(tx: Tx, scope: OrgScope, employeeId: string, except: string | null): Promise<number> {
    const [{ hours }] = await tx.manager.query(
      `SELECT coalesce(sum(pp.hours_per_week), 0)::int AS hours
         FROM project_participant pp JOIN project p ON p.id = pp.project_id AND p.organization_id = pp.organization_id
        WHERE pp.organization_id = $1 AND pp.employee_id = $2 AND pp.status = ANY($3)
          AND p.status IN ('OPEN', 'CLOSED') AND pp.id IS DISTINCT FROM $4`,
      [scope.organizationId, employeeId, SEAT_HOLDING, except],
    );
    return hours;
  }

  /** Loads a participation and its project, locking the project row first, then the participation. */
  private async lockBoth(tx: Tx, caller: Caller, participantId: string): Promise<{ row: ProjectParticipant; project: Project }> {
    const found = await tx.repo(this.participants).get(caller, { id: participantId }, 'Participation');
    const project = await tx.repo(this.projectRepo).get(caller, { id: found.projectId }, 'Project', { lock: { mode: 'pessimistic_write' } });
    const row = await tx.repo(this.participants).get(caller, { id: participantId }, 'Participation', { lock: { mode: 'pessimistic_write' } });
    return { row, project };
  }

  private async releaseSeat(tx: Tx, scope: OrgScope, project: Project): Promise<void> {
    project.seatsTaken -= 1;
    await tx.manager.query('UPDATE project SET seats_taken = seats_taken - 1, updated_at = $3 WHERE id = $1 AND organization_id = $2', [
      project.id,
      scope.organizationId,
      this.clock.now(),
    ]);
  }

  // ------------------------------------------------------------------ the flow

  /** Asks to join an open project. Refused when it is full or would take the caller above the time cap. */
  async request(caller: Caller, projectId: string, motivation: string): Promise<ProjectParticipant> {
    const text = motivation.trim();
    if (!text) throw badInput('Say in a few words why you want to join', 'motivation');
    return runNotifying(this.uow, this.notifications, caller, async (tx, notify) => {
      const project = await this.projects.get(caller, projectId, tx.manager);
      if (project.ownerId === caller.employeeId) throw badInput('You own this project', 'projectId');
      if (project.status !== ProjectStatus.OPEN) throw conflict('This project does not take requests');
      if (project.seatsTaken >= project.seats) throw conflict('This project has no seats left');
      const policy = await this.projects.policy(caller, tx.manager);
      const check = checkCommitment(policy, await this.committedHours(tx, caller, caller.employeeId, null), project.hoursPerWeek, false);
      if (!check.ok) throw conflict(check.reason);
      const now = this.clock.now();
      let saved: ProjectParticipant;
      try {
        // A concurrent duplicate fails on uq_project_participant_live; the throw rolls everything back.
        saved = await tx.repo(this.participants).save(caller, {
          projectId,
          employeeId: caller.employeeId,
          status: ParticipationStatus.REQUESTED,
          motivation: text,
          hoursPerWeek: project.hoursPerWeek,
          requestedAt: now,
          updatedAt: now,
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict('You already asked to join this project');
        throw e;
      }
      await notify([
        { recipientId: project.ownerId, type: NOTIFY.joinRequested, sourceId: saved.id, title: `Someone asked to join "${project.title}"`, data: { projectId } },
      ]);
      return saved;
    });
  }

  /** The requester withdraws a request (or an acceptance still waiting for their manager, which frees the seat). */
  async withdraw(caller: Caller, participantId: string): Promise<ProjectParticipant> {
    return runNotifying(this.uow, this.notifications, caller, async (tx, notify) => {
      const { row, project } = await this.lockBoth(tx, caller, participantId);
      if (row.employeeId !== caller.employeeId) throw forbidden('Only the requester can withdraw a request');
      if (row.status !== ParticipationStatus.REQUESTED && row.status !== ParticipationStatus.PENDING_APPROVAL) {
        throw conflict('Only a request that is still waiting can be withdrawn');
      }
      if (row.status === ParticipationStatus.PENDING_APPROVAL) await this.releaseSeat(tx, caller, project);
      const now = this.clock.now();
      Object.assign(row, { status: ParticipationStatus.WITHDRAWN, endedAt: now, updatedAt: now });
      await tx.repo(this.participants).save(caller, row);
      await notify([
        { recipientId: project.ownerId, type: NOTIFY.withdrawn, sourceId: row.id, title: `A request to join "${project.title}" was withdrawn`, data: { projectId: project.id } },
      ]);
      return row;
    });
  }

  /**
   * The owner accepts a request. Under the project's row lock: a free seat is taken (or the
   * acceptance fails with CONFLICT), the participant's total time is checked against the cap,
   * and if it goes above the approval threshold the seat is held for their manager to approve.
   */
  async accept(caller: Caller, participantId: string): Promise<ProjectParticipant> {
    return runNotifying(this.uow, this.notifications, caller, async (tx, notify) => {
      const { row, project } = await this.lockBoth(tx, caller, participantId);
      if (project.ownerId !== caller.employeeId && !isHr(caller)) throw forbidden('Only the project owner or HR can accept requests');
      if (row.status !== ParticipationStatus.REQUESTED) throw conflict(`This request is already ${row.status.toLowerCase().replace('_', ' ')}`);
      if (project.status !== ProjectStatus.OPEN) throw conflict('This project does not take new participants');
      if (project.seatsTaken >= project.seats) throw conflict('No seats left on this project');
      // Serializes acceptances of the same person on different projects (their time cap).
      await tx.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`project-time:${row.employeeId}`]);
      const [person] = await tx.manager.query('SELECT manager_id, active FROM employee WHERE id = $1 AND organization_id = $2', [
        row.employeeId,
        caller.organizationId,
      ]);
      if (!person?.active) throw conflict('This person is no longer active');
      const policy = await this.projects.policy(caller, tx.manager);
      const check = checkCommitment(policy, await this.committedHours(tx, caller, row.employeeId, row.id), row.hoursPerWeek, !!person.manager_id);
      if (!check.ok) throw conflict(check.reason.replace('your project time', 'their project time'));
      const now = this.clock.now();
      project.seatsTaken += 1;
      await tx.manager.query('UPDATE project SET seats_taken = seats_taken + 1, updated_at = $3 WHERE id = $1 AND organization_id = $2', [
        project.id,
        caller.organizationId,
        now,
      ]);
      Object.assign(row, {
        status: check.needsApproval ? ParticipationStatus.PENDING_APPROVAL : ParticipationStatus.ACTIVE,
        approverId: check.needsApproval ? person.manager_id : null,
        decidedById: caller.employeeId,
        decidedAt: now,
        joinedAt: check.needsApproval ? null : now,
        updatedAt: now,
      });
      await tx.repo(this.participants).save(caller, row);
      const items: NewNotification[] = [
        {
          recipientId: row.employeeId,
          type: NOTIFY.accepted,
          sourceId: row.id,
          title: `You were accepted on "${project.title}"`,
          body: check.needsApproval ? 'Your manager is asked to approve the time; your seat is held meanwhile' : 'Welcome to the team',
          data: { projectId: project.id },
        },
      ];
      if (check.needsApproval) {
        items.push({
          recipientId: person.manager_id,
          type: NOTIFY.approvalNeeded,
          sourceId: row.id,
          title: `Approve ${row.hoursPerWeek} h/week on "${project.title}"`,
          body: `Your report would give ${check.totalHours} h/week to projects in total`,
          data: { projectId: project.id, participantId: row.id },
        });
      }
      await notify(items);
      return row;
    });
  }

  async decline(caller: Caller, participantId: string, note?: string): Promise<ProjectParticipant> {
    return runNotifying(this.uow, this.notifications, caller, async (tx, notify) => {
      const { row, project } = await this.lockBoth(tx, caller, participantId);
      if (project.ownerId !== caller.employeeId && !isHr(caller)) throw forbidden('Only the project owner or HR can decline requests');
      if (row.status !== ParticipationStatus.REQUESTED) throw conflict('Only a waiting request can be declined');
      const now = this.clock.now();
      Object.assign(row, { status: ParticipationStatus.DECLINED, decidedById: caller.employeeId, decidedAt: now, decisionNote: note ?? null, endedAt: now, updatedAt: now });
      await tx.repo(this.participants).save(caller, row);
      await notify([
        { recipientId: row.employeeId, type: NOTIFY.declined, sourceId: row.id, title: `Your request to join "${project.title}" was declined`, body: note ?? '', data: { projectId: project.id } },
      ]);
      return row;
    });
  }

  private assertApprover(caller: Caller, row: ProjectParticipant): void {
    if (row.approverId !== caller.employeeId && !isHr(caller)) throw forbidden("Only the participant's manager or HR can decide this");
  }

  /** The manager approves the time: the participation becomes active. */
  async approve(caller: Caller, participantId: string, note?: string): Promise<ProjectParticipant> {
    return runNotifying(this.uow, this.notifications, caller, async (tx, notify) => {
      const { row, project } = await this.lockBoth(tx, caller, participantId);
      this.assertApprover(caller, row);
      if (row.status !== ParticipationStatus.PENDING_APPROVAL) throw conflict('This participation is not waiting for approval');
      const now = this.clock.now();
      Object.assign(row, { status: ParticipationStatus.ACTIVE, approvedById: caller.employeeId, approvedAt: now, joinedAt: now, decisionNote: note ?? row.decisionNote, updatedAt: now });
      await tx.repo(this.participants).save(caller, row);
      await notify([
        { recipientId: row.employeeId, type: NOTIFY.approved, sourceId: row.id, title: `Your manager approved your time on "${project.title}"`, data: { projectId: project.id } },
        { recipientId: project.ownerId, type: NOTIFY.approved, sourceId: row.id, title: `A new participant joined "${project.title}"`, data: { projectId: project.id } },
      ]);
      return row;
    });
  }

  /** The manager does not approve: the held seat is freed. */
  async refuseApproval(caller: Caller, participantId: string, note?: string): Promise<ProjectParticipant> {
    return runNotifying(this.uow, this.notifications, caller, async (tx, notify) => {
      const { row, project } = await this.lockBoth(tx, caller, participantId);
      this.assertApprover(caller, row);
      if (row.status !== ParticipationStatus.PENDING_APPROVAL) throw conflict('This participation is not waiting for approval');
      await this.releaseSeat(tx, caller, project);
      const now = this.clock.now();
      Object.assign(row, { status: ParticipationStatus.APPROVAL_DECLINED, approvedById: caller.employeeId, approvedAt: now, decisionNote: note ?? null, endedAt: now, updatedAt: now });
      await tx.repo(this.participants).save(caller, row);
      await notify([
        { recipientId: row.employeeId, type: NOTIFY.approvalDeclined, sourceId: row.id, title: `Your manager did not approve the time for "${project.title}"`, body: note ?? '', data: { projectId: project.id } },
        { recipientId: project.ownerId, type: NOTIFY.approvalDeclined, sourceId: row.id, title: `A seat on "${project.title}" is free again`, data: { projectId: project.id } },
      ]);
      return row;
    });
  }

  /** An active participant leaves; their seat is freed and the owner told. */
  async leave(caller: Caller, projectId: string): Promise<ProjectParticipant> {
    return runNotifying(this.uow, this.notifications, caller, async (tx, notify) => {
      const live = await tx.repo(this.participants).findOne(caller, { projectId, employeeId: caller.employeeId, status: ParticipationStatus.ACTIVE });
      if (!live) {
        await this.projects.get(caller, projectId, tx.manager);
        throw notFound('Active participation in this project');
      }
      const { row, project } = await this.lockBoth(tx, caller, live.id);
      if (row.status !== ParticipationStatus.ACTIVE) throw conflict('You are not an active participant');
      await this.releaseSeat(tx, caller, project);
      const now = this.clock.now();
      Object.assign(row, { status: ParticipationStatus.LEFT, endedAt: now, updatedAt: now });
      await tx.repo(this.participants).save(caller, row);
      await notify([
        { recipientId: project.ownerId, type: NOTIFY.left, sourceId: row.id, title: `A participant left "${project.title}"`, data: { projectId: project.id } },
      ]);
      return row;
    });
  }
}
