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
import { NewNotification, NotificationService, runNotifying } from '@waypoint/notifications';
import { PeopleService } from '@waypoint/people';
import { DataSource, In } from 'typeorm';
import { MyProposalListArgs, ProposalListArgs } from './dto/mentoring.input';
import { ClosedReason, MentoringRole, MentorStatus, ProposalResponse, ProposalSource, ProposalStatus } from './enums';
import { MentorAtCapacityError, ProposalOutcome } from './models';
import { Mentorship } from './mentorship.entity';
import { MENTORING_NOTIFY } from './notify';
import { accept, acceptStep, close, decline, isOpen, ProposalClosed, sideOf } from './proposal-state';
import { MentoringProposal } from './proposal.entity';
import { freeSeats, lockMentee, lockMentor, mentorSeats, untakenSeats } from './seats';

type Notify = (items: NewNotification[]) => Promise<void>;

/** After these, the mentee of a round proposal is matched again (an incremental job). */
const REMATCH_AFTER = new Set<ClosedReason>([
  ClosedReason.DECLINED_BY_MENTEE,
  ClosedReason.DECLINED_BY_MENTOR,
  ClosedReason.MENTOR_FULL,
  ClosedReason.MENTOR_INACTIVE,
  ClosedReason.MENTOR_OPTED_OUT,
  ClosedReason.NO_LONGER_ELIGIBLE,
]);

/** Time-ordered lists sort on the millisecond (what a cursor carries), then the id. */
const createdKey = (alias: string) => `date_trunc('milliseconds', ${alias}.created_at)`;

/**
 * Proposals: who sees them, answering them (race-free seats), direct requests, and closing them
 * (with re-matching). Every capacity decision runs under the mentor's lock (see seats.ts).
 */
@Injectable()
export class ProposalService {
  readonly proposals: TenantRepository<MentoringProposal>;
  private readonly mentorships: TenantRepository<Mentorship>;

  constructor(
    @InjectDataSource() db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly notifications: NotificationService,
    private readonly people: PeopleService,
    private readonly clock: Clock,
  ) {
    this.proposals = new TenantRepository(db.manager, MentoringProposal);
    this.mentorships = new TenantRepository(db.manager, Mentorship);
  }

  /** HR sees every proposal; the mentee and the mentor see theirs once published. */
  canSee(caller: Caller, p: MentoringProposal): boolean {
    return isHr(caller) || (p.publishedAt !== null && sideOf(p, caller.employeeId) !== null);
  }

  async get(caller: Caller, id: string): Promise<MentoringProposal> {
    const p = await this.proposals.findOne(caller, { id });
    if (!p || !this.canSee(caller, p)) throw notFound('Mentoring proposal');
    return p;
  }

  /** The caller's published proposals and requests, newest first. */
  async mine(caller: Caller, args: MyProposalListArgs): Promise<Page<MentoringProposal>> {
    const qb = this.proposals.query(caller, 'p').andWhere('p.published_at IS NOT NULL');
    if (args.role === MentoringRole.MENTEE) qb.andWhere('p.mentee_id = :me', { me: caller.employeeId });
    else if (args.role === MentoringRole.MENTOR) qb.andWhere('p.mentor_id = :me', { me: caller.employeeId });
    else qb.andWhere('(p.mentee_id = :me OR p.mentor_id = :me)', { me: caller.employeeId });
    if (args.status) qb.andWhere('p.status = :status', { status: args.status });
    const totalCount = await qb.clone().getCount();
    if (args.after) {
      const [at, id] = decodeCursor(args.after, 2);
      qb.andWhere(`(${createdKey('p')}, p.id) < (:at::timestamptz, :id::uuid)`, { at, id });
    }
    const rows = await qb.orderBy(createdKey('p'), 'DESC').addOrderBy('p.id', 'DESC').limit(args.first + 1).getMany();
    return toPage(rows, args.first, totalCount, (p) => [p.createdAt.toISOString(), p.id]);
  }

