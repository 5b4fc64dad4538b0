import fc from 'fast-check';
import { ErrorCode } from '@waypoint/core';
import { GqlResult, startTestPlatform, TestPlatform } from '@waypoint/testing';
import { argsArb, ArbContext, IdPool } from './arbitraries';
import { MUTATIONS } from './authz-matrix';
import { changedTables, fingerprint, Fingerprint } from './fingerprint';
import { selectionFor, loadSchema, operationsOf, Operation } from './schema-ops';
import * as F from './world';
import { Actor, World } from './world';

/**
 * Input fuzzing of every mutation of schema.gql (see ./README.md). Per request: no 5xx, no
 * INTERNAL_SERVER_ERROR, only known error codes, and an error leaves the organization's rows
 * exactly as they were (outbox included). No unhandled rejection anywhere in the process.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const ONLY = process.env.FUZZ_ONLY; // a mutation name, to replay one
/** Stable codes: every AppError code but INTERNAL_SERVER_ERROR, and graphql-js / Apollo request errors. */
const KNOWN_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR),
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
]);

const schema = loadSchema();
const mutations = operationsOf(schema).filter((o) => o.kind === 'mutation' && (!ONLY || o.name === ONLY));

/** The document declaring every argument (a missing required one is the server's to refuse). */
function documentOf(op: Operation): string {
  const defs = op.field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = op.field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `mutation${defs ? ` (${defs})` : ''} { ${op.name}${call ? `(${call})` : ''} ${selectionFor(op.field.type)} }`;
}

/** Which kind of fixture id an argument or input field names, for the operation at hand. */
function idKindFor(opName: string) {
  return (name: string): string | null => {
    const committee = /Committee/.test(opName);
    if (name === 'id') {
      const rules: [RegExp, string][] = [
        [/CommitteeSeatOpening/, 'committeeOpening'],
        [/CommitteeMembership/, 'membership'],
        [/Committee/, 'committee'],
        [/Opening/, 'opening'],
        [/Application|disclose/i, 'application'],
        [/Release/, 'release'],
        [/Interview/, 'interview'],
        [/Project/, 'project'],
        [/MentoringSession/, 'session'],
        [/Mentorship/, 'mentorship'],
        [/MentoringProposal/, 'proposal'],
        [/MentoringRound|MatchingRound/, 'round'],
        [/ResearchMeeting|MeetingSlot/, 'meeting'],
        [/Department/, 'department'],
        [/Employee/, 'employee'],
        [/Skill/, 'skill'],
      ];
      return rules.find(([re]) => re.test(opName))?.[1] ?? null;
    }
    if (name === 'openingId') return committee ? 'committeeOpening' : 'opening';
    if (name === 'applicationId') return committee ? 'committeeApplication' : 'application';
    if (name === 'ids') return 'notification';
    const byName: [RegExp, string][] = [
      [/^participantId$/, 'participant'],
      [/^projectId$/, 'project'],
      [/^committeeId$/, 'committee'],
      [/^mentorshipId$/, 'mentorship'],
      [/^meetingId$/, 'meeting'],
      [/(employee|invitee|chair|manager|leader|hiringManager|mentor)Id$/, 'employee'],
      [/(department|parent|businessUnit)Ids?$/i, 'department'],
      [/[sS]killIds?$/, 'skill'],
    ];
    return byName.find(([re]) => re.test(name))?.[1] ?? null;
  };
}

async function buildPool(w: World): Promise<IdPool> {
  const app = await F.application(w);
  const employeeProject = await F.project(w, w.s.employee, { publish: true });
  const c = await F.committee(w);
  const ms = await F.mentorship(w);
  return {
    opening: [app.openingId, (await F.draftOpening(w)).id, await F.pausedOpening(w)],
    application: [app.id, (await F.application(w, w.s.peer)).id],
    release: [await F.pendingRelease(w)],
    interview: [await F.interview(w), await F.interview(w, w.s.hr)],
    project: [employeeProject, await F.project(w, w.s.hr), await F.project(w, w.hugo, { publish: true })],
    participant: [await F.joinRequest(w, w.s.peer, employeeProject), await F.pendingApproval(w), await F.joinRequest(w, w.s.hr, employeeProject)],
    committee: [c.committeeId],
    committeeOpening: [c.openingId],
    committeeApplication: [await F.committeeApplication(w, w.s.peer), await F.committeeApplication(w, w.s.employee, w.hugo)],
    membership: [await F.committeeMembership(w)],
    mentorship: [ms.id],
    session: [await F.scheduledSession(w)],
    proposal: [await F.requestToEmployee(w), (await F.mentorRequest(w, w.s.peer)).id],
    round: [await F.round(w)],
    meeting: [await F.meeting(w, w.s.employee, w.hugo), await F.meeting(w, w.s.peer, w.s.employee), (await F.proposedMeeting(w)).id],
    employee: [w.s.employee.id, w.s.peer.id, w.s.manager.id, w.hugo.id, (await F.deactivatedUser(w)).id],
    department: [w.s.departmentId, w.dataDepartmentId, await F.emptyDepartment(w)],
    skill: [...Object.values(w.skills), await F.proposedSkill(w)],
    notification: [await F.notificationOf(w, w.s.hr), await F.notificationOf(w, w.s.employee)],
  };
}

