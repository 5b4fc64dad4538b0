import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import { Clock, QUEUES } from '@waypoint/core';
import { eventually, GqlResult, TestPlatform, TestUser } from '@waypoint/testing';
import { Job, Queue } from 'bullmq';

export const MEETING = `
  fragment M on ResearchMeeting {
    id status purpose questions requestedAt admittedAt capacityMonth queuePosition
    requester { id email fullName } invitee { id email fullName } businessUnit { id name }
    proposedSlots startsAt endsAt reminderSentAt notes followUps icsUrl inviteSequence
    declineReason cancelReason cancelledById completedAt
  }`;

export const REQUEST = `
  mutation($input: RequestResearchMeetingInput!) {
    requestResearchMeeting(input: $input) {
      __typename
      ... on ResearchMeeting { ...M }
      ... on MeetingAlreadyRequestedError { message existingMeetingId }
      ... on HostNotAcceptingMeetingsError { message inviteeId }
    }
  }
  ${MEETING}`;

export const PROPOSE = `mutation($input: ProposeMeetingSlotsInput!) { proposeMeetingSlots(input: $input) { ...M } } ${MEETING}`;
export const CHOOSE = `mutation($id: ID!, $at: DateTime!) { chooseMeetingSlot(id: $id, startsAt: $at) { ...M } } ${MEETING}`;
export const DECLINE = `mutation($id: ID!, $reason: String) { declineResearchMeeting(id: $id, reason: $reason) { ...M } } ${MEETING}`;
export const CANCEL = `mutation($id: ID!, $reason: String) { cancelResearchMeeting(id: $id, reason: $reason) { ...M } } ${MEETING}`;
export const NOTES = `mutation($input: RecordMeetingNotesInput!) { recordMeetingNotes(input: $input) { ...M } } ${MEETING}`;
export const GET = `query($id: ID!) { researchMeeting(id: $id) { ...M ics } } ${MEETING}`;
export const SETTINGS = `mutation($input: UpdateMeetingSettingsInput!) {
  updateMyMeetingSettings(input: $input) { monthlyCapacity acceptingRequests month usedThisMonth queueLength } }`;
export const QUEUE = `query($first: Int, $after: String) { myMeetingQueue(first: $first, after: $after) {
  totalCount edges { cursor node { ...M } } pageInfo { hasNextPage endCursor } } } ${MEETING}`;

export function codeOf(r: GqlResult): string | undefined {
  return r.errors?.[0]?.extensions?.code;
}

export function ok<T = any>(r: GqlResult<T>): T {
  if (r.errors) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
  return r.data as T;
}

/** Sets the Clock of the API and of the worker. */
export function setClock(p: TestPlatform, at: Date | string): void {
  const d = new Date(at);
  p.api.get(Clock).set(d);
  p.worker?.get(Clock).set(d);
}

/** Runs a periodic job now (adds a job of its name to the notifications queue) and waits for it; returns its result. */
export async function runJob(p: TestPlatform, name: string): Promise<unknown> {
  const queue = p.worker!.get<Queue>(getQueueToken(QUEUES.notifications));
  const added = await queue.add(name, {});
  await eventually(
    async () => {
      const state = await queue.getJobState(added.id!);
      return state === 'completed' || state === 'failed';
    },
    15000,
    `job ${name}`,
  );
  // Read the job after it finished: its result is only there from then on.
  const job = await Job.fromId(queue, added.id!);
  if (job!.failedReason) throw new Error(`${name} failed: ${job!.failedReason}`);
  return job!.returnvalue;
}

export interface NotificationNode {
  id: string;
  type: string;
  sourceId: string;
  title: string;
  body: string;
  data: Record<string, any>;
  createdAt: string;
}

export async function notificationsOf(p: TestPlatform, user: TestUser): Promise<NotificationNode[]> {
  const r = await p.gql('{ myNotifications(first: 100) { edges { node { id type sourceId title body data createdAt } } } }', {}, user.token);
  return ok(r).myNotifications.edges.map((e: { node: NotificationNode }) => e.node);
}

/** Waits until `user` has a notification of `type` about `sourceId`. */
export function waitForNotification(p: TestPlatform, user: TestUser, type: string, sourceId: string): Promise<NotificationNode> {
  return eventually(
    async () => (await notificationsOf(p, user)).find((n) => n.type === type && n.sourceId === sourceId),
    15000,
    `${type} for ${user.email}`,
  );
}

export function mailDir(): string {
  return mkdtempSync(join(tmpdir(), 'waypoint-mail-'));
}

/** The .eml files in `dir` whose name starts with `prefix`, as text. */
export function mails(dir: string, prefix: string): { name: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.eml'))
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** Decodes a quoted-printable body (soft line breaks, =XX bytes as UTF-8). */
export function decodeQuotedPrintable(s: string): string {
  const bytes: number[] = [];
  const text = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The decoded body of the first MIME part of an .eml whose Content-Type starts with `contentType`. */
export function mimePart(eml: string, contentType: string): string | null {
  const text = eml.replace(/\r\n/g, '\n');
  const start = text.toLowerCase().indexOf(`content-type: ${contentType.toLowerCase()}`);
  if (start < 0) return null;
  const headerEnd = text.indexOf('\n\n', start);
  const headers = text.slice(start, headerEnd).toLowerCase();
  const bodyEnd = text.indexOf('\n--', headerEnd + 2);
  const body = text.slice(headerEnd + 2, bodyEnd < 0 ? undefined : bodyEnd);
  if (headers.includes('content-transfer-encoding: base64')) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (headers.includes('content-transfer-encoding: quoted-printable')) return decodeQuotedPrintable(body.replace(/\n/g, '\r\n'));
  return body;
}
