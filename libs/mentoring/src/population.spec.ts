import { derivedId } from './notify';
import { organizationWeights } from './population';

describe('organizationWeights', () => {
  it('keeps a valid set of weights and drops what is not a number', () => {
    expect(organizationWeights({ teachLearn: 2, goal: 1, note: 'x' })).toEqual({ teachLearn: 2, goal: 1 });
  });

  it('falls back to the engine defaults for anything invalid', () => {
    for (const raw of [null, undefined, 'heavy', [1, 2], { teachLearn: -1 }, { teachLearn: 0, goal: 0, reach: 0, seniority: 0, language: 0, timezone: 0 }]) {
      expect(organizationWeights(raw)).toBeUndefined();
    }
  });
});

describe('derivedId', () => {
  it('is a stable UUID per input', () => {
    const a = derivedId('mentoring-session-due', 'm1', '2030-01-01T00:00:00.000Z');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedId('mentoring-session-due', 'm1', '2030-01-01T00:00:00.000Z')).toBe(a);
    expect(derivedId('mentoring-session-due', 'm1', '2030-01-15T00:00:00.000Z')).not.toBe(a);
  });
});
