import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Skill } from '@waypoint/people';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { OpeningCloseReason, OpeningStatus } from './pipeline';

export enum RemotePolicy {
  ONSITE = 'ONSITE',
  HYBRID = 'HYBRID',
  REMOTE = 'REMOTE',
}
registerEnumType(RemotePolicy, { name: 'RemotePolicy' });

export enum OpeningSkillKind {
  REQUIRED = 'REQUIRED',
  NICE_TO_HAVE = 'NICE_TO_HAVE',
}

/** An internal opening. Targeting columns are exposed through `Opening.visibility` (HR and the hiring manager only). */
@ObjectType()
@Entity('opening')
export class Opening {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Field() @Column() title: string;
  @Field(() => ID) @Column('uuid') departmentId: string;
  @Field(() => ID) @Column('uuid') hiringManagerId: string;
  @Field(() => Int) @Column({ type: 'smallint' }) level: number;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) location: string | null;
  @Field(() => RemotePolicy) @Column({ type: 'text', default: RemotePolicy.ONSITE }) remotePolicy: RemotePolicy;
  @Field(() => Int) @Column({ type: 'int', default: 1 }) positions: number;
  @Field(() => Int) @Column({ type: 'int', default: 0 }) positionsFilled: number;
  @Field({ description: 'Markdown source. Render `descriptionHtml`, never this, as HTML.' }) @Column({ default: '' }) description: string;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Closing date: the expiry job closes the opening (EXPIRED) once it has passed' })
  @Column({ type: 'timestamptz', nullable: true })
  closesAt: Date | null;
  @Field(() => OpeningStatus) @Column({ type: 'text', default: OpeningStatus.DRAFT }) status: OpeningStatus;
  @Field(() => OpeningCloseReason, { nullable: true }) @Column({ type: 'text', nullable: true }) closeReason: OpeningCloseReason | null;
  @Column({ default: true }) visibleToAll: boolean;
  @Column('uuid', { array: true, default: [] }) visibleDepartmentIds: string[];
  @Column('smallint', { array: true, default: [] }) visibleLevels: number[];
  @Column('text', { array: true, default: [] }) visibleLocations: string[];
  @Column({ type: 'uuid', nullable: true }) createdById: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) closedById: string | null;
  @Field(() => Int, { description: 'Increases with every change' }) @Column({ type: 'int', default: 1 }) version: number;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

@Entity('opening_skill')
export class OpeningSkill {
  @PrimaryColumn('uuid') openingId: string;
  @PrimaryColumn('uuid') skillId: string;
  @Column('uuid') organizationId: string;
  @Column({ type: 'text' }) kind: OpeningSkillKind;
  @Column({ type: 'smallint', nullable: true }) minProficiency: number | null;
  @Column({ type: 'smallint', default: 1 }) weight: number;
}

@Entity('saved_opening')
export class SavedOpening {
  @PrimaryColumn('uuid') employeeId: string;
  @PrimaryColumn('uuid') openingId: string;
  @Column('uuid') organizationId: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

@ObjectType({ description: 'A required skill of an opening' })
export class OpeningSkillRequirement {
  @Field(() => Skill) skill: Skill;
  @Field(() => Int, { description: 'Minimum proficiency, 1-5' }) minProficiency: number;
  @Field(() => Int, { description: 'Weight in the match score, 1-10' }) weight: number;
}

/** An opening's skills with their names, as loaded for a page of openings. */
export interface OpeningSkillView {
  openingId: string;
  skill: Skill;
  kind: OpeningSkillKind;
  minProficiency: number | null;
  weight: number;
}

@ObjectType({ description: 'Who can see an opening: everyone, or employees matching every chosen dimension (any value within one)' })
export class OpeningVisibility {
  @Field() everyone: boolean;
  @Field(() => [ID], { description: 'These departments and every department below them' }) departmentIds: string[];
  @Field(() => [Int]) levels: number[];
  @Field(() => [String], { description: 'Employee locations, compared without case' }) locations: string[];
}
