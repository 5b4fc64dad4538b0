import { getQueueToken } from '@nestjs/bullmq';
import { QUEUES, Role } from '@waypoint/core';
import { createSession, eventually, Session, startTestPlatform, TestPlatform, tokenFor, TestUser } from '@waypoint/testing';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import {
  ACCEPT,
  addSkill,
  codeOf,
  createRound,
  DECLINE,
  giveSkill,
  LAUNCH,
  matchRound,
  mentee,
  mentor,
  MY_PROPOSALS,
  notificationsOf,
  ok,
  PUBLISH,
  ROUND,
  team,
} from './fixtures';

const PROPOSAL = `query($id: ID!) { mentoringProposal(id: $id) { id status source mentee { id } mentor { id } reasons } }`;

describe('mentoring rounds (API + worker)', () => {
  let p: TestPlatform;
  let s: Session;

  beforeAll(async () => {
    p = await startTestPlatform();
    s = await createSession(p.db);
  });
  afterAll(() => p?.close());

  const proposalsOf = (roundId: string): Promise<{ id: string; mentee_id: string; mentor_id: string; status: string; source: string }[]> =>
    p.db.query(`SELECT id, mentee_id, mentor_id, status, source FROM mentoring_proposal WHERE round_id = $1 ORDER BY created_at, id`, [roundId]);

  describe('from launch to publication', () => {
    let roundId: string;
    let x: TestUser;
    let y: TestUser;

    it('matches in the worker with visible progress, never pairs a mentee with their manager chain, and hides proposals until published', async () => {
      const kotlin = await addSkill(p, s.organizationId, 'Kotlin');
      // The employee and the peer want Kotlin; their manager and director teach it best, but are their reporting chain.
      await giveSkill(p, s.employee, kotlin, 1, { learn: true });
      await giveSkill(p, s.peer, kotlin, 2, { learn: true });
      await giveSkill(p, s.manager, kotlin, 5, { teach: true });
      await giveSkill(p, s.director, kotlin, 5, { teach: true });
      const other = await team(p, s.organizationId, 2, 5);
      [x, y] = other.members;
      await giveSkill(p, x, kotlin, 4, { teach: true });
      await giveSkill(p, y, kotlin, 3);
      for (const m of [s.manager, s.director]) await mentor(p, m, 5);
      for (const m of [x, y]) await mentor(p, m, 1);
      await mentee(p, s.employee, [kotlin], 'Become a Kotlin expert');
      await mentee(p, s.peer, [kotlin]);

      roundId = await createRound(p, s.hr, { name: 'Engineering spring round', objective: 'COVERAGE', mentees: { departmentIds: [s.departmentId] } });
      const draft = ok(await p.gql(ROUND, { id: roundId }, s.hr.token)).mentoringRound;
      expect(draft).toMatchObject({ status: 'DRAFT', progress: { percent: 0, phase: null, phases: [] }, proposals: { totalCount: 0 } });

      const round = await matchRound(p, s.hr, roundId, eventually);
      expect(round.progress.percent).toBe(100);
      expect(round.progress.phase).toBe('done');
      expect(round.progress.phases.map((ph: any) => ph.phase)).toEqual(['loading', 'matching', 'storing']);
      expect(round).toMatchObject({ runCount: 1, menteeCount: 2, matchedCount: 2, coverage: 1, unmatchedCount: 0, proposalCounts: { proposed: 2 } });
      expect(round.mentorCount).toBe(4);
      expect(round.totalScore).toBeGreaterThan(0);
      const pairs = round.proposals.edges.map((e: any) => e.node);
      expect(pairs).toHaveLength(2);
      const mentorsProposed = pairs.map((n: any) => n.mentor.id);
      expect(mentorsProposed).not.toContain(s.manager.id);
      expect(mentorsProposed).not.toContain(s.director.id);
      expect(mentorsProposed.sort()).toEqual([x.id, y.id].sort());
      for (const n of pairs) {
        expect(n).toMatchObject({ status: 'PROPOSED', source: 'ROUND' });
        expect(n.reasons.length).toBeGreaterThan(0);
        expect(n.components.teachLearn).toBeGreaterThan(0);
      }
      // The best mentor (x teaches Kotlin at 4/5) is explained as such.
      const withX = pairs.find((n: any) => n.mentor.id === x.id);
      expect(withX.reasons.join(' ')).toMatch(/Teaches Kotlin \(4\/5\)/);

      // Employees see nothing before publication, not even the people proposed.
      for (const u of [s.employee, s.peer, x, y]) {
        expect(ok(await p.gql(MY_PROPOSALS, {}, u.token)).myMentoringProposals.totalCount).toBe(0);
        expect(codeOf(await p.gql(PROPOSAL, { id: pairs[0].id }, u.token))).toBe('NOT_FOUND');
        expect(codeOf(await p.gql(ACCEPT, { id: pairs[0].id }, u.token))).toBe('NOT_FOUND');
      }
      expect(codeOf(await p.gql(ROUND, { id: roundId }, s.employee.token))).toBe('FORBIDDEN');
      expect(await notificationsOf(p, s.employee.id, 'MENTORING_PROPOSAL')).toHaveLength(0);
      // HR was told the matching is done.
      const hrNotes = await notificationsOf(p, s.hr.id, 'MENTORING_ROUND_MATCHED');
      expect(hrNotes).toHaveLength(1);
      expect(hrNotes[0].title).toMatch(/2 of 2 mentees matched \(100%\)/);
    });

    it('publishes: each side sees only its own proposal (the mentor without the mentee\'s private reasons), and both are told', async () => {
      const published = ok(await p.gql(PUBLISH, { id: roundId }, s.hr.token)).publishMentoringRound;
      expect(published.status).toBe('PUBLISHED');

      const mine = ok(await p.gql(MY_PROPOSALS, {}, s.employee.token)).myMentoringProposals;
      expect(mine.totalCount).toBe(1);
      const own = mine.edges[0].node;
      expect(own).toMatchObject({ status: 'PUBLISHED', roundName: 'Engineering spring round', myRole: 'MENTEE', mentee: { id: s.employee.id } });
      expect(own.reasons.length).toBeGreaterThan(0);
      expect(new Date(own.respondBy).getTime()).toBeGreaterThan(Date.now());

      const peerOwn = ok(await p.gql(MY_PROPOSALS, {}, s.peer.token)).myMentoringProposals;
      expect(peerOwn.totalCount).toBe(1);
      expect(peerOwn.edges[0].node.mentee.id).toBe(s.peer.id);
      // Nobody reads someone else's proposal.
      expect(codeOf(await p.gql(PROPOSAL, { id: own.id }, s.peer.token))).toBe('NOT_FOUND');
      expect(codeOf(await p.gql(PROPOSAL, { id: own.id }, s.manager.token))).toBe('NOT_FOUND');

      const mentorOfEmployee = own.mentor.id === x.id ? x : y;
      const forMentor = ok(await p.gql(MY_PROPOSALS, { role: 'MENTOR' }, mentorOfEmployee.token)).myMentoringProposals;
      expect(forMentor.totalCount).toBe(1);
      expect(forMentor.edges[0].node).toMatchObject({ id: own.id, myRole: 'MENTOR', reasons: null, menteeGoals: 'Become a Kotlin expert' });
      expect(ok(await p.gql(MY_PROPOSALS, {}, s.manager.token)).myMentoringProposals.totalCount).toBe(0);
      // HR sees every proposal with its reasons.
      expect(ok(await p.gql(PROPOSAL, { id: own.id }, s.hr.token)).mentoringProposal.reasons.length).toBeGreaterThan(0);

      await eventually(async () => (await notificationsOf(p, mentorOfEmployee.id, 'MENTORING_PROPOSAL')).length === 1, 15000, 'the mentor notified');
      expect(await notificationsOf(p, s.employee.id, 'MENTORING_PROPOSAL')).toHaveLength(1);
      expect(await notificationsOf(p, s.peer.id, 'MENTORING_PROPOSAL')).toHaveLength(1);
      expect(await notificationsOf(p, s.manager.id, 'MENTORING_PROPOSAL')).toHaveLength(0);

      // A published round is final.
      expect(codeOf(await p.gql(PUBLISH, { id: roundId }, s.hr.token))).toBe('CONFLICT');
      expect(codeOf(await p.gql(LAUNCH, { id: roundId }, s.hr.token))).toBe('CONFLICT');
    });

    it('starts the mentorship when both sides accept, in either order', async () => {
      const own = ok(await p.gql(MY_PROPOSALS, {}, s.employee.token)).myMentoringProposals.edges[0].node;
      const mentorUser = own.mentor.id === x.id ? x : y;
      const first = ok(await p.gql(ACCEPT, { id: own.id }, mentorUser.token)).acceptMentoringProposal;
      expect(first).toMatchObject({ __typename: 'MentoringProposal', status: 'PUBLISHED', mentorResponse: 'ACCEPTED', menteeResponse: 'PENDING', mentorship: null });
      // Accepting twice changes nothing.
      expect(ok(await p.gql(ACCEPT, { id: own.id }, mentorUser.token)).acceptMentoringProposal.mentorResponse).toBe('ACCEPTED');
      const second = ok(await p.gql(ACCEPT, { id: own.id }, s.employee.token)).acceptMentoringProposal;
      expect(second).toMatchObject({ status: 'ACCEPTED', menteeResponse: 'ACCEPTED', mentorship: { status: 'ACTIVE' } });
      expect(await notificationsOf(p, s.employee.id, 'MENTORSHIP_STARTED')).toHaveLength(1);
      expect(await notificationsOf(p, mentorUser.id, 'MENTORSHIP_STARTED')).toHaveLength(1);
      // HR cannot answer for them; a closed proposal cannot be declined.
      const peerOwn = ok(await p.gql(MY_PROPOSALS, {}, s.peer.token)).myMentoringProposals.edges[0].node;
      expect(codeOf(await p.gql(ACCEPT, { id: peerOwn.id }, s.hr.token))).toBe('FORBIDDEN');
      expect(codeOf(await p.gql(DECLINE, { id: own.id }, s.employee.token))).toBe('CONFLICT');
    });
  });

  describe('an idempotent matching job', () => {
    it('stores the proposals once when the job is delivered several times at once, again after it finished, or for an older run', async () => {
      const skill = await addSkill(p, s.organizationId, 'Terraform');
      const mentors = await team(p, s.organizationId, 2, 7);
      for (const m of mentors.members) {
        await giveSkill(p, m, skill, 5, { teach: true });
        await mentor(p, m, 2);
      }
      const mentees = await team(p, s.organizationId, 4, 2);
      for (const m of mentees.members) {
        await giveSkill(p, m, skill, 1, { learn: true });
        await mentee(p, m, [skill]);
      }
      const roundId = await createRound(p, s.hr, { mentees: { departmentIds: [mentees.departmentId] } });

      // The worker is down: the launch is recorded and queued, the API shows it queued.
      await p.stopWorker();
      const launched = ok(await p.gql(LAUNCH, { id: roundId }, s.hr.token)).launchMatchingRound;
      expect(launched).toMatchObject({ status: 'MATCHING', runCount: 1, progress: { percent: 0, phase: 'queued' } });
      expect(ok(await p.gql(ROUND, { id: roundId }, s.hr.token)).mentoringRound.progress).toMatchObject({ percent: 0, phase: 'queued' });
      expect(codeOf(await p.gql(LAUNCH, { id: roundId }, s.hr.token))).toBe('CONFLICT'); // already running

      const [event] = await p.db.query(`SELECT id, payload FROM outbox_event WHERE type = 'MatchingRunRequested' AND payload->>'roundId' = $1`, [roundId]);
      expect(event).toBeDefined();
      const queue = p.api.get<Queue>(getQueueToken(QUEUES.matching));
      const redeliver = () =>
        queue.add('MatchingRunRequested', {
          eventId: event.id,
          organizationId: s.organizationId,
          type: 'MatchingRunRequested',
          payload: event.payload,
          occurredAt: new Date().toISOString(),
        });
      // Two more deliveries of the same run, processed side by side with the original one.
      const duplicates = [await redeliver(), await redeliver()];
      await p.startWorker();
      const round = await eventually(
        async () => {
          const r = ok(await p.gql(ROUND, { id: roundId }, s.hr.token)).mentoringRound;
          return r.status === 'REVIEW' ? r : null;
        },
        30000,
        'the round matched',
      );
      expect(round.matchedCount).toBe(4);
      for (const d of duplicates) await eventually(async () => (await queue.getJob(d.id!))?.finishedOn, 15000, 'the duplicates to finish');
      let rows = await proposalsOf(roundId);
      expect(rows).toHaveLength(4);
      expect(new Set(rows.map((r) => r.mentee_id)).size).toBe(4);

      // A redelivery after the run finished does nothing.
      const late = await redeliver();
      await eventually(async () => (await queue.getJob(late.id!))?.finishedOn, 15000, 'the late redelivery');
      expect((await queue.getJob(late.id!))!.returnvalue).toMatchObject({ skipped: expect.any(String) });
      expect(await proposalsOf(roundId)).toEqual(rows);

      // Launching again replaces the unpublished proposals; the older run's job is ignored.
      await matchRound(p, s.hr, roundId, eventually);
      rows = await proposalsOf(roundId);
      expect(rows).toHaveLength(4);
      expect(new Set(rows.map((r) => r.mentee_id)).size).toBe(4);
      const older = await redeliver();
      await eventually(async () => (await queue.getJob(older.id!))?.finishedOn, 15000, 'the older run');
      expect((await queue.getJob(older.id!))!.returnvalue).toMatchObject({ skipped: expect.any(String) });
      expect(await proposalsOf(roundId)).toEqual(rows);
      expect(ok(await p.gql(ROUND, { id: roundId }, s.hr.token)).mentoringRound.runCount).toBe(2);

      // HR reviews: withdraws one pair (never proposed again), renames the round, runs matching once more.
      const removed = rows[0];
      const withdrawn = ok(await p.gql(`mutation($id: ID!) { withdrawMentoringProposal(id: $id) { id status } }`, { id: removed.id }, s.hr.token));
      expect(withdrawn.withdrawMentoringProposal.status).toBe('WITHDRAWN');
      const reviewed = ok(await p.gql(ROUND, { id: roundId }, s.hr.token)).mentoringRound;
      expect(reviewed).toMatchObject({ matchedCount: 3, unmatchedCount: 1, proposalCounts: { proposed: 3, withdrawn: 1 } });
      const renamed = ok(
        await p.gql(`mutation($id: ID!) { updateMentoringRound(id: $id, input: { name: "Platform round" }) { name status } }`, { id: roundId }, s.hr.token),
      );
      expect(renamed.updateMentoringRound).toEqual({ name: 'Platform round', status: 'REVIEW' });
      const third = await matchRound(p, s.hr, roundId, eventually);
      expect(third).toMatchObject({ runCount: 3, matchedCount: 4, proposalCounts: { proposed: 4, withdrawn: 1 } });
      const again = (await proposalsOf(roundId)).filter((r) => r.status === 'PROPOSED');
      const sameMentee = again.find((r) => r.mentee_id === removed.mentee_id)!;
      expect(sameMentee.mentor_id).not.toBe(removed.mentor_id);
    });
  });

  describe('answers', () => {
    it('a decline releases the seat and the mentee is matched again, never with the mentor who declined', async () => {
      const skill = await addSkill(p, s.organizationId, 'Rust');
      const mentors = await team(p, s.organizationId, 2, 7);
      const [best, second] = mentors.members;
      await giveSkill(p, best, skill, 5, { teach: true });
      await giveSkill(p, second, skill, 3, { teach: true });
      await mentor(p, best, 1);
      await mentor(p, second, 1);
      const mentees = await team(p, s.organizationId, 1, 2);
      const [learner] = mentees.members;
      await giveSkill(p, learner, skill, 1, { learn: true });
      await mentee(p, learner, [skill]);
      const roundId = await createRound(p, s.hr, { mentees: { departmentIds: [mentees.departmentId] } });
      await matchRound(p, s.hr, roundId, eventually);
      ok(await p.gql(PUBLISH, { id: roundId }, s.hr.token));

      const first = ok(await p.gql(MY_PROPOSALS, {}, learner.token)).myMentoringProposals.edges[0].node;
      expect(first.mentor.id).toBe(best.id);
      const SEATS = `{ myMentorProfile { seats { capacity active pending free } } }`;
      expect(ok(await p.gql(SEATS, {}, best.token)).myMentorProfile.seats).toEqual({ capacity: 1, active: 0, pending: 1, free: 0 });

      const declined = ok(await p.gql(DECLINE, { id: first.id, note: 'No time this quarter' }, best.token)).declineMentoringProposal;
      expect(declined).toMatchObject({ status: 'DECLINED', closedReason: 'DECLINED_BY_MENTOR', mentorResponse: 'DECLINED' });
      expect(ok(await p.gql(SEATS, {}, best.token)).myMentorProfile.seats.free).toBe(1);

      const replacement = await eventually(
        async () => {
          const list = ok(await p.gql(MY_PROPOSALS, { status: 'PUBLISHED' }, learner.token)).myMentoringProposals;
          return list.totalCount === 1 ? list.edges[0].node : null;
        },
        15000,
        'the re-match',
      );
      expect(replacement).toMatchObject({ source: 'REMATCH', mentor: { id: second.id }, roundName: 'Spring round' });
      expect(await notificationsOf(p, second.id, 'MENTORING_PROPOSAL')).toHaveLength(1);
      expect((await notificationsOf(p, learner.id, 'MENTORING_PROPOSAL_DECLINED')).length).toBe(1);

      // The learner declines the second mentor too: nobody is left (the first declined), so no proposal, and HR sees them unmatched.
      ok(await p.gql(DECLINE, { id: replacement.id }, learner.token));
      const round = await eventually(
        async () => {
          const r = ok(await p.gql(ROUND, { id: roundId }, s.hr.token)).mentoringRound;
          return r.unmatchedCount === 1 ? r : null;
        },
        15000,
        'the learner listed as unmatched',
      );
      expect(round.proposalCounts).toMatchObject({ declined: 2, published: 0 });
      const rows = await proposalsOf(roundId);
      expect(rows.filter((r) => r.mentor_id === best.id)).toHaveLength(1);
      const UNMATCHED = `query($id: ID!) { mentoringRound(id: $id) { unmatchedMentees(first: 10) { totalCount edges { node { employeeId employee { id } } } } } }`;
      expect(ok(await p.gql(UNMATCHED, { id: roundId }, s.hr.token)).mentoringRound.unmatchedMentees.edges[0].node.employee.id).toBe(learner.id);
    });

    it('a mentor who opts out: proposals in review are withdrawn at publication, published ones declined, and their mentees matched again', async () => {
      const skill = await addSkill(p, s.organizationId, 'Clojure');
      const mentors = await team(p, s.organizationId, 2, 7);
      const [leaving, staying] = mentors.members;
      await giveSkill(p, leaving, skill, 5, { teach: true });
      await giveSkill(p, staying, skill, 3, { teach: true });
      await mentor(p, leaving, 2);
      await mentor(p, staying, 2);
      const mentees = await team(p, s.organizationId, 2, 2);
      for (const m of mentees.members) {
        await giveSkill(p, m, skill, 1, { learn: true });
        await mentee(p, m, [skill]);
      }
      const roundId = await createRound(p, s.hr, { mentees: { departmentIds: [mentees.departmentId] } });
      const round = await matchRound(p, s.hr, roundId, eventually);
      expect(round.proposals.edges.map((e: any) => e.node.mentor.id)).toEqual([leaving.id, leaving.id]);
      ok(await p.gql(`mutation { optOutAsMentor { status } }`, {}, leaving.token));
      ok(await p.gql(PUBLISH, { id: roundId }, s.hr.token));
      const after = await eventually(
        async () => {
          const r = ok(await p.gql(ROUND, { id: roundId }, s.hr.token)).mentoringRound;
          return r.proposalCounts.published === 2 ? r : null;
        },
        15000,
        'the re-matches',
      );
      expect(after.proposalCounts).toMatchObject({ withdrawn: 2, published: 2 });
      for (const m of mentees.members) {
        const [own] = ok(await p.gql(MY_PROPOSALS, {}, m.token)).myMentoringProposals.edges.map((e: any) => e.node);
        expect(own).toMatchObject({ source: 'REMATCH', mentor: { id: staying.id } });
      }
      // The staying mentor opts out too, after publication: both proposals are declined; nobody else teaches Clojure.
      ok(await p.gql(`mutation { optOutAsMentor { status } }`, {}, staying.token));
      expect(await p.db.query(`SELECT status, closed_reason FROM mentoring_proposal WHERE mentor_id = $1`, [staying.id])).toEqual([
        { status: 'DECLINED', closed_reason: 'MENTOR_OPTED_OUT' },
        { status: 'DECLINED', closed_reason: 'MENTOR_OPTED_OUT' },
      ]);
      expect(await notificationsOf(p, mentees.members[0].id, 'MENTORING_PROPOSAL_DECLINED')).toHaveLength(1);
      await eventually(async () => ok(await p.gql(ROUND, { id: roundId }, s.hr.token)).mentoringRound.unmatchedCount === 2, 15000, 'no mentor left');
    });

    it('of mentees accepting the last seat of a mentor at the same moment, exactly one wins', async () => {
      const skill = await addSkill(p, s.organizationId, 'Haskell');
      const mentors = await team(p, s.organizationId, 1, 8);
      const [popular] = mentors.members;
      await giveSkill(p, popular, skill, 5, { teach: true });
      await mentor(p, popular, 4);
      const mentees = await team(p, s.organizationId, 4, 2);
      for (const m of mentees.members) {
        await giveSkill(p, m, skill, 1, { learn: true });
        await mentee(p, m, [skill]);
      }
      const roundId = await createRound(p, s.hr, { mentees: { departmentIds: [mentees.departmentId] } });
      const round = await matchRound(p, s.hr, roundId, eventually);
      expect(round.matchedCount).toBe(4);
      ok(await p.gql(PUBLISH, { id: roundId }, s.hr.token));
      // The mentor now has room for one mentee only: the four proposals compete for one seat.
      ok(await p.gql(`mutation { optInAsMentor(input: { capacity: 1 }) { capacity } }`, {}, popular.token));

      const mine = await Promise.all(
        mentees.members.map(async (m) => ok(await p.gql(MY_PROPOSALS, {}, m.token)).myMentoringProposals.edges[0].node.id as string),
      );
      const results = await Promise.all(mentees.members.map((m, i) => p.gql(ACCEPT, { id: mine[i] }, m.token)));
      const outcomes = results.map((r) => ok(r).acceptMentoringProposal);
      const winners = outcomes.filter((o) => o.__typename === 'MentoringProposal');
      const losers = outcomes.filter((o) => o.__typename === 'MentorAtCapacityError');
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(3);
      expect(winners[0]).toMatchObject({ status: 'PUBLISHED', menteeResponse: 'ACCEPTED' });
      for (const l of losers) expect(l).toMatchObject({ mentorId: popular.id, proposal: { status: 'DECLINED', closedReason: 'MENTOR_FULL' } });
      const [{ held }] = await p.db.query(
        `SELECT count(*)::int AS held FROM mentoring_proposal WHERE mentor_id = $1 AND status = 'PUBLISHED' AND mentee_response = 'ACCEPTED'`,
        [popular.id],
      );
      expect(held).toBe(1);
      // The mentor confirms the winner; a loser's proposal is closed for good.
      expect(ok(await p.gql(ACCEPT, { id: winners[0].id }, popular.token)).acceptMentoringProposal.mentorship.status).toBe('ACTIVE');
      expect(codeOf(await p.gql(ACCEPT, { id: losers[0].proposal.id }, popular.token))).toBe('CONFLICT');
      // The losers are matched again (nobody else teaches Haskell here, so they end up unmatched for HR to see).
      await eventually(async () => ok(await p.gql(ROUND, { id: roundId }, s.hr.token)).mentoringRound.unmatchedCount === 3, 15000, 'the re-matches');
    });

    it('a mentor whose seats are all taken cannot accept another proposal', async () => {
      const skill = await addSkill(p, s.organizationId, 'Erlang');
      const mentors = await team(p, s.organizationId, 1, 8);
      const [busy] = mentors.members;
      await giveSkill(p, busy, skill, 5, { teach: true });
      await mentor(p, busy, 2);
      const mentees = await team(p, s.organizationId, 2, 2);
      for (const m of mentees.members) {
        await giveSkill(p, m, skill, 1, { learn: true });
        await mentee(p, m, [skill]);
      }
      const roundId = await createRound(p, s.hr, { mentees: { departmentIds: [mentees.departmentId] } });
      await matchRound(p, s.hr, roundId, eventually);
      ok(await p.gql(PUBLISH, { id: roundId }, s.hr.token));
      const ids = (ok(await p.gql(MY_PROPOSALS, { role: 'MENTOR' }, busy.token)).myMentoringProposals.edges as any[]).map((e) => e.node.id);
      expect(ids).toHaveLength(2);
      ok(await p.gql(ACCEPT, { id: ids[0] }, busy.token));
      ok(await p.gql(`mutation { optInAsMentor(input: { capacity: 1 }) { capacity } }`, {}, busy.token));
      const refused = ok(await p.gql(ACCEPT, { id: ids[1] }, busy.token)).acceptMentoringProposal;
      expect(refused).toMatchObject({ __typename: 'MentorAtCapacityError', mentorId: busy.id, proposal: { status: 'PUBLISHED' } });
      // With a seat again the mentor can accept; then the capacity cannot go below the two seats taken.
      ok(await p.gql(`mutation { optInAsMentor(input: { capacity: 2 }) { capacity } }`, {}, busy.token));
      expect(ok(await p.gql(ACCEPT, { id: ids[1] }, busy.token)).acceptMentoringProposal).toMatchObject({ mentorResponse: 'ACCEPTED' });
      expect(codeOf(await p.gql(`mutation { optInAsMentor(input: { capacity: 1 }) { capacity } }`, {}, busy.token))).toBe('CONFLICT');
      expect(ok(await p.gql(`{ myMentorProfile { capacity } }`, {}, busy.token)).myMentorProfile.capacity).toBe(2);
    });
  });

  it('a redelivered publication tells nobody twice', async () => {
    const [{ id, round_id }] = await p.db.query(
      `SELECT e.id, e.payload->>'roundId' AS round_id FROM outbox_event e WHERE e.type = 'MentoringRoundPublished' ORDER BY created_at LIMIT 1`,
    );
    const before = (await p.db.query(`SELECT count(*)::int AS n FROM notification WHERE type = 'MENTORING_PROPOSAL'`))[0].n;
    const queue = p.worker!.get<Queue>(getQueueToken(QUEUES.matching));
    const job = await queue.add('MentoringRoundPublished', {
      eventId: id,
      organizationId: s.organizationId,
      type: 'MentoringRoundPublished',
      payload: { roundId: round_id },
      occurredAt: new Date().toISOString(),
    });
    await eventually(async () => (await queue.getJob(job.id!))?.finishedOn, 15000, 'the redelivery');
    expect((await queue.getJob(job.id!))!.returnvalue).toMatchObject({ notified: 0 });
    const after = (await p.db.query(`SELECT count(*)::int AS n FROM notification WHERE type = 'MENTORING_PROPOSAL'`))[0].n;
    expect(after).toBe(before);
  });

  it('lists proposals at a constant number of SQL statements, nested fields included', async () => {
    const [{ round_id }] = await p.db.query(
      `SELECT round_id FROM mentoring_proposal WHERE round_id IS NOT NULL GROUP BY round_id HAVING count(*) >= 4 ORDER BY min(created_at) LIMIT 1`,
    );
    const LIST = `query($id: ID!, $first: Int!) { mentoringRound(id: $id) { proposalCounts { published } proposals(first: $first) { totalCount edges { node {
      id status roundName respondBy menteeGoals reasons mentorship { id status }
      mentee { id fullName department { name } } mentor { id fullName } } } } } }`;
    // Paging: two pages of two, in score order, nothing twice.
    const PAGE = `query($id: ID!, $after: String) { mentoringRound(id: $id) { proposals(first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id score } } } } }`;
    const first = ok(await p.gql(PAGE, { id: round_id }, s.hr.token)).mentoringRound.proposals;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = ok(await p.gql(PAGE, { id: round_id, after: first.pageInfo.endCursor }, s.hr.token)).mentoringRound.proposals;
    const seen = [...first.edges, ...second.edges].map((e: any) => e.node);
    expect(new Set(seen.map((n: any) => n.id)).size).toBe(4);
    const scores = seen.map((n: any) => n.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // A mentor's own list, one by one (newest first).
    const [{ mentor_id }] = await p.db.query(
      `SELECT mentor_id FROM mentoring_proposal WHERE published_at IS NOT NULL GROUP BY mentor_id HAVING count(*) >= 3 LIMIT 1`,
    );
    const token = await tokenFor({ employeeId: mentor_id, organizationId: s.organizationId, roles: [Role.EMPLOYEE] });
    const MINE = `query($a: String) { myMentoringProposals(first: 1, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    const ids: string[] = [];
    let after: string | null = null;
    let total: number;
    do {
      const page: any = ok(await p.gql(MINE, { a: after }, token)).myMentoringProposals;
      total = page.totalCount;
      ids.push(...page.edges.map((e: any) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBeGreaterThanOrEqual(3);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);

    await p.stopWorker(); // only the request's statements
    try {
      const count = async (first: number) => {
        const spy = jest.spyOn(Client.prototype, 'query');
        try {
          const r = ok(await p.gql(LIST, { id: round_id, first }, s.hr.token));
          expect(r.mentoringRound.proposals.edges).toHaveLength(first);
          const text = (c: unknown[]) => String((c[0] as { text?: string })?.text ?? c[0]);
          return spy.mock.calls.filter((c) => !/^(START TRANSACTION|COMMIT|ROLLBACK)|outbox_event|notification|set_config\('app\.organization_id'/.test(text(c))).length;
        } finally {
          spy.mockRestore();
        }
      };
      const small = await count(1);
      const large = await count(4);
      expect(large).toBe(small);
      expect(small).toBeGreaterThanOrEqual(4); // count, page, and the nested loaders
      expect(small).toBeLessThanOrEqual(10);
    } finally {
      await p.startWorker();
    }
  });
});
