import { serverAudits } from 'graphql-http';
import { createSession, startTestPlatform, TestPlatform } from '@waypoint/testing';

/**
 * The GraphQL-over-HTTP conformance audits of graphql-http, run against the real API.
 * Every MUST audit is a test that has to pass; SHOULD and MAY findings are printed.
 * The audits' requests carry an employee's bearer token, as the web client's do.
 */
describe('graphql-http server audits', () => {
  let p: TestPlatform;
  let token: string;
  const findings: string[] = [];

  beforeAll(async () => {
    p = await startTestPlatform({ worker: false });
    token = (await createSession(p.db)).employee.token;
  });
  afterAll(async () => {
    if (findings.length) process.stdout.write(`graphql-http audit findings (not required):\n${findings.join('\n')}\n`);
    await p?.close();
  });

  const authedFetch = (input: Parameters<typeof fetch>[0], init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
  const audits = serverAudits({ url: () => `${p.url}/graphql`, fetchFn: authedFetch });

  it('has MUST audits to run', () => {
    expect(audits.filter((a) => a.name.startsWith('MUST')).length).toBeGreaterThan(10);
  });

  for (const audit of audits) {
    if (audit.name.startsWith('MUST')) {
      it(`${audit.id} ${audit.name}`, async () => {
        const result = await audit.fn();
        const detail = result.status === 'ok' ? '' : `${result.reason}: ${result.response.status} ${await result.response.text()}`;
        expect({ status: result.status, detail }).toEqual({ status: 'ok', detail: '' });
      });
    } else {
      it(`${audit.id} ${audit.name} (reported, not required)`, async () => {
        const result = await audit.fn();
        if (result.status !== 'ok') {
          findings.push(`  [${result.status}] ${audit.id} ${audit.name}: ${result.reason} (HTTP ${result.response.status})`);
        }
      });
    }
  }
});
