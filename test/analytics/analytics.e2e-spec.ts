import { Clock, Role } from '@waypoint/core';
import { createDepartment, createSession, createUser, Session, startTestPlatform, TestPlatform, TestUser } from '@waypoint/testing';
import { DataSource } from 'typeorm';

/**
 * HR analytics against hand-computed figures. Fixtures are inserted with SQL at fixed dates (the
 * figures depend on timestamps a GraphQL journey cannot set); the query goes through GraphQL.
 * Window: [2026-01-01, 2026-04-01); "now" (the Clock): 2026-04-10.
 */
const QUERY = `query($from: DateTime, $to: DateTime) { hrAnalytics(from: $from, to: $to) {
  from to generatedAt minimumGroupSize
  openings { openingsClosed openingsFilled positionsOffered positionsFilled fillRate hires timeToFillMedianDays timeToFillAverageDays hiresByMonth { month count } }
  mobility { flows { fromDepartmentId fromDepartmentName toDepartmentId toDepartmentName moves } withinDepartment suppressedMoves }
  mentoring { menteesSeeking menteesMentored coverage mentorsAvailable mentorshipsActive mentorshipsStarted }
  committees { activeCommittees seats seatsFilled members activeEmployees participationRate applicationsReceived committees { name seats seatsFilled } }
  releases { pendingOnTime overdueUpTo7Days overdue8To30Days overdueOver30Days overdue agreed averageDaysToAgree agreedLate }
} }`;
const WINDOW = { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };
const NOW = new Date('2026-04-10T00:00:00.000Z');
const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

async function opening(
  db: DataSource,
  org: string,
  f: { dept: string; manager: string; positions: number; filled: number; publishedAt: string; closedAt?: string; reason?: string },
): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO opening (organization_id, title, department_id, hiring_manager_id, level, positions, positions_filled, status, close_reason, published_at, closed_at)
     VALUES ($1, 'Role', $2, $3, 4, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [org, f.dept, f.manager, f.positions, f.filled, f.closedAt ? 'CLOSED' : 'PUBLISHED', f.closedAt ? (f.reason ?? 'FILLED') : null, d(f.publishedAt), f.closedAt ? d(f.closedAt) : null],
  );
  return row.id;
}

