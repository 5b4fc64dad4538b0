import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { PageArgs } from '@waypoint/core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
} from 'class-validator';
import { MeetingStatus } from '../research-meeting.entity';

@InputType({ description: 'Ask someone for a 30-minute research meeting: give exactly one of inviteeId and businessUnitId' })
export class RequestResearchMeetingInput {
  @Field(() => ID, { nullable: true, description: 'The person to meet' })
  @IsOptional() @IsUUID('all', { message: 'inviteeId must be an employee id' })
  inviteeId?: string;

  @Field(() => ID, { nullable: true, description: 'A business unit: the request goes to its leader' })
  @IsOptional() @IsUUID('all', { message: 'businessUnitId must be a department id' })
  businessUnitId?: string;

  @Field({ description: 'Why you would like to meet (1 to 1000 characters)' })
  @IsString() @MinLength(1) @MaxLength(1000)
  purpose: string;

  @Field(() => [String], { defaultValue: [], description: 'Up to 10 questions you would like to ask' })
  @ArrayMaxSize(10) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(500, { each: true })
  questions: string[] = [];
}

@InputType()
export class ProposeMeetingSlotsInput {
  @Field(() => ID) @IsUUID('all', { message: 'meetingId must be a meeting id' }) meetingId: string;

  @Field(() => [GraphQLISODateTime], { description: 'One to three start times in the future (each meeting lasts 30 minutes)' })
  @ArrayMinSize(1) @ArrayMaxSize(3) @Type(() => Date) @IsDate({ each: true, message: 'each slot must be a date-time' })
  slots: Date[];
}

@InputType()
export class RecordMeetingNotesInput {
  @Field(() => ID) @IsUUID('all', { message: 'meetingId must be a meeting id' }) meetingId: string;

  @Field({ description: 'What you learned (up to 10000 characters)' }) @IsString() @MaxLength(10000) notes: string;

  @Field(() => [String], { defaultValue: [], description: 'Up to 20 follow-ups' })
  @ArrayMaxSize(20) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(500, { each: true })
  followUps: string[] = [];
}

@InputType()
export class UpdateMeetingSettingsInput {
  @Field(() => Int, { nullable: true, description: 'Research meetings you take per month, 0 to 100; null removes the limit; omit to keep' })
  @IsOptional() @IsInt() @Min(0) @Max(100)
  monthlyCapacity?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'false: opt out (no new requests, not suggested to anyone)' })
  @IsOptional() @IsBoolean()
  acceptingRequests?: boolean;
}

export enum MeetingRole {
  ANY = 'ANY',
  REQUESTER = 'REQUESTER',
  INVITEE = 'INVITEE',
}
registerEnumType(MeetingRole, { name: 'ResearchMeetingRole' });

@ArgsType()
export class MyResearchMeetingsArgs extends PageArgs {
  @Field(() => MeetingRole, { defaultValue: MeetingRole.ANY, description: 'Meetings you asked for, were asked for, or both' })
  @IsEnum(MeetingRole)
  as: MeetingRole = MeetingRole.ANY;

  @Field(() => [MeetingStatus], { nullable: true }) @IsOptional() @ArrayMaxSize(7) @IsEnum(MeetingStatus, { each: true }) status?: MeetingStatus[];
}

@ArgsType()
export class MeetingReasonArgs {
  @Field(() => ID) @IsUUID('all', { message: 'id must be a meeting id' }) id: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}

@ArgsType()
export class ChooseMeetingSlotArgs {
  @Field(() => ID) @IsUUID('all', { message: 'id must be a meeting id' }) id: string;
  @Field(() => GraphQLISODateTime, { description: 'One of the proposed start times' })
  @Type(() => Date) @IsDate({ message: 'startsAt must be a date-time' })
  startsAt: Date;
}
