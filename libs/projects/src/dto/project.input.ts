import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { PageArgs } from '@waypoint/core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ProjectStatus } from '../project.entity';

export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

@InputType()
export class NeededSkillInput {
  @Field(() => ID) @IsUUID('all', { message: 'skillId must be a skill id' }) skillId: string;
  @Field(() => Int, { defaultValue: 1, description: '1 (novice) to 5 (expert)' }) @IsInt() @Min(1) @Max(5) minProficiency: number = 1;
}

@InputType()
export class CreateProjectInput {
  @Field() @IsString() @MinLength(3) @MaxLength(120) title: string;
  @Field({ description: 'What the project is for and what participants will do' }) @IsString() @MinLength(10) @MaxLength(4000) goal: string;
  @Field(() => Int, { description: 'Time each participant gives per week; capped by the organization policy' })
  @IsInt() @Min(1) @Max(40)
  hoursPerWeek: number;
  @Field(() => Int) @IsInt() @Min(1) @Max(104) durationWeeks: number;
  @Field(() => Int) @IsInt() @Min(1) @Max(100) seats: number;
  @Field({ description: 'ISO date (YYYY-MM-DD), today or later' }) @Matches(ISO_DATE, { message: 'startDate must be a date YYYY-MM-DD' }) startDate: string;
  @Field(() => [ID], { defaultValue: [], description: 'Departments involved' })
  @ArrayMaxSize(20) @ArrayUnique() @IsUUID('all', { each: true, message: 'each department id must be an id (UUID)' })
  departmentIds: string[] = [];
  @Field(() => [NeededSkillInput], { description: 'At least one skill; announcements go to people who have or want to learn them' })
  @ArrayMinSize(1) @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => NeededSkillInput)
  neededSkills: NeededSkillInput[];
}

/** Edits of a draft. Omitted fields stay. */
@InputType()
export class UpdateProjectInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @MinLength(3) @MaxLength(120) title?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MinLength(10) @MaxLength(4000) goal?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(40) hoursPerWeek?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(104) durationWeeks?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(100) seats?: number;
  @Field({ nullable: true }) @IsOptional() @Matches(ISO_DATE, { message: 'startDate must be a date YYYY-MM-DD' }) startDate?: string;
  @Field(() => [ID], { nullable: true })
  @IsOptional() @ArrayMaxSize(20) @ArrayUnique() @IsUUID('all', { each: true, message: 'each department id must be an id (UUID)' })
  departmentIds?: string[];
  @Field(() => [NeededSkillInput], { nullable: true })
  @IsOptional() @ArrayMinSize(1) @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => NeededSkillInput)
  neededSkills?: NeededSkillInput[];
}

@ArgsType()
export class ProjectsArgs extends PageArgs {
  @Field(() => ProjectStatus, { nullable: true, description: 'Default: OPEN' }) @IsOptional() @IsEnum(ProjectStatus) status?: ProjectStatus;
  @Field(() => Boolean, { defaultValue: false, description: 'Only projects you own (drafts included)' }) @IsBoolean() mine: boolean = false;
  @Field(() => ID, { nullable: true, description: 'Only projects that need this skill' }) @IsOptional() @IsUUID('all', { message: 'skillId must be an id (UUID)' }) skillId?: string;
}

@ArgsType()
export class ParticipantsArgs extends PageArgs {
  @Field(() => ID) @IsUUID('all', { message: 'projectId must be an id (UUID)' }) projectId: string;
}

@ArgsType()
export class RequestToJoinArgs {
  @Field(() => ID) @IsUUID('all', { message: 'projectId must be an id (UUID)' }) projectId: string;
  @Field({ description: 'Why you want to join and what you bring' }) @IsString() @MinLength(1) @MaxLength(1000) motivation: string;
}

@ArgsType()
export class DecisionArgs {
  @Field(() => ID) @IsUUID('all', { message: 'participantId must be an id (UUID)' }) participantId: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

@ArgsType()
export class SetProjectPolicyArgs {
  @Field(() => Int, { description: "Cap on one person's total project time, hours per week" }) @IsInt() @Min(1) @Max(40) maxHoursPerWeek: number;
  @Field(() => Int, { description: 'Above this total, the manager must approve' }) @IsInt() @Min(0) @Max(40) approvalThresholdHours: number;
}

@InputType()
export class EndorsementInput {
  @Field(() => ID) @IsUUID('all', { message: 'employeeId must be an id (UUID)' }) employeeId: string;
  @Field(() => ID) @IsUUID('all', { message: 'skillId must be an id (UUID)' }) skillId: string;
  @Field(() => Int, { description: 'Proficiency you observed, 1 to 5' }) @IsInt() @Min(1) @Max(5) proficiency: number;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}

@ArgsType()
export class CompleteProjectArgs {
  @Field(() => ID) @IsUUID('all', { message: 'projectId must be an id (UUID)' }) projectId: string;
  @Field(() => [EndorsementInput], { defaultValue: [], description: 'Skills each active participant used, as evidence on their profile' })
  @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => EndorsementInput)
  endorsements: EndorsementInput[] = [];
}
