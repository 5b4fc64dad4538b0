/**
 * The session: a bearer token in localStorage, sent as `Authorization: Bearer` by the GraphQL
 * client. Development sign-in and OIDC both end here. A cookie copy (path /admin/queues) lets
 * org admins open the queue dashboard, which the API guards with the same token.
 */
const KEY = 'waypoint.session';

export interface Session {
  token: string;
  method: 'dev' | 'oidc';
  /** Epoch milliseconds, from the token's `exp` (or the OIDC `expires_in`). */
  expiresAt?: number;
  organization?: string;
}

type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();
let current: Session | null = load();
let notice: string | null = null;

function load(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    if (!s.token || (s.expiresAt && s.expiresAt <= Date.now())) {
      localStorage.removeItem(KEY);
      if (s.token) notice = 'Your session expired. Please sign in again.';
      return null;
    }
    return s;
  } catch {
    return null;
  }
}

/** `exp` of a JWT, in epoch ms; undefined when the token is not a readable JWT. */
export function tokenExpiry(token: string): number | undefined {
  try {
    const payload = token.split('.')[1];
    if (!payload) return undefined;
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=')));
    return typeof json.exp === 'number' ? json.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function setCookie(token: string | null): void {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = token
    ? `waypoint_token=${token}; Path=/admin/queues; SameSite=Strict${secure}`
    : `waypoint_token=; Path=/admin/queues; Max-Age=0; SameSite=Strict${secure}`;
}

/** The current session (a stable object between changes: usable as a useSyncExternalStore snapshot). */
export function getSession(): Session | null {
  return current;
}

/** The bearer token, or null when signed out or expired. */
export function getToken(): string | null {
  if (current?.expiresAt && current.expiresAt <= Date.now()) {
    signOut('Your session expired. Please sign in again.');
    return null;
  }
  return current?.token ?? null;
}

let expiryTimer: number | undefined;

/** Ends the session when its token expires, so the page shows the sign-in instead of failing requests. */
function scheduleExpiry(): void {
  window.clearTimeout(expiryTimer);
  if (!current?.expiresAt) return;
  // setTimeout holds at most 2^31-1 ms (about 24.8 days); check again then.
  const wait = Math.min(Math.max(current.expiresAt - Date.now(), 0), 2 ** 31 - 1);
  expiryTimer = window.setTimeout(() => {
    if (current?.expiresAt && current.expiresAt <= Date.now()) signOut('Your session expired. Please sign in again.');
    else scheduleExpiry();
  }, wait);
}

export function signIn(session: Omit<Session, 'expiresAt'> & { expiresAt?: number }): void {
  current = { ...session, expiresAt: session.expiresAt ?? tokenExpiry(session.token) };
  notice = null;
  localStorage.setItem(KEY, JSON.stringify(current));
  setCookie(current.token);
  scheduleExpiry();
  listeners.forEach((l) => l(current));
}

export function signOut(reason?: string): void {
  const had = current !== null;
  current = null;
  notice = reason ?? null;
  localStorage.removeItem(KEY);
  setCookie(null);
  scheduleExpiry();
  if (had) listeners.forEach((l) => l(null));
}

/** A message for the sign-in page (why the session ended), read once. */
export function takeNotice(): string | null {
  const n = notice;
  notice = null;
  return n;
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

if (typeof window !== 'undefined') {
  scheduleExpiry();
  // Another tab signed in or out.
  window.addEventListener('storage', (e) => {
    if (e.key !== KEY) return;
    current = load();
    scheduleExpiry();
    listeners.forEach((l) => l(current));
  });
}
