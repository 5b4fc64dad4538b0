import { checkCommitment, DEFAULT_PROJECT_POLICY, readProjectPolicy } from './policy';

describe('project policy', () => {
  it('defaults to 20% of a 40-hour week and a 4-hour approval threshold', () => {
    expect(readProjectPolicy({})).toEqual({ maxHoursPerWeek: 8, approvalThresholdHours: 4 });
    expect(readProjectPolicy(null)).toEqual(DEFAULT_PROJECT_POLICY);
  });

  it('reads the organization settings and ignores malformed values', () => {
    expect(readProjectPolicy({ projects: { maxHoursPerWeek: 12, approvalThresholdHours: '2' } })).toEqual({
      maxHoursPerWeek: 12,
      approvalThresholdHours: 2,
    });
    expect(readProjectPolicy({ projects: { maxHoursPerWeek: -1, approvalThresholdHours: 'lots' } })).toEqual(DEFAULT_PROJECT_POLICY);
    expect(readProjectPolicy({ projects: { maxHoursPerWeek: 41 } }).maxHoursPerWeek).toBe(8);
  });

  it('refuses time above the cap, counting what the person already committed', () => {
    const p = { maxHoursPerWeek: 8, approvalThresholdHours: 4 };
    expect(checkCommitment(p, 0, 8, true)).toEqual({ ok: true, totalHours: 8, needsApproval: true });
    const over = checkCommitment(p, 5, 4, true);
    expect(over.ok).toBe(false);
    expect(over.totalHours).toBe(9);
  });

  it('asks the manager only above the threshold, on the total, and only when there is a manager', () => {
    const p = { maxHoursPerWeek: 8, approvalThresholdHours: 4 };
    expect(checkCommitment(p, 0, 4, true)).toMatchObject({ ok: true, needsApproval: false });
    expect(checkCommitment(p, 3, 3, true)).toMatchObject({ ok: true, needsApproval: true });
    expect(checkCommitment(p, 0, 6, false)).toMatchObject({ ok: true, needsApproval: false });
  });
});
