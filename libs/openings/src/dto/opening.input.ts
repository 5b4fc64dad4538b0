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
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MAX_DESCRIPTION_LENGTH } from '../markdown';
import { RemotePolicy } from '../opening.entity';
import { OpeningCloseReason, OpeningStatus } from '../pipeline';

@InputType()
export class RequiredSkillInput {
  @Field(() => ID) @IsUUID('all', { message: 'skillId must be a skill id' }) skillId: string;
  @Field(() => Int, { description: 'Minimum proficiency, 1 (novice) to 5 (expert)' }) @IsInt() @Min(1) @Max(5) minProficiency: number;
  @Field(() => Int, { defaultValue: 1, description: 'Weight in the match score, 1 to 10' }) @IsInt() @Min(1) @Max(10) weight: number = 1;
}

@InputType()
export class OpeningVisibilityInput {
  @Field(() => Boolean, { defaultValue: true, description: 'Everyone in the organization; when false, at least one list must be given' })
  @IsBoolean()
  everyone: boolean = true;

  @Field(() => [ID], { defaultValue: [], description: 'Departments (and everything below them)' })
  @ArrayMaxSize(50) @ArrayUnique() @IsUUID('all', { each: true, message: 'each department id must be an id (UUID)' })
  departmentIds: string[] = [];

  @Field(() => [Int], { defaultValue: [] })
  @ArrayMaxSize(12) @ArrayUnique() @IsInt({ each: true }) @Min(1, { each: true }) @Max(12, { each: true })
  levels: number[] = [];

  @Field(() => [String], { defaultValue: [], description: 'Employee locations, compared without case' })
  @ArrayMaxSize(50) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(120, { each: true })
  locations: string[] = [];
}

@InputType()
export class CreateOpeningInput {
  @Field() @IsString() @MinLength(3) @MaxLength(150) title: string;
  @Field(() => ID) @IsUUID('all', { message: 'departmentId must be a department id' }) departmentId: string;
  @Field(() => ID) @IsUUID('all', { message: 'hiringManagerId must be an employee id' }) hiringManagerId: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(12) level: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(120) location?: string;
  @Field(() => RemotePolicy, { defaultValue: RemotePolicy.ONSITE }) @IsEnum(RemotePolicy) remotePolicy: RemotePolicy = RemotePolicy.ONSITE;
  @Field(() => Int, { defaultValue: 1 }) @IsInt() @Min(1) @Max(100) positions: number = 1;

  @Field(() => [RequiredSkillInput], { defaultValue: [] })
  @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => RequiredSkillInput)
  requiredSkills: RequiredSkillInput[] = [];

  @Field(() => [ID], { defaultValue: [] })
  @ArrayMaxSize(20) @ArrayUnique() @IsUUID('all', { each: true, message: 'each nice-to-have skill must be a skill id' })
  niceToHaveSkillIds: string[] = [];

  @Field(() => String, { defaultValue: '', description: `Markdown, at most ${MAX_DESCRIPTION_LENGTH} characters` })
  @IsString() @MaxLength(MAX_DESCRIPTION_LENGTH)
  description: string = '';

  @Field(() => GraphQLISODateTime, { nullable: true }) @IsOptional() @Type(() => Date) @IsDate() closesAt?: Date;

  @Field(() => OpeningVisibilityInput, { nullable: true, description: 'Default: everyone' })
  @IsOptional() @ValidateNested() @Type(() => OpeningVisibilityInput)
  visibility?: OpeningVisibilityInput;
}

/** Omitted fields stay as they are; `closesAt: null` and `location: null` clear them. Lists replace. */
@InputType()
export class UpdateOpeningInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @MinLength(3) @MaxLength(150) title?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'departmentId must be a department id' }) departmentId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'hiringManagerId must be an employee id' }) hiringManagerId?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(12) level?: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(120) location?: string | null;
  @Field(() => RemotePolicy, { nullable: true }) @IsOptional() @IsEnum(RemotePolicy) remotePolicy?: RemotePolicy;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(100) positions?: number;

  @Field(() => [RequiredSkillInput], { nullable: true })
  @IsOptional() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => RequiredSkillInput)
  requiredSkills?: RequiredSkillInput[];

  @Field(() => [ID], { nullable: true })
  @IsOptional() @ArrayMaxSize(20) @ArrayUnique() @IsUUID('all', { each: true, message: 'each nice-to-have skill must be a skill id' })
  niceToHaveSkillIds?: string[];

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(MAX_DESCRIPTION_LENGTH) description?: string;
  @Field(() => GraphQLISODateTime, { nullable: true }) @IsOptional() @Type(() => Date) @IsDate() closesAt?: Date | null;

  @Field(() => OpeningVisibilityInput, { nullable: true })
  @IsOptional() @ValidateNested() @Type(() => OpeningVisibilityInput)
  visibility?: OpeningVisibilityInput;

  @Field(() => Int, { nullable: true, description: 'The version you edited; a newer one is a CONFLICT' })
  @IsOptional() @IsInt() @Min(1)
  expectedVersion?: number;
}

@InputType()
export class OpeningSearchFilter {
  @Field(() => String, { nullable: true, description: 'Words matched against title, skills, department, location and description (prefixes too)' })
  @IsOptional() @IsString() @MaxLength(200)
  search?: string;
  @Field(() => ID, { nullable: true, description: 'This department or any below it' }) @IsOptional() @IsUUID() departmentId?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(12) minLevel?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(12) maxLevel?: number;
  @Field(() => String, { nullable: true, description: 'Opening location, compared without case' }) @IsOptional() @IsString() @MaxLength(120) location?: string;
  @Field(() => Boolean, { nullable: true, description: 'true: fully remote openings only; false: not fully remote' }) @IsOptional() @IsBoolean() remote?: boolean;
  @Field(() => ID, { nullable: true, description: 'Openings that require or would like this skill' }) @IsOptional() @IsUUID() skillId?: string;
}

@ArgsType()
export class OpeningSearchArgs extends PageArgs {
  @Field(() => OpeningSearchFilter, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => OpeningSearchFilter) filter?: OpeningSearchFilter;
}

@InputType()
export class HiringOpeningsFilter {
  @Field(() => [OpeningStatus], { nullable: true }) @IsOptional() @ArrayMaxSize(4) @IsEnum(OpeningStatus, { each: true }) statuses?: OpeningStatus[];
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() departmentId?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) search?: string;
}

@ArgsType()
export class HiringOpeningsArgs extends PageArgs {
  @Field(() => HiringOpeningsFilter, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => HiringOpeningsFilter) filter?: HiringOpeningsFilter;
}

@ArgsType()
export class CloseOpeningArgs {
  @Field(() => ID) @IsUUID('all', { message: 'id must be an id (UUID)' }) id: string;
  @Field(() => OpeningCloseReason, { description: 'FILLED or CANCELLED (EXPIRED is for the expiry job)' }) @IsEnum(OpeningCloseReason) reason: OpeningCloseReason;
  @Field(() => String, {
    nullable: true,
    description: 'When given, every live application is rejected with this feedback; otherwise they stay in the pipeline',
  })
  @IsOptional() @IsString() @MinLength(10) @MaxLength(4000)
  rejectLiveApplicationsWithFeedback?: string;
}

@ArgsType()
export class ReopenOpeningArgs {
  @Field(() => ID) @IsUUID('all', { message: 'id must be an id (UUID)' }) id: string;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'A new closing date (required when the current one has passed)' })
  @IsOptional() @Type(() => Date) @IsDate()
  closesAt?: Date;
}
