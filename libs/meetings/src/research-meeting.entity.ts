import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export enum MeetingStatus {
  /** Beyond the host's monthly capacity: waits, first come first served, until capacity frees or the month turns. */
  QUEUED = 'QUEUED',
  /** Counted against the host's capacity; waits for the host to propose times (or decline). */
  REQUESTED = 'REQUESTED',
  /** The host proposed up to three times; the requester picks one. */
  PROPOSED = 'PROPOSED',
  /** A time is agreed: both have a calendar invite and get a reminder. */
  SCHEDULED = 'SCHEDULED',
  /** Held; the requester recorded notes and follow-ups. */
  COMPLETED = 'COMPLETED',
  DECLINED = 'DECLINED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(MeetingStatus, { name: 'ResearchMeetingStatus' });

/** Statuses that hold a place in the host's monthly capacity. */
export const ADMITTED_STATUSES = [MeetingStatus.REQUESTED, MeetingStatus.PROPOSED, MeetingStatus.SCHEDULED, MeetingStatus.COMPLETED];
/** Statuses of a request that is still open (one per requester and invitee). */
export const OPEN_STATUSES = [MeetingStatus.QUEUED, MeetingStatus.REQUESTED, MeetingStatus.PROPOSED, MeetingStatus.SCHEDULED];

/** Every research meeting lasts 30 minutes. */
export const MEETING_MINUTES = 30;

/**
 * A 30-minute research meeting an employee (the requester) asked of a person or of the leader
 * of a business unit (the invitee, or host). Visible to the two of them only; the notes are the
 * requester's alone.
 */
@ObjectType({ description: 'A 30-minute research meeting. Visible to the requester and the invitee only.' })
@Entity('research_meeting')
export class ResearchMeeting {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Field(() => ID) @Column('uuid') requesterId: string;
  @Field(() => ID) @Column('uuid') inviteeId: string;
  @Field(() => ID, { nullable: true, description: 'Set when the request was made to the leader of this business unit' })
  @Column({ type: 'uuid', nullable: true })
  businessUnitId: string | null;
  @Field() @Column() purpose: string;
  @Field(() => [String]) @Column('text', { array: true, default: [] }) questions: string[];
  @Field(() => MeetingStatus) @Column({ type: 'text' }) status: MeetingStatus;
  /** The host's month (YYYY-MM-01, host's time zone) whose capacity this request uses; null while queued. */
  @Column({ type: 'date', nullable: true }) capacityMonth: string | null;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz' }) requestedAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the request left the queue (or was admitted at once)' })
  @Column({ type: 'timestamptz', nullable: true })
  admittedAt: Date | null;
  @Field(() => [GraphQLISODateTime], { description: 'Start times the invitee proposed (each 30 minutes long)' })
  @Column('timestamptz', { array: true, default: [] })
  proposedSlots: Date[];
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) startsAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) endsAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) scheduledAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) reminderSentAt: Date | null;
  /** iCalendar SEQUENCE of the current version of the invite. */
  @Field(() => Int, { description: 'iCalendar SEQUENCE of the current invite' }) @Column({ type: 'integer', default: 0 }) inviteSequence: number;
  /** The SEQUENCE last emailed to both participants (idempotent sending). */
  @Column({ type: 'integer', nullable: true }) inviteSentSequence: number | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) declineReason: string | null;
  @Field(() => ID, { nullable: true }) @Column({ type: 'uuid', nullable: true }) cancelledById: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) cancelReason: string | null;
  /** Private to the requester: exposed through a guarded field. */
  @Column({ type: 'text', nullable: true }) notes: string | null;
  @Column('text', { array: true, default: [] }) followUps: string[];
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

/** An employee's settings as a research-meeting host. Without a row: no capacity limit, accepting requests. */
@Entity('meeting_host')
export class MeetingHost {
  @PrimaryColumn('uuid') employeeId: string;
  @Column('uuid') organizationId: string;
  @Column({ type: 'smallint', nullable: true }) monthlyCapacity: number | null;
  @Column({ default: true }) acceptingRequests: boolean;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}
