import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, EventJobData, OrgScope, TenantRepository, UnitOfWork } from '@waypoint/core';
import { MatchingInputError, MatchRoundResult, proposeMatches } from '@waypoint/matching';
import { NotificationService, runNotifying } from '@waypoint/notifications';
import { Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { MatchingObjective, RoundStatus } from '../enums';
import { MENTORING_NOTIFY } from '../notify';
import { MatchingInput, MentoringPopulation } from '../population';
import { MentoringRound, PhaseTiming } from '../round.entity';

/** Proposals per INSERT statement. */
const CHUNK = 5000;

export interface MatchingRunResult {
  skipped?: string;
  mentees?: number;
  mentors?: number;
  matched?: number;
  totalScore?: number;
  phases?: PhaseTiming[];
}

/**
 * The matching job of a round: load the round's population, score and solve with the matching
 * engine, store the proposals for HR review. Progress (percent and phase) goes to the job and to
 * the round row, which the API reads.
 *
 * Idempotent: the job carries (roundId, runId) and does nothing unless the round is MATCHING for
 * that very run. The proposals are stored in one transaction that locks the round, checks it
 * again, replaces the round's unpublished proposals and moves the round to REVIEW, so a
 * redelivered or duplicated job (even one running at the same time) stores them once.
 */
@Injectable()
export class MatchingRunner {
  private readonly logger = new Logger(MatchingRunner.name);
  private readonly rounds: TenantRepository<MentoringRound>;
  private readonly population: MentoringPopulation;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
  ) {
    this.rounds = new TenantRepository(db.manager, MentoringRound);
    this.population = new MentoringPopulation(() => clock.now());
  }

  async run(data: EventJobData<'MatchingRunRequested'>, job: Job): Promise<MatchingRunResult> {
    const scope: OrgScope = { organizationId: data.organizationId };
    const { roundId, runId } = data.payload;
    const round = await this.rounds.findOne(scope, { id: roundId });
    if (!round) return { skipped: 'round not found' };
    if (round.status !== RoundStatus.MATCHING || round.runId !== runId) return { skipped: `round is ${round.status} for another run` };
    try {
      return await this.execute(scope, round, runId, job);
    } catch (e) {
      const unrecoverable = e instanceof MatchingInputError;
      const final = unrecoverable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (final) await this.fail(scope, roundId, runId, e);
      if (unrecoverable) throw new UnrecoverableError((e as Error).message);
      throw e;
    }
  }

  private async execute(scope: OrgScope, round: MentoringRound, runId: string, job: Job): Promise<MatchingRunResult> {
    const phases: PhaseTiming[] = [];
    const phase = async <T>(name: string, percent: number, work: () => Promise<T> | T): Promise<T> => {
      await this.progress(job, scope, round.id, runId, percent, name);
      const t0 = performance.now();
      const result = await work();
      phases.push({ phase: name, ms: Math.round(performance.now() - t0) });
      return result;
    };

    const input = await phase('loading', 5, () => this.load(scope, round));
    const result = await phase('matching', 40, () =>
      proposeMatches(input.mentees, input.mentors, input.context, {
        objective: round.objective === MatchingObjective.COVERAGE ? 'coverage' : 'score',
      }),
    );
    await this.progress(job, scope, round.id, runId, 85, 'storing');
    const stored = await this.store(scope, round, runId, input, result, phases);
    if (!stored) return { skipped: 'another delivery of this run stored it first' };
    await job.updateProgress({ percent: 100, phase: 'done' });
    return { mentees: input.mentees.length, mentors: input.mentors.length, matched: result.matched, totalScore: result.totalScore, phases };
  }

  private async load(scope: OrgScope, round: MentoringRound): Promise<MatchingInput> {
    const m = this.db.manager;
    const mentees = await this.population.mentees(m, scope, {
      departmentIds: round.menteeDepartmentIds,
      minLevel: round.menteeMinLevel,
      maxLevel: round.menteeMaxLevel,
      roundId: round.id,
      includeAlreadyMentored: round.includeAlreadyMentored,
    });
    const mentors = await this.population.mentors(m, scope, {
      departmentIds: round.mentorDepartmentIds,
      minLevel: round.mentorMinLevel,
      maxLevel: round.mentorMaxLevel,
      roundId: round.id,
    });
    return this.population.input(m, scope, mentees, mentors, round.id);
  }

  /** Stores the run's proposals and moves the round to REVIEW; false when the round moved on meanwhile. */
  private async store(
    scope: OrgScope,
    round: MentoringRound,
    runId: string,
    input: MatchingInput,
    result: MatchRoundResult,
    phases: PhaseTiming[],
  ): Promise<boolean> {
    const t0 = performance.now();
    const now = this.clock.now();
    return runNotifying(this.uow, this.notifications, scope, async (tx, notify) => {
      const [current] = await tx.manager.query(
        `SELECT status, run_id FROM mentoring_round WHERE organization_id = $1 AND id = $2 FOR UPDATE`,
        [scope.organizationId, round.id],
      );
      if (!current || current.status !== RoundStatus.MATCHING || current.run_id !== runId) return false;
      await tx.manager.query(`DELETE FROM mentoring_proposal WHERE organization_id = $1 AND round_id = $2 AND status = 'PROPOSED'`, [
        scope.organizationId,
        round.id,
      ]);
      for (let i = 0; i < result.proposals.length; i += CHUNK) {
        const rows = result.proposals.slice(i, i + CHUNK).map((p) => ({
          mentee_id: p.menteeId,
          mentor_id: p.mentorId,
          score: p.score,
          components: p.components,
          reasons: p.reasons,
        }));
        await tx.manager.query(
          `INSERT INTO mentoring_proposal (organization_id, round_id, mentee_id, mentor_id, source, status, score, components, reasons, created_at)
           SELECT $1, $2, x.mentee_id, x.mentor_id, 'ROUND', 'PROPOSED', x.score, x.components, x.reasons, $4
             FROM jsonb_to_recordset($3::jsonb) AS x(mentee_id uuid, mentor_id uuid, score float8, components jsonb, reasons jsonb)`,
          [scope.organizationId, round.id, JSON.stringify(rows), now],
        );
      }
      const timings = [...phases, { phase: 'storing', ms: Math.round(performance.now() - t0) }];
      await tx.manager.query(
        `UPDATE mentoring_round
            SET status = 'REVIEW', progress_percent = 100, progress_phase = 'done', phase_timings = $3::jsonb,
                mentee_count = $4, mentor_count = $5, mentor_seats = $6, matched_count = $7, total_score = $8,
                unmatched_mentee_ids = $9::uuid[], matched_at = $10, last_error = NULL, updated_at = $10
          WHERE organization_id = $1 AND id = $2`,
        [
          scope.organizationId,
          round.id,
          JSON.stringify(timings),
          input.mentees.length,
          input.mentors.length,
          input.seats,
          result.matched,
          result.totalScore,
          result.unmatchedMenteeIds,
          now,
        ],
      );
      phases.splice(0, phases.length, ...timings);
      const coverage = input.mentees.length ? Math.round((100 * result.matched) / input.mentees.length) : 0;
      await notify([
        {
          recipientId: round.createdById,
          type: MENTORING_NOTIFY.roundMatched,
          sourceId: runId,
          title: `Matching of "${round.name}" is done: ${result.matched} of ${input.mentees.length} mentees matched (${coverage}%)`,
          body: 'Review the proposals, then publish them',
          data: { roundId: round.id },
        },
      ]);
      return true;
    });
  }

  private async progress(job: Job, scope: OrgScope, roundId: string, runId: string, percent: number, phase: string): Promise<void> {
    await job.updateProgress({ percent, phase });
    await this.db.query(
      `UPDATE mentoring_round SET progress_percent = $3, progress_phase = $4
        WHERE organization_id = $1 AND id = $2 AND run_id = $5 AND status = 'MATCHING'`,
      [scope.organizationId, roundId, percent, phase, runId],
    );
  }

  /** The run's last attempt failed: the round says so (HR may launch again); the job leaves a job_failure row. */
  private async fail(scope: OrgScope, roundId: string, runId: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    this.logger.error(`Matching run ${runId} of round ${roundId} failed: ${message}`);
    await this.db.query(
      `UPDATE mentoring_round SET status = 'FAILED', progress_phase = 'failed', last_error = $4, updated_at = $5
        WHERE organization_id = $1 AND id = $2 AND run_id = $3 AND status = 'MATCHING'`,
      [scope.organizationId, roundId, runId, message.slice(0, 1000), this.clock.now()],
    );
  }
}
