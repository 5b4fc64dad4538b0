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
  TenantRepository,
  toPage,
  Tx,
  UnitOfWork,
} from '@waypoint/core';
import { NotificationService } from '@waypoint/notifications';
import { DataSource, EntityManager, In } from 'typeorm';
import { CompleteProjectArgs, CreateProjectInput, NeededSkillInput, ProjectsArgs, UpdateProjectInput } from './dto/project.input';
import { runNotifying } from '@waypoint/notifications';
import { readProjectPolicy, ProjectPolicy } from './policy';
import { ParticipationStatus, Project, ProjectParticipant, ProjectSkill, ProjectStatus, SkillEndorsement } from './project.entity';

export const NOTIFY = {
  announced: 'PROJECT_ANNOUNCED',
  joinRequested: 'PROJECT_JOIN_REQUESTED',
  accepted: 'PROJECT_REQUEST_ACCEPTED',
  declined: 'PROJECT_REQUEST_DECLINED',
  withdrawn: 'PROJECT_REQUEST_WITHDRAWN',
  approvalNeeded: 'PROJECT_APPROVAL_NEEDED',
  approved: 'PROJECT_PARTICIPATION_APPROVED',
  approvalDeclined: 'PROJECT_PARTICIPATION_NOT_APPROVED',
  left: 'PROJECT_PARTICIPANT_LEFT',
  completed: 'PROJECT_COMPLETED',
  endorsed: 'PROJECT_SKILL_ENDORSED',
} as const;

