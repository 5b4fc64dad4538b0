import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int } from '@nestjs/graphql';
import { PageArgs } from '@waypoint/core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDate,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

@InputType()
export class CreateCommitteeInput {
  @Field() @IsString() @MinLength(2) @MaxLength(120) name: string;
  @Field() @IsString() @MinLength(10) @MaxLength(4000) mission: string;
  @Field(() => [String], { description: 'Passions this committee speaks to (matched case-insensitively)' })
  @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(40, { each: true })
  passionTags: string[];
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'chairId must be an id (UUID)' }) chairId?: string;
  @Field(() => Int, { description: 'Member seats, 1 to 100' }) @IsInt() @Min(1) @Max(100) seats: number;
  @Field(() => Int, { description: 'Term length in months, 1 to 60' }) @IsInt() @Min(1) @Max(60) termMonths: number;
}

@InputType()
export class UpdateCommitteeInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @MinLength(2) @MaxLength(120) name?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MinLength(10) @MaxLength(4000) mission?: string;
  @Field(() => [String], { nullable: true })
  @IsOptional() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(40, { each: true })
  passionTags?: string[];
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'chairId must be an id (UUID)' }) chairId?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(100) seats?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(60) termMonths?: number;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() active?: boolean;
}

@InputType()
export class OpenSeatsInput {
  @Field(() => ID) @IsUUID('all', { message: 'committeeId must be an id (UUID)' }) committeeId: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(100) seats: number;
  @Field(() => GraphQLISODateTime, { description: 'Applications close at this time (in the future)' }) @Type(() => Date) @IsDate() deadline: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the terms start; default: on selection' })
  @IsOptional() @Type(() => Date) @IsDate()
  termStartsAt?: Date;
}

@ArgsType()
export class CommitteesArgs extends PageArgs {
  @Field(() => Boolean, { defaultValue: false, description: 'HR: include inactive committees' }) @IsBoolean() includeInactive: boolean = false;
}

@ArgsType()
export class OpeningsArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'committeeId must be an id (UUID)' }) committeeId?: string;
  @Field(() => Boolean, { defaultValue: true, description: 'Only openings still taking applications' }) @IsBoolean() openOnly: boolean = true;
}

@ArgsType()
export class CommitteeIdPageArgs extends PageArgs {
  @Field(() => ID) @IsUUID('all', { message: 'committeeId must be an id (UUID)' }) committeeId: string;
}

@ArgsType()
export class OpeningIdPageArgs extends PageArgs {
  @Field(() => ID) @IsUUID('all', { message: 'openingId must be an id (UUID)' }) openingId: string;
}

@ArgsType()
export class ApplyToCommitteeArgs {
  @Field(() => ID) @IsUUID('all', { message: 'openingId must be an id (UUID)' }) openingId: string;
  @Field({ description: 'A short motivation (up to 1000 characters)' }) @IsString() @MinLength(1) @MaxLength(1000) motivation: string;
}

@ArgsType()
export class RejectApplicationArgs {
  @Field(() => ID) @IsUUID('all', { message: 'applicationId must be an id (UUID)' }) applicationId: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(1000) feedback?: string;
}
