import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int } from '@nestjs/graphql';
import { PageArgs } from '@waypoint/core';
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
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { InterviewKind } from '../interview.entity';
import { DEFAULT_POLICY, POLICY_LIMITS } from '../policy';
import { ApplicationStatus, DisclosureStage } from '../pipeline';

@ArgsType()
export class ApplyArgs {
  @Field(() => ID) @IsUUID('all', { message: 'openingId must be an opening id' }) openingId: string;
  @Field(() => String, { defaultValue: '', description: 'Why you, for the hiring side' }) @IsString() @MaxLength(4000) note: string = '';
  @Field(() => DisclosureStage, { nullable: true, description: 'When your manager chain may see it; default: the organization policy' })
  @IsOptional() @IsEnum(DisclosureStage)
  discloseAtStage?: DisclosureStage;
}

@InputType()
export class RejectionFeedbackInput {
  @Field({ description: 'For the applicant: why not them' }) @IsString() @MinLength(10) @MaxLength(4000) message: string;
  @Field(() => [ID], { defaultValue: [], description: 'Skills that were missing' })
  @ArrayMaxSize(20) @ArrayUnique() @IsUUID('all', { each: true, message: 'each missing skill must be a skill id' })
  missingSkillIds: string[] = [];
}

@InputType()
export class MoveApplicationInput {
  @Field(() => ID) @IsUUID('all', { message: 'applicationId must be an application id' }) applicationId: string;
  @Field(() => ApplicationStatus) @IsEnum(ApplicationStatus) to: ApplicationStatus;
  @Field(() => Int, { description: 'The version you saw; if it changed meanwhile, the move is a CONFLICT' }) @IsInt() @Min(1) expectedVersion: number;
  @Field(() => String, { defaultValue: '', description: 'Internal note for the hiring side' }) @IsString() @MaxLength(4000) note: string = '';
  @Field(() => RejectionFeedbackInput, { nullable: true, description: 'Required to reject' })
  @IsOptional() @ValidateNested() @Type(() => RejectionFeedbackInput)
  feedback?: RejectionFeedbackInput;
}

@ArgsType()
export class WithdrawArgs {
  @Field(() => ID) @IsUUID('all', { message: 'id must be an application id' }) id: string;
  @Field(() => String, { defaultValue: '' }) @IsString() @MaxLength(2000) note: string = '';
}

@ArgsType()
export class DisclosureArgs {
  @Field(() => ID) @IsUUID('all', { message: 'id must be an application id' }) id: string;
  @Field(() => DisclosureStage) @IsEnum(DisclosureStage) stage: DisclosureStage;
}

@ArgsType()
export class MyApplicationsArgs extends PageArgs {
  @Field(() => [ApplicationStatus], { nullable: true }) @IsOptional() @ArrayMaxSize(7) @IsEnum(ApplicationStatus, { each: true }) statuses?: ApplicationStatus[];
}

@ArgsType()
export class OpeningApplicationsArgs extends PageArgs {
  @Field(() => ID) @IsUUID('all', { message: 'openingId must be an opening id' }) openingId: string;
  @Field(() => [ApplicationStatus], { nullable: true }) @IsOptional() @ArrayMaxSize(7) @IsEnum(ApplicationStatus, { each: true }) statuses?: ApplicationStatus[];
}

@ArgsType()
export class AgreeReleaseArgs {
  @Field(() => ID) @IsUUID('all', { message: 'id must be a release agreement id' }) id: string;
  @Field({ description: 'The last day in the current team, YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'releaseDate must be a date like 2025-01-31' })
  releaseDate: string;
}

@InputType()
export class LogInterviewInput {
  @Field(() => InterviewKind, { description: 'EXTERNAL or PRACTICE (internal ones are logged automatically)' }) @IsEnum(InterviewKind) kind: InterviewKind;
  @Field(() => String, { defaultValue: '' }) @IsString() @MaxLength(200) company: string = '';
  @Field(() => String, { defaultValue: '' }) @IsString() @MaxLength(200) roleTitle: string = '';
  @Field(() => GraphQLISODateTime) @Type(() => Date) @IsDate() occurredAt: Date;
  @Field(() => String, { defaultValue: '' }) @IsString() @MaxLength(4000) wentWell: string = '';
  @Field(() => String, { defaultValue: '' }) @IsString() @MaxLength(4000) toImprove: string = '';
  @Field(() => Boolean, { defaultValue: false }) @IsBoolean() sharedWithManager: boolean = false;
}

@InputType()
export class UpdateInterviewInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) company?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) roleTitle?: string;
  @Field(() => GraphQLISODateTime, { nullable: true }) @IsOptional() @Type(() => Date) @IsDate() occurredAt?: Date;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(4000) wentWell?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(4000) toImprove?: string;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() sharedWithManager?: boolean;
}

@InputType()
export class OpeningsPolicyInput {
  @Field(() => DisclosureStage, { nullable: true, description: `Default ${DEFAULT_POLICY.disclosureStage}` })
  @IsOptional() @IsEnum(DisclosureStage)
  disclosureStage?: DisclosureStage;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(POLICY_LIMITS.releaseDeadlineDays[0]) @Max(POLICY_LIMITS.releaseDeadlineDays[1])
  releaseDeadlineDays?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(POLICY_LIMITS.releaseReminderDaysBefore[0]) @Max(POLICY_LIMITS.releaseReminderDaysBefore[1])
  releaseReminderDaysBefore?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(POLICY_LIMITS.releaseMaxNoticeDays[0]) @Max(POLICY_LIMITS.releaseMaxNoticeDays[1])
  releaseMaxNoticeDays?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(POLICY_LIMITS.recommendationThreshold[0]) @Max(POLICY_LIMITS.recommendationThreshold[1])
  recommendationThreshold?: number;
}

@ArgsType()
export class UpdatePolicyArgs {
  @Field(() => OpeningsPolicyInput) @ValidateNested() @Type(() => OpeningsPolicyInput) input: OpeningsPolicyInput;
}
