import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { MenteeStatus, MentorStatus } from './enums';

/** Without an explicit opt-in, an employee whose profile says "open to mentoring" mentors up to this many people. */
export const DEFAULT_MENTOR_CAPACITY = 2;

/**
 * An employee's settings as a mentor. Absent row: the employee's profile flag `openToMentoring`
 * decides (capacity DEFAULT_MENTOR_CAPACITY, topics = the skills they want to teach).
 */
@ObjectType({ description: 'Your settings as a mentor' })
@Entity('mentor_profile')
export class MentorProfile {
  @Field(() => ID) @PrimaryColumn('uuid') employeeId: string;
  @Column('uuid') organizationId: string;
  @Field(() => MentorStatus) @Column({ type: 'text', default: MentorStatus.ACTIVE }) status: MentorStatus;
  @Field(() => Int, { description: 'Mentees you take at once, 1 to 5' }) @Column({ type: 'smallint', default: DEFAULT_MENTOR_CAPACITY }) capacity: number;
  @Field(() => [ID], { description: 'Skills you offer to mentor on' }) @Column('uuid', { array: true, default: [] }) topicSkillIds: string[];
  @Field({ description: 'When you are usually available, in your own words' }) @Column({ default: '' }) availability: string;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) pausedAt: Date | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) pauseReason: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
  /** True when there is no row yet and the profile flag `openToMentoring` stands for the opt-in. */
  @Field({ description: 'True while your profile flag "open to mentoring" stands for an explicit opt-in' })
  fromProfileFlag: boolean = false;
}

/**
 * An employee's settings as a mentee. Absent row: the profile flag `seekingMentor` decides
 * (learning goals = the skills they want to learn).
 */
@ObjectType({ description: 'Your settings as a mentee' })
@Entity('mentee_profile')
export class MenteeProfile {
  @Field(() => ID) @PrimaryColumn('uuid') employeeId: string;
  @Column('uuid') organizationId: string;
  @Field(() => MenteeStatus) @Column({ type: 'text', default: MenteeStatus.ACTIVE }) status: MenteeStatus;
  @Field({ description: 'What you want from a mentor; shared with the mentors you are proposed to' }) @Column({ default: '' }) goals: string;
  @Field(() => [ID], { description: 'Skills you want to learn (on top of those marked "wants to learn" on your profile)' })
  @Column('uuid', { array: true, default: [] })
  learnSkillIds: string[];
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
  @Field({ description: 'True while your profile flag "seeking a mentor" stands for an explicit opt-in' })
  fromProfileFlag: boolean = false;
}
