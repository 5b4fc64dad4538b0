import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, Caller, Clock, conflict, OrgScope, TenantRepository, UnitOfWork } from '@waypoint/core';
import { NotificationService, runNotifying } from '@waypoint/notifications';
import { SkillService } from '@waypoint/people';
import { DataSource, EntityManager } from 'typeorm';
import { MenteeProfileInput, MentorProfileInput } from './dto/mentoring.input';
import { ClosedReason, MenteeStatus, MentoringRole, MentorStatus } from './enums';
import { MentorSeatsInfo } from './models';
import { DEFAULT_MENTOR_CAPACITY, MenteeProfile, MentorProfile } from './profile.entity';
import { ProposalService } from './proposal.service';
import { lockMentor, mentorSeats } from './seats';

/** Mentor and mentee opt-in: settings, opting out (which closes open proposals), seats. */
@Injectable()
export class ProfileService {
  private readonly mentorProfiles: TenantRepository<MentorProfile>;
  private readonly menteeProfiles: TenantRepository<MenteeProfile>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly notifications: NotificationService,
    private readonly skills: SkillService,
    private readonly proposals: ProposalService,
    private readonly clock: Clock,
  ) {
    this.mentorProfiles = new TenantRepository(db.manager, MentorProfile);
    this.menteeProfiles = new TenantRepository(db.manager, MenteeProfile);
  }

  /** The caller's mentor settings: their explicit opt-in, else what their profile flag implies, else null. */
  async myMentorProfile(caller: Caller): Promise<MentorProfile | null> {
    const row = await this.mentorProfiles.findOne(caller, { employeeId: caller.employeeId });
    if (row) return row;
    if (!(await this.flag(caller, 'open_to_mentoring'))) return null;
    return Object.assign(new MentorProfile(), {
      employeeId: caller.employeeId,
      organizationId: caller.organizationId,
      status: MentorStatus.ACTIVE,
      capacity: DEFAULT_MENTOR_CAPACITY,
      topicSkillIds: [],
      availability: '',
      pausedAt: null,
      pauseReason: null,
      fromProfileFlag: true,
    });
  }

  async myMenteeProfile(caller: Caller): Promise<MenteeProfile | null> {
    const row = await this.menteeProfiles.findOne(caller, { employeeId: caller.employeeId });
    if (row) return row;
    if (!(await this.flag(caller, 'seeking_mentor'))) return null;
    return Object.assign(new MenteeProfile(), {
      employeeId: caller.employeeId,
      organizationId: caller.organizationId,
      status: MenteeStatus.ACTIVE,
      goals: '',
      learnSkillIds: [],
      fromProfileFlag: true,
    });
  }

  /**
   * Opts in, or updates the settings (a paused mentor is active again). The capacity cannot go
   * below the seats already taken (active mentorships and accepted matches).
   */
  async optInAsMentor(caller: Caller, input: MentorProfileInput): Promise<MentorProfile> {
    await this.assertSkills(caller, input.topicSkillIds, 'topicSkillIds');
    return this.uow.run(async (tx) => {
      await lockMentor(tx.manager, caller, caller.employeeId);
      const seats = (await mentorSeats(tx.manager, caller, caller.employeeId))!;
      const taken = seats.active + seats.firm;
      if (input.capacity < taken) {
        throw conflict(`${taken} of your seats are taken (mentorships and accepted matches): your capacity cannot go below ${taken}`);
      }
      const now = this.clock.now();
      await tx.manager.query(
        `INSERT INTO mentor_profile (employee_id, organization_id, status, capacity, topic_skill_ids, availability, created_at, updated_at)
         VALUES ($2, $1, 'ACTIVE', $3, $4, $5, $6, $6)
         ON CONFLICT (employee_id) DO UPDATE
           SET status = 'ACTIVE', capacity = EXCLUDED.capacity, topic_skill_ids = EXCLUDED.topic_skill_ids,
               availability = EXCLUDED.availability, paused_at = NULL, pause_reason = NULL, updated_at = EXCLUDED.updated_at
         WHERE mentor_profile.organization_id = EXCLUDED.organization_id`,
        [caller.organizationId, caller.employeeId, input.capacity, input.topicSkillIds, input.availability.trim(), now],
      );
      return this.mentorProfiles.with(tx.manager).get(caller, { employeeId: caller.employeeId }, 'Mentor profile');
    });
  }

  /** Opts out: no new proposals; open ones are declined (their mentees matched again); mentorships go on. */
  async optOutAsMentor(caller: Caller): Promise<MentorProfile> {
    return runNotifying(this.uow, this.notifications, caller, async (tx, notify) => {
      await this.proposals.closeAllOpen(tx, caller, caller.employeeId, MentoringRole.MENTOR, ClosedReason.MENTOR_OPTED_OUT, notify);
      await lockMentor(tx.manager, caller, caller.employeeId);
      await tx.manager.query(
        `INSERT INTO mentor_profile (employee_id, organization_id, status, created_at, updated_at) VALUES ($2, $1, 'OPTED_OUT', $3, $3)
         ON CONFLICT (employee_id) DO UPDATE SET status = 'OPTED_OUT', paused_at = NULL, pause_reason = NULL, updated_at = EXCLUDED.updated_at
         WHERE mentor_profile.organization_id = EXCLUDED.organization_id`,
        [caller.organizationId, caller.employeeId, this.clock.now()],
      );
      return this.mentorProfiles.with(tx.manager).get(caller, { employeeId: caller.employeeId }, 'Mentor profile');
    });
  }

  async optInAsMentee(caller: Caller, input: MenteeProfileInput): Promise<MenteeProfile> {
    await this.assertSkills(caller, input.learnSkillIds, 'learnSkillIds');
    const now = this.clock.now();
    await this.db.query(
      `INSERT INTO mentee_profile (employee_id, organization_id, status, goals, learn_skill_ids, created_at, updated_at)
       VALUES ($2, $1, 'ACTIVE', $3, $4, $5, $5)
       ON CONFLICT (employee_id) DO UPDATE
         SET status = 'ACTIVE', goals = EXCLUDED.goals, learn_skill_ids = EXCLUDED.learn_skill_ids, updated_at = EXCLUDED.updated_at
       WHERE mentee_profile.organization_id = EXCLUDED.organization_id`,
      [caller.organizationId, caller.employeeId, input.goals.trim(), input.learnSkillIds, now],
    );
    return this.menteeProfiles.get(caller, { employeeId: caller.employeeId }, 'Mentee profile');
  }

  /** Opts out: no new proposals; open ones are withdrawn (their mentors are told); mentorships go on. */
  async optOutAsMentee(caller: Caller): Promise<MenteeProfile> {
    return runNotifying(this.uow, this.notifications, caller, async (tx, notify) => {
      await this.proposals.closeAllOpen(tx, caller, caller.employeeId, MentoringRole.MENTEE, ClosedReason.MENTEE_OPTED_OUT, notify);
      await tx.manager.query(
        `INSERT INTO mentee_profile (employee_id, organization_id, status, created_at, updated_at) VALUES ($2, $1, 'OPTED_OUT', $3, $3)
         ON CONFLICT (employee_id) DO UPDATE SET status = 'OPTED_OUT', updated_at = EXCLUDED.updated_at
         WHERE mentee_profile.organization_id = EXCLUDED.organization_id`,
        [caller.organizationId, caller.employeeId, this.clock.now()],
      );
      return this.menteeProfiles.with(tx.manager).get(caller, { employeeId: caller.employeeId }, 'Mentee profile');
    });
  }

  /** Seats of mentors, for a DataLoader (one statement per batch). */
  async seatsOf(scope: OrgScope, mentorIds: readonly string[], manager: EntityManager = this.db.manager): Promise<MentorSeatsInfo[]> {
    const rows: { id: string; capacity: number; active: number; open: number }[] = await manager.query(
      `SELECT e.id, coalesce(mp.capacity, ${DEFAULT_MENTOR_CAPACITY}) AS capacity,
              (SELECT count(*)::int FROM mentorship ms WHERE ms.organization_id = $1 AND ms.mentor_id = e.id AND ms.status = 'ACTIVE') AS active,
              (SELECT count(*)::int FROM mentoring_proposal p
                WHERE p.organization_id = $1 AND p.mentor_id = e.id AND p.status IN ('PUBLISHED', 'PROPOSED')) AS open
         FROM employee e LEFT JOIN mentor_profile mp ON mp.employee_id = e.id AND mp.organization_id = $1
        WHERE e.organization_id = $1 AND e.id = ANY($2::uuid[])`,
      [scope.organizationId, [...mentorIds]],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return mentorIds.map((id) => {
      const r = byId.get(id) ?? { capacity: 0, active: 0, open: 0 };
      return { capacity: r.capacity, active: r.active, pending: r.open, free: Math.max(0, r.capacity - r.active - r.open) };
    });
  }

  /** The goals of mentees who opted in explicitly, for a DataLoader. */
  async menteeGoals(scope: OrgScope, menteeIds: readonly string[]): Promise<(string | null)[]> {
    const rows: { employee_id: string; goals: string }[] = await this.db.query(
      `SELECT employee_id, goals FROM mentee_profile WHERE organization_id = $1 AND employee_id = ANY($2::uuid[])`,
      [scope.organizationId, [...menteeIds]],
    );
    const byId = new Map(rows.map((r) => [r.employee_id, r.goals]));
    return menteeIds.map((id) => byId.get(id) || null);
  }

  private async flag(scope: Caller, column: 'open_to_mentoring' | 'seeking_mentor'): Promise<boolean> {
    const [row] = await this.db.query(`SELECT ${column} AS flag FROM employee WHERE organization_id = $1 AND id = $2 AND active`, [
      scope.organizationId,
      scope.employeeId,
    ]);
    return !!row?.flag;
  }

  private async assertSkills(scope: OrgScope, ids: string[], field: string): Promise<void> {
    if (!ids.length) return;
    const found = await this.skills.byIds(scope, ids);
    if (found.length !== new Set(ids).size) throw badInput('Unknown skill id', field);
  }
}