  /** A round's proposals for HR, best score first. */
  async ofRound(scope: OrgScope, roundId: string, args: ProposalListArgs): Promise<Page<MentoringProposal>> {
    const qb = this.proposals.query(scope, 'p').andWhere('p.round_id = :roundId', { roundId });
    if (args.status) qb.andWhere('p.status = :status', { status: args.status });
    const totalCount = await qb.clone().getCount();
    if (args.after) {
      const [score, id] = decodeCursor(args.after, 2);
      if (typeof score !== 'number') throw badInput('Malformed cursor: pass an endCursor returned by this list', 'after');
      qb.andWhere('(coalesce(p.score, -1), p.id) < (:score::float8, :id::uuid)', { score, id });
    }
    const rows = await qb.orderBy('coalesce(p.score, -1)', 'DESC').addOrderBy('p.id', 'DESC').limit(args.first + 1).getMany();
    return toPage(rows, args.first, totalCount, (p) => [p.score ?? -1, p.id]);
  }

  byIds(scope: OrgScope, ids: readonly string[]): Promise<MentoringProposal[]> {
    return this.proposals.find(scope, { where: { id: In([...ids]) } });
  }

  /**
   * Accepts for the caller's side. The first acceptance takes one of the mentor's seats, under
   * the mentor's lock: of two mentees accepting the last seat at the same moment, the second
   * finds it taken, gets MentorAtCapacityError, and their proposal closes (MENTOR_FULL) and is
   * re-matched. When both sides have accepted, the mentorship starts.
   */
  async accept(caller: Caller, id: string): Promise<ProposalOutcome> {
    return runNotifying(this.uow, this.notifications, caller, async (tx, notify) => {
      const p = await this.lockVisible(tx, caller, id);
      const side = this.sideOrForbidden(p, caller);
      const step = this.guard(() => acceptStep(p, side));
      if (step.kind === 'already') return p;
      const now = this.clock.now();
      await lockMentor(tx.manager, caller, p.mentorId);
      if (step.kind === 'takes-seat') {
        const seats = await mentorSeats(tx.manager, caller, p.mentorId);
        if (!seats || untakenSeats(seats) <= 0) {
          if (side === MentoringRole.MENTOR) {
            return new MentorAtCapacityError('All your seats are taken: raise your capacity or decline this proposal', p.mentorId, p);
          }
          close(p, ClosedReason.MENTOR_FULL, now);
          await this.afterClose(tx, caller, p, notify);
          return new MentorAtCapacityError(
            'Someone took this mentor\'s last seat just before you: we are looking for another mentor for you',
            p.mentorId,
            p,
          );
        }
      }
      if (side === MentoringRole.MENTOR) await this.resumeIfPaused(tx, caller, p.mentorId, now);
      const started = accept(p, side, now);
      const names = await this.names(caller, [p.menteeId, p.mentorId]);
      if (started) {
        const m = await tx.repo(this.mentorships).save(caller, {
          menteeId: p.menteeId,
          mentorId: p.mentorId,
          proposalId: p.id,
          roundId: p.roundId,
          startedAt: now,
          createdAt: now,
          updatedAt: now,
        });
        p.mentorshipId = m.id;
        await tx.repo(this.proposals).save(caller, p);
        await notify([
          {
            recipientId: p.menteeId,
            type: MENTORING_NOTIFY.started,
            sourceId: m.id,
            title: `Your mentorship with ${names.get(p.mentorId)} has started`,
            body: 'Plan your first one-to-one session',
            data: { mentorshipId: m.id, proposalId: p.id },
          },
          {
            recipientId: p.mentorId,
            type: MENTORING_NOTIFY.started,
            sourceId: m.id,
            title: `Your mentorship with ${names.get(p.menteeId)} has started`,
            body: 'Plan your first one-to-one session',
            data: { mentorshipId: m.id, proposalId: p.id },
          },
        ]);
      } else {
        await tx.repo(this.proposals).save(caller, p);
        const other = side === MentoringRole.MENTEE ? p.mentorId : p.menteeId;
        await notify([
          {
            recipientId: other,
            type: MENTORING_NOTIFY.accepted,
            sourceId: p.id,
            title: `${names.get(caller.employeeId)} accepted your mentoring match`,
            body: 'Answer the proposal to start the mentorship',
            data: { proposalId: p.id },
          },
        ]);
      }
      return p;
    });
  }

