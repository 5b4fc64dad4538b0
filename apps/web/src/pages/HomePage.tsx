/**
 * "My next step": where the employee is heading (target roles two jobs from now, top three
 * priorities), the skill gaps toward the first two target roles, and an opportunities feed with
 * a match explanation and a gap for each item. Today the feed holds people to meet (from the
 * directory); openings, projects, committees and mentors join it as their APIs land.
 */
import { useQuery } from '@apollo/client/react';
import { useEffect, useMemo } from 'react';
import { Avatar, Badge, Card, EmptyState, ErrorMessage, Loading, Notice, PageHeader, Proficiency } from '../components/ui';
import { HomeDocument, PeopleInRoleDocument, type HomeQuery } from '../generated/graphql';
import { daysSince, PRIORITY_LABELS, PROFICIENCY_LABELS, relativeTime } from '../lib/format';
import { roleInsight, type RoleInsight } from '../lib/gaps';
import { Link } from '../router';

const HOME_INTERACTIVE = 'waypoint:home-interactive';

/** A profile not reviewed for this long gets a nudge. */
export const PROFILE_STALE_DAYS = 90;
/** How many directory matches per target role make the comparison (the role's holders are among them). */
const ROLE_SAMPLE = 30;

export function HomePage() {
  // cache-first: the shell prefetches this query on a first load, and this client's own profile
  // mutations keep the cached employee current.
  const { data, loading, error } = useQuery(HomeDocument);
  const me = data?.me;

  // The first time the page is usable (data rendered, handlers attached): bench/web measures it.
  useEffect(() => {
    if (me && !performance.getEntriesByName(HOME_INTERACTIVE).length) performance.mark(HOME_INTERACTIVE);
  }, [me]);

  if (!me) {
    return (
      <>
        <PageHeader title="Your next step" />
        {loading ? <Loading /> : <ErrorMessage error={error} />}
      </>
    );
  }
  const roles = me.aspirations?.targetRoles ?? [];
  return (
    <div className="home" data-ready="true">
      <PageHeader title="Your next step" lead={`Hi ${me.firstName}. Here is where you are heading, and what would get you there.`} />
      <FreshnessNudge reviewedAt={me.profileReviewedAt} />
      <div className="grid grid-2">
        <Card title="Two jobs from now" actions={<Link to="/profile#aspirations">Edit<span className="visually-hidden"> target roles</span></Link>}>
          {roles.length ? (
            <ul className="chips" aria-label="Target roles">
              {roles.map((r) => (
                <li key={r} className="chip chip-strong">
                  {r}
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState title="No target role yet">
              <p>
                Where would you like to be two jobs from now? <Link to="/profile#aspirations">Add a target role</Link> to see the skills it takes and the people to meet.
              </p>
            </EmptyState>
          )}
          <p className="hint">Private: only you and HR see your aspirations.</p>
        </Card>
        <Card title="Top three priorities" actions={<Link to="/profile#aspirations">Edit<span className="visually-hidden"> priorities</span></Link>}>
          {me.aspirations?.priorities.length ? (
            <ol className="priorities">
              {me.aspirations.priorities.map((p) => (
                <li key={p}>{PRIORITY_LABELS[p]}</li>
              ))}
            </ol>
          ) : (
            <EmptyState title="No priorities yet">
              <p>
                Family life, career trajectory, skills development… <Link to="/profile#aspirations">Choose your top three</Link>.
              </p>
            </EmptyState>
          )}
          {me.aspirations?.prioritiesNote && <p className="note">“{me.aspirations.prioritiesNote}”</p>}
        </Card>
      </div>
      <NextSteps me={me} roles={roles.slice(0, 2)} />
      <LearningCard me={me} />
    </div>
  );
}

function FreshnessNudge({ reviewedAt }: { reviewedAt: string | null | undefined }) {
  const age = daysSince(reviewedAt);
  if (age !== null && age < PROFILE_STALE_DAYS) return null;
  return (
    <Notice kind="warning">
      <strong>{age === null ? 'Your profile has never been reviewed.' : `You last reviewed your profile ${relativeTime(reviewedAt!)}.`}</strong>{' '}
      Recommendations are only as good as your skills and aspirations. <Link to="/profile">Review your profile</Link>
    </Notice>
  );
}

function NextSteps({ me, roles }: { me: HomeQuery['me']; roles: string[] }) {
  const first = useQuery(PeopleInRoleDocument, { variables: { search: roles[0] ?? '', first: ROLE_SAMPLE }, skip: !roles[0] });
  const second = useQuery(PeopleInRoleDocument, { variables: { search: roles[1] ?? '', first: ROLE_SAMPLE }, skip: !roles[1] });
  const insights = useMemo(() => {
    const out: RoleInsight[] = [];
    [first.data, second.data].forEach((d, i) => {
      if (d && roles[i]) out.push(roleInsight(roles[i], d.employees.edges.map((e) => e.node), me));
    });
    return out;
  }, [first.data, second.data, roles, me]);

  if (!roles.length) return null;
  const loading = (first.loading && !first.data) || (second.loading && !second.data);
  return (
    <>
      <div className="grid grid-2">
        {insights.map((insight) => (
          <GapCard key={insight.role} insight={insight} />
        ))}
      </div>
      {loading && <Loading label="Looking at your target roles…" />}
      <ErrorMessage error={first.error ?? second.error} />
      <Card title="Opportunities for you">
        <OpportunityFeed insights={insights} />
        <p className="hint">Openings, projects, committees and mentors will join this feed, each with why it matches and what it would stretch.</p>
      </Card>
    </>
  );
}

function GapCard({ insight }: { insight: RoleInsight }) {
  const { role, holders, gaps } = insight;
  return (
    <Card title={`Skill gaps toward ${role}`}>
      {!holders.length ? (
        <p>No one holds “{role}” in the directory yet, so there is nothing to compare with.</p>
      ) : (
        <>
          <p className="hint">
            From {holders.length} {holders.length === 1 ? 'person' : 'people'} who {holders.length === 1 ? 'is' : 'are'} {role} today.
          </p>
          <ul className="gap-list">
            {gaps.map((g) => (
              <li key={g.skillId} className={g.gap ? 'gap' : 'gap gap-met'}>
                <div className="gap-head">
                  <span className="gap-skill">{g.name}</span>
                  {g.gap ? <Badge tone="warning">+{g.gap} to go</Badge> : <Badge tone="success">on par</Badge>}
                  {g.wantsToLearn && <Badge tone="accent">learning</Badge>}
                </div>
                <GapBar typical={g.typical} mine={g.mine} />
                <p className="gap-why">
                  {g.holders} of {holders.length} have it, typically {PROFICIENCY_LABELS[g.typical].toLowerCase()} ({g.typical}/5); you: {g.mine ? `${g.mine}/5` : 'not yet'}.
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

/** Your level against the typical level, on a 0–5 scale: an SVG bar with a text equivalent beside it. */
function GapBar({ typical, mine }: { typical: number; mine: number }) {
  return (
    <svg className="gap-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect x="0" y="0" width="100" height="8" rx="4" className="gap-track" />
      <rect x="0" y="0" width={typical * 20} height="8" rx="4" className="gap-typical" />
      <rect x="0" y="0" width={mine * 20} height="8" rx="4" className="gap-mine" />
    </svg>
  );
}

function OpportunityFeed({ insights }: { insights: RoleInsight[] }) {
  const seen = new Set<string>();
  const items = insights.flatMap((insight) =>
    insight.people
      .filter((p) => !seen.has(p.person.id) && seen.add(p.person.id))
      .map((p) => ({ ...p, role: insight.role, gaps: insight.gaps.filter((g) => g.gap > 0) })),
  );
  if (!items.length) return <p>As soon as there is something that fits your target roles, it shows here.</p>;
  return (
    <ul className="feed">
      {items.map(({ person, explanation, teaches, gaps, role }) => (
        <li key={person.id} className="feed-item">
          <Avatar name={person.fullName} />
          <div>
            <p className="feed-kind">
              <Badge tone="accent">Person to meet</Badge>
            </p>
            <h3 className="feed-title">
              <Link to={`/people/${person.id}`}>{person.fullName}</Link>
            </h3>
            <p className="feed-why">
              <span className="visually-hidden">Why: </span>
              {explanation}
              {teaches.length > 0 && ` Wants to teach ${teaches.join(', ')}.`}
            </p>
            <p className="feed-gap">
              {gaps.length ? (
                <>
                  Your gap to {role}: {gaps.map((g) => `${g.name} +${g.gap}`).join(', ')}
                </>
              ) : (
                <>You already have the skills typical of {role}.</>
              )}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}

function LearningCard({ me }: { me: HomeQuery['me'] }) {
  const learning = me.skills.filter((s) => s.wantsToLearn);
  const teaching = me.skills.filter((s) => s.wantsToTeach);
  return (
    <div className="grid grid-2">
      <Card title="Skills you want to learn" actions={<Link to="/profile#skills">Edit<span className="visually-hidden"> skills</span></Link>}>
        {learning.length ? (
          <ul className="skill-list">
            {learning.map((s) => (
              <li key={s.skillId}>
                <span>{s.skill.name}</span> <Proficiency level={s.proficiency} />
              </li>
            ))}
          </ul>
        ) : (
          <p>
            Mark skills as “want to learn” on <Link to="/profile#skills">your profile</Link>: they shape your recommendations.
          </p>
        )}
      </Card>
      <Card title="Skills you can teach">
        {teaching.length ? (
          <ul className="chips">
            {teaching.map((s) => (
              <li key={s.skillId} className="chip">
                {s.skill.name}
              </li>
            ))}
          </ul>
        ) : (
          <p>Teaching what you know is a great way to be seen across the organization.</p>
        )}
      </Card>
    </div>
  );
}
