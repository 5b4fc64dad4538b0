/**
 * Paths: the API keeps /admin, /graphql, /health and /calendar for itself (no index.html
 * fallback there), so administration screens live under /org.
 *
 * The application: the GraphQL client, the session, and the routes. Signed out, every path
 * shows the sign-in page (and returns there afterwards); signed in, the shell loads the viewer
 * once and renders the page that matches the path. Pages other than home load on demand.
 */
import type { ApolloClient } from '@apollo/client';
import { ApolloProvider, useApolloClient, useQuery } from '@apollo/client/react';
import { lazy, Suspense, useEffect, useMemo, useState, useSyncExternalStore, type ComponentType } from 'react';
import { getSession, onSessionChange } from './api/auth';
import { createClient } from './api/client';
import { CALLBACK_PATH } from './api/oidc';
import { Layout } from './components/Layout';
import { ErrorMessage, Loading } from './components/ui';
import { HomeDocument, ViewerDocument } from './generated/graphql';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SignInPage } from './pages/SignInPage';
import { matchPath, useLocation } from './router';
import { toViewer, ViewerContext, type Viewer } from './viewer';

type PageProps = { params: Record<string, string> };
type PageModule = Record<string, ComponentType<PageProps>>;

interface RouteDef {
  path: string;
  page: ComponentType<PageProps>;
  allow?: (viewer: Viewer) => boolean;
  /** Starts loading the page's code and data while the shell loads the viewer (no waterfall). */
  preload?: (client: ApolloClient) => void;
}

/** A page loaded on demand, and a way to start loading it early. */
function lazyPage(load: () => Promise<PageModule>, name: string) {
  const page = lazy(async () => ({ default: (await load())[name] }));
  return { page, preload: () => void load().catch(() => undefined) };
}

const profile = lazyPage(() => import('./pages/ProfilePage'), 'ProfilePage');
const directory = lazyPage(() => import('./pages/DirectoryPage'), 'DirectoryPage');
const person = lazyPage(() => import('./pages/PersonPage'), 'PersonPage');
const notifications = lazyPage(() => import('./pages/NotificationsPage'), 'NotificationsPage');
const team = lazyPage(() => import('./pages/TeamPage'), 'TeamPage');
const employees = lazyPage(() => import('./pages/admin/EmployeesAdminPage'), 'EmployeesAdminPage');
const employeeCreate = lazyPage(() => import('./pages/admin/EmployeeEditPage'), 'EmployeeCreatePage');
const employeeEdit = lazyPage(() => import('./pages/admin/EmployeeEditPage'), 'EmployeeEditPage');
const departments = lazyPage(() => import('./pages/admin/DepartmentsAdminPage'), 'DepartmentsAdminPage');
const skills = lazyPage(() => import('./pages/admin/SkillsAdminPage'), 'SkillsAdminPage');
const mentoring = lazyPage(() => import('./pages/MentoringPage'), 'MentoringPage');
const projects = lazyPage(() => import('./pages/ProjectsPage'), 'ProjectsPage');
const committees = lazyPage(() => import('./pages/CommitteesPage'), 'CommitteesPage');
const mentoringRounds = lazyPage(() => import('./pages/admin/MentoringRoundsPage'), 'MentoringRoundsPage');
const mentoringRound = lazyPage(() => import('./pages/admin/MentoringRoundsPage'), 'MentoringRoundPage');
const openings = lazyPage(() => import('./pages/OpeningsPage'), 'OpeningsPage');
const opening = lazyPage(() => import('./pages/OpeningsPage'), 'OpeningPage');
const hiring = lazyPage(() => import('./pages/admin/PipelinePage'), 'HiringOpeningsPage');
const pipeline = lazyPage(() => import('./pages/admin/PipelinePage'), 'PipelinePage');
const analytics = lazyPage(() => import('./pages/admin/AnalyticsPage'), 'AnalyticsPage');
const openingCreate = lazyPage(() => import('./pages/admin/OpeningEditorPage'), 'OpeningCreatePage');
const openingEdit = lazyPage(() => import('./pages/admin/OpeningEditorPage'), 'OpeningEditPage');
const releases = lazyPage(() => import('./pages/ReleasesPage'), 'ReleasesPage');
const interviews = lazyPage(() => import('./pages/InterviewsPage'), 'InterviewsPage');
const meetings = lazyPage(() => import('./pages/MeetingsPage'), 'MeetingsPage');
const callback = lazyPage(() => import('./pages/AuthCallbackPage'), 'AuthCallbackPage');

