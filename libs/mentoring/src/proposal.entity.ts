import { Field, Float, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ClosedReason, ProposalResponse, ProposalSource, ProposalStatus } from './enums';

@ObjectType({ description: 'The parts of a match score, each from 0 to 1' })
export class MatchComponents {
  @Field(() => Float, { description: 'The mentor knows / teaches what the mentee wants to learn' }) teachLearn: number;
  @Field(() => Float, { description: 'The mentor holds a role or works in a department the mentee aims for' }) goal: number;
  @Field(() => Float, { description: 'Different departments: a wider network' }) reach: number;
  @Field(() => Float, { description: 'The mentor is a few levels above' }) seniority: number;
  @Field(() => Float, { description: 'A shared language' }) language: number;
  @Field(() => Float, { description: 'Shared working hours' }) timezone: number;
}

/**
 * A proposed pair. Visible to HR always; to the mentee and the mentor once published (see the
 * privacy rules in the README). Privacy-sensitive fields are resolver fields.
 */
@ObjectType({ description: 'A proposed mentee / mentor pair' })
@Entity('mentoring_proposal')
export class MentoringProposal {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Column({ type: 'uuid', nullable: true }) roundId: string | null;
  @Column('uuid') menteeId: string;
  @Column('uuid') mentorId: string;
  @Field(() => ProposalSource) @Column({ type: 'text' }) source: ProposalSource;
  @Field(() => ProposalStatus) @Column({ type: 'text' }) status: ProposalStatus;
  @Field(() => Float, { nullable: true, description: 'The match score (higher is better), null for direct requests' })
  @Column({ type: 'double precision', nullable: true })
  score: number | null;
  @Column({ type: 'jsonb', default: {} }) components: Record<string, number>;
  @Column({ type: 'jsonb', default: [] }) reasons: string[];
  @Column({ type: 'text', nullable: true }) message: string | null;
  @Field(() => ProposalResponse) @Column({ type: 'text', default: ProposalResponse.PENDING }) menteeResponse: ProposalResponse;
  @Field(() => ProposalResponse) @Column({ type: 'text', default: ProposalResponse.PENDING }) mentorResponse: ProposalResponse;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) menteeRespondedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) mentorRespondedAt: Date | null;
  @Field(() => ClosedReason, { nullable: true }) @Column({ type: 'text', nullable: true }) closedReason: ClosedReason | null;
  @Column({ type: 'text', nullable: true }) declineNote: string | null;
  @Column({ type: 'uuid', nullable: true }) replacesProposalId: string | null;
  @Column({ type: 'uuid', nullable: true }) mentorshipId: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}