  /** Declines for the caller's side: the seat is released and, in a round, the mentee is matched again. */
  async decline(caller: Caller, id: string, note?: string): Promise<MentoringProposal> {
    return runNotifying(this.uow, this.notifications, caller, async (tx, notify) => {
      const p = await this.lockVisible(tx, caller, id);
      const side = this.sideOrForbidden(p, caller);
      const now = this.clock.now();
      this.guard(() => decline(p, side, now));
      p.declineNote = note ?? null;
      if (side === MentoringRole.MENTOR) await this.resumeIfPaused(tx, caller, p.mentorId, now);
      await this.afterClose(tx, caller, p, notify);
      return p;
    });
  }

  /**
   * A mentee asks a mentor directly (typically one of their suggestions). The request counts as
   * the mentee's acceptance; the mentor answers it like a proposal. Refused for oneself, one's
   * manager chain, a pair matched before, a mentor not taking mentees; a mentor without a free
   * seat gives MentorAtCapacityError.
   */
  async request(caller: Caller, mentorId: string, message: string): Promise<ProposalOutcome> {
    if (mentorId === caller.employeeId) throw badInput('You cannot be your own mentor', 'mentorId');
    const [chain] = await this.people.managerChains(caller, [caller.employeeId]);
    if (chain.includes(mentorId)) throw badInput('Your manager and the people above them cannot be your mentor', 'mentorId');
    return runNotifying(this.uow, this.notifications, caller, async (tx, notify) => {
      await lockMentee(tx.manager, caller, caller.employeeId);
      const [busy] = await tx.manager.query(
        `SELECT 1 FROM mentoring_proposal WHERE organization_id = $1 AND mentee_id = $2 AND status IN ('PROPOSED', 'PUBLISHED') LIMIT 1`,
        [caller.organizationId, caller.employeeId],
      );
      if (busy) throw conflict('You already have an open mentoring proposal or request: answer or withdraw it first');
      await lockMentor(tx.manager, caller, mentorId);
      const seats = await mentorSeats(tx.manager, caller, mentorId);
      if (!seats) throw notFound('Mentor');
      if (!seats.optedIn || seats.status === MentorStatus.PAUSED) throw badInput('This person is not taking mentees at the moment', 'mentorId');
      const [before] = await tx.manager.query(
        `SELECT 1 FROM mentoring_proposal WHERE organization_id = $1 AND mentee_id = $2 AND mentor_id = $3 AND published_at IS NOT NULL
         UNION ALL
         SELECT 1 FROM mentorship WHERE organization_id = $1 AND mentee_id = $2 AND mentor_id = $3 LIMIT 1`,
        [caller.organizationId, caller.employeeId, mentorId],
      );
      if (before) throw conflict('You were matched with this mentor before: pick another one');
      if (freeSeats(seats) <= 0) return new MentorAtCapacityError('This mentor has no free seat at the moment', mentorId, null);
      const now = this.clock.now();
      const p = await tx.repo(this.proposals).save(caller, {
        menteeId: caller.employeeId,
        mentorId,
        source: ProposalSource.REQUEST,
        status: ProposalStatus.PUBLISHED,
        message,
        menteeResponse: ProposalResponse.ACCEPTED,
        menteeRespondedAt: now,
        publishedAt: now,
        createdAt: now,
      });
      const names = await this.names(caller, [caller.employeeId]);
      await notify([
        {
          recipientId: mentorId,
          type: MENTORING_NOTIFY.request,
          sourceId: p.id,
          title: `${names.get(caller.employeeId)} asks you to be their mentor`,
          body: message.slice(0, 300),
          data: { proposalId: p.id },
        },
      ]);
      return this.proposals.with(tx.manager).get(caller, { id: p.id }, 'Mentoring proposal');
    });
  }

