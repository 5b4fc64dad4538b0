import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, EventJobData, OrgScope, TenantRepository, UnitOfWork } from '@waypoint/core';
import { proposeMatches } from '@waypoint/matching';
import { NewNotification, NotificationService, runNotifying } from '@waypoint/notifications';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { ClosedReason, MatchingObjective, ProposalResponse, ProposalStatus, RoundStatus } from '../enums';
import { derivedId, MENTORING_NOTIFY } from '../notify';
import { MentoringPopulation } from '../population';
import { close } from '../proposal-state';
import { ProposalService } from '../proposal.service';
import { MentoringRound } from '../round.entity';
import { freeSeats, lockMentor, mentorSeats } from '../seats';

/** A mentor who leaves a proposal unanswered this long is paused and the proposal expires. */
export const MENTOR_RESPONSE_DAYS = 14;
const DAY_MS = 24 * 3600 * 1000;
const BATCH = 1000;
const FIRST_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * The worker side of mentoring other than the round's matching run: telling both sides of a
 * published round, re-matching a mentee after a decline or an expiry, and the periodic jobs
 * (inactive mentors, session cadence reminders, round deadlines). Every handler is idempotent.
 */
@Injectable()
export class MentoringJobs {
  private readonly logger = new Logger(MentoringJobs.name);
  private readonly rounds: TenantRepository<MentoringRound>;
  private readonly population: MentoringPopulation;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly notifications: NotificationService,
    private readonly proposals: ProposalService,
    private readonly clock: Clock,
  ) {
    this.rounds = new TenantRepository(db.manager, MentoringRound);
    this.population = new MentoringPopulation(() => clock.now());
  }

  /** Tells the mentee and the mentor of every published proposal of the round, in chunks; the notification key makes a re-run add nothing. */
  async announce(data: EventJobData<'MentoringRoundPublished'>, job: Job): Promise<{ proposals: number; notified: number }> {
    const scope: OrgScope = { organizationId: data.organizationId };
    const round = await this.rounds.findOne(scope, { id: data.payload.roundId });
    if (!round) return { proposals: 0, notified: 0 };
    let cursor = FIRST_UUID;
    let proposals = 0;
    let notified = 0;
    for (;;) {
      const rows: { id: string; mentee_id: string; mentor_id: string; mentee_name: string; mentor_name: string }[] = await this.db.query(
        `SELECT p.id, p.mentee_id, p.mentor_id, me.full_name AS mentee_name, mo.full_name AS mentor_name
           FROM mentoring_proposal p
           JOIN employee me ON me.id = p.mentee_id AND me.organization_id = $1
           JOIN employee mo ON mo.id = p.mentor_id AND mo.organization_id = $1
          WHERE p.organization_id = $1 AND p.round_id = $2 AND p.status = 'PUBLISHED' AND p.source = 'ROUND' AND p.id > $3
          ORDER BY p.id LIMIT $4`,
        [scope.organizationId, round.id, cursor, BATCH],
      );
      if (!rows.length) break;
      const items: NewNotification[] = rows.flatMap((r) => proposalNotifications(r, round.name, round.deadline));
      notified += await this.notifications.notifyMany(scope, items);
      proposals += rows.length;
      cursor = rows[rows.length - 1].id;
      await job.updateProgress({ proposals, notified });
      if (rows.length < BATCH) break;
    }
    return { proposals, notified };
  }

  /**
   * Finds another mentor for the mentee of a closed round proposal (the engine on one mentee,
   * with the declined mentor now a previous pair), while the round is published and before its
   * deadline. Idempotent: the replacement references the proposal it replaces (unique).
   */
  async rematch(data: EventJobData<'MentoringRematchRequested'>): Promise<{ skipped?: string; proposalId?: string; matched?: boolean }> {
    const scope: OrgScope = { organizationId: data.organizationId };
    const old = await this.proposals.proposals.findOne(scope, { id: data.payload.proposalId });
    if (!old || !old.roundId) return { skipped: 'not a round proposal' };
    if ([ProposalStatus.PROPOSED, ProposalStatus.PUBLISHED, ProposalStatus.ACCEPTED].includes(old.status)) return { skipped: 'still open' };
    const round = await this.rounds.findOne(scope, { id: old.roundId });
    const now = this.clock.now();
    if (!round || round.status !== RoundStatus.PUBLISHED || round.deadline <= now) return { skipped: 'round not open' };
    const [done] = await this.db.query(`SELECT id FROM mentoring_proposal WHERE organization_id = $1 AND replaces_proposal_id = $2`, [
      scope.organizationId,
      old.id,
    ]);
    if (done) return { skipped: 'already re-matched', proposalId: done.id };

    const m = this.db.manager;
    const [mentee] = await this.population.mentees(m, scope, {
      departmentIds: round.menteeDepartmentIds,
      minLevel: round.menteeMinLevel,
      maxLevel: round.menteeMaxLevel,
      roundId: round.id,
      includeAlreadyMentored: round.includeAlreadyMentored,
      ids: [old.menteeId],
    });
    if (!mentee) return { skipped: 'mentee no longer eligible' };
    const reach = await this.population.reachOf(m, scope, mentee);
    const mentors = await this.population.mentors(m, scope, {
      departmentIds: round.mentorDepartmentIds,
      minLevel: round.mentorMinLevel,
      maxLevel: round.mentorMaxLevel,
      roundId: null,
      reach,
    });
    const input = await this.population.input(m, scope, [mentee], mentors, round.id, true);
    const result = proposeMatches(input.mentees, input.mentors, input.context, {
      objective: round.objective === MatchingObjective.COVERAGE ? 'coverage' : 'score',
    });
    const best = result.proposals[0];
    if (!best) {
      await this.db.query(
        `UPDATE mentoring_round SET unmatched_mentee_ids = array_append(unmatched_mentee_ids, $3::uuid)
          WHERE organization_id = $1 AND id = $2 AND NOT ($3::uuid = ANY(unmatched_mentee_ids))`,
        [scope.organizationId, round.id, old.menteeId],
      );
      return { matched: false };
    }
    return runNotifying(this.uow, this.notifications, scope, async (tx, notify) => {
      await lockMentor(tx.manager, scope, best.mentorId);
      const seats = await mentorSeats(tx.manager, scope, best.mentorId);
      // Another proposal took the seat since it was read: fail, and the retry matches again.
      if (!seats || freeSeats(seats) <= 0) throw new Error(`Mentor ${best.mentorId} has no free seat any more; retrying`);
      const [row] = await tx.manager.query(
        `INSERT INTO mentoring_proposal (organization_id, round_id, mentee_id, mentor_id, source, status, score, components, reasons,
                                         replaces_proposal_id, published_at, created_at)
         VALUES ($1, $2, $3, $4, 'REMATCH', 'PUBLISHED', $5, $6::jsonb, $7::jsonb, $8, $9, $9)
         ON CONFLICT DO NOTHING RETURNING id`,
        [scope.organizationId, round.id, best.menteeId, best.mentorId, best.score, JSON.stringify(best.components), JSON.stringify(best.reasons), old.id, now],
      );
      if (!row) return { skipped: 'already re-matched' };
      await tx.manager.query(
        `UPDATE mentoring_round SET unmatched_mentee_ids = array_remove(unmatched_mentee_ids, $3::uuid) WHERE organization_id = $1 AND id = $2`,
        [scope.organizationId, round.id, best.menteeId],
      );
      const [names] = await tx.manager.query(
        `SELECT (SELECT full_name FROM employee WHERE organization_id = $1 AND id = $2) AS mentee_name,
                (SELECT full_name FROM employee WHERE organization_id = $1 AND id = $3) AS mentor_name`,
        [scope.organizationId, best.menteeId, best.mentorId],
      );
      await notify(
        proposalNotifications({ id: row.id, mentee_id: best.menteeId, mentor_id: best.mentorId, ...names }, round.name, round.deadline, true),
      );
      return { matched: true, proposalId: row.id };
    });
  }

  /**
   * Mentors who left a published proposal unanswered for MENTOR_RESPONSE_DAYS are paused (no new
   * proposals until they opt in again or answer), the proposal expires, its mentee is told and,
   * in a round, matched again. One transaction per proposal; a re-run finds nothing left to do.
   */
  async pauseInactiveMentors(): Promise<{ expired: number; paused: number }> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - MENTOR_RESPONSE_DAYS * DAY_MS);
    // The one statement across organizations: which proposals are due (by the partial index).
    const due: { id: string; organization_id: string }[] = await this.db.query(
      `SELECT id, organization_id FROM mentoring_proposal
        WHERE status = 'PUBLISHED' AND mentor_response = 'PENDING' AND published_at <= $1
        ORDER BY published_at LIMIT ${BATCH}`,
      [cutoff],
    );
    let expired = 0;
    const paused = new Set<string>();
    for (const d of due) {
      const scope: OrgScope = { organizationId: d.organization_id };
      const mentorId = await runNotifying(this.uow, this.notifications, scope, async (tx, notify) => {
        const p = await tx.repo(this.proposals.proposals).findOne(scope, { id: d.id }, { lock: { mode: 'pessimistic_write' } });
        if (!p || p.status !== ProposalStatus.PUBLISHED || p.mentorResponse !== ProposalResponse.PENDING || !p.publishedAt || p.publishedAt > cutoff) {
          return null;
        }
        close(p, ClosedReason.MENTOR_INACTIVE, now);
        await this.proposals.afterClose(tx, scope, p, notify);
        const [pausedNow] = await tx.manager.query(
          `INSERT INTO mentor_profile (employee_id, organization_id, status, paused_at, pause_reason, created_at, updated_at)
           VALUES ($2, $1, 'PAUSED', $3, $4, $3, $3)
           ON CONFLICT (employee_id) DO UPDATE SET status = 'PAUSED', paused_at = EXCLUDED.paused_at, pause_reason = EXCLUDED.pause_reason,
                                                   updated_at = EXCLUDED.updated_at
           WHERE mentor_profile.organization_id = EXCLUDED.organization_id AND mentor_profile.status = 'ACTIVE'
           RETURNING employee_id`,
          [scope.organizationId, p.mentorId, now, `No answer to a mentoring proposal for ${MENTOR_RESPONSE_DAYS} days`],
        );
        if (pausedNow) {
          await notify([
            {
              recipientId: p.mentorId,
              type: MENTORING_NOTIFY.paused,
              sourceId: p.id,
              title: 'Your mentoring is paused',
              body: `A mentoring match waited ${MENTOR_RESPONSE_DAYS} days for your answer. Opt in again as a mentor when you are ready to take mentees.`,
              data: { proposalId: p.id },
            },
          ]);
        }
        return pausedNow ? p.mentorId : '';
      });
      if (mentorId !== null) expired++;
      if (mentorId) paused.add(mentorId);
    }
    return { expired, paused: paused.size };
  }

  /**
   * Reminds both members of an active mentorship that has not met for its cadence (no held
   * session within cadenceDays and none scheduled), again every cadence while they do not meet.
   * The `reminded_for` mark, updated in the same transaction as the notifications, makes a re-run
   * remind nobody twice.
   */
  async remindDueSessions(): Promise<{ reminded: number }> {
    const now = this.clock.now();
    const due: { id: string; organization_id: string; mentee_id: string; mentor_id: string; due: Date }[] = await this.db.query(
      `SELECT m.id, m.organization_id, m.mentee_id, m.mentor_id, d.due
         FROM mentorship m
         CROSS JOIN LATERAL (
           SELECT max(s.starts_at) FILTER (WHERE s.starts_at <= $1) AS last, coalesce(bool_or(s.starts_at > $1), false) AS upcoming
             FROM mentoring_session s WHERE s.mentorship_id = m.id AND s.organization_id = m.organization_id AND s.status = 'SCHEDULED'
         ) s
         CROSS JOIN LATERAL (SELECT coalesce(s.last, m.started_at) + m.cadence_days * interval '1 day' AS due) d
        WHERE m.status = 'ACTIVE' AND NOT s.upcoming AND d.due <= $1
          AND (m.reminded_for IS NULL OR m.reminded_for < d.due OR m.reminded_for + m.cadence_days * interval '1 day' <= $1)
        ORDER BY d.due LIMIT ${BATCH}`,
      [now],
    );
    let reminded = 0;
    for (const d of due) {
      const scope: OrgScope = { organizationId: d.organization_id };
      const done = await runNotifying(this.uow, this.notifications, scope, async (tx, notify) => {
        // An UPDATE answers [rows, count] through TypeORM.
        const [[marked]]: [{ id: string; cadence_days: number }[], number] = await tx.manager.query(
          `UPDATE mentorship SET reminded_for = $3
            WHERE organization_id = $1 AND id = $2 AND status = 'ACTIVE'
              AND (reminded_for IS NULL OR reminded_for < $4 OR reminded_for + cadence_days * interval '1 day' <= $3)
           RETURNING id, cadence_days`,
          [scope.organizationId, d.id, now, d.due],
        );
        if (!marked) return false;
        const [names] = await tx.manager.query(
          `SELECT (SELECT full_name FROM employee WHERE organization_id = $1 AND id = $2) AS mentee_name,
                  (SELECT full_name FROM employee WHERE organization_id = $1 AND id = $3) AS mentor_name`,
          [scope.organizationId, d.mentee_id, d.mentor_id],
        );
        const sourceId = derivedId('mentoring-session-due', d.id, now.toISOString());
        const body = `You planned to meet every ${marked.cadence_days} days: schedule your next one-to-one`;
        await notify([
          { recipientId: d.mentee_id, type: MENTORING_NOTIFY.sessionDue, sourceId, title: `Time to meet ${names.mentor_name}`, body, data: { mentorshipId: d.id } },
          { recipientId: d.mentor_id, type: MENTORING_NOTIFY.sessionDue, sourceId, title: `Time to meet ${names.mentee_name}`, body, data: { mentorshipId: d.id } },
        ]);
        return true;
      });
      if (done) reminded++;
    }
    return { reminded };
  }

  /** Published rounds past their deadline close: their unanswered proposals expire and re-matching stops. */
  async closeRoundsPastDeadline(): Promise<{ closed: number; expired: number }> {
    const now = this.clock.now();
    const due: { id: string; organization_id: string }[] = await this.db.query(
      `SELECT id, organization_id FROM mentoring_round WHERE status = 'PUBLISHED' AND deadline <= $1 ORDER BY deadline LIMIT ${BATCH}`,
      [now],
    );
    let closed = 0;
    let expired = 0;
    for (const d of due) {
      await this.uow.run(async (tx) => {
        const [r] = await tx.manager.query(
          `SELECT id FROM mentoring_round WHERE organization_id = $1 AND id = $2 AND status = 'PUBLISHED' AND deadline <= $3 FOR UPDATE`,
          [d.organization_id, d.id, now],
        );
        if (!r) return;
        const [, n] = await tx.manager.query(
          `UPDATE mentoring_proposal SET status = 'EXPIRED', closed_reason = '${ClosedReason.ROUND_CLOSED}', closed_at = $3
            WHERE organization_id = $1 AND round_id = $2 AND status = 'PUBLISHED'`,
          [d.organization_id, d.id, now],
        );
        await tx.manager.query(`UPDATE mentoring_round SET status = 'CLOSED', closed_at = $3, updated_at = $3 WHERE organization_id = $1 AND id = $2`, [
          d.organization_id,
          d.id,
          now,
        ]);
        closed++;
        expired += n;
      });
    }
    if (closed) this.logger.log(`Closed ${closed} mentoring round(s) past their deadline`);
    return { closed, expired };
  }
}

function proposalNotifications(
  r: { id: string; mentee_id: string; mentor_id: string; mentee_name: string; mentor_name: string },
  roundName: string,
  deadline: Date,
  rematch = false,
): NewNotification[] {
  const by = `Answer by ${deadline.toISOString().slice(0, 10)}`;
  return [
    {
      recipientId: r.mentee_id,
      type: MENTORING_NOTIFY.proposal,
      sourceId: r.id,
      title: rematch ? `We found you another mentor: ${r.mentor_name}` : `Your mentor proposal: ${r.mentor_name}`,
      body: `${roundName}. ${by}.`,
      data: { proposalId: r.id },
    },
    {
      recipientId: r.mentor_id,
      type: MENTORING_NOTIFY.proposal,
      sourceId: r.id,
      title: `Would you mentor ${r.mentee_name}?`,
      body: `${roundName}. ${by}.`,
      data: { proposalId: r.id },
    },
  ];
}
