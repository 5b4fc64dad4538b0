import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export enum InterviewKind {
  INTERNAL = 'INTERNAL',
  EXTERNAL = 'EXTERNAL',
  PRACTICE = 'PRACTICE',
}
registerEnumType(InterviewKind, {
  name: 'InterviewKind',
  description: 'INTERNAL interviews are logged automatically when an internal application reaches INTERVIEWING',
});

/** An interview someone took, with their debrief. Private to them unless shared with their manager. */
@ObjectType()
@Entity('interview_log')
export class InterviewLog {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Column('uuid') employeeId: string;
  @Field(() => InterviewKind) @Column({ type: 'text' }) kind: InterviewKind;
  @Column({ type: 'uuid', nullable: true }) applicationId: string | null;
  @Field({ description: 'Company (external interviews); the organization for internal ones' }) @Column({ default: '' }) company: string;
  @Field() @Column({ default: '' }) roleTitle: string;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz' }) occurredAt: Date;
  @Field() @Column({ default: '' }) wentWell: string;
  @Field() @Column({ default: '' }) toImprove: string;
  @Field() @Column({ default: false }) sharedWithManager: boolean;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

@Entity('interview_practice')
export class InterviewPractice {
  @PrimaryColumn('uuid') employeeId: string;
  @Column('uuid') organizationId: string;
  @Column({ default: false }) nudgeOptIn: boolean;
  @Column({ type: 'timestamptz', nullable: true }) lastNudgedAt: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

@ObjectType({ description: '"Always be interviewing": your practice settings' })
export class InterviewPracticeSettings {
  @Field({ description: 'Nudge me once a year when I have not interviewed in 12 months' }) nudgeOptIn: boolean;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastInterviewAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastNudgedAt: Date | null;
}
