import { createUnionType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ResearchMeeting } from './research-meeting.entity';

@ObjectType({ description: 'You already have an open request with this person' })
export class MeetingAlreadyRequestedError {
  @Field() message: string;
  @Field(() => ID) existingMeetingId: string;
}

@ObjectType({ description: 'This person does not take research meeting requests at the moment' })
export class HostNotAcceptingMeetingsError {
  @Field() message: string;
  @Field(() => ID) inviteeId: string;
}

export const RequestResearchMeetingResult = createUnionType({
  name: 'RequestResearchMeetingResult',
  types: () => [ResearchMeeting, MeetingAlreadyRequestedError, HostNotAcceptingMeetingsError] as const,
  resolveType: (value: object) =>
    value instanceof MeetingAlreadyRequestedError
      ? MeetingAlreadyRequestedError
      : value instanceof HostNotAcceptingMeetingsError
        ? HostNotAcceptingMeetingsError
        : ResearchMeeting,
});
export type RequestResearchMeetingOutcome = ResearchMeeting | MeetingAlreadyRequestedError | HostNotAcceptingMeetingsError;

@ObjectType({ description: 'Your settings as a research meeting host' })
export class MeetingSettings {
  @Field(() => Int, { nullable: true, description: 'Research meetings you take per month; null: no limit' }) monthlyCapacity: number | null;
  @Field({ description: 'false: you opted out of research meetings' }) acceptingRequests: boolean;
  @Field({ description: 'The current month in your time zone (YYYY-MM)' }) month: string;
  @Field(() => Int, { description: 'Requests counted against this month' }) usedThisMonth: number;
  @Field(() => Int, { description: 'Requests waiting in your queue' }) queueLength: number;
}

@ObjectType({ description: 'Someone worth meeting, and why' })
export class PersonToMeet {
  @Field(() => ID) employeeId: string;
  @Field(() => Int, { description: 'Higher is a better match' }) score: number;
  @Field(() => [String], { description: 'Why this person, strongest reason first' }) reasons: string[];
  @Field({ description: 'The reasons in one sentence' }) explanation: string;
  @Field(() => Int, { nullable: true, description: 'Requests they can still take this month; null: no limit' }) freeThisMonth: number | null;
}
