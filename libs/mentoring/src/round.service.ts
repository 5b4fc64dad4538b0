import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  badInput,
  Caller,
  Clock,
  conflict,
  decodeCursor,
  OrgScope,
  Page,
  PageArgs,
  TenantRepository,
  toPage,
  Tx,
  UnitOfWork,
} from '@waypoint/core';
import { Employee, PeopleService } from '@waypoint/people';
import { DataSource, In } from 'typeorm';
import { CreateMentoringRoundInput, EligibilityInput, RoundListArgs, UpdateMentoringRoundInput } from './dto/mentoring.input';
import { ClosedReason, ProposalStatus, RoundStatus } from './enums';
import { RoundProposalCounts } from './models';
import { MENTEE_OPTED_IN, MENTOR_OPTED_IN } from './population';
import { MentoringProposal } from './proposal.entity';
import { MentoringRound } from './round.entity';

const YEAR_MS = 365 * 24 * 3600 * 1000;
const createdKey = (alias: string) => `date_trunc('milliseconds', ${alias}.created_at)`;

/** Mentoring rounds, run by HR: create, launch the matching job, review, publish. */
@Injectable()
export class RoundService {
  private readonly rounds: TenantRepository<MentoringRound>;
  private readonly proposals: TenantRepository<MentoringProposal>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly people: PeopleService,
    private readonly clock: Clock,
  ) {
    this.rounds = new TenantRepository(db.manager, MentoringRound);
    this.proposals = new TenantRepository(db.manager, MentoringProposal);
  }

  get(scope: OrgScope, id: string): Promise<MentoringRound> {
    return this.rounds.get(scope, { id }, 'Mentoring round');
  }

  byIds(scope: OrgScope, ids: readonly string[]): Promise<MentoringRound[]> {
    return this.rounds.find(scope, { where: { id: In([...ids]) } });
  }

  async list(scope: OrgScope, args: RoundListArgs): Promise<Page<MentoringRound>> {
    const qb = this.rounds.query(scope, 'r');
    if (args.status) qb.andWhere('r.status = :status', { status: args.status });
    const totalCount = await qb.clone().getCount();
    if (args.after) {
      const [at, id] = decodeCursor(args.after, 2);
      qb.andWhere(`(${createdKey('r')}, r.id) < (:at::timestamptz, :id::uuid)`, { at, id });
    }
    const rows = await qb.orderBy(createdKey('r'), 'DESC').addOrderBy('r.id', 'DESC').limit(args.first + 1).getMany();
    return toPage(rows, args.first, totalCount, (r) => [r.createdAt.toISOString(), r.id]);
  }

  async create(caller: Caller, input: CreateMentoringRoundInput): Promise<MentoringRound> {
    this.assertDeadline(input.deadline);
    await this.assertEligibility(caller, input.mentees, 'mentees');
    await this.assertEligibility(caller, input.mentors, 'mentors');
    const now = this.clock.now();
    const saved = await this.rounds.save(caller, {
      name: input.name.trim(),
      objective: input.objective,
      deadline: input.deadline,
      ...eligibilityColumns(input.mentees, 'mentee'),
      ...eligibilityColumns(input.mentors, 'mentor'),
      includeAlreadyMentored: input.includeAlreadyMentored,
      status: RoundStatus.DRAFT,
      createdById: caller.employeeId,
      createdAt: now,
      updatedAt: now,
    });
    return this.get(caller, saved.id);
  }

  /** Edits a round before it is published; stored proposals change only when matching runs again. */
  async update(caller: Caller, id: string, input: UpdateMentoringRoundInput): Promise<MentoringRound> {
    if (input.deadline) this.assertDeadline(input.deadline);
    await this.assertEligibility(caller, input.mentees, 'mentees');
    await this.assertEligibility(caller, input.mentors, 'mentors');
    return this.uow.run(async (tx) => {
      const r = await this.lock(tx, caller, id);
      if (![RoundStatus.DRAFT, RoundStatus.REVIEW, RoundStatus.FAILED].includes(r.status)) {
        throw conflict(`A ${r.status.toLowerCase()} round cannot be edited`);
      }
      if (input.name !== undefined && input.name !== null) r.name = input.name.trim();
      if (input.objective) r.objective = input.objective;
      if (input.deadline) r.deadline = input.deadline;
      if (input.mentees) Object.assign(r, eligibilityColumns(input.mentees, 'mentee'));
      if (input.mentors) Object.assign(r, eligibilityColumns(input.mentors, 'mentor'));
      if (typeof input.includeAlreadyMentored === 'boolean') r.includeAlreadyMentored = input.includeAlreadyMentored;
      r.updatedAt = this.clock.now();
      return tx.repo(this.rounds).save(caller, r);
    });
  }

  /**
   * Starts matching: the round goes to MATCHING with a new run id and a MatchingRunRequested event
   * in the same transaction; the worker picks it up, reports progress and stores the proposals
   * (replacing those of an earlier run that was not published).
   */
  async launch(caller: Caller, id: string): Promise<MentoringRound> {
    return this.uow.run(async (tx) => {
      const r = await this.lock(tx, caller, id);
      if (r.status === RoundStatus.MATCHING) throw conflict('Matching is already running for this round');
      if (r.status === RoundStatus.PUBLISHED || r.status === RoundStatus.CLOSED) {
        throw conflict(`This round is ${r.status.toLowerCase()}: its proposals are out`);
      }
      const now = this.clock.now();
      if (r.deadline <= now) throw conflict('The round\'s deadline has passed: move it before launching matching');
      Object.assign(r, {
        status: RoundStatus.MATCHING,
        runId: randomUUID(),
        runCount: r.runCount + 1,
        progressPercent: 0,
        progressPhase: 'queued',
        lastError: null,
        launchedAt: now,
        updatedAt: now,
      });
      await tx.repo(this.rounds).save(caller, r);
      await tx.emit(caller, 'MatchingRunRequested', { roundId: r.id, runId: r.runId! });
      return r;
    });
  }

  /**
   * Sends the reviewed proposals to both sides. A proposal whose mentor or mentee is no longer
   * opted in is withdrawn (and its mentee matched again when the mentor left). The notifications
   * go out from the worker (MentoringRoundPublished).
   */
  async publish(caller: Caller, id: string): Promise<MentoringRound> {
    return this.uow.run(async (tx) => {
      const r = await this.lock(tx, caller, id);
      if (r.status !== RoundStatus.REVIEW) throw conflict(`Only a round in review can be published (this one is ${r.status.toLowerCase()})`);
      const now = this.clock.now();
      if (r.deadline <= now) throw conflict('The round\'s deadline has passed: move it before publishing');
      // An UPDATE answers [rows, count] through TypeORM.
      const [gone]: [{ id: string; mentor_gone: boolean; mentee_gone: boolean }[], number] = await tx.manager.query(
        `WITH checked AS (
           SELECT p.id,
                  NOT EXISTS (SELECT 1 FROM employee e LEFT JOIN mentor_profile mp ON mp.employee_id = e.id AND mp.organization_id = $1
                               WHERE e.organization_id = $1 AND e.id = p.mentor_id AND e.active AND ${MENTOR_OPTED_IN}) AS mentor_gone,
                  NOT EXISTS (SELECT 1 FROM employee e LEFT JOIN mentee_profile mp ON mp.employee_id = e.id AND mp.organization_id = $1
                               WHERE e.organization_id = $1 AND e.id = p.mentee_id AND e.active AND ${MENTEE_OPTED_IN}) AS mentee_gone
             FROM mentoring_proposal p WHERE p.organization_id = $1 AND p.round_id = $2 AND p.status = 'PROPOSED'
         )
         UPDATE mentoring_proposal p SET status = 'WITHDRAWN', closed_reason = '${ClosedReason.NO_LONGER_ELIGIBLE}', closed_at = $3
           FROM checked c WHERE p.id = c.id AND (c.mentor_gone OR c.mentee_gone)
         RETURNING p.id, c.mentor_gone, c.mentee_gone`,
        [caller.organizationId, r.id, now],
      );
      await tx.manager.query(
        `UPDATE mentoring_proposal SET status = 'PUBLISHED', published_at = $3
          WHERE organization_id = $1 AND round_id = $2 AND status = 'PROPOSED'`,
        [caller.organizationId, r.id, now],
      );
      Object.assign(r, { status: RoundStatus.PUBLISHED, publishedAt: now, updatedAt: now });
      await tx.repo(this.rounds).save(caller, r);
      await tx.emit(caller, 'MentoringRoundPublished', { roundId: r.id });
      for (const g of gone) if (g.mentor_gone && !g.mentee_gone) await tx.emit(caller, 'MentoringRematchRequested', { proposalId: g.id });
      return r;
    });
  }

  /** HR removes a proposal during review; its mentee counts as unmatched (the pair is never proposed again). */
  async withdrawProposal(caller: Caller, proposalId: string): Promise<MentoringProposal> {
    return this.uow.run(async (tx) => {
      const p = await tx.repo(this.proposals).get(caller, { id: proposalId }, 'Mentoring proposal', { lock: { mode: 'pessimistic_write' } });
      if (!p.roundId) throw conflict('Only proposals of a round in review can be withdrawn');
      const r = await this.lock(tx, caller, p.roundId);
      if (r.status !== RoundStatus.REVIEW || p.status !== ProposalStatus.PROPOSED) {
        throw conflict('Only proposals of a round in review can be withdrawn');
      }
      const now = this.clock.now();
      Object.assign(p, { status: ProposalStatus.WITHDRAWN, closedReason: ClosedReason.WITHDRAWN_BY_HR, closedAt: now });
      await tx.repo(this.proposals).save(caller, p);
      Object.assign(r, {
        matchedCount: Math.max(0, (r.matchedCount ?? 1) - 1),
        totalScore: (r.totalScore ?? 0) - (p.score ?? 0),
        unmatchedMenteeIds: [...new Set([...r.unmatchedMenteeIds, p.menteeId])],
        updatedAt: now,
      });
      await tx.repo(this.rounds).save(caller, r);
      return p;
    });
  }

  /** The unmatched mentees of a round, by name. */
  async unmatched(scope: OrgScope, round: MentoringRound, page: PageArgs): Promise<Page<Employee>> {
    const ids = round.unmatchedMenteeIds;
    const params: unknown[] = [scope.organizationId, ids, page.first + 1];
    let after = '';
    if (page.after) {
      const [name, id] = decodeCursor(page.after, 2);
      params.push(name, id);
      after = 'AND (e.full_name, e.id) > ($4::text, $5::uuid)';
    }
    const rows: { id: string }[] = await this.db.query(
      `SELECT e.id FROM employee e WHERE e.organization_id = $1 AND e.id = ANY($2::uuid[]) ${after}
        ORDER BY e.full_name, e.id LIMIT $3`,
      params,
    );
    const people = await this.people.byIds(scope, rows.map((r) => r.id));
    const byId = new Map(people.map((e) => [e.id, e]));
    const ordered = rows.map((r) => byId.get(r.id)!).filter(Boolean);
    return toPage(ordered, page.first, ids.length, (e) => [e.fullName, e.id]);
  }

  /** Proposal counts by status, per round, for a DataLoader. */
  async proposalCounts(scope: OrgScope, roundIds: readonly string[]): Promise<RoundProposalCounts[]> {
    const rows: { round_id: string; status: ProposalStatus; n: number }[] = await this.db.query(
      `SELECT round_id, status, count(*)::int AS n FROM mentoring_proposal
        WHERE organization_id = $1 AND round_id = ANY($2::uuid[]) GROUP BY round_id, status`,
      [scope.organizationId, [...roundIds]],
    );
    return roundIds.map((id) => {
      const counts: RoundProposalCounts = { proposed: 0, published: 0, accepted: 0, declined: 0, expired: 0, withdrawn: 0 };
      for (const r of rows) if (r.round_id === id) counts[r.status.toLowerCase() as keyof RoundProposalCounts] = r.n;
      return counts;
    });
  }

  private lock(tx: Tx, scope: OrgScope, id: string): Promise<MentoringRound> {
    return tx.repo(this.rounds).get(scope, { id }, 'Mentoring round', { lock: { mode: 'pessimistic_write' } });
  }

  private assertDeadline(deadline: Date): void {
    const now = this.clock.now().getTime();
    if (deadline.getTime() <= now) throw badInput('The deadline must be in the future', 'deadline');
    if (deadline.getTime() > now + 2 * YEAR_MS) throw badInput('The deadline must be within two years', 'deadline');
  }

  private async assertEligibility(scope: OrgScope, e: EligibilityInput | undefined, field: string): Promise<void> {
    if (!e) return;
    if (e.minLevel != null && e.maxLevel != null && e.minLevel > e.maxLevel) {
      throw badInput('minLevel must not be above maxLevel', `${field}.minLevel`);
    }
    if (e.departmentIds.length) {
      const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM department WHERE organization_id = $1 AND id = ANY($2::uuid[])`, [
        scope.organizationId,
        e.departmentIds,
      ]);
      if (n !== e.departmentIds.length) throw badInput('Unknown department id', `${field}.departmentIds`);
    }
  }
}

function eligibilityColumns(e: EligibilityInput | undefined, side: 'mentee' | 'mentor') {
  return {
    [`${side}DepartmentIds`]: e?.departmentIds ?? [],
    [`${side}MinLevel`]: e?.minLevel ?? null,
    [`${side}MaxLevel`]: e?.maxLevel ?? null,
  };
}