/** An application hired at `at`, with its HIRED transition; optionally its release agreement. */
async function hire(
  db: DataSource,
  org: string,
  openingId: string,
  applicant: string,
  at: string,
  release?: { manager: string; deadline: string; agreedAt?: string },
): Promise<string> {
  const [app] = await db.query(
    `INSERT INTO application (organization_id, opening_id, applicant_id, status, disclose_at_stage, submitted_at, status_changed_at, disclosed_at, disclosed_by)
     VALUES ($1, $2, $3, 'HIRED', 'OFFER', $4, $4, $4, 'STAGE') RETURNING id`,
    [org, openingId, applicant, d(at)],
  );
  await db.query(
    `INSERT INTO application_transition (organization_id, application_id, from_status, to_status, disclosed, at) VALUES ($1, $2, 'OFFER', 'HIRED', true, $3)`,
    [org, app.id, d(at)],
  );
  if (release) {
    await db.query(
      `INSERT INTO release_agreement (organization_id, application_id, employee_id, manager_id, hired_at, deadline_at, status, release_date, agreed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [org, app.id, applicant, release.manager, d(at), d(release.deadline), release.agreedAt ? 'AGREED' : 'PENDING', release.agreedAt ? '2026-05-01' : null, release.agreedAt ? d(release.agreedAt) : null],
    );
  }
  return app.id;
}

async function mentorship(db: DataSource, org: string, mentee: string, mentor: string, status: 'ACTIVE' | 'COMPLETED', startedAt: string) {
  const [p] = await db.query(
    `INSERT INTO mentoring_proposal (organization_id, mentee_id, mentor_id, source, status, mentee_response, mentor_response)
     VALUES ($1, $2, $3, 'REQUEST', 'ACCEPTED', 'ACCEPTED', 'ACCEPTED') RETURNING id`,
    [org, mentee, mentor],
  );
  await db.query(
    `INSERT INTO mentorship (organization_id, mentee_id, mentor_id, proposal_id, status, started_at, completed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [org, mentee, mentor, p.id, status, d(startedAt), status === 'COMPLETED' ? d('2026-01-01') : null],
  );
}

async function committee(db: DataSource, org: string, name: string, seats: number, createdBy: string, active = true): Promise<string> {
  const [c] = await db.query(
    `INSERT INTO committee (organization_id, name, mission, seats, term_months, active, created_by_id) VALUES ($1, $2, 'Mission', $3, 12, $4, $5) RETURNING id`,
    [org, name, seats, active, createdBy],
  );
  return c.id;
}

async function member(db: DataSource, org: string, committeeId: string, employee: string, termStart: string, termEnd: string, status = 'ACTIVE') {
  await db.query(
    `INSERT INTO committee_membership (organization_id, committee_id, employee_id, status, term_start, term_end) VALUES ($1, $2, $3, $4, $5, $6)`,
    [org, committeeId, employee, status, d(termStart), d(termEnd)],
  );
}

describe('analytics: hrAnalytics', () => {
  let p: TestPlatform;
  let s: Session;
  let outsiderHr: TestUser;
  let data: string;
  let design: string;

  beforeAll(async () => {
    p = await startTestPlatform();
    p.api.get(Clock).set(NOW);
    const db = p.db;
    s = await createSession(p.db);
    const org = s.organizationId;
    const eng = s.departmentId;
    data = await createDepartment(db, org, 'Data');
    design = await createDepartment(db, org, 'Design');
    const lead = await createUser(db, org, { firstName: 'Lea', departmentId: data, level: 7 });
    // Applicants, all reporting to the manager (Engineering). The third was already moved to Data by HR:
    // the flow still reads Engineering -> Data (the department of the manager who released them).
    const a1 = await createUser(db, org, { firstName: 'Ann', managerId: s.manager.id, departmentId: eng });
    const a2 = await createUser(db, org, { firstName: 'Ben', managerId: s.manager.id, departmentId: eng });
    const a3 = await createUser(db, org, { firstName: 'Cal', managerId: s.manager.id, departmentId: data });
    const a4 = await createUser(db, org, { firstName: 'Dee', managerId: s.manager.id, departmentId: eng });
    const a5 = await createUser(db, org, { firstName: 'Eva', managerId: s.manager.id, departmentId: eng });
    const a6 = await createUser(db, org, { firstName: 'Fay', managerId: s.manager.id, departmentId: eng });
    const gone = await createUser(db, org, { firstName: 'Gus', departmentId: eng });
    await db.query('UPDATE employee SET active = false WHERE id = $1', [gone.id]);
    // Active employees: the session's 6 + lead + a1..a6 = 13 (gone is inactive).

    // Openings closed in the window: O1 (2 positions, 2 filled), O2 (1, 1), O3 (1, 0 — cancelled).
    const o1 = await opening(db, org, { dept: data, manager: lead.id, positions: 2, filled: 2, publishedAt: '2026-01-01', closedAt: '2026-02-15' });
    const o2 = await opening(db, org, { dept: data, manager: lead.id, positions: 1, filled: 1, publishedAt: '2026-02-01', closedAt: '2026-03-01' });
    await opening(db, org, { dept: design, manager: lead.id, positions: 1, filled: 0, publishedAt: '2026-01-05', closedAt: '2026-03-10', reason: 'CANCELLED' });
    // Outside the window: closed and hired in December.
    const o4 = await opening(db, org, { dept: design, manager: lead.id, positions: 1, filled: 1, publishedAt: '2025-12-01', closedAt: '2025-12-20' });
    // Closed after the window, hired in it (Engineering -> Engineering).
    const o5 = await opening(db, org, { dept: eng, manager: s.manager.id, positions: 1, filled: 1, publishedAt: '2026-03-01', closedAt: '2026-04-05' });
    // Still published, one hire (Engineering -> Design).
    const o6 = await opening(db, org, { dept: design, manager: lead.id, positions: 2, filled: 1, publishedAt: '2026-01-01' });

    const m = s.manager.id;
    // Hires in the window: 10, 20, 28, 4, 36 days after publication.
    await hire(db, org, o1, a1.id, '2026-01-11', { manager: m, deadline: '2026-01-25', agreedAt: '2026-01-15' }); // agreed in 4 days
    await hire(db, org, o1, a2.id, '2026-01-21', { manager: m, deadline: '2026-02-04', agreedAt: '2026-02-10' }); // 20 days, late
    await hire(db, org, o2, a3.id, '2026-03-01', { manager: m, deadline: '2026-03-15' }); // pending, 26 days overdue
    await hire(db, org, o5, a4.id, '2026-03-05', { manager: m, deadline: '2026-04-15' }); // pending, on time
    await hire(db, org, o6, a5.id, '2026-02-06', { manager: m, deadline: '2026-04-05' }); // pending, 5 days overdue
    await hire(db, org, o4, a6.id, '2025-12-20', { manager: m, deadline: '2026-01-03' }); // outside; pending, 97 days overdue

    // Mentoring: seeking = employee, peer (opted in), a1 (profile flag); a2 opted out despite the flag.
    await db.query(`UPDATE employee SET seeking_mentor = true WHERE id = ANY($1)`, [[a1.id, a2.id]]);
    for (const [who, status] of [[s.employee.id, 'ACTIVE'], [s.peer.id, 'ACTIVE'], [a2.id, 'OPTED_OUT']]) {
      await db.query(`INSERT INTO mentee_profile (employee_id, organization_id, status) VALUES ($1, $2, $3)`, [who, org, status]);
    }
    // Mentors: director (opted in), manager (flag), lead opted out.
    await db.query(`UPDATE employee SET open_to_mentoring = true WHERE id = ANY($1)`, [[s.manager.id, lead.id]]);
    await db.query(`INSERT INTO mentor_profile (employee_id, organization_id, status, capacity) VALUES ($1, $2, 'ACTIVE', 2), ($3, $2, 'OPTED_OUT', 2)`, [s.director.id, org, lead.id]);
    await mentorship(db, org, s.employee.id, s.director.id, 'ACTIVE', '2026-02-01'); // started in the window
    await mentorship(db, org, s.peer.id, s.director.id, 'COMPLETED', '2025-06-01');
    await mentorship(db, org, a4.id, s.director.id, 'ACTIVE', '2025-11-01'); // a4 is not seeking: not in the coverage

    // Committees: Alpha (3 seats: 2 held now), Beta (2 seats: 1 held now, 1 ended, 1 term over), Gamma inactive.
    const alpha = await committee(db, org, 'Alpha', 3, s.hr.id);
    const beta = await committee(db, org, 'Beta', 2, s.hr.id);
    const gamma = await committee(db, org, 'Gamma', 4, s.hr.id, false);
    await member(db, org, alpha, s.employee.id, '2026-01-01', '2027-01-01');
    await member(db, org, alpha, s.peer.id, '2026-01-01', '2027-01-01');
    await member(db, org, beta, s.employee.id, '2026-02-01', '2027-02-01');
    await member(db, org, beta, a1.id, '2026-01-01', '2027-01-01', 'ENDED');
    await member(db, org, beta, a2.id, '2025-01-01', '2026-01-01');
    await member(db, org, gamma, a3.id, '2026-01-01', '2027-01-01');
    const [seat] = await db.query(
      `INSERT INTO committee_seat_opening (organization_id, committee_id, seats, deadline) VALUES ($1, $2, 1, $3) RETURNING id`,
      [org, beta, d('2026-03-01')],
    );
    for (const [who, at] of [[a3.id, '2026-02-10'], [a4.id, '2026-02-11'], [a5.id, '2025-12-30']]) {
      await db.query(`INSERT INTO committee_application (organization_id, opening_id, committee_id, employee_id, motivation, created_at) VALUES ($1, $2, $3, $4, 'Keen', $5)`, [
        org,
        seat.id,
        beta,
        who,
        d(at),
      ]);
    }

    // The other organization: an HR admin, and one hire of theirs in the window.
    const other = s.outsiderOrganizationId;
    outsiderHr = await createUser(db, other, { firstName: 'Xena', roles: [Role.EMPLOYEE, Role.HR_ADMIN] });
    const otherDept = await createDepartment(db, other, 'Sales');
    const ox = await opening(db, other, { dept: otherDept, manager: outsiderHr.id, positions: 1, filled: 1, publishedAt: '2026-01-01', closedAt: '2026-01-31' });
    await hire(db, other, ox, s.outsider.id, '2026-01-31', { manager: outsiderHr.id, deadline: '2026-02-01' });
  });
  afterAll(async () => {
    p?.api.get(Clock).set(new Date());
    await p?.close();
  });

  it('computes every figure of the window for HR', async () => {
    const res = await p.gql(QUERY, WINDOW, s.hr.token);
    expect(res.errors).toBeUndefined();
    const a = res.data.hrAnalytics;
    expect(a).toMatchObject({ from: WINDOW.from, to: WINDOW.to, minimumGroupSize: 3 });
    expect(a.generatedAt.slice(0, 16)).toBe('2026-04-10T00:00');
    expect(a.openings).toEqual({
      openingsClosed: 3,
      openingsFilled: 2,
      positionsOffered: 4,
      positionsFilled: 3,
      fillRate: 0.75,
      hires: 5,
      timeToFillMedianDays: 20, // 4, 10, 20, 28, 36
      timeToFillAverageDays: 19.6, // 98 / 5
      hiresByMonth: [
        { month: '2026-01', count: 2 },
        { month: '2026-02', count: 1 },
        { month: '2026-03', count: 2 },
      ],
    });
    expect(a.mobility).toEqual({
      flows: [{ fromDepartmentId: s.departmentId, fromDepartmentName: 'Engineering', toDepartmentId: data, toDepartmentName: 'Data', moves: 3 }],
      withinDepartment: 1, // Engineering -> Engineering
      suppressedMoves: 1, // Engineering -> Design: one person, not listed
    });
    expect(a.mentoring).toEqual({
      menteesSeeking: 3,
      menteesMentored: 1,
      coverage: 0.3333,
      mentorsAvailable: 2,
      mentorshipsActive: 2,
      mentorshipsStarted: 1,
    });
    expect(a.committees).toEqual({
      activeCommittees: 2,
      seats: 5,
      seatsFilled: 3,
      members: 2, // employee (in both) and peer
      activeEmployees: 13,
      participationRate: 0.1538, // 2 / 13
      applicationsReceived: 2,
      committees: [
        { name: 'Alpha', seats: 3, seatsFilled: 2 },
        { name: 'Beta', seats: 2, seatsFilled: 1 },
      ],
    });
    expect(a.releases).toEqual({
      pendingOnTime: 1,
      overdueUpTo7Days: 1,
      overdue8To30Days: 1,
      overdueOver30Days: 1,
      overdue: 3,
      agreed: 2,
      averageDaysToAgree: 12, // (4 + 20) / 2
      agreedLate: 1,
    });
  });

  it('gives org admins the same figures, and defaults to the last 12 months', async () => {
    const admin = await p.gql(QUERY, WINDOW, s.orgAdmin.token);
    expect(admin.errors).toBeUndefined();
    expect(admin.data.hrAnalytics.openings.hires).toBe(5);
    const dflt = await p.gql(QUERY, {}, s.hr.token);
    expect(dflt.errors).toBeUndefined();
    const { from, to } = dflt.data.hrAnalytics;
    expect(to.slice(0, 16)).toBe('2026-04-10T00:00');
    expect(Date.parse(to) - Date.parse(from)).toBe(365 * 86400000);
    // 2025-04-10 .. 2026-04-10: the five hires of the window plus December's.
    expect(dflt.data.hrAnalytics.openings.hires).toBe(6);
    expect(dflt.data.hrAnalytics.openings.hiresByMonth).toHaveLength(13);
  });

  it('refuses everyone but HR and org admins', async () => {
    for (const who of [s.employee, s.manager, s.director, s.outsider]) {
      const res = await p.gql(QUERY, WINDOW, who.token);
      expect(res.data).toBeNull();
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await p.gql(QUERY, WINDOW);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("shows another organization's HR their own figures only", async () => {
    const res = await p.gql(QUERY, WINDOW, outsiderHr.token);
    expect(res.errors).toBeUndefined();
    const a = res.data.hrAnalytics;
    expect(a.openings).toMatchObject({ openingsClosed: 1, positionsFilled: 1, hires: 1, timeToFillMedianDays: 30 });
    expect(a.mobility).toEqual({ flows: [], withinDepartment: 0, suppressedMoves: 1 });
    expect(a.mentoring).toMatchObject({ menteesSeeking: 0, mentorshipsActive: 0 });
    expect(a.committees).toMatchObject({ activeCommittees: 0, members: 0, activeEmployees: 2, applicationsReceived: 0, committees: [] });
    expect(a.releases).toMatchObject({ overdue: 1, overdueOver30Days: 1, agreed: 0 });
  });

  it('rejects a window that is empty or too long', async () => {
    for (const vars of [{ from: WINDOW.to, to: WINDOW.from }, { from: '2015-01-01T00:00:00.000Z', to: WINDOW.to }]) {
      const res = await p.gql(QUERY, vars, s.hr.token);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
