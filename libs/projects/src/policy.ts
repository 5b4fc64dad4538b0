/**
 * The organization's project-time policy, read from `organization.settings.projects`:
 * `maxHoursPerWeek` caps one person's total project time (default 20% of a 40-hour week),
 * `approvalThresholdHours`: above it, the participant's manager must approve (default 4).
 * Pure: no I/O, so the rules are unit-tested.
 */
export interface ProjectPolicy {
  maxHoursPerWeek: number;
  approvalThresholdHours: number;
}

export const WORK_WEEK_HOURS = 40;
export const DEFAULT_PROJECT_POLICY: ProjectPolicy = { maxHoursPerWeek: 0.2 * WORK_WEEK_HOURS, approvalThresholdHours: 4 };

const hours = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= WORK_WEEK_HOURS ? n : undefined;
};

/** The policy from an organization's settings; anything missing or malformed falls back to the default. */
export function readProjectPolicy(settings: Record<string, unknown> | null | undefined): ProjectPolicy {
  const raw = (settings?.projects ?? {}) as Record<string, unknown>;
  return {
    maxHoursPerWeek: hours(raw.maxHoursPerWeek) ?? DEFAULT_PROJECT_POLICY.maxHoursPerWeek,
    approvalThresholdHours: hours(raw.approvalThresholdHours) ?? DEFAULT_PROJECT_POLICY.approvalThresholdHours,
  };
}

export type CommitmentCheck =
  | { ok: true; needsApproval: boolean; totalHours: number }
  | { ok: false; totalHours: number; reason: string };

/**
 * Whether a person committed to `currentHours` of project time (active and awaiting approval)
 * may take `addedHours` more, and whether their manager must approve. The threshold applies
 * to the total: two 3-hour projects need approval under a 4-hour threshold. Without a manager
 * there is nobody to ask, so no approval step.
 */
export function checkCommitment(policy: ProjectPolicy, currentHours: number, addedHours: number, hasManager: boolean): CommitmentCheck {
  const totalHours = currentHours + addedHours;
  if (totalHours > policy.maxHoursPerWeek) {
    return {
      ok: false,
      totalHours,
      reason: `This would bring your project time to ${totalHours} h/week; your organization allows at most ${policy.maxHoursPerWeek} h/week`,
    };
  }
  return { ok: true, totalHours, needsApproval: hasManager && totalHours > policy.approvalThresholdHours };
}
