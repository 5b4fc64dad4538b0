import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Clock, dataSourceOptions, QUEUES, Role } from '@waypoint/core';
import { createDepartment, createOrganization, createTestDatabase, createUser, dropTestDatabase, eventually, GqlResult, TEST_JWT_SECRET, TestUser, tokenFor } from '@waypoint/testing';
import { Job, Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApi } from '../../apps/api/src/bootstrap';
import { subscribe, Subscriber } from '../notifications/live-client';
import { createWorker } from '../../apps/worker/src/bootstrap';

/**
 * "Secrets and personal data never appear in logs." The real API and worker run at
 * LOG_LEVEL=trace with their logs appended to a file (LOG_FILE) — and stdout, stderr and the
 * console captured too — through a realistic session: development sign-in, bearer tokens, a bad,
 * a forged and an expired token, PII in GraphQL variables (also in a GET query string), failing
 * mutations, a validation error, an internal error whose SQL error quotes personal data, HR
 * actions, worker jobs with notifications and mail over SMTP (a password in SMTP_URL, one
 * recipient refused by the server). Credentials are distinctive: a PostgreSQL role and a Redis ACL
 * user with their own passwords. Then every captured line is searched for the JWT secret, every
 * token, every password, every email address, every name and every free text of the session.
 */

const mark = (what: string) => `${what}-${randomBytes(5).toString('hex')}`;
const PG_PASSWORD = mark('pgPass');
const REDIS_PASSWORD = mark('redisPass');
const SMTP_PASSWORD = mark('smtpPass');
const TEXTS = {
  bio: `Bio ${mark('bio')} — caring for my sick mother on Fridays`,
  prioritiesNote: `Priorities ${mark('note')}`,
  location: `Village ${mark('loc')}`,
  badTimeZone: `Mars/${mark('tz')}`,
  internalBio: `Crash ${mark('crashbio')}`,
  wentWell: `Went well ${mark('wentwell')}`,
  toImprove: `To improve ${mark('toimprove')}`,
  company: `Rival Corp ${mark('company')}`,
  purpose: `Purpose ${mark('purpose')}`,
  question: `Question ${mark('question')}`,
  mission: `Committee mission ${mark('mission')}`,
  motivation: `Motivation ${mark('motivation')}`,
  committeeFeedback: `Committee feedback ${mark('cfeedback')}`,
  openingDescription: `Opening description ${mark('odesc')}`,
  applicationNote: `Application note ${mark('anote')}`,
  rejectionFeedback: `Rejection feedback ${mark('rejection')}`,
  mentorAvailability: `Availability ${mark('avail')}`,
  mentorMessage: `Mentoring request ${mark('mmessage')}`,
  mentoringFeedback: `Mentoring feedback ${mark('mfeedback')}`,
  duplicateDept: `Department ${mark('dept')}`,
  searchTerm: mark('search'),
  badToken: `garbage${mark('badtoken')}`,
};
const NAMES: [string, string][] = [
  ['Oriana', 'Vandermolen'],
  ['Hildegard', 'Quispelaere'],
  ['Maximilian', 'Thornbury'],
  ['Evangeline', 'Marchetti'],
  ['Percival', 'Lindqvist'],
  ['Mireille', 'Abernathy'],
  ['Benedikta', 'Zapolska'],
];

