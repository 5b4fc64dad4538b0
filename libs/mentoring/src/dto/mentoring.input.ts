import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageArgs } from '@waypoint/core';
import { MatchingObjective, MentoringRole, MentorshipStatus, ProposalStatus, RoundStatus } from '../enums';

@InputType({ description: 'Opt in (or update your settings) as a mentor' })
export class MentorProfileInput {
  @Field(() => Int, { description: 'Mentees you take at once, 1 to 5' }) @IsInt() @Min(1) @Max(5) capacity: number;
  @Field(() => [ID], { defaultValue: [], description: 'Skills you offer to mentor on (at most 20)' })
  @ArrayMaxSize(20) @ArrayUnique() @IsUUID('all', { each: true, message: 'each topic must be a skill id' })
  topicSkillIds: string[] = [];
  @Field(() => String, { defaultValue: '', description: 'When you are usually available, e.g. "Tuesday afternoons CET"' })
  @IsString() @MaxLength(300)
  availability: string = '';
}

@InputType({ description: 'Opt in (or update your settings) as a mentee' })
export class MenteeProfileInput {
  @Field(() => String, { defaultValue: '', description: 'What you want from a mentor (shared with the mentors you are proposed to)' })
  @IsString() @MaxLength(1000)
  goals: string = '';
  @Field(() => [ID], { defaultValue: [], description: 'Skills you want to learn (at most 20)' })
  @ArrayMaxSize(20) @ArrayUnique() @IsUUID('all', { each: true, message: 'each skill to learn must be a skill id' })
  learnSkillIds: string[] = [];
}

@InputType({ description: 'Who may take part on one side of a round; omitted filters mean everyone who opted in' })
export class EligibilityInput {
  @Field(() => [ID], { defaultValue: [], description: 'Only these departments (empty: all)' })
  @ArrayMaxSize(100) @ArrayUnique() @IsUUID('all', { each: true, message: 'each department must be a department id' })
  departmentIds: string[] = [];
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(12) minLevel?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(12) maxLevel?: number;
}

@InputType()
export class CreateMentoringRoundInput {
  @Field() @IsString() @MinLength(1) @MaxLength(120) name: string;
  @Field(() => MatchingObjective, { defaultValue: MatchingObjective.SCORE })
  @IsEnum(MatchingObjective)
  objective: MatchingObjective = MatchingObjective.SCORE;
  @Field(() => GraphQLISODateTime, { description: 'In the future: proposals must be answered by then' }) @Type(() => Date) @IsDate() deadline: Date;
  @Field(() => EligibilityInput, { nullable: true, description: 'The mentees: employees seeking a mentor, filtered' })
  @IsOptional() @ValidateNested() @Type(() => EligibilityInput)
  mentees?: EligibilityInput;
  @Field(() => EligibilityInput, { nullable: true, description: 'The mentors: employees open to mentoring, filtered' })
  @IsOptional() @ValidateNested() @Type(() => EligibilityInput)
  mentors?: EligibilityInput;
  @Field(() => Boolean, { defaultValue: false, description: 'Also match mentees who already have an active mentorship' })
  @IsBoolean()
  includeAlreadyMentored: boolean = false;
}

@InputType({ description: 'Changes to a round that is not published yet; omitted fields stay' })
export class UpdateMentoringRoundInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @MinLength(1) @MaxLength(120) name?: string;
  @Field(() => MatchingObjective, { nullable: true }) @IsOptional() @IsEnum(MatchingObjective) objective?: MatchingObjective;
  @Field(() => GraphQLISODateTime, { nullable: true }) @IsOptional() @Type(() => Date) @IsDate() deadline?: Date;
  @Field(() => EligibilityInput, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => EligibilityInput) mentees?: EligibilityInput;
  @Field(() => EligibilityInput, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => EligibilityInput) mentors?: EligibilityInput;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() includeAlreadyMentored?: boolean;
}

@InputType()
export class LogMentoringSessionInput {
  @Field(() => ID) @IsUUID('all', { message: 'mentorshipId must be a mentorship id' }) mentorshipId: string;
  @Field(() => GraphQLISODateTime, { description: 'In the past: a session you held; in the future: one you schedule (both get an invite)' })
  @Type(() => Date) @IsDate()
  startsAt: Date;
  @Field(() => Int, { defaultValue: 45, description: '15 to 240 minutes' }) @IsInt() @Min(15) @Max(240) durationMinutes: number = 45;
  @Field(() => String, { defaultValue: '', description: 'Private to the two of you' }) @IsString() @MaxLength(5000) notes: string = '';
}

@InputType()
export class CompleteMentorshipInput {
  @Field(() => Int, { description: '1 (poor) to 5 (excellent)' }) @IsInt() @Min(1) @Max(5) rating: number;
  @Field({ description: 'What went well, what could be better (HR reads it; the other side does not)' })
  @IsString() @MinLength(1) @MaxLength(2000)
  comment: string;
}

@ArgsType()
export class RoundListArgs extends PageArgs {
  @Field(() => RoundStatus, { nullable: true }) @IsOptional() @IsEnum(RoundStatus) status?: RoundStatus;
}

@ArgsType()
export class ProposalListArgs extends PageArgs {
  @Field(() => ProposalStatus, { nullable: true }) @IsOptional() @IsEnum(ProposalStatus) status?: ProposalStatus;
}

@ArgsType()
export class MyProposalListArgs extends ProposalListArgs {
  @Field(() => MentoringRole, { nullable: true, description: 'Only those where you are the mentee / the mentor' })
  @IsOptional() @IsEnum(MentoringRole)
  role?: MentoringRole;
}

@ArgsType()
export class MyMentorshipListArgs extends PageArgs {
  @Field(() => MentoringRole, { nullable: true }) @IsOptional() @IsEnum(MentoringRole) role?: MentoringRole;
  @Field(() => MentorshipStatus, { nullable: true }) @IsOptional() @IsEnum(MentorshipStatus) status?: MentorshipStatus;
}

@ArgsType()
export class RequestMentorArgs {
  @Field(() => ID) @IsUUID('all', { message: 'mentorId must be an employee id' }) mentorId: string;
  @Field({ description: 'Why this mentor, what you hope to learn' }) @IsString() @MinLength(1) @MaxLength(1000) message: string;
}

@ArgsType()
export class DeclineProposalArgs {
  @Field(() => ID) @IsUUID('all', { message: 'id must be a proposal id' }) id: string;
  @Field(() => String, { nullable: true, description: 'Optional, kept for HR' }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}

@ArgsType()
export class SetCadenceArgs {
  @Field(() => ID) @IsUUID('all', { message: 'id must be a mentorship id' }) id: string;
  @Field(() => Int, { description: '7 to 90 days' }) @IsInt() @Min(7) @Max(90) cadenceDays: number;
}
