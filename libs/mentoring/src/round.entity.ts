import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { MatchingObjective, RoundStatus } from './enums';

@ObjectType({ description: 'Who may take part on one side of a round; empty filters mean everyone who opted in' })
export class RoundEligibility {
  @Field(() => [ID], { description: 'Only these departments (empty: all)' }) departmentIds: string[];
  @Field(() => Int, { nullable: true }) minLevel: number | null;
  @Field(() => Int, { nullable: true }) maxLevel: number | null;
}

@ObjectType({ description: 'How long one phase of the last matching run took' })
export class PhaseTiming {
  @Field() phase: string;
  @Field(() => Int) ms: number;
}

@ObjectType({ description: 'Progress of the matching job, as the worker reports it' })
export class MatchingProgress {
  @Field(() => Int, { description: '0 to 100' }) percent: number;
  @Field(() => String, { nullable: true, description: 'queued, loading, matching, storing, done (or failed)' }) phase: string | null;
  @Field(() => [PhaseTiming], { description: 'The phases of the last run that finished, in order' }) phases: PhaseTiming[];
}

/** A matching round run by HR. Only HR and org admins ever read it. */
@ObjectType({ description: 'A mentoring round: who takes part, the matching job and its proposals (HR and org admins only)' })
@Entity('mentoring_round')
export class MentoringRound {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Field() @Column() name: string;
  @Field(() => MatchingObjective) @Column({ type: 'text', default: MatchingObjective.SCORE }) objective: MatchingObjective;
  @Field(() => GraphQLISODateTime, { description: 'Proposals must be answered by then; the round closes at the deadline' })
  @Column({ type: 'timestamptz' })
  deadline: Date;
  @Column('uuid', { array: true, default: [] }) menteeDepartmentIds: string[];
  @Column({ type: 'smallint', nullable: true }) menteeMinLevel: number | null;
  @Column({ type: 'smallint', nullable: true }) menteeMaxLevel: number | null;
  @Column('uuid', { array: true, default: [] }) mentorDepartmentIds: string[];
  @Column({ type: 'smallint', nullable: true }) mentorMinLevel: number | null;
  @Column({ type: 'smallint', nullable: true }) mentorMaxLevel: number | null;
  @Field({ description: 'Also match mentees who already have an active mentorship' }) @Column({ default: false }) includeAlreadyMentored: boolean;
  @Field(() => RoundStatus) @Column({ type: 'text', default: RoundStatus.DRAFT }) status: RoundStatus;
  @Column({ type: 'uuid', nullable: true }) runId: string | null;
  @Field(() => Int, { description: 'How many times matching was launched' }) @Column({ type: 'integer', default: 0 }) runCount: number;
  @Column({ type: 'smallint', default: 0 }) progressPercent: number;
  @Column({ type: 'text', nullable: true }) progressPhase: string | null;
  @Column({ type: 'jsonb', default: [] }) phaseTimings: PhaseTiming[];
  @Field(() => Int, { nullable: true, description: 'Eligible mentees in the last run' }) @Column({ type: 'integer', nullable: true }) menteeCount: number | null;
  @Field(() => Int, { nullable: true, description: 'Eligible mentors with a free seat in the last run' }) @Column({ type: 'integer', nullable: true }) mentorCount: number | null;
  @Field(() => Int, { nullable: true, description: 'Free mentor seats in the last run' }) @Column({ type: 'integer', nullable: true }) mentorSeats: number | null;
  @Field(() => Int, { nullable: true, description: 'Mentees with a proposal after the last run' }) @Column({ type: 'integer', nullable: true }) matchedCount: number | null;
  @Field(() => Float, { nullable: true, description: 'Sum of the match scores of the proposals' }) @Column({ type: 'double precision', nullable: true }) totalScore: number | null;
  @Column('uuid', { array: true, default: [] }) unmatchedMenteeIds: string[];
  @Field(() => String, { nullable: true, description: 'Why the last run failed' }) @Column({ type: 'text', nullable: true }) lastError: string | null;
  @Column('uuid') createdById: string;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) launchedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) matchedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}
