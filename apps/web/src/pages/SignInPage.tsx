/**
 * Sign-in. Production: "Continue with single sign-on" (OIDC + PKCE, when configured).
 * Development: pick a demo user of an organization (slug, default "demo"), grouped by persona,
 * or type an email. The development part hides itself when the API refuses it.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { signIn, takeNotice } from '../api/auth';
import { config } from '../api/config';
import { startOidcSignIn } from '../api/oidc';
import { ErrorMessage, Loading, Notice, TextField } from '../components/ui';
import { DevSignInDocument, DevUsersDocument, type DevUsersQuery } from '../generated/graphql';
import { errorCode, PERSONA_LABELS } from '../lib/format';
import { navigate, useLocation } from '../router';

const ORG_KEY = 'waypoint.organization';
const PERSONA_ORDER = ['EMPLOYEE', 'MANAGER', 'HR_ADMIN', 'ORG_ADMIN'];
const PERSONA_HINTS: Record<string, string> = {
  EMPLOYEE: 'Profile, next steps, directory',
  MANAGER: 'Plus the team view',
  HR_ADMIN: 'Plus employee and department administration',
  ORG_ADMIN: 'Everything, including roles',
};

export function SignInPage() {
  const { pathname } = useLocation();
  const [notice] = useState(() => takeNotice());
  const [ssoError, setSsoError] = useState<unknown>(null);
  const [ssoBusy, setSsoBusy] = useState(false);

  useEffect(() => {
    document.title = 'Sign in · Waypoint';
  }, []);

  function done() {
    if (pathname === '/sign-in') navigate('/', { replace: true });
  }

  return (
    <main id="main" className="sign-in">
      <div className="sign-in-card">
        <div className="brand brand-large">
          <svg viewBox="0 0 32 32" width="40" height="40" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="7" fill="currentColor" />
            <path d="M9 23 16 7l7 16-7-4z" fill="var(--surface)" />
          </svg>
          <span>Waypoint</span>
        </div>
        <h1>Sign in</h1>
        <p className="lead">Grow your career inside your organization: your next step, the people to meet, the skills to build.</p>
        {notice && <Notice kind="warning">{notice}</Notice>}

        {config.oidc && (
          <section aria-label="Single sign-on" className="sso">
            <button
              type="button"
              className="btn btn-primary btn-block"
              disabled={ssoBusy}
              onClick={async () => {
                setSsoBusy(true);
                setSsoError(null);
                try {
                  await startOidcSignIn(config.oidc!, pathname === '/sign-in' ? '/' : pathname + location.search);
                } catch (e) {
                  setSsoError(e);
                  setSsoBusy(false);
                }
              }}
            >
              {ssoBusy ? 'Redirecting…' : 'Continue with single sign-on'}
            </button>
            <ErrorMessage error={ssoError} />
          </section>
        )}

        {config.devSignIn && <DevSignIn onSignedIn={done} showDisabledMessage={!config.oidc} />}
      </div>
    </main>
  );
}

function DevSignIn({ onSignedIn, showDisabledMessage }: { onSignedIn: () => void; showDisabledMessage: boolean }) {
  const headingId = useId();
  const [organization, setOrganization] = useState(() => localStorage.getItem(ORG_KEY) ?? config.defaultOrganization);
  const [loaded, setLoaded] = useState(organization);
  const [email, setEmail] = useState('');
  const { data, loading, error } = useQuery(DevUsersDocument, { variables: { organization: loaded }, skip: !loaded });
  const [devSignIn, { loading: signingIn, error: signInError }] = useMutation(DevSignInDocument);

  // Reload the demo users shortly after the slug stops changing.
  useEffect(() => {
    const t = window.setTimeout(() => setLoaded(organization.trim()), 400);
    return () => window.clearTimeout(t);
  }, [organization]);

  if (errorCode(error) === 'FORBIDDEN') {
    return showDisabledMessage ? <Notice kind="warning">Sign-in is not configured: ask your administrator for the single sign-on settings.</Notice> : null;
  }

  async function signInAs(address: string) {
    const org = organization.trim() || config.defaultOrganization;
    try {
      const result = await devSignIn({ variables: { email: address, organization: org } });
      if (!result.data) return;
      localStorage.setItem(ORG_KEY, org);
      signIn({ token: result.data.devSignIn.token, method: 'dev', organization: org });
      onSignedIn();
    } catch {
      // Shown from the mutation's error state.
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (email.trim()) void signInAs(email.trim());
  }

  const groups = new Map<string, DevUsersQuery['devUsers']>();
  for (const u of data?.devUsers ?? []) groups.set(u.persona, [...(groups.get(u.persona) ?? []), u]);

  return (
    <section className="dev-sign-in" aria-labelledby={headingId}>
      <h2 id={headingId}>Development sign-in</h2>
      <p className="hint">For demos and tests: sign in as a seeded account, without a password.</p>
      <TextField label="Organization" value={organization} onChange={setOrganization} hint="The organization's short name (slug)" autoComplete="organization" spellCheck={false} />
      <ErrorMessage error={signInError} />
      {loading && <Loading label="Loading demo accounts…" />}
      {error && errorCode(error) !== 'FORBIDDEN' && <ErrorMessage error={error} />}
      {data && data.devUsers.length === 0 && <Notice>No active accounts in “{loaded}”.</Notice>}
      {PERSONA_ORDER.filter((p) => groups.has(p)).map((persona) => (
        <div className="persona-group" key={persona}>
          <h3>
            {PERSONA_LABELS[persona] ?? persona} <span className="hint">· {PERSONA_HINTS[persona]}</span>
          </h3>
          <ul className="persona-list">
            {groups.get(persona)!.map((u) => (
              <li key={u.email}>
                <button type="button" className="persona-button" disabled={signingIn} onClick={() => void signInAs(u.email)}>
                  <span className="persona-name">{u.fullName}</span>
                  <span className="persona-meta">
                    {u.title} · {u.email}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <form onSubmit={onSubmit} className="email-sign-in">
        <TextField label="Or sign in by email" type="email" value={email} onChange={setEmail} autoComplete="email" />
        <button type="submit" className="btn btn-primary" disabled={signingIn || !email.trim()}>
          {signingIn ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
