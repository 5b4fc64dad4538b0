import { createUnionType, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '@waypoint/core';
import { Employee, Skill } from '@waypoint/people';
import { Mentorship, MentoringSession } from './mentorship.entity';
import { MentoringProposal } from './proposal.entity';
import { MentoringRound } from './round.entity';

@ObjectType({ description: 'A mentor for you, and why ("find me a mentor")' })
export class MentorSuggestion {
  @Field(() => ID) mentorId: string;
  @Field(() => Employee) mentor: Employee;
  @Field(() => Float, { description: 'The match score (higher is better)' }) score: number;
  @Field(() => [String], { description: 'Why this mentor, strongest reason first' }) reasons: string[];
  @Field(() => Int, { description: 'Seats the mentor still has' }) freeSeats: number;
  @Field(() => [Skill], { description: 'Skills the mentor offers to mentor on' }) topics: Skill[];
  @Field() availability: string;
}

@ObjectType({ description: 'The mentor has no seat left' })
export class MentorAtCapacityError {
  @Field() message: string;
  @Field(() => ID) mentorId: string;
  @Field(() => MentoringProposal, { nullable: true, description: 'The proposal, closed (MENTOR_FULL) when you were the mentee; unchanged when you are the mentor' })
  proposal: MentoringProposal | null;

  constructor(message: string, mentorId: string, proposal: MentoringProposal | null) {
    this.message = message;
    this.mentorId = mentorId;
    this.proposal = proposal;
  }
}

export const AcceptMentoringProposalResult = createUnionType({
  name: 'AcceptMentoringProposalResult',
  types: () => [MentoringProposal, MentorAtCapacityError] as const,
  resolveType: (value: object) => (value instanceof MentorAtCapacityError ? MentorAtCapacityError : MentoringProposal),
});

export const RequestMentorResult = createUnionType({
  name: 'RequestMentorResult',
  types: () => [MentoringProposal, MentorAtCapacityError] as const,
  resolveType: (value: object) => (value instanceof MentorAtCapacityError ? MentorAtCapacityError : MentoringProposal),
});

export type ProposalOutcome = MentoringProposal | MentorAtCapacityError;

@ObjectType({ description: 'A mentor\'s seats' })
export class MentorSeatsInfo {
  @Field(() => Int) capacity: number;
  @Field(() => Int, { description: 'Active mentorships' }) active: number;
  @Field(() => Int, { description: 'Open proposals and requests (not answered by both yet)' }) pending: number;
  @Field(() => Int, { description: 'Seats new proposals and requests may use' }) free: number;
}

@ObjectType({ description: 'Proposals of a round by status' })
export class RoundProposalCounts {
  @Field(() => Int) proposed: number;
  @Field(() => Int) published: number;
  @Field(() => Int) accepted: number;
  @Field(() => Int) declined: number;
  @Field(() => Int) expired: number;
  @Field(() => Int) withdrawn: number;
}

@ObjectType()
export class MentoringRoundConnection extends Connection(MentoringRound) {}

@ObjectType()
export class MentoringProposalConnection extends Connection(MentoringProposal) {}

@ObjectType()
export class MentorshipConnection extends Connection(Mentorship) {}

@ObjectType()
export class MentoringSessionConnection extends Connection(MentoringSession) {}

@ObjectType({ description: 'A mentee of a round left without a proposal' })
export class UnmatchedMentee {
  @Field(() => ID) employeeId: string;
  @Field(() => Employee) employee: Employee;
}

@ObjectType()
export class UnmatchedMenteeConnection extends Connection(UnmatchedMentee) {}
