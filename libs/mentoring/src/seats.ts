import { OrgScope } from '@waypoint/core';
import { EntityManager } from 'typeorm';
import { MentorStatus } from './enums';
import { DEFAULT_MENTOR_CAPACITY } from './profile.entity';

export interface MentorSeats {
  /** Opted in as a mentor (explicitly and ACTIVE or PAUSED, or through the profile flag). */
  optedIn: boolean;
  status: MentorStatus | null;
  capacity: number;
  /** Active mentorships. */
  active: number;
  /** Published proposals that one side accepted: seats taken until the pair starts or the proposal closes. */
  firm: number;
  /** Every open proposal (published, or awaiting HR review in a round). */
  open: number;
}

/**
 * Serializes every capacity decision about one mentor (accepting, requesting, changing the
 * capacity) for the rest of the transaction: two concurrent accepts of the last seat queue here,
 * and the second one counts the seat the first one took.
 */
export async function lockMentor(m: EntityManager, scope: OrgScope, mentorId: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`mentoring.mentor:${scope.organizationId}:${mentorId}`]);
}

/** Serializes a mentee's requests (one open request or proposal at a time). Take it before any mentor's lock. */
export async function lockMentee(m: EntityManager, scope: OrgScope, menteeId: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`mentoring.mentee:${scope.organizationId}:${menteeId}`]);
}

/** A mentor's seats, read after lockMentor for decisions. Null when the employee is not in the organization. */
export async function mentorSeats(m: EntityManager, scope: OrgScope, mentorId: string): Promise<MentorSeats | null> {
  const [row] = await m.query(
    `SELECT e.active AS employee_active, e.open_to_mentoring, mp.status, coalesce(mp.capacity, ${DEFAULT_MENTOR_CAPACITY}) AS capacity,
            (SELECT count(*)::int FROM mentorship ms
              WHERE ms.organization_id = $1 AND ms.mentor_id = $2 AND ms.status = 'ACTIVE') AS active,
            (SELECT count(*)::int FROM mentoring_proposal p
              WHERE p.organization_id = $1 AND p.mentor_id = $2 AND p.status = 'PUBLISHED'
                AND (p.mentee_response = 'ACCEPTED' OR p.mentor_response = 'ACCEPTED')) AS firm,
            (SELECT count(*)::int FROM mentoring_proposal p
              WHERE p.organization_id = $1 AND p.mentor_id = $2 AND p.status IN ('PUBLISHED', 'PROPOSED')) AS open
       FROM employee e LEFT JOIN mentor_profile mp ON mp.employee_id = e.id AND mp.organization_id = $1
      WHERE e.organization_id = $1 AND e.id = $2`,
    [scope.organizationId, mentorId],
  );
  if (!row) return null;
  const status: MentorStatus | null = row.status ?? null;
  const optedIn = row.employee_active && (status ? status !== MentorStatus.OPTED_OUT : row.open_to_mentoring);
  return { optedIn, status, capacity: row.capacity, active: row.active, firm: row.firm, open: row.open };
}

/** Seats nobody has claimed yet: what "find me a mentor" and a direct request may use. */
export const freeSeats = (s: MentorSeats) => s.capacity - s.active - s.open;
/** Seats not taken by an acceptance: what an acceptance may take. */
export const untakenSeats = (s: MentorSeats) => s.capacity - s.active - s.firm;