/** A minimal SMTP server: AUTH accepted, recipients containing `refuse` rejected with their address quoted back. */
function fakeSmtp(received: string[]): Promise<{ server: Server; port: number }> {
  const server = createServer((socket: Socket) => {
    let data = false;
    let buffer = '';
    let auth: 'user' | 'pass' | null = null;
    const say = (line: string) => socket.write(`${line}\r\n`);
    say('220 fake.smtp ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (data) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          received.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          data = false;
          say('250 2.0.0 queued');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.split(' ')[0].toUpperCase();
        if (auth === 'user') {
          auth = 'pass';
          say('334 UGFzc3dvcmQ6');
        } else if (auth === 'pass') {
          auth = null;
          say('235 2.7.0 Authentication successful');
        } else if (verb === 'EHLO' || verb === 'HELO') socket.write('250-fake.smtp\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n');
        else if (verb === 'AUTH' && /LOGIN/i.test(line)) {
          auth = 'user';
          say('334 VXNlcm5hbWU6');
        } else if (verb === 'AUTH') say('235 2.7.0 Authentication successful');
        else if (verb === 'RCPT') {
          const address = /<([^>]*)>/.exec(line)?.[1] ?? '';
          say(address.includes('refuse') ? `550 5.1.1 <${address}>: Recipient address rejected: User unknown` : '250 2.1.5 Ok');
        } else if (verb === 'DATA') {
          data = true;
          say('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'QUIT') {
          say('221 2.0.0 Bye');
          socket.end();
        } else say('250 2.0.0 Ok');
      }
    });
    socket.on('error', () => undefined);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

describe('logs: no secrets, no personal data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'waypoint-logs-'));
  const logFile = join(dir, 'waypoint.log');
  const captured: string[] = [];
  const mails: string[] = [];
  const tokens: string[] = [];
  const restore: (() => void)[] = [];
  const pgRole = `wp_logs_${randomBytes(4).toString('hex')}`;
  const redisUser = `wp_logs_${randomBytes(4).toString('hex')}`;
  let smtp: Server;
  let databaseUrl: string;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let url: string;
  let db: DataSource;
  let organizationId: string;
  let slug: string;
  let users: Record<'admin' | 'hr' | 'manager' | 'employee' | 'peer' | 'mentor' | 'refused', TestUser>;
  let devToken: string;

  async function gql<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string, headers: Record<string, string> = {}): Promise<GqlResult<T>> {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { ...((await res.json()) as GqlResult<T>), status: res.status };
  }
  async function ok<T = any>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
    const r = await gql<T>(query, variables, token);
    if (r.errors) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
    return r.data as T;
  }
  const codeOf = (r: GqlResult) => r.errors?.[0]?.extensions?.code;
  const setClock = (at: Date) => {
    api.get(Clock).set(at);
    worker.get(Clock).set(at);
  };
  async function runJob(name: string): Promise<void> {
    const queue = worker.get<Queue>(getQueueToken(QUEUES.notifications));
    const added = await queue.add(name, {});
    await eventually(async () => ['completed', 'failed'].includes(await queue.getJobState(added.id!)), 15000, name);
    await Job.fromId(queue, added.id!);
  }

  beforeAll(async () => {
    // Everything written outside the log file is captured too.
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
        return typeof rest.at(-1) === 'function' ? ((rest.at(-1) as () => void)(), true) : true;
      }) as typeof stream.write;
      restore.push(() => (stream.write = write));
    }
    for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
      const spy = jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void captured.push(format(...args)));
      restore.push(() => spy.mockRestore());
    }

    const smtpServer = await fakeSmtp(mails);
    smtp = smtpServer.server;

    // A PostgreSQL role and a Redis ACL user with passwords of their own, to look for in the logs.
    databaseUrl = await createTestDatabase();
    const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE ROLE ${pgRole} LOGIN SUPERUSER PASSWORD '${PG_PASSWORD}'`);
    await admin.end();
    const appDbUrl = new URL(databaseUrl);
    appDbUrl.username = pgRole;
    appDbUrl.password = PG_PASSWORD;
    const redis = new Redis(process.env.TEST_REDIS_URL!);
    await redis.call('ACL', 'SETUSER', redisUser, 'on', `>${REDIS_PASSWORD}`, '~*', '&*', '+@all');
    await redis.quit();
    const redisUrl = new URL(process.env.TEST_REDIS_URL!);
    redisUrl.username = redisUser;
    redisUrl.password = REDIS_PASSWORD;

    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: appDbUrl.toString(),
      REDIS_URL: redisUrl.toString(),
      QUEUE_PREFIX: `t${randomBytes(4).toString('hex')}`,
      JWT_SECRET: TEST_JWT_SECRET,
      DEV_SIGNIN_ENABLED: 'true',
      LOG_LEVEL: 'trace',
      LOG_FILE: logFile,
      SMTP_URL: `smtp://waypoint-mailer:${SMTP_PASSWORD}@127.0.0.1:${smtpServer.port}`,
      MAIL_DIR: '',
      DIGEST_HOUR: '8',
      OUTBOX_SWEEP_INTERVAL_MS: '200',
      OUTBOX_MAX_BACKOFF_MS: '500',
      NOTIFICATION_SWEEP_INTERVAL_MS: '200',
    });
    api = await createApi();
    await api.listen(0, '127.0.0.1');
    url = (await api.getUrl()).replace('[::1]', '127.0.0.1');
    worker = await createWorker();
    db = new DataSource(dataSourceOptions(databaseUrl, { migrations: [], extra: { max: 2 } }));
    await db.initialize();

    slug = `logs-${randomBytes(3).toString('hex')}`;
    organizationId = await createOrganization(db, slug);
    const departmentId = await createDepartment(db, organizationId, 'Engineering');
    const user = (i: number, fields: Parameters<typeof createUser>[2] = {}) =>
      createUser(db, organizationId, { firstName: NAMES[i][0], lastName: NAMES[i][1], departmentId, ...fields });
    const adminUser = await user(0, { roles: [Role.EMPLOYEE, Role.ORG_ADMIN], level: 9 });
    const hr = await user(1, { roles: [Role.EMPLOYEE, Role.HR_ADMIN], level: 6 });
    const manager = await user(2, { level: 6 });
    const employee = await user(3, { managerId: manager.id });
    const peer = await user(4, { managerId: manager.id });
    const mentorUser = await user(5, { level: 7 });
    const refused = await user(6, { managerId: manager.id });
    await db.query(`UPDATE employee SET email = 'refuse.' || email WHERE id = $1`, [refused.id]);
    refused.email = `refuse.${refused.email}`;
    users = { admin: adminUser, hr, manager, employee, peer, mentor: mentorUser, refused };
    tokens.push(...Object.values(users).map((u) => u.token));
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await db?.destroy();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
    const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${pgRole}`).catch(() => undefined);
    await admin.end();
    const redis = new Redis(process.env.TEST_REDIS_URL!);
    await redis.call('ACL', 'DELUSER', redisUser).catch(() => undefined);
    await redis.quit();
    smtp?.close();
    for (const r of restore.reverse()) r();
  });

  it('signs in (development sign-in), and refuses bad, forged, expired and malformed tokens', async () => {
    const signIn = await gql('mutation($email: String!, $org: String!) { devSignIn(email: $email, organization: $org) { token } }', {
      email: users.employee.email,
      org: slug,
    });
    expect(signIn.errors).toBeUndefined();
    devToken = signIn.data.devSignIn.token;
    tokens.push(devToken);
    expect((await ok('{ me { id email fullName } }', {}, devToken)).me.email).toBe(users.employee.email);

    const claims = { employeeId: users.employee.id, organizationId, roles: [Role.EMPLOYEE] };
    const forged = await tokenFor(claims, { secret: 'not-the-secret-but-long-enough-42' });
    const expired = await tokenFor(claims, { ttlSeconds: -120 });
    tokens.push(forged, expired);
    for (const bad of [TEXTS.badToken, forged, expired]) {
      expect(codeOf(await gql('{ me { id } }', {}, bad))).toBe('UNAUTHENTICATED');
    }
    expect(codeOf(await gql('{ me { id } }', {}, undefined, { authorization: `Token ${devToken}` }))).toBe('UNAUTHENTICATED');
    // Unknown email at sign-in: NOT_FOUND, with the address in the variables.
    expect(codeOf(await gql('mutation($e: String!) { devSignIn(email: $e) { token } }', { e: `nobody.${users.peer.email}` }))).toBe('NOT_FOUND');
    // Bull Board with a bearer token and a cookie.
    expect((await fetch(`${url}/admin/queues`, { headers: { cookie: `waypoint_token=${users.admin.token}` } })).status).toBe(200);
    expect((await fetch(`${url}/admin/queues`, { headers: { authorization: `Bearer ${users.employee.token}` } })).status).toBe(403);
  });

  it('takes personal data in variables, in a GET query string, in failing and invalid mutations', async () => {
    await ok(
      'mutation($i: UpdateMyProfileInput!) { updateMyProfile(input: $i) { id } }',
      { i: { bio: TEXTS.bio, prioritiesNote: TEXTS.prioritiesNote, location: TEXTS.location } },
      devToken,
    );
    const params = new URLSearchParams({
      query: 'query($f: EmployeeFilter) { employees(filter: $f) { totalCount } }',
      variables: JSON.stringify({ f: { search: TEXTS.searchTerm } }),
    });
    const get = await fetch(`${url}/graphql?${params}&email=${encodeURIComponent(users.peer.email)}`, {
      headers: { authorization: `Bearer ${devToken}`, 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(200);
    // Validation errors.
    expect(codeOf(await gql('mutation($i: UpdateMyProfileInput!) { updateMyProfile(input: $i) { id } }', { i: { timeZone: TEXTS.badTimeZone } }, devToken))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      codeOf(
        await gql(
          'mutation($i: CreateEmployeeInput!) { createEmployee(input: $i) { id } }',
          { i: { email: `not an email ${users.peer.email}`, firstName: NAMES[4][0], lastName: NAMES[4][1], title: 'Engineer', level: 3 } },
          users.hr.token,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    // A refused mutation, and one the service rejects (its message quotes the name).
    expect(codeOf(await gql('mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }', { i: { name: TEXTS.duplicateDept } }, devToken))).toBe(
      'FORBIDDEN',
    );
    await ok('mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }', { i: { name: TEXTS.duplicateDept } }, users.hr.token);
    expect(codeOf(await gql('mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }', { i: { name: TEXTS.duplicateDept } }, users.hr.token))).toBe(
      'CONFLICT',
    );
    // An HR action with a new person's name and email.
    await ok(
      'mutation($i: CreateEmployeeInput!) { createEmployee(input: $i) { id } }',
      { i: { email: `benedikta.new.${randomBytes(2).toString('hex')}@example.test`, firstName: NAMES[6][0], lastName: NAMES[6][1], title: 'Analyst', level: 2 } },
      users.hr.token,
    );
  });

  it('logs an internal error whose SQL error quotes personal data, without the data', async () => {
    await db.query(`CREATE FUNCTION test_crash_on_bio() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.bio LIKE 'Crash %' THEN PERFORM NEW.bio::int; END IF; RETURN NEW; END $$`);
    await db.query(`CREATE TRIGGER test_crash_on_bio BEFORE UPDATE ON employee FOR EACH ROW EXECUTE FUNCTION test_crash_on_bio()`);
    try {
      const r = await gql('mutation($i: UpdateMyProfileInput!) { updateMyProfile(input: $i) { id } }', { i: { bio: TEXTS.internalBio } }, devToken);
      expect(codeOf(r)).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(r)).not.toContain(TEXTS.internalBio);
    } finally {
      await db.query('DROP TRIGGER test_crash_on_bio ON employee');
      await db.query('DROP FUNCTION test_crash_on_bio()');
    }
  });

  it('runs the flows whose free texts are the most personal: debriefs, meetings, committees, openings, mentoring', async () => {
    const { peer, hr, manager, mentor } = users;
    await ok(
      'mutation($i: LogInterviewInput!) { logInterview(input: $i) { id } }',
      { i: { kind: 'EXTERNAL', occurredAt: new Date().toISOString(), company: TEXTS.company, wentWell: TEXTS.wentWell, toImprove: TEXTS.toImprove, sharedWithManager: true } },
      devToken,
    );

    // Live notifications over graphql-ws (the token in connectionParams), and a connection with a forged token.
    const live: Subscriber = subscribe(url, peer);
    const forgedLiveToken = await tokenFor({ employeeId: peer.id, organizationId, roles: [Role.EMPLOYEE] }, { secret: 'forged-live-secret-0123456789' });
    tokens.push(forgedLiveToken);
    const forgedLive = subscribe(url, peer, forgedLiveToken);
    await eventually(async () => forgedLive.closed.length > 0 || forgedLive.errors.length > 0, 10000, 'forged live connection refused');
    await new Promise((r) => setTimeout(r, 300));
    const meeting = await ok(
      'mutation($i: RequestResearchMeetingInput!) { requestResearchMeeting(input: $i) { __typename ... on ResearchMeeting { id } } }',
      { i: { inviteeId: peer.id, purpose: TEXTS.purpose, questions: [TEXTS.question] } },
      devToken,
    );
    const meetingId = meeting.requestResearchMeeting.id;
    expect((await live.waitFor(1, 15000))[0].sourceId).toBe(meetingId);
    await live.close();
    await forgedLive.close();
    const slot = new Date(Date.now() + 3 * 86400_000);
    slot.setUTCHours(10, 0, 0, 0);
    await ok('mutation($i: ProposeMeetingSlotsInput!) { proposeMeetingSlots(input: $i) { id } }', { i: { meetingId, slots: [slot.toISOString()] } }, peer.token);
    await ok('mutation($id: ID!, $at: DateTime!) { chooseMeetingSlot(id: $id, startsAt: $at) { id } }', { id: meetingId, at: slot.toISOString() }, devToken);

    const committee = await ok(
      'mutation($i: CreateCommitteeInput!) { createCommittee(input: $i) { id } }',
      { i: { name: 'Wellbeing', mission: TEXTS.mission, passionTags: ['wellbeing'], seats: 2, termMonths: 12 } },
      hr.token,
    );
    const seats = await ok(
      'mutation($i: OpenSeatsInput!) { openCommitteeSeats(input: $i) { id } }',
      { i: { committeeId: committee.createCommittee.id, seats: 1, deadline: new Date(Date.now() + 7 * 86400_000).toISOString() } },
      hr.token,
    );
    const application = await ok(
      'mutation($o: ID!, $m: String!) { applyToCommittee(openingId: $o, motivation: $m) { id } }',
      { o: seats.openCommitteeSeats.id, m: TEXTS.motivation },
      devToken,
    );
    await ok(
      'mutation($a: ID!, $f: String) { rejectCommitteeApplication(applicationId: $a, feedback: $f) { id } }',
      { a: application.applyToCommittee.id, f: TEXTS.committeeFeedback },
      hr.token,
    );

    const [dept] = await db.query(`SELECT id FROM department WHERE organization_id = $1 AND name = 'Engineering'`, [organizationId]);
    const opening = await ok(
      'mutation($i: CreateOpeningInput!) { createOpening(input: $i) { id } }',
      { i: { title: 'Platform Engineer', description: TEXTS.openingDescription, departmentId: dept.id, hiringManagerId: manager.id, level: 3 } },
      hr.token,
    );
    await ok('mutation($id: ID!) { publishOpening(id: $id) { id } }', { id: opening.createOpening.id }, hr.token);
    const applied = await ok(
      'mutation($o: ID!, $n: String) { applyToOpening(openingId: $o, note: $n) { __typename ... on Application { id version } } }',
      { o: opening.createOpening.id, n: TEXTS.applicationNote },
      devToken,
    );
    await ok(
      'mutation($i: MoveApplicationInput!) { moveApplication(input: $i) { id } }',
      { i: { applicationId: applied.applyToOpening.id, to: 'REJECTED', expectedVersion: applied.applyToOpening.version, feedback: { message: TEXTS.rejectionFeedback } } },
      hr.token,
    );

    await ok(
      'mutation($i: MentorProfileInput!) { optInAsMentor(input: $i) { status } }',
      { i: { capacity: 2, topicSkillIds: [], availability: TEXTS.mentorAvailability } },
      mentor.token,
    );
    const request = await ok(
      'mutation($m: ID!, $msg: String!) { requestMentor(mentorId: $m, message: $msg) { __typename ... on MentoringProposal { id } } }',
      { m: mentor.id, msg: TEXTS.mentorMessage },
      devToken,
    );
    const accepted = await ok(
      'mutation($id: ID!) { acceptMentoringProposal(id: $id) { __typename ... on MentoringProposal { mentorship { id } } } }',
      { id: request.requestMentor.id },
      mentor.token,
    );
    await ok(
      'mutation($id: ID!, $i: CompleteMentorshipInput!) { completeMentorship(id: $id, input: $i) { id } }',
      { id: accepted.acceptMentoringProposal.mentorship.id, i: { rating: 4, comment: TEXTS.mentoringFeedback } },
      devToken,
    );

    // The worker delivers: notifications, the meeting invites by SMTP.
    await eventually(async () => (await db.query('SELECT 1 FROM outbox_event WHERE published_at IS NULL')).length === 0, 20000, 'outbox drained');
    await eventually(async () => mails.some((m) => m.includes('BEGIN:VCALENDAR')), 20000, 'invites sent over SMTP');
  });

  it('sends the email digest over SMTP, one recipient refused by the server', async () => {
    const prefs = 'mutation($p: [NotificationPreferenceInput!]!) { setNotificationPreferences(preferences: $p) { type } }';
    for (const u of [users.peer, users.refused]) {
      await ok(prefs, { p: [{ type: 'MEETING_REQUESTED', channel: 'EMAIL_DIGEST' }, { type: 'OPENING_RECOMMENDED', channel: 'EMAIL_DIGEST' }] }, u.token);
    }
    await ok(
      'mutation($i: RequestResearchMeetingInput!) { requestResearchMeeting(input: $i) { __typename } }',
      { i: { inviteeId: users.refused.id, purpose: TEXTS.purpose } },
      users.peer.token,
    );
    await eventually(async () => (await db.query(`SELECT 1 FROM notification WHERE recipient_id = $1`, [users.refused.id])).length, 15000, 'notification');
    const tomorrow = new Date(Date.now() + 86400_000);
    tomorrow.setUTCHours(12, 0, 0, 0);
    setClock(tomorrow);
    const before = mails.length;
    await runJob('notifications.digest');
    await eventually(async () => mails.length > before, 15000, 'a digest');
  });

  it('leaves none of it in the logs of the API and the worker', async () => {
    await new Promise((r) => setTimeout(r, 500));
    const logs = (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '') + '\n' + captured.join('\n');
    // The capture works, and it saw the session: requests, errors, the worker.
    expect(logs).toContain('"msg":"request completed"');
    expect(logs).toMatch(/"level":(10|20)/);
    expect(logs).toMatch(/Unexpected GraphQL error|QueryFailedError/);
    expect(logs).toMatch(/Digest for [0-9a-f-]{36} not sent/);

    const secrets: [string, string][] = [
      ['JWT secret', TEST_JWT_SECRET],
      ['PostgreSQL password', PG_PASSWORD],
      ['Redis password', REDIS_PASSWORD],
      ['SMTP password', SMTP_PASSWORD],
      ...tokens.map((t, i): [string, string] => [`token ${i}`, t]),
      ...tokens.map((t, i): [string, string] => [`token ${i} signature`, t.split('.').at(-1)!]),
      ...Object.entries(users).map(([k, u]): [string, string] => [`email of ${k}`, u.email]),
      ...NAMES.flatMap(([first, last]): [string, string][] => [
        ['first name', first],
        ['last name', last],
      ]),
      ...Object.entries(TEXTS).map(([k, v]): [string, string] => [k, v.includes(' ') ? v.split(' ').at(-1)! : v]),
      ...Object.entries(TEXTS).map(([k, v]): [string, string] => [`${k} (whole)`, v]),
    ];
    const lower = logs.toLowerCase();
    const found = secrets
      .filter(([, value]) => value && lower.includes(value.toLowerCase()))
      .map(([what, value]) => {
        const at = lower.indexOf(value.toLowerCase());
        return `${what}: …${logs.slice(Math.max(0, at - 150), at + value.length + 50)}…`;
      });
    expect(found).toEqual([]);
    // No email address of any kind.
    expect(logs.match(/[\w.+-]+@[\w-]+\.[\w.-]+/g) ?? []).toEqual([]);
  });
});
