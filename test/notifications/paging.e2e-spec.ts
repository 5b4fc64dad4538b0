import { createSession, Session, startTestPlatform, TestPlatform } from '@waypoint/testing';

const PAGE = `query($after: String) { myNotifications(first: 7, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;

describe('paging my notifications', () => {
  let p: TestPlatform;
  let s: Session;
  beforeAll(async () => {
    p = await startTestPlatform({ worker: false });
    s = await createSession(p.db);
  });
  afterAll(() => p?.close());

  it('returns every row exactly once, rows written in one statement (same microsecond) included', async () => {
    // One INSERT: every row gets the same created_at, down to the microsecond.
    await p.db.query(
      `INSERT INTO notification (organization_id, recipient_id, type, source_id, title, dispatched_at)
       SELECT $1, $2, 'TEST', gen_random_uuid(), 'n' || g, now() FROM generate_series(1, 30) g`,
      [s.organizationId, s.employee.id],
    );
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const r: any = await p.gql(PAGE, { after }, s.employee.token);
      expect(r.errors).toBeUndefined();
      expect(r.data.myNotifications.totalCount).toBe(30);
      seen.push(...r.data.myNotifications.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!r.data.myNotifications.pageInfo.hasNextPage) break;
      after = r.data.myNotifications.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
  });

  it('refuses a forged cursor, and another employee’s cursor shows nothing of theirs', async () => {
    const forged = await p.gql(PAGE, { after: 'bm90LWEtY3Vyc29y' }, s.employee.token);
    expect(forged.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const mine: any = await p.gql(PAGE, {}, s.employee.token);
    const theirs: any = await p.gql(PAGE, { after: mine.data.myNotifications.pageInfo.endCursor }, s.peer.token);
    expect(theirs.data.myNotifications.edges).toEqual([]);
  });
});
