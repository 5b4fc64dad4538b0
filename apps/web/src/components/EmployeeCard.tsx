import type { EmployeeCardFieldsFragment } from '../generated/graphql';
import { Link } from '../router';
import { Avatar, Badge } from './ui';

export function EmployeeCard({ person, highlightSkillId }: { person: EmployeeCardFieldsFragment; highlightSkillId?: string }) {
  const top = [...person.skills].sort((a, b) => Number(b.skillId === highlightSkillId) - Number(a.skillId === highlightSkillId) || b.proficiency - a.proficiency).slice(0, 4);
  return (
    <article className="person-card">
      <Avatar name={person.fullName} />
      <div className="person-body">
        <h2 className="person-name">
          <Link to={`/people/${person.id}`}>{person.fullName}</Link>
          {!person.active && <Badge tone="warning">inactive</Badge>}
        </h2>
        <p className="person-meta">
          {person.title}
          {person.department && ` · ${person.department.name}`}
          {person.location && ` · ${person.location}`}
        </p>
        {top.length > 0 && (
          <ul className="chips small" aria-label={`Top skills of ${person.fullName}`}>
            {top.map((s) => (
              <li key={s.skillId} className={s.skillId === highlightSkillId ? 'chip chip-strong' : 'chip'}>
                {s.skill.name} <span className="chip-level">{s.proficiency}/5</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </article>
  );
}
