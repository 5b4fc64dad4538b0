import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import type { Priority } from '../generated/graphql';

export const PRIORITY_LABELS: Record<Priority, string> = {
  CAREER_TRAJECTORY: 'Career trajectory',
  COMPENSATION: 'Compensation',
  FAMILY_LIFE: 'Family life',
  IMPACT: 'Impact',
  LEADERSHIP: 'Leadership',
  LOCATION: 'Location',
  SKILLS_DEVELOPMENT: 'Skills development',
  STABILITY: 'Stability',
  WORK_LIFE_BALANCE: 'Work–life balance',
};
export const PRIORITIES = Object.keys(PRIORITY_LABELS) as Priority[];

export const PROFICIENCY_LABELS = ['', 'Novice', 'Advanced beginner', 'Competent', 'Proficient', 'Expert'];

export const PERSONA_LABELS: Record<string, string> = {
  ORG_ADMIN: 'Org admin',
  HR_ADMIN: 'HR admin',
  MANAGER: 'Manager',
  EMPLOYEE: 'Employee',
};

/** A message a person can act on, from any error the client may raise. */
export function describeError(error: unknown): string {
  if (!error) return '';
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const code = first?.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR') return 'Something went wrong on our side. Please try again.';
    if (code === 'FORBIDDEN') return first.message || 'You are not allowed to do this.';
    return error.errors.map((e) => e.message).join(' ');
  }
  if (ServerError.is(error)) {
    const body = error.bodyText ? safeJson(error.bodyText) : null;
    const message = body?.errors?.[0]?.message;
    return message ?? `The server answered ${error.statusCode}. Please try again.`;
  }
  if (error instanceof TypeError) return 'Cannot reach Waypoint. Check your connection and try again.';
  return error instanceof Error ? error.message : String(error);
}

function safeJson(text: string): { errors?: { message?: string }[] } | null {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The error code of a GraphQL error (FORBIDDEN, NOT_FOUND, ...), if any. */
export function errorCode(error: unknown): string | undefined {
  return CombinedGraphQLErrors.is(error) ? (error.errors[0]?.extensions?.code as string | undefined) : undefined;
}

const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en', { year: 'numeric', month: 'short', day: 'numeric' });
}

export function daysSince(iso: string | null | undefined, now = Date.now()): number | null {
  return iso ? Math.floor((now - new Date(iso).getTime()) / (24 * 3600 * 1000)) : null;
}

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
