import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { MentoringRole, MentorshipStatus, SessionStatus } from './enums';

/** Pairs meet at least this often unless they agree on another cadence. */
export const DEFAULT_CADENCE_DAYS = 14;

@ObjectType({ description: 'One side\'s feedback on a completed mentorship' })
export class MentorshipFeedback {
  @Field(() => MentoringRole) role: MentoringRole;
  @Field(() => Int, { description: '1 to 5' }) rating: number;
  @Field() comment: string;
  @Field(() => GraphQLISODateTime) givenAt: Date;
}

/** An active or completed mentorship: visible to its two members and to HR. */
@ObjectType()
@Entity('mentorship')
export class Mentorship {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Column('uuid') menteeId: string;
  @Column('uuid') mentorId: string;
  @Column('uuid') proposalId: string;
  @Column({ type: 'uuid', nullable: true }) roundId: string | null;
  @Field(() => MentorshipStatus) @Column({ type: 'text', default: MentorshipStatus.ACTIVE }) status: MentorshipStatus;
  @Field(() => Int, { description: 'The pair meets at least every this many days; reminders follow it' })
  @Column({ type: 'smallint', default: DEFAULT_CADENCE_DAYS })
  cadenceDays: number;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz' }) startedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) remindedFor: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) completedById: string | null;
  @Column({ type: 'smallint', nullable: true }) menteeRating: number | null;
  @Column({ type: 'text', nullable: true }) menteeFeedback: string | null;
  @Column({ type: 'timestamptz', nullable: true }) menteeFeedbackAt: Date | null;
  @Column({ type: 'smallint', nullable: true }) mentorRating: number | null;
  @Column({ type: 'text', nullable: true }) mentorFeedback: string | null;
  @Column({ type: 'timestamptz', nullable: true }) mentorFeedbackAt: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

/** A one-to-one session of a mentorship (past: held; future: scheduled), with its calendar invite. */
@ObjectType()
@Entity('mentoring_session')
export class MentoringSession {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Field(() => ID) @Column('uuid') mentorshipId: string;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz' }) startsAt: Date;
  @Field(() => Int) @Column({ type: 'smallint' }) durationMinutes: number;
  @Field(() => SessionStatus) @Column({ type: 'text', default: SessionStatus.SCHEDULED }) status: SessionStatus;
  @Column({ default: '' }) notes: string;
  @Column('uuid') createdById: string;
  @Column({ type: 'integer', default: 0 }) icsSequence: number;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}
