/** A colleague's profile, as far as they share it. Aspirations show only to HR (and to oneself). */
import { useQuery } from '@apollo/client/react';
import { Avatar, Badge, Card, EmptyState, ErrorMessage, Loading, PageHeader, Proficiency } from '../components/ui';
import { PersonDocument } from '../generated/graphql';
import { errorCode, formatDate, PRIORITY_LABELS } from '../lib/format';
import { Link } from '../router';
import { useViewer } from '../viewer';

export function PersonPage({ params }: { params: Record<string, string> }) {
  const viewer = useViewer();
  const { data, loading, error } = useQuery(PersonDocument, { variables: { id: params.id } });
  const p = data?.employee;
  if (!p) {
    return (
      <>
        <PageHeader title={errorCode(error) === 'NOT_FOUND' || errorCode(error) === 'BAD_USER_INPUT' ? 'Person not found' : 'Profile'} />
        {loading ? <Loading /> : errorCode(error) === 'NOT_FOUND' ? <p>No one with this link works here.</p> : <ErrorMessage error={error} />}
        <p>
          <Link to="/directory">Back to the directory</Link>
        </p>
      </>
    );
  }
  const self = p.id === viewer.id;
  return (
    <>
      <div className="person-hero">
        <Avatar name={p.fullName} size="lg" />
        <PageHeader
          title={p.fullName}
          lead={
            <>
              {p.title}
              {p.department && ` · ${p.department.name}`}
              {p.location && ` · ${p.location}`}
            </>
          }
          actions={self ? <Link to="/profile" className="btn btn-secondary">Edit your profile</Link> : viewer.isHr ? <Link to={`/org/employees/${p.id}`} className="btn btn-secondary">Manage</Link> : undefined}
        />
      </div>
      {!p.active && <p className="alert alert-warning">This person is no longer active.</p>}
      <div className="grid grid-2">
        <Card title="About">
          {p.bio ? <p className="bio">{p.bio}</p> : <p className="hint">No introduction yet.</p>}
          <dl className="facts">
            <dt>Email</dt>
            <dd>
              <a href={`mailto:${p.email}`}>{p.email}</a>
            </dd>
            {p.manager && (
              <>
                <dt>Manager</dt>
                <dd>
                  <Link to={`/people/${p.manager.id}`}>{p.manager.fullName}</Link>
                </dd>
              </>
            )}
            <dt>Time zone</dt>
            <dd>{p.timeZone.replace(/_/g, ' ')}</dd>
            {p.languages.length > 0 && (
              <>
                <dt>Languages</dt>
                <dd>{p.languages.join(', ')}</dd>
              </>
            )}
          </dl>
          <ul className="chips" aria-label="Openness">
            {p.openToMentoring && <li className="chip">Open to mentoring</li>}
            {p.seekingMentor && <li className="chip">Looking for a mentor</li>}
            {p.openToProjects && <li className="chip">Open to projects</li>}
          </ul>
        </Card>
        <Card title="Skills">
          {p.skills.length ? (
            <ul className="skill-list">
              {p.skills.map((s) => (
                <li key={s.skillId}>
                  <span>{s.skill.name}</span>
                  <Proficiency level={s.proficiency} />
                  {s.wantsToTeach && <Badge tone="success">teaches</Badge>}
                  {s.wantsToLearn && <Badge tone="accent">learning</Badge>}
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState title="No skills listed yet" />
          )}
        </Card>
        {p.passions.length > 0 && (
          <Card title="Passions">
            <ul className="chips">
              {p.passions.map((x) => (
                <li key={x} className="chip">
                  {x}
                </li>
              ))}
            </ul>
          </Card>
        )}
        {p.reports.length > 0 && (
          <Card title="Team">
            <ul className="plain-list">
              {p.reports.map((r) => (
                <li key={r.id}>
                  <Link to={`/people/${r.id}`}>{r.fullName}</Link> <span className="hint">{r.title}</span>
                </li>
              ))}
            </ul>
          </Card>
        )}
        {p.aspirations && !self && (
          <Card title="Aspirations (private)">
            <p className="hint">You see this as HR. Colleagues and managers do not.</p>
            <dl className="facts">
              <dt>Target roles</dt>
              <dd>{p.aspirations.targetRoles.join(', ') || '—'}</dd>
              <dt>Priorities</dt>
              <dd>{p.aspirations.priorities.map((x) => PRIORITY_LABELS[x]).join(', ') || '—'}</dd>
              <dt>Open to opportunities</dt>
              <dd>{p.aspirations.openToOpportunities ? 'Yes' : 'No'}</dd>
            </dl>
          </Card>
        )}
      </div>
      {p.profileReviewedAt && <p className="hint">Profile reviewed {formatDate(p.profileReviewedAt)}.</p>}
    </>
  );
}
