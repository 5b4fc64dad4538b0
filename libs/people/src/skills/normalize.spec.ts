import fc from 'fast-check';
import { cleanSkillName, normalizeSkillName } from './normalize';
import { BASE_TAXONOMY } from './taxonomy';

describe('normalizeSkillName', () => {
  it.each([
    ['JavaScript', 'javascript'],
    ['  java   script ', 'java script'],
    ['Machine-Learning', 'machine learning'],
    ['machine_learning', 'machine learning'],
    ['C++', 'c++'],
    ['C#', 'c#'],
    ['.NET', '.net'],
    ['Node.js', 'node.js'],
    ['Kubernetes.', 'kubernetes'],
    ['CI / CD', 'ci/cd'],
    ['ＪＳ', 'js'],
    ['"React"!', 'react'],
  ])('%s -> %s', (raw, expected) => {
    expect(normalizeSkillName(raw)).toBe(expected);
  });

  it('keeps distinct skills distinct', () => {
    expect(normalizeSkillName('C')).not.toBe(normalizeSkillName('C++'));
    expect(normalizeSkillName('C#')).not.toBe(normalizeSkillName('C++'));
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => normalizeSkillName(normalizeSkillName(s)) === normalizeSkillName(s)));
  });

  it('ignores case and surrounding white space', () => {
    fc.assert(
      fc.property(fc.string(), (s) => normalizeSkillName(`  ${s.toUpperCase()} `) === normalizeSkillName(s.toLowerCase())),
    );
  });

  it('cleans display names', () => {
    expect(cleanSkillName('  Event   Storming ')).toBe('Event Storming');
  });

  it('has no alias in the base taxonomy that means two skills', () => {
    const seen = new Map<string, string>();
    for (const entry of BASE_TAXONOMY) {
      for (const alias of [entry.name, ...(entry.aliases ?? [])]) {
        const key = normalizeSkillName(alias);
        expect(seen.get(key) ?? entry.name).toBe(entry.name);
        seen.set(key, entry.name);
      }
    }
  });
});
