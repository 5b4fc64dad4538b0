import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  badInput,
  Caller,
  Clock,
  conflict,
  decodeCursor,
  forbidden,
  notFound,
  OrgScope,
  Page,
  PageArgs,
  TenantRepository,
  toPage,
  Tx,
  UnitOfWork,
} from '@waypoint/core';
import { DepartmentKind, DepartmentService, PeopleService } from '@waypoint/people';
import { DataSource, In } from 'typeorm';
import { MeetingRole, MyResearchMeetingsArgs, ProposeMeetingSlotsInput, RecordMeetingNotesInput, RequestResearchMeetingInput, UpdateMeetingSettingsInput } from './dto/meeting.input';
import { HostNotAcceptingMeetingsError, MeetingAlreadyRequestedError, MeetingSettings, RequestResearchMeetingOutcome } from './meeting.model';
import { ADMITTED_STATUSES, MEETING_MINUTES, MeetingHost, MeetingStatus, OPEN_STATUSES, ResearchMeeting } from './research-meeting.entity';
import { monthStartIn } from './zoned';

interface HostRow {
  monthlyCapacity: number | null;
  acceptingRequests: boolean;
  timeZone: string;
}

const DAY_MS = 24 * 3600 * 1000;
/** How far ahead a host may propose times. */
export const MAX_PROPOSAL_DAYS = 180;

/**
 * Research meetings: requests to a person or a business unit leader, the host's monthly
 * capacity and queue, proposed slots, scheduling, cancellation and the requester's notes.
 *
 * Capacity is race-free: every change that admits or frees a place (request, decline, cancel,
 * new settings, the monthly promotion) first locks the host's `meeting_host` row, so two
 * concurrent requests cannot both take the last place. A request counts against the host's
 * month (in the host's time zone) in which it was admitted; queued requests are admitted first
 * come, first served when a place frees or the month turns.
 */
