import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum SeatOpeningStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(SeatOpeningStatus, { name: 'SeatOpeningStatus' });

export enum SeatOpeningReason {
  /** HR or the chair opened seats. */
  MANUAL = 'MANUAL',
  /** Reopened by the rotation job, 30 days before a member's term ends. */
  TERM_ENDING = 'TERM_ENDING',
}
registerEnumType(SeatOpeningReason, { name: 'SeatOpeningReason' });

export enum CommitteeApplicationStatus {
  APPLIED = 'APPLIED',
  SELECTED = 'SELECTED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(CommitteeApplicationStatus, { name: 'CommitteeApplicationStatus' });

export enum MembershipStatus {
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}
registerEnumType(MembershipStatus, { name: 'CommitteeMembershipStatus' });

@ObjectType({ description: 'An organizational committee, run by HR, with seats held for terms' })
@Entity('committee')
export class Committee {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Field() @Column() name: string;
  @Field() @Column() mission: string;
  @Field(() => [String], { description: 'Lower-case passion tags; seat openings are announced to employees whose passions match' })
  @Column('text', { array: true, default: [] })
  passionTags: string[];
  @Field(() => ID, { nullable: true }) @Column({ type: 'uuid', nullable: true }) chairId: string | null;
  @Field(() => Int, { description: 'Member seats (the chair is not counted)' }) @Column({ type: 'smallint' }) seats: number;
  @Field(() => Int) @Column({ type: 'smallint' }) termMonths: number;
  @Field() @Column({ default: true }) active: boolean;
  @Column('uuid') createdById: string;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

@ObjectType({ description: 'Seats of a committee open for applications until a deadline' })
@Entity('committee_seat_opening')
export class CommitteeSeatOpening {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Field(() => ID) @Column('uuid') committeeId: string;
  @Field(() => Int) @Column({ type: 'smallint' }) seats: number;
  @Field(() => Int) @Column({ type: 'smallint', default: 0 }) seatsFilled: number;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz' }) deadline: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the terms of those selected start (null: on selection)' })
  @Column({ type: 'timestamptz', nullable: true })
  termStartsAt: Date | null;
  @Field(() => SeatOpeningStatus) @Column({ type: 'text', default: SeatOpeningStatus.OPEN }) status: SeatOpeningStatus;
  @Field(() => SeatOpeningReason) @Column({ type: 'text', default: SeatOpeningReason.MANUAL }) reason: SeatOpeningReason;
  @Column({ type: 'uuid', nullable: true }) sourceMembershipId: string | null;
  @Column({ type: 'uuid', nullable: true }) openedById: string | null;
  @Field(() => Int) @Column({ default: 0 }) announcedCount: number;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) announcedAt: Date | null;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) closedAt: Date | null;
}

@ObjectType()
@Entity('committee_application')
export class CommitteeApplication {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Field(() => ID) @Column('uuid') openingId: string;
  @Field(() => ID) @Column('uuid') committeeId: string;
  @Field(() => ID) @Column('uuid') employeeId: string;
  /** The applicant, the chair and HR only (see README). */
  @Column() motivation: string;
  @Field(() => CommitteeApplicationStatus) @Column({ type: 'text', default: CommitteeApplicationStatus.APPLIED }) status: CommitteeApplicationStatus;
  @Column({ type: 'uuid', nullable: true }) decidedById: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'text', nullable: true }) feedback: string | null;
  @Field(() => ID, { nullable: true }) @Column({ type: 'uuid', nullable: true }) membershipId: string | null;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

@ObjectType({ description: 'A seat held for a term' })
@Entity('committee_membership')
export class CommitteeMembership {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Field(() => ID) @Column('uuid') committeeId: string;
  @Field(() => ID) @Column('uuid') employeeId: string;
  @Column({ type: 'uuid', nullable: true }) openingId: string | null;
  @Field(() => MembershipStatus) @Column({ type: 'text', default: MembershipStatus.ACTIVE }) status: MembershipStatus;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz' }) termStart: Date;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz' }) termEnd: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) reminderSentAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) endedAt: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}
