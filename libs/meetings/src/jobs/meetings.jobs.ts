import { Injectable, Logger } from '@nestjs/common';
import { Clock, EventJobData, EventType, OrgScope, UnitOfWork } from '@waypoint/core';
import { Mailer, NewNotification, NotificationService, NotificationsQueue } from '@waypoint/notifications';
import { DepartmentService, Employee, PeopleService } from '@waypoint/people';
import { icsPath, meetingIcs } from '../meeting-ics';
import { MeetingsService } from '../meetings.service';
import { ADMITTED_STATUSES, MeetingStatus, ResearchMeeting } from '../research-meeting.entity';
import { formatInZone } from '../zoned';

/** Periodic jobs of research meetings (add a job with this name to the notifications queue to run one now). */
export const MEETING_JOBS = { reminders: 'meetings.reminders', promoteQueues: 'meetings.promote-queues' } as const;

/** The notification types research meetings create (source id: the meeting). */
export const MEETING_NOTIFICATIONS = {
  requested: 'MEETING_REQUESTED',
  queued: 'MEETING_QUEUED',
  promoted: 'MEETING_PROMOTED',
  slotsProposed: 'MEETING_SLOTS_PROPOSED',
  declined: 'MEETING_DECLINED',
  scheduled: 'MEETING_SCHEDULED',
  reminder: 'MEETING_REMINDER',
  cancelled: 'MEETING_CANCELLED',
} as const;

/** The in-app reminder goes out this long before a meeting starts. */
export const REMINDER_LEAD_MINUTES = 60;

type Data<K extends EventType> = EventJobData<K>;

/**
 * The worker side of research meetings: notifications for each step, calendar invites by email,
 * reminders, and the monthly promotion of queued requests. Runs on the notifications queue
 * (whose single processor dispatches to these handlers; see NotificationsQueue). Every handler
 * reloads the meeting and is idempotent: notifications are unique per (recipient, type, meeting)
 * and invites remember the SEQUENCE they were sent for.
 */
@Injectable()
export class MeetingsJobs {
  private readonly logger = new Logger(MeetingsJobs.name);