  /**
   * Saves a proposal that was just closed (declined, expired, withdrawn): the other side is told,
   * and a round proposal's mentee is matched again when the reason calls for it.
   */
  async afterClose(tx: Tx, scope: OrgScope, p: MentoringProposal, notify: Notify): Promise<void> {
    await tx.repo(this.proposals).save(scope, p);
    const reason = p.closedReason!;
    if (p.roundId && REMATCH_AFTER.has(reason)) await tx.emit(scope, 'MentoringRematchRequested', { proposalId: p.id });
    if (!p.publishedAt) return;
    const names = await this.names(scope, [p.menteeId, p.mentorId]);
    const items: NewNotification[] = [];
    const declined = (recipientId: string, who: string) => ({
      recipientId,
      type: MENTORING_NOTIFY.declined,
      sourceId: p.id,
      title: `${who} declined your mentoring match`,
      body: p.roundId ? '' : 'You can ask another mentor',
      data: { proposalId: p.id },
    });
    switch (reason) {
      case ClosedReason.DECLINED_BY_MENTEE:
      case ClosedReason.MENTEE_OPTED_OUT:
        items.push(declined(p.mentorId, names.get(p.menteeId)!));
        break;
      case ClosedReason.DECLINED_BY_MENTOR:
      case ClosedReason.MENTOR_OPTED_OUT:
        items.push({ ...declined(p.menteeId, names.get(p.mentorId)!), body: p.roundId ? 'We are looking for another mentor for you' : 'You can ask another mentor' });
        break;
      case ClosedReason.MENTOR_INACTIVE:
        items.push({
          recipientId: p.menteeId,
          type: MENTORING_NOTIFY.expired,
          sourceId: p.id,
          title: `${names.get(p.mentorId)} did not answer your mentoring match`,
          body: p.roundId ? 'We are looking for another mentor for you' : 'You can ask another mentor',
          data: { proposalId: p.id },
        });
        break;
      default:
        break;
    }
    await notify(items);
  }

  /** A paused mentor who answers a proposal is active again. */
  private async resumeIfPaused(tx: Tx, scope: OrgScope, mentorId: string, now: Date): Promise<void> {
    await tx.manager.query(
      `UPDATE mentor_profile SET status = 'ACTIVE', paused_at = NULL, pause_reason = NULL, updated_at = $3
        WHERE organization_id = $1 AND employee_id = $2 AND status = 'PAUSED'`,
      [scope.organizationId, mentorId, now],
    );
  }

  /** Locks a proposal the caller may see (NOT_FOUND otherwise, across organizations too). */
  private async lockVisible(tx: Tx, caller: Caller, id: string): Promise<MentoringProposal> {
    const p = await tx.repo(this.proposals).findOne(caller, { id }, { lock: { mode: 'pessimistic_write' } });
    if (!p || !this.canSee(caller, p)) throw notFound('Mentoring proposal');
    return p;
  }

  private sideOrForbidden(p: MentoringProposal, caller: Caller): MentoringRole {
    const side = sideOf(p, caller.employeeId);
    if (!side) throw forbidden('Only the mentee and the mentor answer a proposal');
    return side;
  }

  private guard<T>(step: () => T): T {
    try {
      return step();
    } catch (e) {
      if (e instanceof ProposalClosed) throw conflict(e.message);
      throw e;
    }
  }

  async names(scope: OrgScope, ids: string[]): Promise<Map<string, string>> {
    const people = await this.people.byIds(scope, [...new Set(ids)]);
    return new Map(people.map((e) => [e.id, e.fullName]));
  }

  /** Closes every open (published) proposal where `employeeId` is on `side`, in id order (the lock order). */
  async closeAllOpen(tx: Tx, scope: OrgScope, employeeId: string, side: MentoringRole, reason: ClosedReason, notify: Notify): Promise<number> {
    const column = side === MentoringRole.MENTEE ? 'mentee_id' : 'mentor_id';
    const ids: { id: string }[] = await tx.manager.query(
      `SELECT id FROM mentoring_proposal WHERE organization_id = $1 AND ${column} = $2 AND status = 'PUBLISHED' ORDER BY id FOR UPDATE`,
      [scope.organizationId, employeeId],
    );
    const now = this.clock.now();
    for (const { id } of ids) {
      const p = await tx.repo(this.proposals).get(scope, { id }, 'Mentoring proposal');
      if (!isOpen(p)) continue;
      if (side === MentoringRole.MENTEE) {
        p.menteeResponse = ProposalResponse.DECLINED;
        p.menteeRespondedAt = now;
      } else {
        p.mentorResponse = ProposalResponse.DECLINED;
        p.mentorRespondedAt = now;
      }
      close(p, reason, now);
      await this.afterClose(tx, scope, p, notify);
    }
    return ids.length;
  }
}
