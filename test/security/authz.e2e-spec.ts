import { TenantContext } from '@waypoint/core';
import { NotificationService } from '@waypoint/notifications';
import { eventually, GqlResult, startTestPlatform, TestPlatform } from '@waypoint/testing';
import { subscribe, Subscriber, waitForListeners } from '../notifications/live-client';
import { MUTATIONS, Outcome, QUERIES, Row, SUBSCRIPTIONS } from './authz-matrix';
import { changedTables, fingerprint, organizationIds } from './fingerprint';
import { documentFor, loadSchema, Operation, operationsOf } from './schema-ops';
import { Actor, ACTORS, createWorld, notificationOf, World } from './world';

/**
 * The authorization matrix (./authz-matrix.ts), generated from schema.gql: every operation as
 * every actor, against one organization with objects of every kind. See ./README.md.
 */

const schema = loadSchema();
const operations = operationsOf(schema);
const TABLES = { query: QUERIES, mutation: MUTATIONS, subscription: SUBSCRIPTIONS } as const;
/** AUTHZ_ONLY=<regexp of operation names>: iterate on a few rows (the table check still covers them all). */
const ONLY = process.env.AUTHZ_ONLY ? new RegExp(process.env.AUTHZ_ONLY) : undefined;
const KNOWN_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT']);

interface Cell {
  op: string;
  actor: Actor;
  expected: Outcome;
  actual: string;
  problem?: string;
}

function actual(r: GqlResult): string {
  if (!r.errors?.length) return 'ALLOW';
  const code = r.errors[0].extensions?.code ?? '?';
  return code === 'BAD_USER_INPUT' ? 'INVALID' : String(code);
}

/** Allowed actors last: a denied attempt always meets the object untouched. */
const order = (row: Row): Actor[] => [...ACTORS].sort((a, b) => Number(row.expect[a] === 'ALLOW') - Number(row.expect[b] === 'ALLOW'));

