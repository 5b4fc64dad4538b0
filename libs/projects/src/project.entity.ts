import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export enum ProjectStatus {
  /** Being written by its owner; visible to the owner and HR only. */
  DRAFT = 'DRAFT',
  /** Published and announced; takes join requests. */
  OPEN = 'OPEN',
  /** No longer takes requests; the team works on. */
  CLOSED = 'CLOSED',
  COMPLETED = 'COMPLETED',
}
registerEnumType(ProjectStatus, { name: 'ProjectStatus' });

export enum ParticipationStatus {
  /** Asked to join; the owner has not decided. */
  REQUESTED = 'REQUESTED',
  /** Accepted by the owner, holds a seat, waits for the participant's manager. */
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  ACTIVE = 'ACTIVE',
  DECLINED = 'DECLINED',
  APPROVAL_DECLINED = 'APPROVAL_DECLINED',
  WITHDRAWN = 'WITHDRAWN',
  LEFT = 'LEFT',
  COMPLETED = 'COMPLETED',
}
registerEnumType(ParticipationStatus, { name: 'ParticipationStatus' });

/** Statuses that hold a seat on the project. */
export const SEAT_HOLDING: readonly ParticipationStatus[] = [ParticipationStatus.PENDING_APPROVAL, ParticipationStatus.ACTIVE];
/** Statuses of a live request or participation (at most one per person and project). */
export const LIVE: readonly ParticipationStatus[] = [ParticipationStatus.REQUESTED, ...SEAT_HOLDING];

@ObjectType({ description: 'A cross-functional project: a stretch opportunity beside the day job' })
@Entity('project')
export class Project {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Field(() => ID) @Column('uuid') ownerId: string;
  @Field() @Column() title: string;
  @Field() @Column() goal: string;
  @Field(() => Int) @Column({ type: 'smallint' }) hoursPerWeek: number;
  @Field(() => Int) @Column({ type: 'smallint' }) durationWeeks: number;
  @Field(() => Int) @Column({ type: 'smallint' }) seats: number;
  @Field(() => Int, { description: 'Seats held by active participants and by accepted ones awaiting their manager' })
  @Column({ type: 'smallint', default: 0 })
  seatsTaken: number;
  @Field(() => [ID]) @Column('uuid', { array: true, default: [] }) departmentIds: string[];
  @Field({ description: 'ISO date (YYYY-MM-DD)' }) @Column({ type: 'date' }) startDate: string;
  @Field(() => ProjectStatus) @Column({ type: 'text', default: ProjectStatus.DRAFT }) status: ProjectStatus;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Field(() => Int, { description: 'How many employees the announcement reached' }) @Column({ default: 0 }) announcedCount: number;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the announcement fan-out finished' })
  @Column({ type: 'timestamptz', nullable: true })
  announcedAt: Date | null;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

@ObjectType({ description: 'A skill the project needs, at a minimum proficiency' })
@Entity('project_skill')
export class ProjectSkill {
  @PrimaryColumn('uuid') projectId: string;
  @Field(() => ID) @PrimaryColumn('uuid') skillId: string;
  @Column('uuid') organizationId: string;
  @Field(() => Int, { description: '1 (novice) to 5 (expert)' }) @Column({ type: 'smallint' }) minProficiency: number;
}

@ObjectType({ description: "A person's request to join a project, and their participation once accepted" })
@Entity('project_participant')
export class ProjectParticipant {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Field(() => ID) @Column('uuid') projectId: string;
  @Field(() => ID) @Column('uuid') employeeId: string;
  @Field(() => ParticipationStatus) @Column({ type: 'text', default: ParticipationStatus.REQUESTED }) status: ParticipationStatus;
  /** Visible to the requester, the project owner, the approving manager and HR (see README). */
  @Column({ default: '' }) motivation: string;
  @Field(() => Int) @Column({ type: 'smallint' }) hoursPerWeek: number;
  @Field(() => ID, { nullable: true, description: 'The manager asked to approve the time' })
  @Column({ type: 'uuid', nullable: true })
  approverId: string | null;
  @Column({ type: 'uuid', nullable: true }) decidedById: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) decisionNote: string | null;
  @Column({ type: 'uuid', nullable: true }) approvedById: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) approvedAt: Date | null;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz' }) requestedAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) joinedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) endedAt: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

@ObjectType({ description: 'Evidence on a profile: a project owner vouches for a skill a participant used' })
@Entity('skill_endorsement')
export class SkillEndorsement {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Field(() => ID) @Column('uuid') employeeId: string;
  @Field(() => ID) @Column('uuid') skillId: string;
  @Field(() => ID) @Column('uuid') projectId: string;
  @Field(() => ID) @Column('uuid') endorsedById: string;
  @Field(() => Int, { description: 'Proficiency the endorser observed, 1 to 5' }) @Column({ type: 'smallint' }) proficiency: number;
  @Field() @Column({ default: '' }) note: string;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}
