/** Where the identity provider sends the browser back: exchange the code, then go where the user was. */
import { useEffect, useRef, useState } from 'react';
import { signIn } from '../api/auth';
import { config } from '../api/config';
import { completeOidcSignIn } from '../api/oidc';
import { ErrorMessage, Loading } from '../components/ui';
import { Link, navigate } from '../router';

export function AuthCallbackPage() {
  const [error, setError] = useState<unknown>(null);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    if (!config.oidc) {
      setError(new Error('Single sign-on is not configured.'));
      return;
    }
    completeOidcSignIn(config.oidc, location.href).then(
      (t) => {
        signIn({ token: t.accessToken, method: 'oidc', expiresAt: t.expiresAt });
        navigate(t.returnTo, { replace: true });
      },
      setError,
    );
  }, []);
  return (
    <main id="main" className="sign-in">
      <div className="sign-in-card">
        <h1>Signing you in</h1>
        {error ? (
          <>
            <ErrorMessage error={error} />
            <p>
              <Link to="/sign-in">Back to sign-in</Link>
            </p>
          </>
        ) : (
          <Loading label="Completing single sign-on…" />
        )}
      </div>
    </main>
  );
}