  constructor(
    queue: NotificationsQueue,
    private readonly meetings: MeetingsService,
    private readonly people: PeopleService,
    private readonly departments: DepartmentService,
    private readonly notifications: NotificationService,
    private readonly mailer: Mailer,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {
    queue.contribute('meetings', {
      handlers: {
        ResearchMeetingRequested: (d) => this.onRequested(d),
        ResearchMeetingPromoted: (d) => this.onPromoted(d),
        ResearchMeetingSlotsProposed: (d) => this.onSlotsProposed(d),
        ResearchMeetingDeclined: (d) => this.onDeclined(d),
        ResearchMeetingScheduled: (d) => this.onScheduled(d),
        ResearchMeetingCancelled: (d) => this.onCancelled(d),
      },
      scheduled: {
        [MEETING_JOBS.reminders]: { everyMs: 60_000, run: () => this.sendDueReminders() },
        [MEETING_JOBS.promoteQueues]: { everyMs: 3600_000, run: () => this.meetings.promoteAllQueues() },
      },
    });
  }

  private async load(scope: OrgScope, id: string): Promise<{ m: ResearchMeeting; requester: Employee; invitee: Employee } | null> {
    const m = await this.meetings.find(scope, id);
    if (!m) return null;
    const people = await this.people.byIds(scope, [m.requesterId, m.inviteeId]);
    const requester = people.find((p) => p.id === m.requesterId);
    const invitee = people.find((p) => p.id === m.inviteeId);
    return requester && invitee ? { m, requester, invitee } : null;
  }

  private async onRequested(d: Data<'ResearchMeetingRequested'>): Promise<number> {
    const scope = { organizationId: d.organizationId };
    const x = await this.load(scope, d.payload.meetingId);
    if (!x) return 0;
    const { m, requester, invitee } = x;
    if (m.status === MeetingStatus.QUEUED) {
      const [position] = await this.meetings.queuePositions(scope, [m.id]);
      return this.notifications.notifyMany(scope, [
        {
          recipientId: requester.id,
          type: MEETING_NOTIFICATIONS.queued,
          sourceId: m.id,
          title: `Your research meeting request to ${invitee.fullName} is queued`,
          body: `${invitee.fullName} has reached their monthly capacity for research meetings. You are number ${position ?? '?'} in the queue: your request goes through when a place frees up or the month turns.`,
          data: { meetingId: m.id, queuePosition: position },
        },
      ]);
    }
    if (!ADMITTED_STATUSES.includes(m.status)) return 0;
    return this.notifications.notifyMany(scope, [this.requestedNotice(m, requester)]);
  }

  private async onPromoted(d: Data<'ResearchMeetingPromoted'>): Promise<number> {
    const scope = { organizationId: d.organizationId };
    const list = (await this.meetings.findMany(scope, d.payload.meetingIds)).filter((m) => ADMITTED_STATUSES.includes(m.status));
    if (!list.length) return 0;
    const people = new Map((await this.people.byIds(scope, list.flatMap((m) => [m.requesterId, m.inviteeId]))).map((p) => [p.id, p]));
    const items: NewNotification[] = [];
    for (const m of list) {
      const requester = people.get(m.requesterId);
      const invitee = people.get(m.inviteeId);
      if (!requester || !invitee) continue;
      items.push(this.requestedNotice(m, requester), {
        recipientId: requester.id,
        type: MEETING_NOTIFICATIONS.promoted,
        sourceId: m.id,
        title: `Your research meeting request to ${invitee.fullName} left the queue`,
        body: `${invitee.fullName} can now accept it by proposing times.`,
        data: { meetingId: m.id },
      });
    }
    return this.notifications.notifyMany(scope, items);
  }

  private requestedNotice(m: ResearchMeeting, requester: Employee): NewNotification {
    return {
      recipientId: m.inviteeId,
      type: MEETING_NOTIFICATIONS.requested,
      sourceId: m.id,
      title: `${requester.fullName} asks you for a research meeting`,
      body: m.purpose,
      data: { meetingId: m.id, requesterId: requester.id },
    };
  }

  private async onSlotsProposed(d: Data<'ResearchMeetingSlotsProposed'>): Promise<number> {
    const scope = { organizationId: d.organizationId };
    const x = await this.load(scope, d.payload.meetingId);
    if (!x || x.m.status !== MeetingStatus.PROPOSED) return 0;
    const { m, requester, invitee } = x;
    return this.notifications.notifyMany(scope, [
      {
        recipientId: requester.id,
        type: MEETING_NOTIFICATIONS.slotsProposed,
        sourceId: m.id,
        title: `${invitee.fullName} proposed times for your research meeting`,
        body: `Pick one: ${m.proposedSlots.map((s) => formatInZone(new Date(s), requester.timeZone)).join('; ')}`,
        data: { meetingId: m.id, slots: m.proposedSlots.map((s) => new Date(s).toISOString()) },
      },
    ]);
  }

  private async onDeclined(d: Data<'ResearchMeetingDeclined'>): Promise<number> {
    const scope = { organizationId: d.organizationId };
    const x = await this.load(scope, d.payload.meetingId);
    if (!x || x.m.status !== MeetingStatus.DECLINED) return 0;
    const { m, requester, invitee } = x;
    return this.notifications.notifyMany(scope, [
      {
        recipientId: requester.id,
        type: MEETING_NOTIFICATIONS.declined,
        sourceId: m.id,
        title: `${invitee.fullName} declined your research meeting request`,
        body: m.declineReason ?? '',
        data: { meetingId: m.id },
      },
    ]);
  }

  private async onScheduled(d: Data<'ResearchMeetingScheduled'>): Promise<number> {
    const scope = { organizationId: d.organizationId };
    const x = await this.load(scope, d.payload.meetingId);
    if (!x || x.m.status !== MeetingStatus.SCHEDULED || !x.m.startsAt) return 0;
    const { m, requester, invitee } = x;
    const start = m.startsAt!;
    const notice = (me: Employee, other: Employee): NewNotification => ({
      recipientId: me.id,
      type: MEETING_NOTIFICATIONS.scheduled,
      sourceId: m.id,
      title: `Research meeting with ${other.fullName}: ${formatInZone(start, me.timeZone)}`,
      body: `30 minutes. Purpose: ${m.purpose}`,
      data: { meetingId: m.id, startsAt: start.toISOString(), icsUrl: icsPath(m.id) },
    });
    const n = await this.notifications.notifyMany(scope, [notice(requester, invitee), notice(invitee, requester)]);
    await this.sendInvites(scope, m, requester, invitee);
    return n;
  }

  private async onCancelled(d: Data<'ResearchMeetingCancelled'>): Promise<number> {
    const scope = { organizationId: d.organizationId };
    const x = await this.load(scope, d.payload.meetingId);
    if (!x || x.m.status !== MeetingStatus.CANCELLED) return 0;
    const { m, requester, invitee } = x;
    const byRequester = m.cancelledById === requester.id;
    const [canceller, other] = byRequester ? [requester, invitee] : [invitee, requester];
    const n = await this.notifications.notifyMany(scope, [
      {
        recipientId: other.id,
        type: MEETING_NOTIFICATIONS.cancelled,
        sourceId: m.id,
        title: `${canceller.fullName} cancelled the research meeting${m.startsAt ? ` of ${formatInZone(m.startsAt, other.timeZone)}` : ' request'}`,
        body: m.cancelReason ?? '',
        data: { meetingId: m.id },
      },
    ]);
    // Invites went out: send the cancellation (same UID, higher SEQUENCE) so calendars remove the event.
    if (m.startsAt && m.inviteSentSequence !== null) await this.sendInvites(scope, m, requester, invitee);
    return n;
  }

  /** Emails the current version of the invite to both participants, once per SEQUENCE. */
  private async sendInvites(scope: OrgScope, m: ResearchMeeting, requester: Employee, invitee: Employee): Promise<void> {
    if (m.inviteSentSequence !== null && m.inviteSentSequence >= m.inviteSequence) return;
    const [unit] = m.businessUnitId ? await this.departments.byIds(scope, [m.businessUnitId]) : [];
    const ics = meetingIcs(m, requester, invitee, unit?.name);
    if (!ics) return;
    const cancelled = m.status === MeetingStatus.CANCELLED;
    for (const [me, other] of [
      [requester, invitee],
      [invitee, requester],
    ] as const) {
      const when = formatInZone(m.startsAt!, me.timeZone);
      await this.mailer.send({
        to: { name: me.fullName, address: me.email },
        subject: `${cancelled ? 'Cancelled' : 'Invitation'}: research meeting with ${other.fullName}, ${when}`,
        text: [
          cancelled ? `The research meeting with ${other.fullName} on ${when} is cancelled.` : `Research meeting with ${other.fullName}, ${when}, 30 minutes.`,
          '',
          `Purpose: ${m.purpose}`,
          ...(m.questions.length ? ['', 'Questions:', ...m.questions.map((q) => `- ${q}`)] : []),
          '',
          'The calendar invite is attached.',
        ].join('\n'),
        calendar: { method: cancelled ? 'CANCEL' : 'REQUEST', content: ics, filename: 'invite.ics' },
        date: this.clock.now(),
        kind: cancelled ? 'cancel' : 'invite',
        key: `${m.id}-${m.inviteSequence}-${me.id}`,
      });
    }
    await this.meetings.markInviteSent(scope, m.id, m.inviteSequence);
  }

  /** Reminds both participants of meetings starting within REMINDER_LEAD_MINUTES (once per meeting). */
  async sendDueReminders(): Promise<number> {
    let sent = 0;
    for (const organizationId of await this.meetings.organizationsWithDueReminders(REMINDER_LEAD_MINUTES)) {
      const scope = { organizationId };
      // Claim and insert in one transaction (a crash loses neither), publish live after the commit.
      const due = await this.uow.run(async (tx) => {
        const list = await this.meetings.claimDueReminders(tx, scope, REMINDER_LEAD_MINUTES);
        if (!list.length) return list;
        const people = new Map((await this.people.byIds(scope, list.flatMap((m) => [m.requesterId, m.inviteeId]))).map((p) => [p.id, p]));
        const items: NewNotification[] = [];
        for (const m of list) {
          for (const [meId, otherId] of [
            [m.requesterId, m.inviteeId],
            [m.inviteeId, m.requesterId],
          ]) {
            const me = people.get(meId);
            const other = people.get(otherId);
            if (!me || !other) continue;
            items.push({
              recipientId: me.id,
              type: MEETING_NOTIFICATIONS.reminder,
              sourceId: m.id,
              title: `Reminder: research meeting with ${other.fullName} at ${formatInZone(m.startsAt!, me.timeZone)}`,
              body: `Purpose: ${m.purpose}`,
              data: { meetingId: m.id, startsAt: m.startsAt!.toISOString(), icsUrl: icsPath(m.id) },
            });
          }
        }
        sent += await this.notifications.notifyMany(scope, items, tx.manager);
        return list;
      });
      if (due.length) {
        await this.notifications
          .publishNew(scope, { type: MEETING_NOTIFICATIONS.reminder, sourceIds: due.map((m) => m.id) })
          .catch((e) => this.logger.warn(`Reminder live delivery deferred to the sweep: ${e instanceof Error ? e.message : e}`));
      }
    }
    return sent;
  }
}