/** Projects: posting, publishing (announced by the worker), closing and completing with endorsements. */
@Injectable()
export class ProjectService {
  readonly projects: TenantRepository<Project>;
  readonly skills: TenantRepository<ProjectSkill>;
  readonly participants: TenantRepository<ProjectParticipant>;
  readonly endorsements: TenantRepository<SkillEndorsement>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly notifications: NotificationService,
  ) {
    this.projects = new TenantRepository(db.manager, Project);
    this.skills = new TenantRepository(db.manager, ProjectSkill);
    this.participants = new TenantRepository(db.manager, ProjectParticipant);
    this.endorsements = new TenantRepository(db.manager, SkillEndorsement);
  }

  // ------------------------------------------------------------------ policy

  async policy(scope: OrgScope, manager: EntityManager = this.db.manager): Promise<ProjectPolicy> {
    const [row] = await manager.query('SELECT settings FROM organization WHERE id = $1', [scope.organizationId]);
    return readProjectPolicy(row?.settings);
  }

  /** Org admins set the time policy; it applies to requests and acceptances from now on. */
  async setPolicy(caller: Caller, policy: ProjectPolicy): Promise<ProjectPolicy> {
    if (policy.approvalThresholdHours > policy.maxHoursPerWeek) {
      throw badInput('The approval threshold cannot be above the cap', 'approvalThresholdHours');
    }
    await this.db.query(
      `UPDATE organization SET settings = jsonb_set(settings, '{projects}', coalesce(settings->'projects', '{}'::jsonb) || $2::jsonb)
        WHERE id = $1`,
      [caller.organizationId, JSON.stringify(policy)],
    );
    return this.policy(caller);
  }

  // ------------------------------------------------------------------ reading

  /** Drafts are visible to their owner and HR only; to anyone else they do not exist. */
  canSee(caller: Caller, p: Project): boolean {
    return p.status !== ProjectStatus.DRAFT || p.ownerId === caller.employeeId || isHr(caller);
  }

  async get(caller: Caller, id: string, manager?: EntityManager): Promise<Project> {
    const repo = manager ? this.projects.with(manager) : this.projects;
    const p = await repo.get(caller, { id }, 'Project');
    if (!this.canSee(caller, p)) throw notFound('Project');
    return p;
  }

  async byIds(caller: Caller, ids: readonly string[]): Promise<Project[]> {
    const rows = await this.projects.find(caller, { where: { id: In([...ids]) } });
    return rows.filter((p) => this.canSee(caller, p));
  }

  async skillsOf(scope: OrgScope, projectIds: readonly string[]): Promise<ProjectSkill[][]> {
    const rows = await this.skills.find(scope, {
      where: { projectId: In([...projectIds]) },
      order: { minProficiency: 'DESC', skillId: 'ASC' },
    });
    return projectIds.map((id) => rows.filter((r) => r.projectId === id));
  }

  /** Projects newest first: OPEN by default; `mine` lists the caller's own (drafts included). */
  async list(caller: Caller, args: ProjectsArgs): Promise<Page<Project>> {
    const qb = this.projects.query(caller, 'p');
    if (args.mine) qb.andWhere('p.owner_id = :me', { me: caller.employeeId });
    if (args.status) qb.andWhere('p.status = :status', { status: args.status });
    else if (!args.mine) qb.andWhere('p.status = :status', { status: ProjectStatus.OPEN });
    if (!isHr(caller)) qb.andWhere(`(p.status <> 'DRAFT' OR p.owner_id = :me)`, { me: caller.employeeId });
    if (args.skillId) {
      qb.andWhere('EXISTS (SELECT 1 FROM project_skill ps WHERE ps.project_id = p.id AND ps.skill_id = :skill)', { skill: args.skillId });
    }
    const totalCount = await qb.clone().getCount();
    if (args.after) {
      const [createdAt, id] = decodeCursor(args.after, 2);
      qb.andWhere('(p.created_at, p.id) < (:createdAt::timestamptz, :id::uuid)', { createdAt, id });
    }
    const rows = await qb.orderBy('p.created_at', 'DESC').addOrderBy('p.id', 'DESC').limit(args.first + 1).getMany();
    return toPage(rows, args.first, totalCount, (p) => [p.createdAt.toISOString(), p.id]);
  }

  // ------------------------------------------------------------------ writing

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  private async assertRefs(scope: OrgScope, input: { departmentIds?: string[]; neededSkills?: NeededSkillInput[] }): Promise<void> {
    if (input.neededSkills) {
      const ids = input.neededSkills.map((s) => s.skillId);
      if (new Set(ids).size !== ids.length) throw badInput('A skill is listed twice', 'neededSkills');
      const [{ n }] = await this.db.query('SELECT count(*)::int AS n FROM skill WHERE organization_id = $1 AND id = ANY($2)', [
        scope.organizationId,
        ids,
      ]);
      if (n !== ids.length) throw badInput('Unknown skill id', 'neededSkills');
    }
    if (input.departmentIds?.length) {
      const [{ n }] = await this.db.query('SELECT count(*)::int AS n FROM department WHERE organization_id = $1 AND id = ANY($2)', [
        scope.organizationId,
        input.departmentIds,
      ]);
      if (n !== input.departmentIds.length) throw badInput('Unknown department id', 'departmentIds');
    }
  }

  private assertHours(policy: ProjectPolicy, hours: number | undefined): void {
    if (hours !== undefined && hours > policy.maxHoursPerWeek) {
      throw badInput(`hoursPerWeek is above your organization's cap of ${policy.maxHoursPerWeek} h/week`, 'hoursPerWeek');
    }
  }

  private assertStartDate(date: string | undefined): void {
    if (date === undefined) return;
    if (Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
      throw badInput('startDate is not a calendar date', 'startDate');
    }
    if (date < this.today()) throw badInput('startDate is in the past', 'startDate');
  }

  private async writeSkills(tx: Tx, scope: OrgScope, projectId: string, skills: NeededSkillInput[]): Promise<void> {
    await tx.repo(this.skills).delete(scope, { projectId });
    await tx.manager.query(
      `INSERT INTO project_skill (project_id, skill_id, organization_id, min_proficiency)
       SELECT $1, s.skill_id, $2, s.min FROM unnest($3::uuid[], $4::int[]) AS s(skill_id, min)`,
      [projectId, scope.organizationId, skills.map((s) => s.skillId), skills.map((s) => s.minProficiency)],
    );
  }

  /** Anyone may post a project; it starts as a draft that only they (and HR) see. */
  async create(caller: Caller, input: CreateProjectInput): Promise<Project> {
    this.assertHours(await this.policy(caller), input.hoursPerWeek);
    this.assertStartDate(input.startDate);
    await this.assertRefs(caller, input);
    return this.uow.run(async (tx) => {
      const { neededSkills, ...fields } = input;
      const saved = await tx.repo(this.projects).save(caller, { ...fields, ownerId: caller.employeeId, status: ProjectStatus.DRAFT });
      await this.writeSkills(tx, caller, saved.id, neededSkills);
      return tx.repo(this.projects).get(caller, { id: saved.id }, 'Project');
    });
  }

  private assertOwner(caller: Caller, p: Project): void {
    if (p.ownerId !== caller.employeeId && !isHr(caller)) throw forbidden('Only the project owner or HR can do this');
  }

  /** Edits a draft (a published project's terms are what people signed up for). */
  async update(caller: Caller, id: string, input: UpdateProjectInput): Promise<Project> {
    this.assertHours(await this.policy(caller), input.hoursPerWeek);
    this.assertStartDate(input.startDate);
    await this.assertRefs(caller, input);
    return this.uow.run(async (tx) => {
      const repo = tx.repo(this.projects);
      const p = await repo.get(caller, { id }, 'Project', { lock: { mode: 'pessimistic_write' } });
      if (!this.canSee(caller, p)) throw notFound('Project');
      this.assertOwner(caller, p);
      if (p.status !== ProjectStatus.DRAFT) throw conflict('Only a draft can be edited');
      const { neededSkills, ...fields } = input;
      for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== null) (p as unknown as Record<string, unknown>)[k] = v;
      p.updatedAt = this.clock.now();
      await repo.save(caller, p);
      if (neededSkills) await this.writeSkills(tx, caller, id, neededSkills);
      return p;
    });
  }

  /** Publishes a draft and, in the same transaction, records ProjectAnnounced for the worker's fan-out. */
  async publish(caller: Caller, id: string): Promise<Project> {
    return this.uow.run(async (tx) => {
      const repo = tx.repo(this.projects);
      const p = await repo.get(caller, { id }, 'Project', { lock: { mode: 'pessimistic_write' } });
      if (!this.canSee(caller, p)) throw notFound('Project');
      this.assertOwner(caller, p);
      if (p.status !== ProjectStatus.DRAFT) throw conflict('This project is already published');
      if (p.startDate < this.today()) throw badInput('The start date has passed: move it before publishing', 'startDate');
      this.assertHours(await this.policy(caller, tx.manager), p.hoursPerWeek);
      Object.assign(p, { status: ProjectStatus.OPEN, publishedAt: this.clock.now(), updatedAt: this.clock.now() });
      await repo.save(caller, p);
      await tx.emit(caller, 'ProjectAnnounced', { projectId: p.id });
      return p;
    });
  }

  /** Stops taking requests; undecided requests are declined. The team goes on. */
  async close(caller: Caller, id: string): Promise<Project> {
    return runNotifying(this.uow, this.notifications, caller, async (tx, notify) => {
      const repo = tx.repo(this.projects);
      const p = await repo.get(caller, { id }, 'Project', { lock: { mode: 'pessimistic_write' } });
      if (!this.canSee(caller, p)) throw notFound('Project');
      this.assertOwner(caller, p);
      if (p.status !== ProjectStatus.OPEN) throw conflict('Only an open project can be closed');
      const now = this.clock.now();
      const declined = await this.endLive(tx, caller, id, [ParticipationStatus.REQUESTED], ParticipationStatus.DECLINED, 'The project stopped taking requests');
      Object.assign(p, { status: ProjectStatus.CLOSED, closedAt: now, updatedAt: now });
      await repo.save(caller, p);
      await notify(
        declined.map((r) => ({ recipientId: r.employee_id, type: NOTIFY.declined, sourceId: r.id, title: `Your request to join "${p.title}" was declined`, body: 'The project stopped taking requests', data: { projectId: id } })),
      );
      return p;
    });
  }

  private async endLive(
    tx: Tx,
    scope: OrgScope,
    projectId: string,
    from: ParticipationStatus[],
    to: ParticipationStatus,
    note: string | null,
  ): Promise<{ id: string; employee_id: string }[]> {
    const [rows] = await tx.manager.query(
      `UPDATE project_participant SET status = $4, decision_note = coalesce($5, decision_note), ended_at = $6, updated_at = $6
        WHERE organization_id = $1 AND project_id = $2 AND status = ANY($3) RETURNING id, employee_id`,
      [scope.organizationId, projectId, from, to, note, this.clock.now()],
    );
    return rows;
  }

  /**
   * Completes the project: active participants complete, anyone still waiting is declined,
   * and the owner's endorsements of the skills each participant used become evidence on
   * their profile (shown on their skill).
   */
  async complete(caller: Caller, args: CompleteProjectArgs): Promise<Project> {
    const pairs = args.endorsements.map((e) => `${e.employeeId}:${e.skillId}`);
    if (new Set(pairs).size !== pairs.length) throw badInput('The same skill is endorsed twice for one person', 'endorsements');
    const skillIds = [...new Set(args.endorsements.map((e) => e.skillId))];
    if (skillIds.length) {
      const [{ n }] = await this.db.query('SELECT count(*)::int AS n FROM skill WHERE organization_id = $1 AND id = ANY($2)', [
        caller.organizationId,
        skillIds,
      ]);
      if (n !== skillIds.length) throw badInput('Unknown skill id', 'endorsements');
    }
    return runNotifying(this.uow, this.notifications, caller, async (tx, notify) => {
      const repo = tx.repo(this.projects);
      const p = await repo.get(caller, { id: args.projectId }, 'Project', { lock: { mode: 'pessimistic_write' } });
      if (!this.canSee(caller, p)) throw notFound('Project');
      this.assertOwner(caller, p);
      if (p.status !== ProjectStatus.OPEN && p.status !== ProjectStatus.CLOSED) throw conflict('Only a published project can be completed');
      const active = await tx.repo(this.participants).find(caller, { where: { projectId: p.id, status: ParticipationStatus.ACTIVE } });
      const activeIds = new Set(active.map((a) => a.employeeId));
      const stranger = args.endorsements.find((e) => !activeIds.has(e.employeeId));
      if (stranger) throw badInput('Only active participants can be endorsed', 'endorsements');
      const now = this.clock.now();
      const completed = await this.endLive(tx, caller, p.id, [ParticipationStatus.ACTIVE], ParticipationStatus.COMPLETED, null);
      const dropped = await this.endLive(
        tx,
        caller,
        p.id,
        [ParticipationStatus.REQUESTED, ParticipationStatus.PENDING_APPROVAL],
        ParticipationStatus.DECLINED,
        'The project was completed',
      );
      if (args.endorsements.length) {
        await tx.manager.query(
          `INSERT INTO skill_endorsement (organization_id, employee_id, skill_id, project_id, endorsed_by_id, proficiency, note, created_at)
           SELECT $1, e.employee_id, e.skill_id, $2, $3, e.proficiency, e.note, $4
             FROM unnest($5::uuid[], $6::uuid[], $7::int[], $8::text[]) AS e(employee_id, skill_id, proficiency, note)
           ON CONFLICT (project_id, employee_id, skill_id) DO NOTHING`,
          [
            caller.organizationId,
            p.id,
            caller.employeeId,
            now,
            args.endorsements.map((e) => e.employeeId),
            args.endorsements.map((e) => e.skillId),
            args.endorsements.map((e) => e.proficiency),
            args.endorsements.map((e) => e.note ?? ''),
          ],
        );
      }
      Object.assign(p, { status: ProjectStatus.COMPLETED, completedAt: now, updatedAt: now, seatsTaken: completed.length });
      await repo.save(caller, p);
      await notify(
        [
          ...completed.map((r) => ({
            recipientId: r.employee_id,
            type: NOTIFY.completed,
            sourceId: r.id,
            title: `"${p.title}" is complete`,
            body: args.endorsements.some((e) => e.employeeId === r.employee_id) ? 'Your project owner endorsed skills you used: see your profile' : '',
            data: { projectId: p.id },
          })),
          ...dropped.map((r) => ({
            recipientId: r.employee_id,
            type: NOTIFY.declined,
            sourceId: r.id,
            title: `Your request to join "${p.title}" was declined`,
            body: 'The project was completed',
            data: { projectId: p.id },
          })),
        ],
      );
      return p;
    });
  }

  /** Endorsements of each (employee, skill), newest first, for a DataLoader. */
  async endorsementsOf(scope: OrgScope, keys: readonly { employeeId: string; skillId?: string }[]): Promise<SkillEndorsement[][]> {
    const employeeIds = [...new Set(keys.map((k) => k.employeeId))];
    const rows = await this.endorsements.find(scope, {
      where: { employeeId: In(employeeIds) },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return keys.map((k) => rows.filter((r) => r.employeeId === k.employeeId && (k.skillId === undefined || r.skillId === k.skillId)));
  }
}