const hr = (v: Viewer) => v.isHr;

export const ROUTES: RouteDef[] = [
  { path: '/', page: HomePage, preload: (client) => void client.query({ query: HomeDocument }).catch(() => undefined) },
  { path: '/profile', ...profile },
  { path: '/directory', ...directory },
  { path: '/people/:id', ...person },
  { path: '/notifications', ...notifications },
  { path: '/team', ...team, allow: (v) => v.isManager },
  { path: '/openings', ...openings },
  { path: '/openings/:id', ...opening },
  { path: '/org/openings', ...hiring, allow: hr },
  { path: '/org/openings/new', ...openingCreate, allow: hr },
  { path: '/org/openings/:id/edit', ...openingEdit, allow: hr },
  { path: '/org/openings/:id', ...pipeline, allow: hr },
  { path: '/mentoring', ...mentoring },
  { path: '/projects', ...projects },
  { path: '/committees', ...committees },
  { path: '/org/mentoring', ...mentoringRounds, allow: hr },
  { path: '/org/mentoring/:id', ...mentoringRound, allow: hr },
  { path: '/org/employees', ...employees, allow: hr },
  { path: '/org/employees/new', ...employeeCreate, allow: hr },
  { path: '/org/employees/:id', ...employeeEdit, allow: hr },
  { path: '/org/departments', ...departments, allow: hr },
  { path: '/org/skills', ...skills, allow: hr },
  { path: '/org/analytics', ...analytics, allow: hr },
  { path: '/interviews', ...interviews },
  { path: '/meetings', ...meetings },
  { path: '/releases', ...releases, allow: (v) => v.isManager || v.isHr },
];

function findRoute(pathname: string): { route: RouteDef; params: Record<string, string> } | null {
  // Literal segments win over parameters (/org/employees/new before /:id): ROUTES lists them first.
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

function useSession() {
  return useSyncExternalStore(onSessionChange, getSession);
}

export function App() {
  const client = useMemo(createClient, []);
  return (
    <ApolloProvider client={client}>
      <Root />
    </ApolloProvider>
  );
}

function Root() {
  const client = useApolloClient();
  const session = useSession();
  // Whoever signs in next must never see the previous session's cached data: the cache is
  // emptied at sign-out, and refetched when another tab replaces the session with another one.
  useEffect(() => {
    let previous = getSession()?.token ?? null;
    return onSessionChange((next) => {
      if (!next) void client.clearStore();
      else if (previous && previous !== next.token) void client.resetStore().catch(() => undefined);
      previous = next?.token ?? null;
    });
  }, [client]);
  const { pathname } = useLocation();
  if (pathname === CALLBACK_PATH) {
    return (
      <Suspense fallback={<Loading label="Signing you in…" />}>
        <callback.page params={{}} />
      </Suspense>
    );
  }
  if (!session) return <SignInPage />;
  return <Shell />;
}

function Shell() {
  const client = useApolloClient();
  const { pathname } = useLocation();
  const { data, error, refetch } = useQuery(ViewerDocument);
  // Once, on the first render: the landing page's code and data load alongside the viewer.
  useState(() => findRoute(pathname)?.route.preload?.(client));
  const viewer = useMemo(() => (data ? toViewer(data.me) : null), [data]);

  if (!viewer) {
    return (
      <main id="main" className="boot">
        {error ? (
          <>
            <ErrorMessage error={error} title="Waypoint could not load your account." />
            <button type="button" className="btn" onClick={() => void refetch().catch(() => client.clearStore())}>
              Try again
            </button>
          </>
        ) : (
          <Loading label="Loading Waypoint…" />
        )}
      </main>
    );
  }

  const match = findRoute(pathname);
  const allowed = match && (!match.route.allow || match.route.allow(viewer));
  const Page = allowed ? match!.route.page : NotFoundPage;
  return (
    <ViewerContext.Provider value={viewer}>
      <Layout>
        <Suspense fallback={<Loading />}>
          <Page key={pathname} params={match?.params ?? {}} />
        </Suspense>
      </Layout>
    </ViewerContext.Provider>
  );
}
