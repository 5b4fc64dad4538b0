import { normalizeTags, termEnd } from './committee.service';

describe('committee rules', () => {
  it('normalizes passion tags: trimmed, lower-case, single spaces, no duplicates', () => {
    expect(normalizeTags(['  Sustainability ', 'sustainability', 'Diversity  &  Inclusion', ' '])).toEqual(['sustainability', 'diversity & inclusion']);
  });

  it('ends a term after whole calendar months, clamping to the end of shorter months', () => {
    expect(termEnd(new Date('2026-01-15T09:00:00Z'), 12).toISOString()).toBe('2027-01-15T09:00:00.000Z');
    expect(termEnd(new Date('2026-01-31T09:00:00Z'), 1).toISOString()).toBe('2026-02-28T09:00:00.000Z');
    expect(termEnd(new Date('2027-12-31T00:00:00Z'), 2).toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });
});
