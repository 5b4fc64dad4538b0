import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DisclosureStage } from './pipeline';

/**
 * The organization's openings policy, stored under `organization.settings -> 'openings'`.
 * Missing or malformed keys fall back to the defaults.
 */
@ObjectType()
export class OpeningsPolicy {
  @Field(() => DisclosureStage, { description: 'Default stage at which an application is disclosed to the manager chain' })
  disclosureStage: DisclosureStage;

  @Field(() => Int, { description: 'Days the current manager has, from the hire, to agree a release date' })
  releaseDeadlineDays: number;

  @Field(() => Int, { description: 'Days before that deadline when the manager is reminded' })
  releaseReminderDaysBefore: number;

  @Field(() => Int, { description: 'Latest release date a manager may agree, in days after the agreement' })
  releaseMaxNoticeDays: number;

  @Field(() => Int, { description: 'Minimum match score (0-100) for an opening to be recommended to an employee' })
  recommendationThreshold: number;
}

export const DEFAULT_POLICY: Readonly<OpeningsPolicy> = Object.freeze({
  disclosureStage: DisclosureStage.OFFER,
  releaseDeadlineDays: 14,
  releaseReminderDaysBefore: 3,
  releaseMaxNoticeDays: 90,
  recommendationThreshold: 60,
});

export const POLICY_LIMITS = {
  releaseDeadlineDays: [1, 90],
  releaseReminderDaysBefore: [0, 30],
  releaseMaxNoticeDays: [1, 365],
  recommendationThreshold: [0, 100],
} as const;

type IntKey = keyof typeof POLICY_LIMITS;

function intIn(value: unknown, [min, max]: readonly [number, number], fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

/** The effective policy from `organization.settings` (any shape). */
export function parsePolicy(settings: unknown): OpeningsPolicy {
  const raw = (settings && typeof settings === 'object' ? (settings as Record<string, unknown>).openings : undefined) ?? {};
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const policy = { ...DEFAULT_POLICY } as OpeningsPolicy;
  if (typeof o.disclosureStage === 'string' && (Object.values(DisclosureStage) as string[]).includes(o.disclosureStage)) {
    policy.disclosureStage = o.disclosureStage as DisclosureStage;
  }
  for (const key of Object.keys(POLICY_LIMITS) as IntKey[]) {
    policy[key] = intIn(o[key], POLICY_LIMITS[key], DEFAULT_POLICY[key]);
  }
  return policy;
}

/** SQL for one integer policy value of organization row `org`, with its default (for set-based jobs). */
export function policyIntSql(org: string, key: IntKey): string {
  const [min, max] = POLICY_LIMITS[key];
  const v = `(${org}.settings -> 'openings' ->> '${key}')`;
  return `(CASE WHEN ${v} ~ '^[0-9]{1,4}$' AND ${v}::int BETWEEN ${min} AND ${max} THEN ${v}::int ELSE ${DEFAULT_POLICY[key]} END)`;
}
