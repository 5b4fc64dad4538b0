/**
 * Production sign-in: OpenID Connect authorization code flow with PKCE (S256), for a public
 * client (no secret in the browser). Enabled when the configuration names an issuer and a
 * client id (see api/config.ts).
 *
 *   1. startOidcSignIn(): discovery, a random verifier/state/nonce kept in sessionStorage,
 *      redirect to the authorization endpoint with the S256 challenge.
 *   2. The IdP redirects back to /auth/callback?code&state; completeOidcSignIn() checks the
 *      state, exchanges the code (with the verifier) at the token endpoint, and keeps the
 *      access token as the API bearer (the API verifies it against the issuer's JWKS:
 *      `sub` = employee id, `org` = organization id, audience JWT_AUDIENCE).
 * The nonce is sent for providers that require one; the ID token is not used (the API needs
 * the access token only). Not done yet: silent renewal (the user signs in again at expiry) and
 * RP-initiated logout at the provider's end_session_endpoint.
 */
import type { OidcConfig } from './config';
import { pkceChallenge, randomString } from './pkce';

const PENDING = 'waypoint.oidc.pending';
export const CALLBACK_PATH = '/auth/callback';

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

interface Pending {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
  redirectUri: string;
}

async function discover(issuer: string): Promise<Discovery> {
  const res = await fetch(`${issuer}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`The identity provider did not answer its discovery document (HTTP ${res.status})`);
  const doc = (await res.json()) as Discovery;
  if (!doc.authorization_endpoint || !doc.token_endpoint) throw new Error('The identity provider discovery document lacks endpoints');
  return doc;
}

export async function startOidcSignIn(oidc: OidcConfig, returnTo = '/'): Promise<void> {
  const { authorization_endpoint } = await discover(oidc.issuer);
  const pending: Pending = {
    verifier: randomString(48),
    state: randomString(16),
    nonce: randomString(16),
    returnTo: returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/',
    redirectUri: `${location.origin}${CALLBACK_PATH}`,
  };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: pending.redirectUri,
    scope: oidc.scope,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await pkceChallenge(pending.verifier),
    code_challenge_method: 'S256',
    ...(oidc.audience ? { audience: oidc.audience } : {}),
  }).toString();
  location.assign(url.toString());
}

export interface OidcTokens {
  accessToken: string;
  expiresAt?: number;
  returnTo: string;
}

export async function completeOidcSignIn(oidc: OidcConfig, callbackUrl: string): Promise<OidcTokens> {
  const params = new URL(callbackUrl).searchParams;
  const raw = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  if (params.get('error')) throw new Error(params.get('error_description') ?? params.get('error') ?? 'Sign-in was refused');
  if (!raw) throw new Error('No sign-in was in progress in this tab. Please start again.');
  const pending = JSON.parse(raw) as Pending;
  const code = params.get('code');
  if (!code || params.get('state') !== pending.state) throw new Error('The sign-in response does not match the request. Please start again.');
  const { token_endpoint } = await discover(oidc.issuer);
  const res = await fetch(token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: pending.redirectUri,
      client_id: oidc.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error_description?: string; error?: string };
  if (!res.ok || !body.access_token) throw new Error(body.error_description ?? body.error ?? `The token exchange failed (HTTP ${res.status})`);
  return {
    accessToken: body.access_token,
    expiresAt: typeof body.expires_in === 'number' ? Date.now() + body.expires_in * 1000 : undefined,
    returnTo: pending.returnTo,
  };
}
