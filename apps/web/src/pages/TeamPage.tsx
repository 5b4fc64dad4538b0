/**
 * A manager's team, limited to what each report shares with everyone: skills, passions and
 * openness flags. Aspirations, applications and interview logs are never shown here (the API
 * returns aspirations as null to a manager). Approvals join this page with the projects API.
 */
import { useQuery } from '@apollo/client/react';
import { Avatar, Badge, Card, EmptyState, ErrorMessage, Loading, PageHeader, Proficiency } from '../components/ui';
import { MyTeamDocument } from '../generated/graphql';
import { daysSince } from '../lib/format';
import { Link } from '../router';

export function TeamPage() {
  const { data, loading, error } = useQuery(MyTeamDocument, { fetchPolicy: 'cache-and-network' });
  const reports = data?.me.reports ?? [];
  return (
    <>
      <PageHeader title="My team" lead="What each person on your team shares with colleagues. Their aspirations and applications stay private to them." />
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {data && !reports.length && <EmptyState title="No direct reports" />}
      <div className="grid grid-2">
        {reports.map((r) => {
          const age = daysSince(r.profileReviewedAt);
          const learning = r.skills.filter((s) => s.wantsToLearn);
          return (
            <Card key={r.id} headingLevel={2} title={<Link to={`/people/${r.id}`}>{r.fullName}</Link>}>
              <div className="team-head">
                <Avatar name={r.fullName} />
                <p className="person-meta">
                  {r.title}
                  {r.department && ` · ${r.department.name}`}
                  {r.isManager && ' · manages a team'}
                </p>
              </div>
              <ul className="chips small" aria-label={`Openness of ${r.fullName}`}>
                {r.openToMentoring && <li className="chip">Open to mentoring</li>}
                {r.seekingMentor && <li className="chip">Looking for a mentor</li>}
                {r.openToProjects && <li className="chip">Open to projects</li>}
              </ul>
              {r.skills.length > 0 && (
                <ul className="skill-list compact">
                  {r.skills.slice(0, 5).map((s) => (
                    <li key={s.skillId}>
                      <span>{s.skill.name}</span> <Proficiency level={s.proficiency} />
                    </li>
                  ))}
                </ul>
              )}
              {learning.length > 0 && <p>Wants to learn: {learning.map((s) => s.skill.name).join(', ')}</p>}
              {(age === null || age > 180) && <Badge tone="warning">{age === null ? 'Profile never reviewed' : 'Profile not reviewed for 6 months'}</Badge>}
            </Card>
          );
        })}
      </div>
    </>
  );
}
