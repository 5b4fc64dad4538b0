/** The signed-in shell: skip link, header with navigation (a menu button on phones), the bell, sign-out. */
import { useEffect, useState, type ReactNode } from 'react';
import { signOut } from '../api/auth';
import { Link, navigate, useLocation } from '../router';
import { useViewer, type Viewer } from '../viewer';
import { NotificationBell } from './NotificationBell';

export interface NavItem {
  to: string;
  label: string;
  /** Also current for paths below it (e.g. /org/employees/123). */
  prefix?: boolean;
  show?: (viewer: Viewer) => boolean;
}

export const NAV: NavItem[] = [
  { to: '/', label: 'Home' },
  { to: '/profile', label: 'Profile' },
  { to: '/directory', label: 'Directory', prefix: true },
  { to: '/openings', label: 'Openings', prefix: true },
  { to: '/mentoring', label: 'Mentoring' },
  { to: '/projects', label: 'Projects' },
  { to: '/committees', label: 'Committees' },
  { to: '/meetings', label: 'Meetings' },
  { to: '/interviews', label: 'Interviews' },
  { to: '/team', label: 'My team', show: (v) => v.isManager },
  { to: '/releases', label: 'Releases', show: (v) => v.isManager || v.isHr },
  { to: '/org/employees', label: 'Employees', prefix: true, show: (v) => v.isHr },
  { to: '/org/departments', label: 'Departments', prefix: true, show: (v) => v.isHr },
  { to: '/org/skills', label: 'Skills', prefix: true, show: (v) => v.isHr },
  { to: '/org/mentoring', label: 'Mentoring rounds', prefix: true, show: (v) => v.isHr },
  { to: '/org/openings', label: 'Hiring', prefix: true, show: (v) => v.isHr },
  { to: '/org/analytics', label: 'Analytics', show: (v) => v.isHr },
];

function isCurrent(item: NavItem, pathname: string): boolean {
  if (item.to === '/') return pathname === '/';
  return pathname === item.to || (!!item.prefix && pathname.startsWith(`${item.to}/`)) || (item.to === '/directory' && pathname.startsWith('/people/'));
}

export function Layout({ children }: { children: ReactNode }) {
  const viewer = useViewer();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [pathname]);

  const items = NAV.filter((i) => !i.show || i.show(viewer));
  // The client's cache is cleared on any session change (App.tsx).
  const doSignOut = () => {
    signOut();
    navigate('/', { replace: true });
  };
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
              <rect width="32" height="32" rx="7" fill="currentColor" />
              <path d="M9 23 16 7l7 16-7-4z" fill="var(--surface)" />
            </svg>
            <span>Waypoint</span>
          </Link>
          <button type="button" className="menu-button" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen((o) => !o)}>
            <span aria-hidden="true">☰</span> Menu
          </button>
          <nav id="main-nav" aria-label="Main" className={menuOpen ? 'open' : undefined}>
            <ul>
              {items.map((item) => (
                <li key={item.to}>
                  <Link to={item.to} aria-current={isCurrent(item, pathname) ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
              <li className="nav-signout">
                <button type="button" className="btn btn-ghost" onClick={doSignOut}>
                  Sign out ({viewer.fullName})
                </button>
              </li>
            </ul>
          </nav>
          <div className="header-tools">
            <NotificationBell />
            <span className="who" title={viewer.title}>
              {viewer.fullName}
            </span>
            <button type="button" className="btn btn-ghost signout-wide" onClick={doSignOut}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
