import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { QUEUES } from '@waypoint/core';
import { createSession, createUser, eventually, Session, startTestPlatform, TestPlatform, TestUser } from '@waypoint/testing';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { addSkill, codeOf, FUTURE, giveSkill, ok, otherTeam, setOpenToProjects } from './fixtures';

const CREATE = `mutation($input: CreateProjectInput!) { createProject(input: $input) { id status seats seatsLeft hoursPerWeek } }`;
const PUBLISH = `mutation($id: ID!) { publishProject(id: $id) { id status publishedAt } }`;
const REQUEST = `mutation($projectId: ID!, $motivation: String!) { requestToJoinProject(projectId: $projectId, motivation: $motivation) { id status } }`;
const ACCEPT = `mutation($id: ID!) { acceptProjectRequest(participantId: $id) { id status approver { id } } }`;
const PROJECT = `query($id: ID!) { project(id: $id) { id title status seats seatsLeft announcedCount announcedAt
  owner { id } neededSkills { minProficiency skill { id name } } departments { id name } myParticipation { id status } } }`;

describe('cross-functional projects', () => {
  let p: TestPlatform;
  let s: Session;
  let kotlin: string;
  let design: string;
  let outsiderKotlin: string;

  const notificationsFor = async (sourceIds: string[], type?: string) =>
    (
      await p.db.query(
        `SELECT n.recipient_id, n.organization_id, n.type FROM notification n WHERE n.source_id = ANY($1) ${type ? 'AND n.type = $2' : ''}`,
        type ? [sourceIds, type] : [sourceIds],
      )
    ) as { recipient_id: string; organization_id: string; type: string }[];

  async function createProject(owner: TestUser, fields: Record<string, unknown> = {}): Promise<string> {
    const input = {
      title: 'Payments revamp',
      goal: 'Rebuild the payment reconciliation tooling',
      hoursPerWeek: 3,
      durationWeeks: 8,
      seats: 3,
      startDate: FUTURE,
      neededSkills: [{ skillId: kotlin, minProficiency: 3 }],
      ...fields,
    };
    return ok(await p.gql(CREATE, { input }, owner.token)).createProject.id;
  }

  async function publishedProject(owner: TestUser, fields: Record<string, unknown> = {}): Promise<string> {
    const id = await createProject(owner, fields);
    ok(await p.gql(PUBLISH, { id }, owner.token));
    return id;
  }

  async function requestJoin(user: TestUser, projectId: string): Promise<string> {
    return ok(await p.gql(REQUEST, { projectId, motivation: 'I love this' }, user.token)).requestToJoinProject.id;
  }

  beforeAll(async () => {
    p = await startTestPlatform();
    s = await createSession(p.db);
    kotlin = await addSkill(p, s.organizationId, 'Kotlin');
    design = await addSkill(p, s.organizationId, 'Design');
    outsiderKotlin = await addSkill(p, s.outsiderOrganizationId, 'Kotlin');
  });
  afterAll(() => p?.close());

  describe('announcement', () => {
    it('reaches matching, open employees outside the owner team, once, and nobody outside the organization', async () => {
      const team = await otherTeam(p, s.organizationId, 6);
      const [strong, learner, weak, closed, gone, designer] = team.members;
      // The owner's own team (manager Mona, peer Pia) match but must not be told.
      for (const u of [s.manager, s.peer, strong]) await giveSkill(p, u, kotlin, 4);
      await giveSkill(p, learner, kotlin, 1, true);
      await giveSkill(p, weak, kotlin, 2);
      await giveSkill(p, closed, kotlin, 5);
      await giveSkill(p, gone, kotlin, 5);
      await giveSkill(p, designer, design, 5);
      await setOpenToProjects(p, [s.manager, s.peer, strong, learner, weak, gone, designer]);
      await p.db.query('UPDATE employee SET active = false WHERE id = $1', [gone.id]);
      // Someone in another organization, open, with a skill of the same name.
      await giveSkill(p, s.outsider, outsiderKotlin, 5);
      await setOpenToProjects(p, [s.outsider]);

      const id = await createProject(s.employee);
      expect(await notificationsFor([id])).toHaveLength(0); // a draft is not announced
      ok(await p.gql(PUBLISH, { id }, s.employee.token));

      const announced = await eventually(async () => {
        const r = ok(await p.gql(PROJECT, { id }, s.employee.token)).project;
        return r.announcedAt ? r : null;
      }, 15000, 'the announcement');
      expect(announced.announcedCount).toBe(2);
      const rows = await notificationsFor([id], 'PROJECT_ANNOUNCED');
      expect(rows.map((r) => r.recipient_id).sort()).toEqual([strong.id, learner.id].sort());
      expect(rows.every((r) => r.organization_id === s.organizationId)).toBe(true);

      // The recipient sees it in their notification centre.
      const mine = ok(await p.gql(`{ myNotifications(first: 10) { edges { node { type sourceId title } } } }`, {}, strong.token));
      expect(mine.myNotifications.edges.map((e: any) => e.node)).toContainEqual(
        expect.objectContaining({ type: 'PROJECT_ANNOUNCED', sourceId: id, title: 'New project: Payments revamp' }),
      );

      // Re-running the job (a redelivery, or an operator retry) adds nothing.
      const queue = p.worker!.get<Queue>(getQueueToken(QUEUES.announcements));
      const job = await queue.add('ProjectAnnounced', {
        eventId: randomUUID(),
        organizationId: s.organizationId,
        type: 'ProjectAnnounced',
        payload: { projectId: id },
        occurredAt: new Date().toISOString(),
      });
      await eventually(async () => (await queue.getJob(job.id!))?.finishedOn, 15000, 'the re-run');
      expect((await queue.getJob(job.id!))!.returnvalue).toEqual({ matched: 2, inserted: 0 });
      expect(await notificationsFor([id], 'PROJECT_ANNOUNCED')).toHaveLength(2);
      expect(ok(await p.gql(PROJECT, { id }, s.employee.token)).project.announcedCount).toBe(2);
      const [{ n }] = await p.db.query('SELECT count(*)::int AS n FROM notification WHERE organization_id = $1', [s.outsiderOrganizationId]);
      expect(n).toBe(0);
    });

    it('excludes the direct reports of an owner who is a manager', async () => {
      await giveSkill(p, s.employee, design, 3);
      await setOpenToProjects(p, [s.employee, s.peer]);
      const id = await publishedProject(s.manager, { neededSkills: [{ skillId: design, minProficiency: 1 }] });
      await eventually(async () => ok(await p.gql(PROJECT, { id }, s.manager.token)).project.announcedAt, 15000, 'the announcement');
      const recipients = (await notificationsFor([id], 'PROJECT_ANNOUNCED')).map((r) => r.recipient_id);
      expect(recipients).not.toContain(s.employee.id);
      expect(recipients.length).toBeGreaterThan(0); // the designer of the other team
    });
  });

  describe('drafts and reading', () => {
    it('shows a draft to its owner and HR only, and lists open projects with their skills', async () => {
      const team = await otherTeam(p, s.organizationId, 0);
      const id = await createProject(s.employee, { departmentIds: [team.departmentId] });
      const own = ok(await p.gql(PROJECT, { id }, s.employee.token)).project;
      expect(own).toMatchObject({ status: 'DRAFT', owner: { id: s.employee.id }, neededSkills: [{ minProficiency: 3, skill: { id: kotlin, name: 'Kotlin' } }] });
      expect(own.departments).toEqual([{ id: team.departmentId, name: expect.any(String) }]);
      expect(ok(await p.gql(PROJECT, { id }, s.hr.token)).project.id).toBe(id);
      expect(codeOf(await p.gql(PROJECT, { id }, s.peer.token))).toBe('NOT_FOUND');
      expect(codeOf(await p.gql(PUBLISH, { id }, s.peer.token))).toBe('NOT_FOUND');
      const LIST = `query($after: String) { projects(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id status owner { id } neededSkills { skill { name } } myParticipation { id } } } } }`;
      const first = ok(await p.gql(LIST, {}, s.peer.token)).projects;
      expect(first.edges.every((e: any) => e.node.status === 'OPEN')).toBe(true);
      expect(first.edges.map((e: any) => e.node.id)).not.toContain(id);
      const mine = ok(await p.gql(`{ projects(mine: true) { edges { node { id status } } } }`, {}, s.employee.token)).projects;
      expect(mine.edges.map((e: any) => e.node.id)).toContain(id);
      if (first.pageInfo.hasNextPage) {
        const next = ok(await p.gql(LIST, { after: first.pageInfo.endCursor }, s.peer.token)).projects;
        expect(next.edges.map((e: any) => e.node.id)).not.toContain(first.edges[0].node.id);
      }
      expect(codeOf(await p.gql(`{ projects(first: 101) { totalCount } }`, {}, s.peer.token))).toBe('BAD_USER_INPUT');
    });
  });

  describe('statements per list', () => {
    it('costs the same number of SQL statements for 2 or 12 projects with all their nested fields', async () => {
      const team = await otherTeam(p, s.organizationId, 1);
      for (let i = 0; i < 12; i++) {
        const id = await publishedProject(team.members[0], { departmentIds: [team.departmentId], neededSkills: [{ skillId: kotlin }, { skillId: design }] });
        await requestJoin(s.peer, id).catch(() => undefined);
      }
      const ds = p.api.get(DataSource);
      const original = ds.logger;
      let count = 0;
      (ds as { logger: unknown }).logger = new Proxy(original, {
        get(target, key) {
          const value = (target as unknown as Record<string | symbol, unknown>)[key];
          if (key === 'logQuery') {
            return (query: string, ...rest: unknown[]) => {
              // The outbox relay's sweep runs in the background on the same pool: not part of the request.
              if (!/outbox_event|^(START TRANSACTION|COMMIT|ROLLBACK)/.test(query)) count++;
              return (value as (...a: unknown[]) => unknown).call(target, query, ...rest);
            };
          }
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const LIST = `query($first: Int!) { projects(first: $first) { totalCount edges { node { id seatsLeft owner { id fullName }
        neededSkills { minProficiency skill { name } } departments { name } myParticipation { id status motivation employee { id } project { id } } } } } }`;
      const statements = async (first: number) => {
        count = 0;
        const r = ok(await p.gql(LIST, { first }, s.peer.token));
        expect(r.projects.edges).toHaveLength(first);
        return count;
      };
      try {
        const few = await statements(2);
        const many = await statements(12);
        expect(many).toBe(few);
        expect(few).toBeLessThanOrEqual(10);
      } finally {
        (ds as { logger: unknown }).logger = original;
      }
    });
  });

  describe('joining', () => {
    it('accepts, asks the manager above the threshold, and frees the seat when the manager refuses', async () => {
      const team = await otherTeam(p, s.organizationId, 1);
      const owner = team.members[0];
      const id = await publishedProject(owner, { hoursPerWeek: 6, seats: 2 });

      // Eli asks; the owner sees the motivation, a colleague does not see the request at all.
      const eli = await requestJoin(s.employee, id);
      const PARTICIPANTS = `query($projectId: ID!) { projectParticipants(projectId: $projectId) { totalCount edges { node { id status motivation employee { id } } } } }`;
      const seenByOwner = ok(await p.gql(PARTICIPANTS, { projectId: id }, owner.token)).projectParticipants;
      expect(seenByOwner.edges[0].node).toMatchObject({ id: eli, status: 'REQUESTED', motivation: 'I love this', employee: { id: s.employee.id } });
      expect(ok(await p.gql(PARTICIPANTS, { projectId: id }, s.peer.token)).projectParticipants.totalCount).toBe(0);
      expect(codeOf(await p.gql(REQUEST, { projectId: id, motivation: 'again' }, s.employee.token))).toBe('CONFLICT');
      expect(await notificationsFor([eli], 'PROJECT_JOIN_REQUESTED')).toEqual([expect.objectContaining({ recipient_id: owner.id })]);

      // Only the owner (or HR) accepts. 6 h/week is above the 4 h threshold: Mona must approve.
      expect(codeOf(await p.gql(ACCEPT, { id: eli }, s.peer.token))).toBe('FORBIDDEN');
      const accepted = ok(await p.gql(ACCEPT, { id: eli }, owner.token)).acceptProjectRequest;
      expect(accepted).toMatchObject({ status: 'PENDING_APPROVAL', approver: { id: s.manager.id } });
      expect(ok(await p.gql(PROJECT, { id }, owner.token)).project.seatsLeft).toBe(1);
      expect(await notificationsFor([eli], 'PROJECT_APPROVAL_NEEDED')).toEqual([expect.objectContaining({ recipient_id: s.manager.id })]);
      const awaiting = ok(await p.gql(`{ projectApprovalsAwaitingMe { totalCount edges { node { id motivation project { id } } } } }`, {}, s.manager.token));
      expect(awaiting.projectApprovalsAwaitingMe.edges).toEqual([{ node: { id: eli, motivation: 'I love this', project: { id } } }]);
      expect(ok(await p.gql(`{ projectApprovalsAwaitingMe { totalCount } }`, {}, s.director.token)).projectApprovalsAwaitingMe.totalCount).toBe(0);

      const APPROVE = `mutation($id: ID!) { approveProjectParticipation(participantId: $id) { id status joinedAt } }`;
      const REFUSE = `mutation($id: ID!) { refuseProjectParticipation(participantId: $id, note: "Quarter close") { id status } }`;
      expect(codeOf(await p.gql(APPROVE, { id: eli }, s.director.token))).toBe('FORBIDDEN');
      expect(codeOf(await p.gql(APPROVE, { id: eli }, owner.token))).toBe('FORBIDDEN');
      expect(ok(await p.gql(REFUSE, { id: eli }, s.manager.token)).refuseProjectParticipation.status).toBe('APPROVAL_DECLINED');
      expect(ok(await p.gql(PROJECT, { id }, owner.token)).project.seatsLeft).toBe(2);
      expect(codeOf(await p.gql(APPROVE, { id: eli }, s.manager.token))).toBe('CONFLICT');

      // Asking again after a refusal is a new request; this time Mona approves.
      const again = await requestJoin(s.employee, id);
      ok(await p.gql(ACCEPT, { id: again }, owner.token));
      const approved = ok(await p.gql(APPROVE, { id: again }, s.manager.token)).approveProjectParticipation;
      expect(approved.status).toBe('ACTIVE');
      expect(approved.joinedAt).toBeTruthy();
      expect(ok(await p.gql(PROJECT, { id }, s.employee.token)).project.myParticipation).toEqual({ id: again, status: 'ACTIVE' });
      // The team is public within the organization; the motivation is not.
      const seenByPeer = ok(await p.gql(PARTICIPANTS, { projectId: id }, s.peer.token)).projectParticipants;
      expect(seenByPeer.edges).toEqual([{ node: { id: again, status: 'ACTIVE', motivation: null, employee: { id: s.employee.id } } }]);

      // Eli has 6 h/week of project time; 3 more would exceed the 8 h cap.
      const other = await publishedProject(owner, { hoursPerWeek: 3 });
      expect(codeOf(await p.gql(REQUEST, { projectId: other, motivation: 'me too' }, s.employee.token))).toBe('CONFLICT');

      // Leaving frees the seat and tells the owner.
      const left = ok(await p.gql(`mutation($id: ID!) { leaveProject(projectId: $id) { id status endedAt } }`, { id }, s.employee.token));
      expect(left.leaveProject.status).toBe('LEFT');
      expect(ok(await p.gql(PROJECT, { id }, owner.token)).project.seatsLeft).toBe(2);
      expect(codeOf(await p.gql(`mutation($id: ID!) { leaveProject(projectId: $id) { id } }`, { id }, s.employee.token))).toBe('NOT_FOUND');
    });

    it('joins directly at or below the threshold, and counts the total time of all projects', async () => {
      const team = await otherTeam(p, s.organizationId, 1);
      const owner = team.members[0];
      const small = await publishedProject(owner, { hoursPerWeek: 3 });
      const second = await publishedProject(owner, { hoursPerWeek: 2 });
      const a = await requestJoin(s.peer, small);
      expect(ok(await p.gql(ACCEPT, { id: a }, owner.token)).acceptProjectRequest.status).toBe('ACTIVE');
      // 3 + 2 = 5 h/week in total: above 4, so this one needs Mona.
      const b = await requestJoin(s.peer, second);
      expect(ok(await p.gql(ACCEPT, { id: b }, owner.token)).acceptProjectRequest).toMatchObject({ status: 'PENDING_APPROVAL', approver: { id: s.manager.id } });
      // The requester can withdraw while waiting: the seat comes back.
      const w = ok(await p.gql(`mutation($id: ID!) { withdrawProjectRequest(participantId: $id) { status } }`, { id: b }, s.peer.token));
      expect(w.withdrawProjectRequest.status).toBe('WITHDRAWN');
      expect(await notificationsFor([b], 'PROJECT_REQUEST_WITHDRAWN')).toEqual([expect.objectContaining({ recipient_id: owner.id })]);
      expect(codeOf(await p.gql(`mutation($id: ID!) { withdrawProjectRequest(participantId: $id) { status } }`, { id: b }, s.peer.token))).toBe('CONFLICT');
      expect(ok(await p.gql(PROJECT, { id: second }, owner.token)).project.seatsLeft).toBe(3);
      // A declined request says so.
      const c = await requestJoin(s.director, small);
      const declined = ok(await p.gql(`mutation($id: ID!) { declineProjectRequest(participantId: $id, note: "Full team") { status decisionNote } }`, { id: c }, owner.token));
      expect(declined.declineProjectRequest).toEqual({ status: 'DECLINED', decisionNote: 'Full team' });
      expect(await notificationsFor([c], 'PROJECT_REQUEST_DECLINED')).toEqual([expect.objectContaining({ recipient_id: s.director.id })]);
    });

    it('follows the organization policy set by an org admin', async () => {
      const SET = `mutation($max: Int!, $t: Int!) { setProjectPolicy(maxHoursPerWeek: $max, approvalThresholdHours: $t) { maxHoursPerWeek approvalThresholdHours } }`;
      expect(codeOf(await p.gql(SET, { max: 10, t: 2 }, s.hr.token))).toBe('FORBIDDEN');
      expect(codeOf(await p.gql(SET, { max: 4, t: 6 }, s.orgAdmin.token))).toBe('BAD_USER_INPUT');
      expect(ok(await p.gql(`{ projectPolicy { maxHoursPerWeek approvalThresholdHours } }`, {}, s.peer.token)).projectPolicy).toEqual({
        maxHoursPerWeek: 8,
        approvalThresholdHours: 4,
      });
      ok(await p.gql(SET, { max: 10, t: 2 }, s.orgAdmin.token));
      try {
        const id = await createProject(s.peer, { hoursPerWeek: 10 });
        expect(id).toBeTruthy();
        expect(codeOf(await p.gql(CREATE, { input: { title: 'Too much', goal: 'A project that takes far too long', hoursPerWeek: 11, durationWeeks: 1, seats: 1, startDate: FUTURE, neededSkills: [{ skillId: kotlin }] } }, s.peer.token))).toBe('BAD_USER_INPUT');
      } finally {
        ok(await p.gql(SET, { max: 8, t: 4 }, s.orgAdmin.token));
      }
    });
  });

  describe('seats', () => {
    it('gives the last seat to exactly one of 10 concurrent acceptances', async () => {
      const team = await otherTeam(p, s.organizationId, 12);
      const [owner, ...requesters] = team.members;
      const id = await publishedProject(owner, { seats: 1, hoursPerWeek: 2 });
      const requests = [];
      for (const u of requesters.slice(0, 10)) requests.push(await requestJoin(u, id));
      const results = await Promise.all(requests.map((r) => p.gql(ACCEPT, { id: r }, owner.token)));
      const winners = results.filter((r) => !r.errors);
      const losers = results.filter((r) => r.errors);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(9);
      for (const l of losers) {
        expect(codeOf(l)).toBe('CONFLICT');
        expect(l.errors![0].message).toMatch(/no seats left/i);
      }
      const [row] = await p.db.query(
        `SELECT p.seats_taken, (SELECT count(*)::int FROM project_participant pp WHERE pp.project_id = p.id AND pp.status = 'ACTIVE') AS active
           FROM project p WHERE p.id = $1`,
        [id],
      );
      expect(row).toEqual({ seats_taken: 1, active: 1 });
      // A full project takes no more requests.
      expect(codeOf(await p.gql(REQUEST, { projectId: id, motivation: 'late' }, requesters[10].token))).toBe('CONFLICT');
    });

    it('accepts the same request once when accepted twice at the same time', async () => {
      const team = await otherTeam(p, s.organizationId, 2);
      const [owner, member] = team.members;
      const id = await publishedProject(owner, { seats: 3, hoursPerWeek: 1 });
      const r = await requestJoin(member, id);
      const results = await Promise.all([1, 2, 3, 4].map(() => p.gql(ACCEPT, { id: r }, owner.token)));
      expect(results.filter((x) => !x.errors)).toHaveLength(1);
      expect(results.filter((x) => codeOf(x) === 'CONFLICT')).toHaveLength(3);
      expect(ok(await p.gql(PROJECT, { id }, owner.token)).project.seatsLeft).toBe(2);
    });
  });

  describe('completion', () => {
    it('completes the project and shows the endorsements on the participant skill', async () => {
      const team = await otherTeam(p, s.organizationId, 3);
      const [owner, dev, waiting] = team.members;
      await giveSkill(p, dev, kotlin, 3);
      const id = await publishedProject(owner, { hoursPerWeek: 2, neededSkills: [{ skillId: kotlin, minProficiency: 2 }, { skillId: design, minProficiency: 1 }] });
      const r = await requestJoin(dev, id);
      ok(await p.gql(ACCEPT, { id: r }, owner.token));
      const pending = await requestJoin(waiting, id);
      const COMPLETE = `mutation($projectId: ID!, $endorsements: [EndorsementInput!]!) {
        completeProject(projectId: $projectId, endorsements: $endorsements) { id status completedAt } }`;

      // Bad endorsements are refused and change nothing.
      const bad = [
        [{ employeeId: waiting.id, skillId: kotlin, proficiency: 3 }, 'BAD_USER_INPUT'],
        [{ employeeId: dev.id, skillId: kotlin, proficiency: 6 }, 'BAD_USER_INPUT'],
        [{ employeeId: dev.id, skillId: outsiderKotlin, proficiency: 3 }, 'BAD_USER_INPUT'],
        [{ employeeId: 'nope', skillId: kotlin, proficiency: 3 }, 'BAD_USER_INPUT'],
      ] as const;
      for (const [e, code] of bad) expect(codeOf(await p.gql(COMPLETE, { projectId: id, endorsements: [e] }, owner.token))).toBe(code);
      expect(codeOf(await p.gql(COMPLETE, { projectId: id, endorsements: [] }, dev.token))).toBe('FORBIDDEN');
      expect(ok(await p.gql(PROJECT, { id }, owner.token)).project.status).toBe('OPEN');

      const done = ok(
        await p.gql(
          COMPLETE,
          { projectId: id, endorsements: [{ employeeId: dev.id, skillId: kotlin, proficiency: 4, note: 'Led the rewrite' }, { employeeId: dev.id, skillId: design, proficiency: 2 }] },
          owner.token,
        ),
      ).completeProject;
      expect(done.status).toBe('COMPLETED');
      expect(codeOf(await p.gql(COMPLETE, { projectId: id, endorsements: [] }, owner.token))).toBe('CONFLICT');

      const profile = ok(
        await p.gql(
          `query($id: ID!) { employee(id: $id) {
             skills { skill { id } proficiency endorsements { proficiency note project { id title } endorsedBy { id } } }
             skillEndorsements { skill { id } proficiency } } }`,
          { id: dev.id },
          s.peer.token,
        ),
      ).employee;
      const kotlinSkill = profile.skills.find((x: any) => x.skill.id === kotlin);
      expect(kotlinSkill.proficiency).toBe(3); // self-declared level unchanged: the endorsement is evidence beside it
      expect(kotlinSkill.endorsements).toEqual([{ proficiency: 4, note: 'Led the rewrite', project: { id, title: 'Payments revamp' }, endorsedBy: { id: owner.id } }]);
      expect(profile.skillEndorsements).toHaveLength(2);
      const [statuses] = [await p.db.query('SELECT id, status FROM project_participant WHERE project_id = $1', [id])];
      expect(Object.fromEntries(statuses.map((x: any) => [x.id, x.status]))).toEqual({ [r]: 'COMPLETED', [pending]: 'DECLINED' });
      expect(await notificationsFor([r], 'PROJECT_COMPLETED')).toEqual([expect.objectContaining({ recipient_id: dev.id })]);
    });

    it('closes a project: it takes no more requests and waiting ones are declined', async () => {
      const team = await otherTeam(p, s.organizationId, 2);
      const [owner, member] = team.members;
      const id = await publishedProject(owner);
      const r = await requestJoin(member, id);
      expect(codeOf(await p.gql(`mutation($id: ID!) { closeProject(id: $id) { status } }`, { id }, member.token))).toBe('FORBIDDEN');
      expect(ok(await p.gql(`mutation($id: ID!) { closeProject(id: $id) { status closedAt } }`, { id }, owner.token)).closeProject.status).toBe('CLOSED');
      expect(codeOf(await p.gql(REQUEST, { projectId: id, motivation: 'x' }, s.peer.token))).toBe('CONFLICT');
      expect(codeOf(await p.gql(ACCEPT, { id: r }, owner.token))).toBe('CONFLICT');
    });
  });

  describe('bad input', () => {
    it('is refused with BAD_USER_INPUT and creates nothing', async () => {
      const count = async () => (await p.db.query('SELECT count(*)::int AS n FROM project'))[0].n;
      const before = await count();
      const base = { title: 'Valid title', goal: 'A valid goal for a project', hoursPerWeek: 2, durationWeeks: 4, seats: 2, startDate: FUTURE, neededSkills: [{ skillId: kotlin, minProficiency: 2 }] };
      const cases: Record<string, unknown>[] = [
        { hoursPerWeek: 0 },
        { hoursPerWeek: 9 }, // above the 8 h/week cap
        { seats: 0 },
        { seats: 101 },
        { durationWeeks: 0 },
        { title: '' },
        { goal: 'short' },
        { startDate: '2020-01-01' },
        { startDate: '2099-02-30' },
        { startDate: 'tomorrow' },
        { neededSkills: [] },
        { neededSkills: [{ skillId: kotlin, minProficiency: 6 }] },
        { neededSkills: [{ skillId: 'not-a-uuid' }] },
        { neededSkills: [{ skillId: randomUUID() }] },
        { neededSkills: [{ skillId: outsiderKotlin }] },
        { neededSkills: [{ skillId: kotlin }, { skillId: kotlin }] },
        { departmentIds: [randomUUID()] },
        { departmentIds: ['x'] },
      ];
      for (const c of cases) {
        const r = await p.gql(CREATE, { input: { ...base, ...c } }, s.peer.token);
        expect([JSON.stringify(c), codeOf(r)]).toEqual([JSON.stringify(c), 'BAD_USER_INPUT']);
      }
      expect(await count()).toBe(before);
      expect(codeOf(await p.gql(PROJECT, { id: 'abc' }, s.peer.token))).toBe('BAD_USER_INPUT');
      const id = await publishedProject(s.director);
      expect(codeOf(await p.gql(REQUEST, { projectId: id, motivation: '   ' }, s.peer.token))).toBe('BAD_USER_INPUT');
      expect(codeOf(await p.gql(REQUEST, { projectId: id, motivation: 'x'.repeat(1001) }, s.peer.token))).toBe('BAD_USER_INPUT');
      expect(codeOf(await p.gql(REQUEST, { projectId: id, motivation: 'mine' }, s.director.token))).toBe('BAD_USER_INPUT');
      expect((await p.db.query('SELECT count(*)::int AS n FROM project_participant WHERE project_id = $1', [id]))[0].n).toBe(0);
      expect(codeOf(await p.gql(`mutation($id: ID!) { updateProject(id: $id, input: { title: "Renamed" }) { id } }`, { id }, s.director.token))).toBe('CONFLICT');
    });
  });

  describe('tenancy', () => {
    it('refuses every operation across organizations', async () => {
      const team = await otherTeam(p, s.organizationId, 2);
      const [owner, member] = team.members;
      const draft = await createProject(owner);
      const id = await publishedProject(owner, { seats: 3 });
      const pending = await requestJoin(member, id);
      const outsiderAdmin = await createUser(p.db, s.outsiderOrganizationId, { roles: ['EMPLOYEE', 'HR_ADMIN', 'ORG_ADMIN'] as any });
      const ops: [string, Record<string, unknown>][] = [
        [PROJECT, { id }],
        [PROJECT, { id: draft }],
        [PUBLISH, { id: draft }],
        [`mutation($id: ID!) { updateProject(id: $id, input: { title: "Hijacked" }) { id } }`, { id: draft }],
        [`mutation($id: ID!) { closeProject(id: $id) { id } }`, { id }],
        [`mutation($id: ID!) { completeProject(projectId: $id) { id } }`, { id }],
        [REQUEST, { projectId: id, motivation: 'hello' }],
        [ACCEPT, { id: pending }],
        [`mutation($id: ID!) { declineProjectRequest(participantId: $id) { id } }`, { id: pending }],
        [`mutation($id: ID!) { approveProjectParticipation(participantId: $id) { id } }`, { id: pending }],
        [`mutation($id: ID!) { refuseProjectParticipation(participantId: $id) { id } }`, { id: pending }],
        [`mutation($id: ID!) { withdrawProjectRequest(participantId: $id) { id } }`, { id: pending }],
        [`mutation($id: ID!) { leaveProject(projectId: $id) { id } }`, { id }],
        [`query($id: ID!) { projectParticipants(projectId: $id) { totalCount } }`, { id }],
      ];
      for (const user of [s.outsider, outsiderAdmin]) {
        for (const [q, v] of ops) {
          const r = await p.gql(q, v, user.token);
          expect([q.slice(0, 60), codeOf(r)]).toEqual([q.slice(0, 60), 'NOT_FOUND']);
        }
        const lists = ok(
          await p.gql(
            `{ projects(first: 100) { totalCount } mine: projects(mine: true) { totalCount } drafts: projects(status: DRAFT) { totalCount }
               projectApprovalsAwaitingMe { totalCount } myProjectParticipations { totalCount } }`,
            {},
            user.token,
          ),
        );
        expect(lists).toEqual({
          projects: { totalCount: 0 },
          mine: { totalCount: 0 },
          drafts: { totalCount: 0 },
          projectApprovalsAwaitingMe: { totalCount: 0 },
          myProjectParticipations: { totalCount: 0 },
        });
      }
      const [row] = await p.db.query('SELECT status, title FROM project WHERE id = $1', [draft]);
      expect(row).toEqual({ status: 'DRAFT', title: 'Payments revamp' });
      const [req] = await p.db.query('SELECT status FROM project_participant WHERE id = $1', [pending]);
      expect(req.status).toBe('REQUESTED');
      // The outsider org admin's policy applies to their organization only.
      ok(await p.gql(`mutation { setProjectPolicy(maxHoursPerWeek: 2, approvalThresholdHours: 1) { maxHoursPerWeek } }`, {}, outsiderAdmin.token));
      expect(ok(await p.gql(`{ projectPolicy { maxHoursPerWeek } }`, {}, member.token)).projectPolicy.maxHoursPerWeek).toBe(8);
    });
  });
});