@Injectable()
export class MeetingsService {
  private readonly meetings: TenantRepository<ResearchMeeting>;
  private readonly hosts: TenantRepository<MeetingHost>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly people: PeopleService,
    private readonly departments: DepartmentService,
  ) {
    this.meetings = new TenantRepository(db.manager, ResearchMeeting);
    this.hosts = new TenantRepository(db.manager, MeetingHost);
  }

  // ------------------------------------------------------------------ reads

  /** A meeting the caller takes part in; anyone else (same organization or not) gets NOT_FOUND. */
  async get(caller: Caller, id: string): Promise<ResearchMeeting> {
    const m = await this.meetings.findOne(caller, { id });
    if (!m || !isParticipant(caller, m)) throw notFound('Research meeting');
    return m;
  }

  /** For the worker: a meeting of the organization, whoever takes part. */
  find(scope: OrgScope, id: string): Promise<ResearchMeeting | null> {
    return this.meetings.findOne(scope, { id });
  }

  findMany(scope: OrgScope, ids: string[]): Promise<ResearchMeeting[]> {
    return this.meetings.find(scope, { where: { id: In(ids) } });
  }

  /** The caller's meetings, newest request first. */
  async mine(caller: Caller, args: MyResearchMeetingsArgs): Promise<Page<ResearchMeeting>> {
    const qb = this.meetings.query(caller, 'm');
    if (args.as === MeetingRole.REQUESTER) qb.andWhere('m.requester_id = :me', { me: caller.employeeId });
    else if (args.as === MeetingRole.INVITEE) qb.andWhere('m.invitee_id = :me', { me: caller.employeeId });
    else qb.andWhere('(m.requester_id = :me OR m.invitee_id = :me)', { me: caller.employeeId });
    if (args.status?.length) qb.andWhere('m.status IN (:...statuses)', { statuses: args.status });
    const totalCount = await qb.clone().getCount();
    if (args.after) {
      const [at, id] = decodeCursor(args.after, 2);
      qb.andWhere('(m.requested_at, m.id) < (:at::timestamptz, :id::uuid)', { at, id });
    }
    const rows = await qb.orderBy('m.requested_at', 'DESC').addOrderBy('m.id', 'DESC').limit(args.first + 1).getMany();
    return toPage(rows, args.first, totalCount, (m) => [m.requestedAt.toISOString(), m.id]);
  }

  /** Requests waiting in the caller's queue (as a host), first come first. */
  async queue(caller: Caller, page: PageArgs): Promise<Page<ResearchMeeting>> {
    const qb = this.meetings.query(caller, 'm').andWhere('m.invitee_id = :me AND m.status = :queued', { me: caller.employeeId, queued: MeetingStatus.QUEUED });
    const totalCount = await qb.clone().getCount();
    if (page.after) {
      const [at, id] = decodeCursor(page.after, 2);
      qb.andWhere('(m.requested_at, m.id) > (:at::timestamptz, :id::uuid)', { at, id });
    }
    const rows = await qb.orderBy('m.requested_at', 'ASC').addOrderBy('m.id', 'ASC').limit(page.first + 1).getMany();
    return toPage(rows, page.first, totalCount, (m) => [m.requestedAt.toISOString(), m.id]);
  }

  /** Place in the host's queue (1 = next) of each meeting, null when not queued: one statement for a DataLoader. */
  async queuePositions(scope: OrgScope, meetingIds: readonly string[]): Promise<(number | null)[]> {
    const rows: { id: string; pos: number }[] = await this.db.query(
      `SELECT q.id, q.pos FROM (
         SELECT m.id, row_number() OVER (PARTITION BY m.invitee_id ORDER BY m.requested_at, m.id)::int AS pos
           FROM research_meeting m
          WHERE m.organization_id = $1 AND m.status = 'QUEUED'
            AND m.invitee_id IN (SELECT x.invitee_id FROM research_meeting x WHERE x.organization_id = $1 AND x.id = ANY($2::uuid[]))
       ) q WHERE q.id = ANY($2::uuid[])`,
      [scope.organizationId, [...meetingIds]],
    );
    const byId = new Map(rows.map((r) => [r.id, r.pos]));
    return meetingIds.map((id) => byId.get(id) ?? null);
  }

  async settings(caller: Caller): Promise<MeetingSettings> {
    const host = await this.hosts.findOne(caller, { employeeId: caller.employeeId });
    const me = await this.people.get(caller, caller.employeeId);
    const month = monthStartIn(this.clock.now(), me.timeZone);
    const [row]: { used: number; queued: number }[] = await this.db.query(
      `SELECT count(*) FILTER (WHERE status = ANY($3) AND capacity_month = $4)::int AS used,
              count(*) FILTER (WHERE status = 'QUEUED')::int AS queued
         FROM research_meeting WHERE organization_id = $1 AND invitee_id = $2`,
      [caller.organizationId, caller.employeeId, ADMITTED_STATUSES, month],
    );
    return {
      monthlyCapacity: host?.monthlyCapacity ?? null,
      acceptingRequests: host?.acceptingRequests ?? true,
      month: month.slice(0, 7),
      usedThisMonth: row.used,
      queueLength: row.queued,
    };
  }

  // ------------------------------------------------------------------ writes

  async request(caller: Caller, input: RequestResearchMeetingInput): Promise<RequestResearchMeetingOutcome> {
    if (!!input.inviteeId === !!input.businessUnitId) {
      throw badInput('Give exactly one of inviteeId and businessUnitId', input.inviteeId ? 'businessUnitId' : 'inviteeId');
    }
    const purpose = input.purpose.trim();
    if (!purpose) throw badInput('purpose must not be blank', 'purpose');
    const questions = (input.questions ?? []).map((q) => q.trim());
    if (questions.some((q) => !q)) throw badInput('questions must not be blank', 'questions');
    let inviteeId = input.inviteeId;
    let businessUnitId: string | null = null;
    if (input.businessUnitId) {
      const [unit] = await this.departments.byIds(caller, [input.businessUnitId]);
      if (!unit || !unit.active) throw notFound('Business unit');
      if (unit.kind !== DepartmentKind.BUSINESS_UNIT) throw badInput(`${unit.name} is not a business unit`, 'businessUnitId');
      if (!unit.leaderId) throw badInput(`${unit.name} has no leader to meet`, 'businessUnitId');
      inviteeId = unit.leaderId;
      businessUnitId = unit.id;
    }
    const field = input.inviteeId ? 'inviteeId' : 'businessUnitId';
    if (inviteeId === caller.employeeId) throw badInput('You cannot request a research meeting with yourself', field);
    const [invitee] = await this.people.byIds(caller, [inviteeId!]);
    if (!invitee || !invitee.active) throw notFound('Employee');

    return this.uow.run(async (tx) => {
      const host = await this.lockHost(tx, caller, invitee.id);
      if (!host.acceptingRequests) {
        return Object.assign(new HostNotAcceptingMeetingsError(), {
          message: `${invitee.fullName} does not take research meeting requests at the moment`,
          inviteeId: invitee.id,
        });
      }
      const existing = await tx.repo(this.meetings).findOne(caller, {
        requesterId: caller.employeeId,
        inviteeId: invitee.id,
        status: In(OPEN_STATUSES),
      });
      if (existing) {
        return Object.assign(new MeetingAlreadyRequestedError(), {
          message: `You already have an open request with ${invitee.fullName}`,
          existingMeetingId: existing.id,
        });
      }
      // Anyone already waiting goes first (first come, first served), then this request if a place is left.
      const promoted = await this.promote(tx, caller, invitee.id, host);
      const now = this.clock.now();
      const month = monthStartIn(now, host.timeZone);
      const admit = host.monthlyCapacity === null || (await this.admittedCount(tx, caller, invitee.id, month)) < host.monthlyCapacity;
      const saved = await tx.repo(this.meetings).save(caller, {
        requesterId: caller.employeeId,
        inviteeId: invitee.id,
        businessUnitId,
        purpose,
        questions,
        status: admit ? MeetingStatus.REQUESTED : MeetingStatus.QUEUED,
        capacityMonth: admit ? month : null,
        requestedAt: now,
        admittedAt: admit ? now : null,
        createdAt: now,
        updatedAt: now,
      });
      await tx.emit(caller, 'ResearchMeetingRequested', { meetingId: saved.id });
      if (promoted.length) await tx.emit(caller, 'ResearchMeetingPromoted', { meetingIds: promoted });
      return tx.repo(this.meetings).get(caller, { id: saved.id }, 'Research meeting');
    });
  }

  /** The invitee accepts by proposing one to three times; proposing again replaces the times. */
  async proposeSlots(caller: Caller, input: ProposeMeetingSlotsInput): Promise<ResearchMeeting> {
    const now = this.clock.now();
    const times = [...new Set(input.slots.map((s) => s.getTime()))].sort((a, b) => a - b);
    if (times.length !== input.slots.length) throw badInput('The proposed times must be different', 'slots');
    if (times[0] <= now.getTime()) throw badInput('Each proposed time must be in the future', 'slots');
    if (times.at(-1)! > now.getTime() + MAX_PROPOSAL_DAYS * DAY_MS) throw badInput(`Propose times within the next ${MAX_PROPOSAL_DAYS} days`, 'slots');
    return this.uow.run(async (tx) => {
      const m = await this.lockMeeting(tx, caller, input.meetingId);
      if (m.inviteeId !== caller.employeeId) throw forbidden('Only the invitee proposes times');
      if (m.status === MeetingStatus.QUEUED) {
        throw conflict('This request is still in your queue: it can be accepted once it leaves the queue (or raise your monthly capacity)');
      }
      if (m.status !== MeetingStatus.REQUESTED && m.status !== MeetingStatus.PROPOSED) throw conflict(`This meeting is ${m.status.toLowerCase()}`);
      await tx.manager.query(
        `UPDATE research_meeting SET status = 'PROPOSED', proposed_slots = $3::timestamptz[], updated_at = $4
          WHERE organization_id = $1 AND id = $2`,
        [caller.organizationId, m.id, times.map((t) => new Date(t).toISOString()), now],
      );
      await tx.emit(caller, 'ResearchMeetingSlotsProposed', { meetingId: m.id });
      return tx.repo(this.meetings).get(caller, { id: m.id }, 'Research meeting');
    });
  }

  /** The requester picks one of the proposed times: the meeting is scheduled and both get an invite. */
  async chooseSlot(caller: Caller, id: string, startsAt: Date): Promise<ResearchMeeting> {
    const before = await this.get(caller, id);
    if (before.requesterId !== caller.employeeId) throw forbidden('Only the requester picks the time');
    return this.uow.run(async (tx) => {
      await this.lockHost(tx, caller, before.inviteeId);
      const m = await this.lockMeeting(tx, caller, id);
      if (m.status !== MeetingStatus.PROPOSED) throw conflict(`This meeting is ${m.status.toLowerCase()}: there are no times to pick from`);
      const slot = m.proposedSlots.find((s) => new Date(s).getTime() === startsAt.getTime());
      if (!slot) throw badInput('Pick one of the proposed times', 'startsAt');
      const now = this.clock.now();
      const start = new Date(slot);
      if (start.getTime() <= now.getTime()) throw conflict('That time has passed: ask for new times');
      const end = new Date(start.getTime() + MEETING_MINUTES * 60_000);
      const clash: unknown[] = await tx.manager.query(
        `SELECT 1 FROM research_meeting
          WHERE organization_id = $1 AND id <> $2 AND status = 'SCHEDULED'
            AND (requester_id = ANY($3::uuid[]) OR invitee_id = ANY($3::uuid[]))
            AND starts_at < $5 AND ends_at > $4
          LIMIT 1`,
        [caller.organizationId, m.id, [m.requesterId, m.inviteeId], start, end],
      );
      if (clash.length) throw conflict('That time overlaps another research meeting of yours or of the invitee');
      await tx.manager.query(
        `UPDATE research_meeting SET status = 'SCHEDULED', starts_at = $3, ends_at = $4, scheduled_at = $5, updated_at = $5
          WHERE organization_id = $1 AND id = $2`,
        [caller.organizationId, m.id, start, end, now],
      );
      await tx.emit(caller, 'ResearchMeetingScheduled', { meetingId: m.id });
      return tx.repo(this.meetings).get(caller, { id: m.id }, 'Research meeting');
    });
  }

  /** The invitee declines a request (queued, requested or with times proposed); its place goes to the queue. */
  async decline(caller: Caller, id: string, reason?: string): Promise<ResearchMeeting> {
    const before = await this.get(caller, id);
    if (before.inviteeId !== caller.employeeId) throw forbidden('Only the invitee declines; cancel your own request instead');
    return this.uow.run(async (tx) => {
      const host = await this.lockHost(tx, caller, before.inviteeId);
      const m = await this.lockMeeting(tx, caller, id);
      if (![MeetingStatus.QUEUED, MeetingStatus.REQUESTED, MeetingStatus.PROPOSED].includes(m.status)) {
        throw conflict(`This meeting is ${m.status.toLowerCase()}: it can no longer be declined`);
      }
      await tx.manager.query(
        `UPDATE research_meeting SET status = 'DECLINED', decline_reason = $3, updated_at = $4 WHERE organization_id = $1 AND id = $2`,
        [caller.organizationId, m.id, reason?.trim() || null, this.clock.now()],
      );
      const promoted = ADMITTED_STATUSES.includes(m.status) ? await this.promote(tx, caller, m.inviteeId, host) : [];
      await tx.emit(caller, 'ResearchMeetingDeclined', { meetingId: m.id });
      if (promoted.length) await tx.emit(caller, 'ResearchMeetingPromoted', { meetingIds: promoted });
      return tx.repo(this.meetings).get(caller, { id: m.id }, 'Research meeting');
    });
  }

  /** The requester withdraws (at any open stage) or either participant cancels a scheduled meeting before it starts. */
  async cancel(caller: Caller, id: string, reason?: string): Promise<ResearchMeeting> {
    const before = await this.get(caller, id);
    return this.uow.run(async (tx) => {
      const host = await this.lockHost(tx, caller, before.inviteeId);
      const m = await this.lockMeeting(tx, caller, id);
      const now = this.clock.now();
      if (!OPEN_STATUSES.includes(m.status)) throw conflict(`This meeting is ${m.status.toLowerCase()}: it can no longer be cancelled`);
      if (m.inviteeId === caller.employeeId && m.status !== MeetingStatus.SCHEDULED) {
        throw conflict('Decline the request instead: only a scheduled meeting can be cancelled by the invitee');
      }
      if (m.status === MeetingStatus.SCHEDULED && m.startsAt!.getTime() <= now.getTime()) throw conflict('This meeting has started already');
      const wasScheduled = m.status === MeetingStatus.SCHEDULED;
      await tx.manager.query(
        `UPDATE research_meeting
            SET status = 'CANCELLED', cancelled_by_id = $3, cancel_reason = $4, updated_at = $5,
                invite_sequence = invite_sequence + $6
          WHERE organization_id = $1 AND id = $2`,
        [caller.organizationId, m.id, caller.employeeId, reason?.trim() || null, now, wasScheduled ? 1 : 0],
      );
      const promoted = ADMITTED_STATUSES.includes(m.status) ? await this.promote(tx, caller, m.inviteeId, host) : [];
      await tx.emit(caller, 'ResearchMeetingCancelled', { meetingId: m.id });
      if (promoted.length) await tx.emit(caller, 'ResearchMeetingPromoted', { meetingIds: promoted });
      return tx.repo(this.meetings).get(caller, { id: m.id }, 'Research meeting');
    });
  }

  /** After the meeting, the requester records notes and follow-ups (again to edit them). */
  async recordNotes(caller: Caller, input: RecordMeetingNotesInput): Promise<ResearchMeeting> {
    return this.uow.run(async (tx) => {
      const m = await this.lockMeeting(tx, caller, input.meetingId);
      if (m.requesterId !== caller.employeeId) throw forbidden('Only the requester records notes');
      const now = this.clock.now();
      if (m.status === MeetingStatus.SCHEDULED) {
        if (m.endsAt!.getTime() > now.getTime()) throw conflict(`Record notes after the meeting: it ends at ${m.endsAt!.toISOString()}`);
      } else if (m.status !== MeetingStatus.COMPLETED) {
        throw conflict(`This meeting is ${m.status.toLowerCase()}: there is nothing to take notes on`);
      }
      await tx.manager.query(
        `UPDATE research_meeting
            SET status = 'COMPLETED', notes = $3, follow_ups = $4::text[], completed_at = coalesce(completed_at, $5), updated_at = $5
          WHERE organization_id = $1 AND id = $2`,
        [caller.organizationId, m.id, input.notes.trim(), (input.followUps ?? []).map((f) => f.trim()).filter(Boolean), now],
      );
      return tx.repo(this.meetings).get(caller, { id: m.id }, 'Research meeting');
    });
  }

  /** Capacity and opt-out. Raising (or removing) the capacity admits queued requests at once. */
  async updateSettings(caller: Caller, input: UpdateMeetingSettingsInput): Promise<MeetingSettings> {
    await this.uow.run(async (tx) => {
      const host = await this.lockHost(tx, caller, caller.employeeId);
      const next: HostRow = {
        ...host,
        monthlyCapacity: input.monthlyCapacity === undefined ? host.monthlyCapacity : input.monthlyCapacity,
        acceptingRequests: input.acceptingRequests ?? host.acceptingRequests,
      };
      await tx.manager.query(
        `UPDATE meeting_host SET monthly_capacity = $3, accepting_requests = $4, updated_at = $5 WHERE organization_id = $1 AND employee_id = $2`,
        [caller.organizationId, caller.employeeId, next.monthlyCapacity, next.acceptingRequests, this.clock.now()],
      );
      const promoted = await this.promote(tx, caller, caller.employeeId, next);
      if (promoted.length) await tx.emit(caller, 'ResearchMeetingPromoted', { meetingIds: promoted });
    });
    return this.settings(caller);
  }

  /** Worker: admits what the month's capacity allows from every host's queue (the month turned, or places freed). */
  async promoteAllQueues(): Promise<number> {
    const orgs: { organization_id: string }[] = await this.db.query(`SELECT DISTINCT organization_id FROM research_meeting WHERE status = 'QUEUED'`);
    let admitted = 0;
    for (const { organization_id } of orgs) {
      const scope = { organizationId: organization_id };
      const hosts: { invitee_id: string }[] = await this.db.query(
        `SELECT DISTINCT invitee_id FROM research_meeting WHERE organization_id = $1 AND status = 'QUEUED'`,
        [organization_id],
      );
      for (const { invitee_id } of hosts) {
        admitted += await this.uow.run(async (tx) => {
          const host = await this.lockHost(tx, scope, invitee_id);
          const promoted = await this.promote(tx, scope, invitee_id, host);
          if (promoted.length) await tx.emit(scope, 'ResearchMeetingPromoted', { meetingIds: promoted });
          return promoted.length;
        });
      }
    }
    return admitted;
  }

  /** Worker: inside `tx`, marks the reminders that are due now and returns the meetings they are for. */
  async claimDueReminders(tx: Tx, scope: OrgScope, leadMinutes: number): Promise<ResearchMeeting[]> {
    const now = this.clock.now();
    const [rows]: [{ id: string }[], number] = await tx.manager.query(
      `UPDATE research_meeting SET reminder_sent_at = $2
        WHERE organization_id = $1 AND status = 'SCHEDULED' AND reminder_sent_at IS NULL
          AND starts_at <= $3 AND ends_at > $2
        RETURNING id`,
      [scope.organizationId, now, new Date(now.getTime() + leadMinutes * 60_000)],
    );
    if (!rows.length) return [];
    return tx.repo(this.meetings).find(scope, { where: { id: In(rows.map((r) => r.id)) } });
  }

  /** Worker: organizations with a reminder due. */
  async organizationsWithDueReminders(leadMinutes: number): Promise<string[]> {
    const now = this.clock.now();
    const rows: { organization_id: string }[] = await this.db.query(
      `SELECT DISTINCT organization_id FROM research_meeting
        WHERE status = 'SCHEDULED' AND reminder_sent_at IS NULL AND starts_at <= $2 AND ends_at > $1`,
      [now, new Date(now.getTime() + leadMinutes * 60_000)],
    );
    return rows.map((r) => r.organization_id);
  }

  /** Worker: remembers which version of the invite both participants were emailed. */
  async markInviteSent(scope: OrgScope, id: string, sequence: number): Promise<void> {
    await this.db.query(
      `UPDATE research_meeting SET invite_sent_sequence = $3 WHERE organization_id = $1 AND id = $2`,
      [scope.organizationId, id, sequence],
    );
  }

  // ------------------------------------------------------------------ capacity internals

  /** Locks the host's settings row (creating it on first use): serializes every capacity decision for this host. */
  private async lockHost(tx: Tx, scope: OrgScope, employeeId: string): Promise<HostRow> {
    await tx.manager.query(
      `INSERT INTO meeting_host (organization_id, employee_id)
       SELECT $1, e.id FROM employee e WHERE e.organization_id = $1 AND e.id = $2
       ON CONFLICT (employee_id) DO NOTHING`,
      [scope.organizationId, employeeId],
    );
    const [row]: { monthly_capacity: number | null; accepting_requests: boolean; time_zone: string }[] = await tx.manager.query(
      `SELECT h.monthly_capacity, h.accepting_requests, e.time_zone
         FROM meeting_host h JOIN employee e ON e.id = h.employee_id AND e.organization_id = $1
        WHERE h.organization_id = $1 AND h.employee_id = $2
        FOR UPDATE OF h`,
      [scope.organizationId, employeeId],
    );
    if (!row) throw notFound('Employee');
    return { monthlyCapacity: row.monthly_capacity, acceptingRequests: row.accepting_requests, timeZone: row.time_zone };
  }

  private async lockMeeting(tx: Tx, caller: Caller, id: string): Promise<ResearchMeeting> {
    const m = await tx.repo(this.meetings).findOne(caller, { id }, { lock: { mode: 'pessimistic_write' } });
    if (!m || !isParticipant(caller, m)) throw notFound('Research meeting');
    return m;
  }

  private async admittedCount(tx: Tx, scope: OrgScope, hostId: string, month: string): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.manager.query(
      `SELECT count(*)::int AS n FROM research_meeting
        WHERE organization_id = $1 AND invitee_id = $2 AND capacity_month = $3 AND status = ANY($4)`,
      [scope.organizationId, hostId, month, ADMITTED_STATUSES],
    );
    return n;
  }

  /** Admits queued requests, oldest first, into the host's current month while it has room. Host row must be locked. */
  private async promote(tx: Tx, scope: OrgScope, hostId: string, host: HostRow): Promise<string[]> {
    const now = this.clock.now();
    const month = monthStartIn(now, host.timeZone);
    let room: number | null = null;
    if (host.monthlyCapacity !== null) {
      room = host.monthlyCapacity - (await this.admittedCount(tx, scope, hostId, month));
      if (room <= 0) return [];
    }
    const [rows]: [{ id: string }[], number] = await tx.manager.query(
      // A CTE runs once: an IN (SELECT ... LIMIT n FOR UPDATE) subquery may run again per row and admit too many.
      `WITH next AS (
         SELECT id FROM research_meeting
          WHERE organization_id = $1 AND invitee_id = $2 AND status = 'QUEUED'
          ORDER BY requested_at, id
          ${room === null ? '' : 'LIMIT $5'}
          FOR UPDATE)
       UPDATE research_meeting m SET status = 'REQUESTED', capacity_month = $3, admitted_at = $4, updated_at = $4
         FROM next WHERE m.id = next.id AND m.organization_id = $1
       RETURNING m.id`,
      room === null ? [scope.organizationId, hostId, month, now] : [scope.organizationId, hostId, month, now, room],
    );
    return rows.map((r) => r.id);
  }
}

export function isParticipant(caller: Caller, m: ResearchMeeting): boolean {
  return m.requesterId === caller.employeeId || m.inviteeId === caller.employeeId;
}
