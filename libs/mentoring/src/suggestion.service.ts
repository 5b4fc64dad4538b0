import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Caller, Clock } from '@waypoint/core';
import { generateCandidates, scorePair } from '@waypoint/matching';
import { DataSource } from 'typeorm';
import { MentoringPopulation } from './population';

/** How many mentors "find me a mentor" returns. */
export const SUGGESTIONS = 5;

export interface Suggestion {
  mentorId: string;
  score: number;
  reasons: string[];
  freeSeats: number;
  topicSkillIds: string[];
  availability: string;
}

/**
 * "Find me a mentor": the best mentors for the caller with the matching engine's scoring and
 * explanations, under the same hard constraints as a round (never oneself, one's manager chain,
 * a mentor matched before, or a mentor without a free seat). Mentors are read only through what
 * the engine can reach (the caller's wanted skills and target departments), in a constant number
 * of statements.
 */
@Injectable()
export class SuggestionService {
  private readonly population: MentoringPopulation;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    clock: Clock,
  ) {
    this.population = new MentoringPopulation(() => clock.now());
  }

  async suggest(caller: Caller, limit = SUGGESTIONS): Promise<Suggestion[]> {
    const m = this.db.manager;
    const [mentee] = await this.population.mentees(m, caller, {
      departmentIds: [],
      minLevel: null,
      maxLevel: null,
      roundId: null,
      includeAlreadyMentored: true,
      ids: [caller.employeeId],
      requireOptIn: false,
      excludeBusy: false,
    });
    if (!mentee) return [];
    const reach = await this.population.reachOf(m, caller, mentee);
    if (!reach.skillIds.length && !reach.departmentIds.length) return [];
    const mentors = await this.population.mentors(m, caller, { departmentIds: [], minLevel: null, maxLevel: null, roundId: null, reach });
    if (!mentors.length) return [];
    const input = await this.population.input(m, caller, [mentee], mentors, null, true, reach.skillIds);
    const graph = generateCandidates(input.mentees, input.mentors, input.context, { k: limit });
    const rowOf = new Map(mentors.map((r) => [r.id, r]));
    const out: Suggestion[] = [];
    for (let e = graph.offsets[0]; e < graph.offsets[1]; e++) {
      const mentor = graph.mentors[graph.mentor[e]];
      const scored = scorePair(input.mentees[0], mentor, input.context);
      const row = rowOf.get(mentor.id)!;
      out.push({
        mentorId: mentor.id,
        score: graph.score[e],
        reasons: scored.allowed ? scored.reasons : [],
        freeSeats: mentor.freeCapacity,
        topicSkillIds: row.topic_skill_ids ?? [],
        availability: row.availability,
      });
    }
    return out;
  }
}