/** A failure in a few lines: the error, the shrunk input (cut), and how to replay it. */
function compactReport<T>(name: string) {
  return (out: fc.RunDetails<T>) => {
    if (!out.failed) return;
    const input = JSON.stringify(out.counterexample, (_k, v: unknown) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 40)}…(${v.length} chars)` : v));
    const error = out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance);
    throw new Error(`${error}\n  input (shrunk ${out.numShrinks} times): ${input.slice(0, 3000)}\n  replay: FUZZ_ONLY=${name} FUZZ_SEED=${out.seed} (path ${out.counterexamplePath})`);
  };
}

describe('input fuzzing of every mutation', () => {
  let p: TestPlatform;
  let w: World;
  let pool: IdPool;
  const processErrors: unknown[] = [];
  const onError = (e: unknown) => void processErrors.push(e);
  let requests = 0;
  const outcomes: Record<string, number> = {};

  /** Fuzzed HR mutations may deactivate or demote the fuzzing actors themselves: put them back between mutations. */
  async function restoreActors(): Promise<void> {
    for (const actor of ['employee', 'hr', 'orgAdmin'] as const) {
      const u = w.user[actor];
      await p.db.query('UPDATE employee SET active = true, roles = $2 WHERE id = $1', [u.id, u.roles]);
    }
  }

  beforeAll(async () => {
    process.on('unhandledRejection', onError);
    process.on('uncaughtException', onError);
    // No worker: nothing changes the data behind a check's back.
    p = await startTestPlatform({ worker: false });
    w = await F.createWorld(p);
    pool = await buildPool(w);
    console.log(`fuzz: seed ${SEED} (FUZZ_SEED), ${RUNS} runs per mutation (FUZZ_RUNS), ${mutations.length} mutations`);
  });
  afterAll(async () => {
    console.log(`fuzz: ${requests} requests; outcomes ${JSON.stringify(outcomes)}`);
    await p?.close();
    process.off('unhandledRejection', onError);
    process.off('uncaughtException', onError);
  });

  it('regressions found by fuzzing: answered as bad input, nothing written', async () => {
    const before = await fingerprint(p.db, w.organizationId);
    const cases: [string, Record<string, unknown>][] = [
      // graphql-js stops at 50 variable errors with an error Apollo did not code: it came out as INTERNAL_SERVER_ERROR.
      [
        `mutation($p: ID!, $e: [EndorsementInput!]!) { completeProject(projectId: $p, endorsements: $e) { id } }`,
        { p: pool.project[0], e: Array.from({ length: 60 }, () => ({ employeeId: 42, skillId: 42, proficiency: 'x' })) },
      ],
      // PostgreSQL text cannot hold NUL: it reached the database as an internal error.
      [`mutation($o: ID!, $m: String!) { applyToCommittee(openingId: $o, motivation: $m) { id } }`, { o: pool.committeeOpening[0], m: 'a\u0000b' }],
      [`mutation($i: UpdateMyProfileInput!) { updateMyProfile(input: $i) { id } }`, { i: { bio: 'ok', passions: ['x\u0000'] } }],
    ];
    for (const [query, variables] of cases) {
      const r = await p.gql(query, variables, w.token.hr!);
      expect({ query, status: r.status < 500, codes: [...new Set(r.errors?.map((e) => e.extensions?.code))] }).toEqual({ query, status: true, codes: ['BAD_USER_INPUT'] });
    }
    expect(changedTables(before, await fingerprint(p.db, w.organizationId))).toEqual([]);
  });

  it('never answers 5xx or INTERNAL_SERVER_ERROR, and an error never leaves a partial write', async () => {
    let last: Fingerprint = await fingerprint(p.db, w.organizationId);
    for (const op of mutations) {
      const row = MUTATIONS[op.name];
      // Authorized actors, so that requests go deep into the domain code (HR / org admin, and the employee where allowed).
      const allowed = (['hr', 'orgAdmin', 'employee'] as Actor[]).filter((a) => row && ['ALLOW', 'CONFLICT'].includes(row.expect[a]));
      const actors: Actor[] = allowed.length ? allowed : ['hr'];
      const ctx: ArbContext = { pool, idKind: idKindFor(op.name) };
      const document = documentOf(op);
      await restoreActors();
      last = await fingerprint(p.db, w.organizationId);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...actors), argsArb(op.field.args, ctx), async (actor, variables) => {
          requests++;
          const token = w.token[actor]!;
          let r: GqlResult;
          try {
            r = await p.gql(document, variables, token);
          } catch (e) {
            throw new Error(`${op.name}: no JSON answer (${(e as Error).message})`, { cause: e });
          }
          const outcome = r.errors?.length ? String(r.errors[0].extensions?.code) : 'OK';
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
          // Refused before execution (variable coercion, validation: no `data` key): nothing can have run.
          const executed = r.data !== undefined;
          const before = last;
          const after = executed ? await fingerprint(p.db, w.organizationId) : last;
          last = after;
          if (r.status >= 500) throw new Error(`${op.name}: HTTP ${r.status} ${JSON.stringify(r.errors)}`);
          for (const e of r.errors ?? []) {
            const code = String(e.extensions?.code);
            if (!KNOWN_CODES.has(code)) throw new Error(`${op.name}: error code ${code}: ${e.message}`);
          }
          const rootAnswered = r.data && r.data[op.name] !== null && r.data[op.name] !== undefined;
          if (r.errors?.length && !rootAnswered) {
            const changed = changedTables(before, after);
            if (changed.length) throw new Error(`${op.name}: refused with ${r.errors[0].extensions?.code} but changed ${changed.join(', ')}`);
          }
          if (processErrors.length) throw new Error(`${op.name}: unhandled in the process: ${String(processErrors[0])}`);
        }),
        { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: 20000, reporter: compactReport<[Actor, Record<string, unknown>]>(op.name) },
      );
    }
    expect(processErrors).toEqual([]);
  }, 600000);
});
