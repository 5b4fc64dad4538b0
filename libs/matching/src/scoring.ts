import { explainPair } from './explain';
import { PairScorer, compileModel, componentsRecord, forbiddenMentors, hasCapacity } from './model';
import { MenteeProfile, MentorProfile, PairScore, ScoringContext } from './types';

/**
 * Scores one (mentee, mentor) pair: the hard constraints first, then the weighted components and the
 * reasons. For many pairs use generateCandidates / proposeMatches, which compile the profiles once.
 */
export function scorePair(
  mentee: MenteeProfile,
  mentor: MentorProfile,
  context: ScoringContext,
  maxReasons = 3,
): PairScore {
  const model = compileModel([mentee], [mentor], context);
  const forbidden = forbiddenMentors(model, mentee).find(([id]) => id === mentor.id);
  if (forbidden) return { allowed: false, violation: forbidden[1] };
  if (!hasCapacity(mentor)) return { allowed: false, violation: 'no-capacity' };
  const scorer = new PairScorer(model);
  scorer.focus(model.mentees[0]);
  const score = scorer.score(0);
  return {
    allowed: true,
    score,
    components: componentsRecord(scorer.components),
    reasons: explainPair(model, model.mentees[0], 0, scorer.components, maxReasons),
  };
}
