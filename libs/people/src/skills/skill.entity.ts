import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export enum SkillStatus {
  APPROVED = 'APPROVED',
  PROPOSED = 'PROPOSED',
}
registerEnumType(SkillStatus, { name: 'SkillStatus', description: 'PROPOSED skills were suggested by an employee and await HR review' });

@ObjectType()
@Entity('skill')
export class Skill {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Field() @Column() name: string;
  @Column() normalizedName: string;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) category: string | null;
  @Field(() => SkillStatus) @Column({ type: 'text', default: SkillStatus.APPROVED }) status: SkillStatus;
  @Column({ type: 'uuid', nullable: true }) proposedById: string | null;
}

@Entity('skill_alias')
export class SkillAlias {
  @PrimaryColumn('uuid') organizationId: string;
  @PrimaryColumn() normalizedAlias: string;
  @Column('uuid') skillId: string;
}

@ObjectType()
@Entity('employee_skill')
export class EmployeeSkill {
  @PrimaryColumn('uuid') employeeId: string;
  @Field(() => ID) @PrimaryColumn('uuid') skillId: string;
  @Column('uuid') organizationId: string;
  @Field(() => Int, { description: '1 (novice) to 5 (expert)' }) @Column({ type: 'smallint' }) proficiency: number;
  @Field() @Column({ default: false }) wantsToLearn: boolean;
  @Field() @Column({ default: false }) wantsToTeach: boolean;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}
