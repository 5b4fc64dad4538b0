import { solveAssignment } from './assignment';
import { CandidateOptions, buildCandidates } from './candidates';
import { explainPair } from './explain';
import { PairScorer, compileModel, componentsRecord } from './model';
import { MenteeProfile, MentorProfile, Objective, ScoreComponents, ScoringContext } from './types';

export interface MatchRoundOptions extends CandidateOptions {
  /** Default "score". */
  objective?: Objective;
  /** Reasons kept per proposal (default 3). */
  maxReasons?: number;
}

export interface ProposedMatch {
  menteeId: string;
  mentorId: string;
  score: number;
  components: ScoreComponents;
  reasons: string[];
}

export interface MatchRoundResult {
  /** One per matched mentee, by mentee id. */
  proposals: ProposedMatch[];
  /** By mentee id. */
  unmatchedMenteeIds: string[];
  totalScore: number;
  matched: number;
}

/**
 * A matching round: candidates (top k per mentee), then the exact optimal assignment on the
 * candidate graph under mentor capacities, then an explanation for every proposed pair.
 */
export function proposeMatches(
  mentees: readonly MenteeProfile[],
  mentors: readonly MentorProfile[],
  context: ScoringContext,
  options: MatchRoundOptions = {},
): MatchRoundResult {
  const model = compileModel(mentees, mentors, context);
  const graph = buildCandidates(model, options);
  const { edgeOf, matched, totalScore } = solveAssignment(graph, options.objective);
  const scorer = new PairScorer(model);
  const proposals: ProposedMatch[] = [];
  const unmatchedMenteeIds: string[] = [];
  model.mentees.forEach((e, i) => {
    if (edgeOf[i] < 0) {
      unmatchedMenteeIds.push(e.profile.id);
      return;
    }
    const mentor = graph.mentor[edgeOf[i]];
    scorer.focus(e);
    scorer.score(mentor);
    proposals.push({
      menteeId: e.profile.id,
      mentorId: model.mentors[mentor].id,
      score: graph.score[edgeOf[i]],
      components: componentsRecord(scorer.components),
      reasons: explainPair(model, e, mentor, scorer.components, options.maxReasons),
    });
  });
  return { proposals, unmatchedMenteeIds, totalScore, matched };
}