describe('authorization matrix (schema.gql × six actors)', () => {
  let p: TestPlatform;
  let w: World;
  const cells: Cell[] = [];

  beforeAll(async () => {
    // No worker: nothing changes the data behind a check's back.
    p = await startTestPlatform({ worker: false });
    w = await createWorld(p);
  });
  afterAll(async () => {
    const counts: Record<string, number> = {};
    for (const c of cells) counts[c.expected] = (counts[c.expected] ?? 0) + 1;
    const ops = new Set(cells.map((c) => c.op)).size;
    console.log(`authz matrix: ${ops} operations × ${ACTORS.length} actors = ${cells.length} cells; expected outcomes ${JSON.stringify(counts)}`);
    await p?.close();
  });

  it('has exactly one row per operation of schema.gql', () => {
    const problems: string[] = [];
    for (const op of operations) {
      if (!TABLES[op.kind][op.name]) problems.push(`${op.kind} ${op.name} has no row: add one to ${{ query: 'QUERIES', mutation: 'MUTATIONS', subscription: 'SUBSCRIPTIONS' }[op.kind]} in test/security/authz-matrix.ts`);
    }
    for (const [kind, table] of Object.entries(TABLES)) {
      for (const name of Object.keys(table)) {
        if (!operations.some((o) => o.kind === kind && o.name === name)) problems.push(`${kind} ${name} is not in schema.gql: remove its stale row from test/security/authz-matrix.ts`);
      }
    }
    // Another organization never gets plain ALLOW: at most an answer that shows none of the victim's rows.
    const PUBLIC_DEV = ['devUsers', 'devSignIn']; // development sign-in: public by design, refused in production
    for (const [kind, table] of Object.entries(TABLES)) {
      for (const [name, row] of Object.entries(table)) {
        if (kind !== 'subscription' && row.expect.outsider === 'ALLOW' && !PUBLIC_DEV.includes(name)) problems.push(`${kind} ${name}: the outsider cannot be ALLOW (use HIDDEN, NOOP or a refusal)`);
      }
    }
    expect(problems).toEqual([]);
  });

  async function attempt(op: Operation, row: Row, actor: Actor, variables: Record<string, unknown>): Promise<Cell> {
    const expected = row.expect[actor];
    const isMutation = op.kind === 'mutation';
    const before = isMutation ? await fingerprint(p.db, w.organizationId) : undefined;
    const r = await p.gql(documentFor(op, variables), variables, w.token[actor] ?? undefined);
    const got = actual(r);
    const cell: Cell = { op: op.name, actor, expected, actual: got };
    const problems: string[] = [];
    if (r.status >= 500) problems.push(`HTTP ${r.status}`);
    for (const e of r.errors ?? []) if (!KNOWN_CODES.has(String(e.extensions?.code))) problems.push(`error code ${e.extensions?.code}: ${e.message}`);
    const matches = got === expected || ((expected === 'HIDDEN' || expected === 'NOOP') && got === 'ALLOW');
    if (!matches) problems.push(`expected ${expected}, got ${got}${r.errors ? `: ${r.errors[0].message}` : ''}`);
    if (isMutation && (expected !== 'ALLOW' || actor === 'outsider')) {
      const changed = changedTables(before!, await fingerprint(p.db, w.organizationId));
      if (changed.length) problems.push(`changed the victim organization's ${changed.join(', ')}`);
    }
    if (expected === 'HIDDEN' && got === 'ALLOW') {
      const own = actor === 'anonymous' ? undefined : w.user[actor].id;
      const text = JSON.stringify(r.data);
      const leaked = [...(await organizationIds(p.db, w.organizationId))].filter((id) => id !== own && text.includes(id));
      if (leaked.length) problems.push(`shows ${leaked.length} row(s) of the victim organization`);
    }
    if (problems.length) cell.problem = problems.join('; ');
    return cell;
  }

  async function runTable(kind: 'query' | 'mutation'): Promise<void> {
    const failures: string[] = [];
    for (const op of operations.filter((o) => o.kind === kind && (!ONLY || ONLY.test(o.name)))) {
      const row = TABLES[kind][op.name];
      if (!row) continue; // reported by the first test
      const shared = kind === 'query' ? await row.vars(w, 'hr') : undefined;
      for (const actor of order(row)) {
        const variables = shared ?? (await row.vars(w, actor));
        const cell = await attempt(op, row, actor, variables);
        cells.push(cell);
        if (cell.problem) failures.push(`${kind} ${op.name} as ${actor}: ${cell.problem}`);
      }
    }
    expect(failures).toEqual([]);
  }

  it('queries: every actor gets the outcome in the table', () => runTable('query'), 120000);

  it('mutations: every actor gets the outcome in the table; refused ones change nothing', () => runTable('mutation'), 240000);

  it('subscription notificationReceived: anonymous is refused; every actor receives only their own notifications', async () => {
    const row = SUBSCRIPTIONS.notificationReceived;
    expect(row.expect.anonymous).toBe('UNAUTHENTICATED');
    const anonymous = subscribe(p.url, w.s.employee, null);
    const subs = new Map<Exclude<Actor, 'anonymous'>, Subscriber>();
    try {
      await eventually(async () => anonymous.closed.length > 0, 5000, 'the anonymous socket to close');
      expect([4401, 4403]).toContain(anonymous.closed[0].code);
      for (const actor of ACTORS.filter((a): a is Exclude<Actor, 'anonymous'> => a !== 'anonymous')) {
        const sub = subscribe(p.url, w.user[actor]);
        subs.set(actor, sub);
        await waitForListeners(p, w.user[actor]);
      }
      // One notification for each actor, in their own organization, pushed live.
      const mine = new Map<Exclude<Actor, 'anonymous'>, string>();
      for (const actor of subs.keys()) {
        const u = w.user[actor];
        mine.set(actor, await notificationOf({ ...w, organizationId: u.organizationId }, u));
      }
      const service = p.api.get(NotificationService);
      for (const orgId of new Set([...subs.keys()].map((a) => w.user[a].organizationId))) {
        // As the worker does: in the organization's TenantContext (row-level security).
        await TenantContext.run(orgId, () => service.publishNew({ organizationId: orgId }, { ids: [...mine.values()] }));
      }
      for (const [actor, sub] of subs) {
        await sub.waitFor(1);
        cells.push({ op: 'notificationReceived', actor, expected: row.expect[actor], actual: 'ALLOW' });
      }
      await new Promise((r) => setTimeout(r, 300)); // anything else would have arrived by now
      for (const [actor, sub] of subs) {
        expect({ actor, ids: sub.received.map((n) => n.id), errors: sub.errors }).toEqual({ actor, ids: [mine.get(actor)], errors: [] });
      }
      expect(anonymous.received).toEqual([]);
      cells.push({ op: 'notificationReceived', actor: 'anonymous', expected: 'UNAUTHENTICATED', actual: 'UNAUTHENTICATED' });
    } finally {
      await anonymous.close();
      for (const sub of subs.values()) await sub.close();
    }
  });
});
