import { Role } from '@waypoint/core';
import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The fixed list of life/career priorities an employee picks their top three from. */
export enum Priority {
  FAMILY_LIFE = 'FAMILY_LIFE',
  CAREER_TRAJECTORY = 'CAREER_TRAJECTORY',
  SKILLS_DEVELOPMENT = 'SKILLS_DEVELOPMENT',
  COMPENSATION = 'COMPENSATION',
  WORK_LIFE_BALANCE = 'WORK_LIFE_BALANCE',
  LEADERSHIP = 'LEADERSHIP',
  LOCATION = 'LOCATION',
  IMPACT = 'IMPACT',
  STABILITY = 'STABILITY',
}
registerEnumType(Priority, { name: 'Priority' });

/**
 * An employee. Public fields are GraphQL fields here; the private career fields
 * (aspirations, priorities, open to opportunities) are columns only and reach GraphQL
 * through `Employee.aspirations`, which the privacy rule guards (see README).
 */
@ObjectType()
@Entity('employee')
export class Employee {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Field() @Column() email: string;
  @Field() @Column() firstName: string;
  @Field() @Column() lastName: string;
  @Field() @Column({ insert: false, update: false }) fullName: string;
  @Field() @Column() title: string;
  @Field(() => Int) @Column({ type: 'smallint' }) level: number;
  @Field(() => ID, { nullable: true }) @Column({ type: 'uuid', nullable: true }) departmentId: string | null;
  @Field(() => ID, { nullable: true }) @Column({ type: 'uuid', nullable: true }) managerId: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) location: string | null;
  @Field() @Column({ default: 'UTC' }) timeZone: string;
  @Field(() => [String]) @Column('text', { array: true, default: [] }) languages: string[];
  @Field(() => [Role]) @Column('text', { array: true, default: [Role.EMPLOYEE] }) roles: Role[];
  @Field() @Column({ default: true }) active: boolean;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) bio: string | null;
  @Field(() => [String]) @Column('text', { array: true, default: [] }) passions: string[];
  @Field() @Column({ default: false }) openToMentoring: boolean;
  @Field() @Column({ default: false }) seekingMentor: boolean;
  @Field() @Column({ default: false }) openToProjects: boolean;
  @Column({ default: false }) openToOpportunities: boolean;
  @Column('text', { array: true, default: [] }) targetRoles: string[];
  @Column('uuid', { array: true, default: [] }) targetDepartmentIds: string[];
  @Column('text', { array: true, default: [] }) priorities: Priority[];
  @Column({ type: 'text', nullable: true }) prioritiesNote: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) profileReviewedAt: Date | null;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

/** The private part of a profile: visible to the employee themselves and to HR / org admins only. */
@ObjectType()
export class CareerAspirations {
  @Field(() => [String], { description: 'Target roles "two jobs from now"' }) targetRoles: string[];
  @Field(() => [ID]) targetDepartmentIds: string[];
  @Field(() => [Priority], { description: 'Top three priorities, most important first' }) priorities: Priority[];
  @Field(() => String, { nullable: true }) prioritiesNote: string | null;
  @Field() openToOpportunities: boolean;
}
