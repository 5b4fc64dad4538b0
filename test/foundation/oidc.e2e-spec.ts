import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, KeyLike, SignJWT } from 'jose';
import { createSession, Session, startTestPlatform, TestPlatform } from '@waypoint/testing';

/** Production mode of authentication: tokens signed by an OIDC issuer, verified with its JWKS. */
describe('OIDC issuer tokens', () => {
  let jwks: Server;
  let issuer: string;
  let p: TestPlatform;
  let s: Session;
  let key: KeyLike;
  let otherKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createServer((req, res) => {
      if (req.url === '/.well-known/jwks.json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    issuer = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;
    p = await startTestPlatform({ worker: false, env: { OIDC_ISSUER: issuer, JWT_AUDIENCE: 'waypoint-api', DEV_SIGNIN_ENABLED: 'false' } });
    s = await createSession(p.db);
  });
  afterAll(async () => {
    await p?.close();
    await new Promise((r) => jwks?.close(r));
    // Other suites in this process read the environment at boot: do not leak the issuer.
    delete process.env.OIDC_ISSUER;
    delete process.env.JWT_AUDIENCE;
  });

  const token = (signingKey: KeyLike, claims: { iss?: string; aud?: string; kid?: string } = {}) =>
    new SignJWT({ org: s.organizationId, roles: ['EMPLOYEE'] })
      .setProtectedHeader({ alg: 'RS256', kid: claims.kid ?? 'k1' })
      .setSubject(s.employee.id)
      .setIssuer(claims.iss ?? issuer)
      .setAudience(claims.aud ?? 'waypoint-api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(signingKey);

  it('accepts a token signed with the issuer’s published key', async () => {
    const r = await p.gql('{ me { id } }', {}, await token(key));
    expect(r.errors).toBeUndefined();
    expect(r.data.me.id).toBe(s.employee.id);
  });

  it.each([
    ['a key the issuer did not publish', () => token(otherKey), /signature/],
    ['another issuer', () => token(key, { iss: 'https://evil.example' }), /"iss"/],
    ['another audience', () => token(key, { aud: 'waypoint' }), /"aud"/],
    ['an unknown key id', () => token(otherKey, { kid: 'k2' }), /no matching signing key|could not be verified/],
  ])('refuses a token from %s', async (_what, make, message) => {
    const r = await p.gql('{ me { id } }', {}, await make());
    expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(r.errors?.[0].message).toMatch(message);
  });

  it('refuses the shared-secret tokens of development', async () => {
    const r = await p.gql('{ me { id } }', {}, s.employee.token);
    expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
