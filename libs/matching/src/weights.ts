import { MatchingInputError } from './errors';
import { ComponentName, MatchingWeights } from './types';

/** Component order used by every per-component vector in the engine. */
export const COMPONENT_NAMES: readonly ComponentName[] = [
  'teachLearn',
  'goal',
  'reach',
  'seniority',
  'language',
  'timezone',
];

export const DEFAULT_WEIGHTS: Readonly<MatchingWeights> = Object.freeze({
  teachLearn: 0.35,
  goal: 0.2,
  reach: 0.1,
  seniority: 0.15,
  language: 0.1,
  timezone: 0.1,
});

/** Fills missing weights from DEFAULT_WEIGHTS and scales them to sum 1. */
export function normalizeWeights(weights: Partial<MatchingWeights> = {}): MatchingWeights {
  const merged = { ...DEFAULT_WEIGHTS, ...weights };
  let sum = 0;
  for (const name of COMPONENT_NAMES) {
    const value = merged[name];
    if (!Number.isFinite(value) || value < 0) {
      throw new MatchingInputError(`weight ${name} must be a finite number >= 0, got ${value}`);
    }
    sum += value;
  }
  if (sum === 0) throw new MatchingInputError('at least one weight must be positive');
  const normalized = {} as MatchingWeights;
  for (const name of COMPONENT_NAMES) normalized[name] = merged[name] / sum;
  return normalized;
}
