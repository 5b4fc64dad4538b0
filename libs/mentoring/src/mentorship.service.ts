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
import { NotificationService, runNotifying } from '@waypoint/notifications';
import { PeopleService } from '@waypoint/people';
import { DataSource, In } from 'typeorm';
import { CompleteMentorshipInput, LogMentoringSessionInput, MyMentorshipListArgs } from './dto/mentoring.input';
import { MentoringRole, MentorshipStatus, SessionStatus } from './enums';
import { MentoringSession, Mentorship, MentorshipFeedback } from './mentorship.entity';
import { MENTORING_NOTIFY } from './notify';

const DAY_MS = 24 * 3600 * 1000;
const createdKey = (alias: string, column: string) => `date_trunc('milliseconds', ${alias}.${column})`;

export interface SessionStats {
  lastSessionAt: Date | null;
  nextSessionAt: Date | null;
  heldCount: number;
}

/** Mentorships: reading, one-to-one sessions, cadence, completion with feedback. */
@Injectable()
export class MentorshipService {
  private readonly mentorships: TenantRepository<Mentorship>;
  private readonly sessions: TenantRepository<MentoringSession>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly notifications: NotificationService,
    private readonly people: PeopleService,
    private readonly clock: Clock,
  ) {
    this.mentorships = new TenantRepository(db.manager, Mentorship);
    this.sessions = new TenantRepository(db.manager, MentoringSession);
  }

  /** The two members and HR see a mentorship; nobody else (managers included). */
  canSee(caller: Caller, m: Mentorship): boolean {
    return isHr(caller) || this.sideOf(caller, m) !== null;
  }

  sideOf(caller: Caller, m: Mentorship): MentoringRole | null {
    if (m.menteeId === caller.employeeId) return MentoringRole.MENTEE;
    if (m.mentorId === caller.employeeId) return MentoringRole.MENTOR;
    return null;
  }

  async get(caller: Caller, id: string): Promise<Mentorship> {
    const m = await this.mentorships.findOne(caller, { id });
    if (!m || !this.canSee(caller, m)) throw notFound('Mentorship');
    return m;
  }

  byIds(scope: OrgScope, ids: readonly string[]): Promise<Mentorship[]> {
    return this.mentorships.find(scope, { where: { id: In([...ids]) } });
  }

  async mine(caller: Caller, args: MyMentorshipListArgs): Promise<Page<Mentorship>> {
    const qb = this.mentorships.query(caller, 'm');
    if (args.role === MentoringRole.MENTEE) qb.andWhere('m.mentee_id = :me', { me: caller.employeeId });
    else if (args.role === MentoringRole.MENTOR) qb.andWhere('m.mentor_id = :me', { me: caller.employeeId });
    else qb.andWhere('(m.mentee_id = :me OR m.mentor_id = :me)', { me: caller.employeeId });
    if (args.status) qb.andWhere('m.status = :status', { status: args.status });
    const totalCount = await qb.clone().getCount();
    if (args.after) {
      const [at, id] = decodeCursor(args.after, 2);
      qb.andWhere(`(${createdKey('m', 'started_at')}, m.id) < (:at::timestamptz, :id::uuid)`, { at, id });
    }
    const rows = await qb.orderBy(createdKey('m', 'started_at'), 'DESC').addOrderBy('m.id', 'DESC').limit(args.first + 1).getMany();
    return toPage(rows, args.first, totalCount, (m) => [m.startedAt.toISOString(), m.id]);
  }

  /** Sessions of a mentorship the caller may see, latest first. */
  async sessionsOf(caller: Caller, m: Mentorship, page: PageArgs): Promise<Page<MentoringSession>> {
    if (!this.canSee(caller, m)) throw notFound('Mentorship');
    const qb = this.sessions.query(caller, 's').andWhere('s.mentorship_id = :id', { id: m.id });
    const totalCount = await qb.clone().getCount();
    if (page.after) {
      const [at, id] = decodeCursor(page.after, 2);
      qb.andWhere(`(${createdKey('s', 'starts_at')}, s.id) < (:at::timestamptz, :id::uuid)`, { at, id });
    }
    const rows = await qb.orderBy(createdKey('s', 'starts_at'), 'DESC').addOrderBy('s.id', 'DESC').limit(page.first + 1).getMany();
    return toPage(rows, page.first, totalCount, (s) => [s.startsAt.toISOString(), s.id]);
  }

  /** Last held and next scheduled session per mentorship (for a DataLoader). */
  async sessionStats(scope: OrgScope, ids: readonly string[]): Promise<SessionStats[]> {
    const rows: { mentorship_id: string; last: Date | null; next: Date | null; held: number }[] = await this.db.query(
      `SELECT mentorship_id, max(starts_at) FILTER (WHERE starts_at <= $3) AS last, min(starts_at) FILTER (WHERE starts_at > $3) AS next,
              count(*) FILTER (WHERE starts_at <= $3)::int AS held
         FROM mentoring_session WHERE organization_id = $1 AND mentorship_id = ANY($2::uuid[]) AND status = 'SCHEDULED'
        GROUP BY mentorship_id`,
      [scope.organizationId, [...ids], this.clock.now()],
    );
    const byId = new Map(rows.map((r) => [r.mentorship_id, r]));
    return ids.map((id) => {
      const r = byId.get(id);
      return { lastSessionAt: r?.last ?? null, nextSessionAt: r?.next ?? null, heldCount: r?.held ?? 0 };
    });
  }

  /**
   * Logs a session: in the past, one the pair held; in the future, one they schedule (the other
   * member is notified; both get the calendar invite through `MentoringSession.ics`).
   */
  async logSession(caller: Caller, input: LogMentoringSessionInput): Promise<MentoringSession> {
    return runNotifying(this.uow, this.notifications, caller, async (tx, notify) => {
      const m = await this.lockOwn(tx, caller, input.mentorshipId);
      if (m.status !== MentorshipStatus.ACTIVE) throw conflict('This mentorship is completed');
      const now = this.clock.now();
      if (input.startsAt.getTime() < m.startedAt.getTime() - DAY_MS) throw badInput('A session cannot be before the mentorship started', 'startsAt');
      if (input.startsAt.getTime() > now.getTime() + 365 * DAY_MS) throw badInput('A session can be scheduled at most a year ahead', 'startsAt');
      const s = await tx.repo(this.sessions).save(caller, {
        mentorshipId: m.id,
        startsAt: input.startsAt,
        durationMinutes: input.durationMinutes,
        notes: input.notes.trim(),
        createdById: caller.employeeId,
        createdAt: now,
        updatedAt: now,
      });
      if (input.startsAt > now) {
        const other = m.menteeId === caller.employeeId ? m.mentorId : m.menteeId;
        const [me] = await this.people.byIds(caller, [caller.employeeId]);
        await notify([
          {
            recipientId: other,
            type: MENTORING_NOTIFY.sessionScheduled,
            sourceId: s.id,
            title: `Mentoring session with ${me.fullName} on ${input.startsAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
            body: `${input.durationMinutes} minutes; the calendar invite is attached to the session`,
            data: { mentorshipId: m.id, sessionId: s.id },
          },
        ]);
      }
      return tx.repo(this.sessions).get(caller, { id: s.id }, 'Mentoring session');
    });
  }

  /** Cancels a future session: its invite becomes a CANCEL (next sequence); the other member is told. */
  async cancelSession(caller: Caller, id: string): Promise<MentoringSession> {
    return runNotifying(this.uow, this.notifications, caller, async (tx, notify) => {
      const s = await tx.repo(this.sessions).findOne(caller, { id }, { lock: { mode: 'pessimistic_write' } });
      if (!s) throw notFound('Mentoring session');
      const m = await this.lockOwn(tx, caller, s.mentorshipId, 'Mentoring session');
      if (s.status === SessionStatus.CANCELLED) return s;
      const now = this.clock.now();
      if (s.startsAt <= now) throw conflict('This session already took place');
      Object.assign(s, { status: SessionStatus.CANCELLED, icsSequence: s.icsSequence + 1, updatedAt: now });
      await tx.repo(this.sessions).save(caller, s);
      const [me] = await this.people.byIds(caller, [caller.employeeId]);
      await notify([
        {
          recipientId: m.menteeId === caller.employeeId ? m.mentorId : m.menteeId,
          type: MENTORING_NOTIFY.sessionCancelled,
          sourceId: s.id,
          title: `${me.fullName} cancelled your mentoring session of ${s.startsAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
          data: { mentorshipId: m.id, sessionId: s.id },
        },
      ]);
      return s;
    });
  }

  async setCadence(caller: Caller, id: string, cadenceDays: number): Promise<Mentorship> {
    if (!Number.isInteger(cadenceDays) || cadenceDays < 7 || cadenceDays > 90) throw badInput('cadenceDays must be from 7 to 90', 'cadenceDays');
    return this.uow.run(async (tx) => {
      const m = await this.lockOwn(tx, caller, id);
      if (m.status !== MentorshipStatus.ACTIVE) throw conflict('This mentorship is completed');
      Object.assign(m, { cadenceDays, updatedAt: this.clock.now() });
      return tx.repo(this.mentorships).save(caller, m);
    });
  }

  /**
   * Completes the mentorship with the caller's feedback (its seat is released; future sessions are
   * cancelled), or, once completed, records the other member's feedback. Each member gives it once.
   */
  async complete(caller: Caller, id: string, input: CompleteMentorshipInput): Promise<Mentorship> {
    return runNotifying(this.uow, this.notifications, caller, async (tx, notify) => {
      const m = await this.lockOwn(tx, caller, id);
      const side = this.sideOf(caller, m)!;
      const now = this.clock.now();
      const mine = side === MentoringRole.MENTEE ? m.menteeFeedbackAt : m.mentorFeedbackAt;
      if (mine) throw conflict('You already gave your feedback on this mentorship');
      if (side === MentoringRole.MENTEE) Object.assign(m, { menteeRating: input.rating, menteeFeedback: input.comment.trim(), menteeFeedbackAt: now });
      else Object.assign(m, { mentorRating: input.rating, mentorFeedback: input.comment.trim(), mentorFeedbackAt: now });
      const completing = m.status === MentorshipStatus.ACTIVE;
      if (completing) {
        Object.assign(m, { status: MentorshipStatus.COMPLETED, completedAt: now, completedById: caller.employeeId });
        await tx.manager.query(
          `UPDATE mentoring_session SET status = 'CANCELLED', ics_sequence = ics_sequence + 1, updated_at = $3
            WHERE organization_id = $1 AND mentorship_id = $2 AND status = 'SCHEDULED' AND starts_at > $3`,
          [caller.organizationId, m.id, now],
        );
      }
      m.updatedAt = now;
      await tx.repo(this.mentorships).save(caller, m);
      if (completing) {
        const [me] = await this.people.byIds(caller, [caller.employeeId]);
        await notify([
          {
            recipientId: side === MentoringRole.MENTEE ? m.mentorId : m.menteeId,
            type: MENTORING_NOTIFY.completed,
            sourceId: m.id,
            title: `${me.fullName} completed your mentorship`,
            body: 'Tell us how it went: leave your feedback',
            data: { mentorshipId: m.id },
          },
        ]);
      }
      return m;
    });
  }

  /** The caller's own feedback; HR reads both sides through `feedback`. */
  feedbackOf(m: Mentorship, side: MentoringRole): MentorshipFeedback | null {
    if (side === MentoringRole.MENTEE) {
      return m.menteeFeedbackAt ? { role: side, rating: m.menteeRating!, comment: m.menteeFeedback ?? '', givenAt: m.menteeFeedbackAt } : null;
    }
    return m.mentorFeedbackAt ? { role: side, rating: m.mentorRating!, comment: m.mentorFeedback ?? '', givenAt: m.mentorFeedbackAt } : null;
  }

  /** Locks a mentorship of which the caller is a member: NOT_FOUND for strangers, FORBIDDEN for HR (who only reads). */
  private async lockOwn(tx: Tx, caller: Caller, id: string, what = 'Mentorship'): Promise<Mentorship> {
    const m = await tx.repo(this.mentorships).findOne(caller, { id }, { lock: { mode: 'pessimistic_write' } });
    if (!m || !this.canSee(caller, m)) throw notFound(what);
    if (!this.sideOf(caller, m)) throw forbidden('Only the mentee and the mentor can do this');
    return m;
  }
}
