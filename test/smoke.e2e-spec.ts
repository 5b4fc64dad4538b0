import { createSession, Session, startTestPlatform, TestPlatform } from '@waypoint/testing';

describe('platform boots', () => {
  let p: TestPlatform;
  let s: Session;
  beforeAll(async () => {
    p = await startTestPlatform();
    s = await createSession(p.db);
  });
  afterAll(() => p?.close());

  it('answers health and me', async () => {
    const h = await p.http('/health');
    expect(h.status).toBe(200);
    const r = await p.gql('{ me { id fullName } }', {}, s.employee.token);
    expect(r.errors).toBeUndefined();
    expect(r.data.me.id).toBe(s.employee.id);
  });
});
