import { Args, Context, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { byKeys, Caller, Connection, CurrentUser, GraphQLContext, PageArgs, uuidPipe } from '@waypoint/core';
import { Department, DepartmentService, Employee, PeopleService } from '@waypoint/people';
import {
  ChooseMeetingSlotArgs,
  MeetingReasonArgs,
  MyResearchMeetingsArgs,
  ProposeMeetingSlotsInput,
  RecordMeetingNotesInput,
  RequestResearchMeetingInput,
  UpdateMeetingSettingsInput,
} from './dto/meeting.input';
import { icsPath, meetingIcs } from './meeting-ics';
import { MeetingSettings, PersonToMeet, RequestResearchMeetingOutcome, RequestResearchMeetingResult } from './meeting.model';
import { MeetingsService } from './meetings.service';
import { ResearchMeeting } from './research-meeting.entity';
import { SuggestionsService } from './suggestions.service';

@ObjectType()
export class ResearchMeetingConnection extends Connection(ResearchMeeting) {}

@ObjectType()
export class PersonToMeetConnection extends Connection(PersonToMeet) {}

function employeeLoader(ctx: GraphQLContext, people: PeopleService, caller: Caller) {
  return ctx.loaders.get<string, Employee | null>('employeeById', async (ids) => byKeys(ids, await people.byIds(caller, ids), (e) => e.id));
}

@Resolver(() => ResearchMeeting)
export class ResearchMeetingResolver {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly people: PeopleService,
    private readonly departments: DepartmentService,
  ) {}

  @Query(() => ResearchMeeting, { description: 'A research meeting you take part in' })
  researchMeeting(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<ResearchMeeting> {
    return this.meetings.get(caller, id);
  }

  @Query(() => ResearchMeetingConnection, { description: 'Research meetings you asked for or were asked for, newest request first' })
  myResearchMeetings(@CurrentUser() caller: Caller, @Args() args: MyResearchMeetingsArgs) {
    return this.meetings.mine(caller, args);
  }

  @Query(() => ResearchMeetingConnection, { description: 'As a host: requests waiting beyond your monthly capacity, first come first' })
  myMeetingQueue(@CurrentUser() caller: Caller, @Args() page: PageArgs) {
    return this.meetings.queue(caller, page);
  }

  @Query(() => MeetingSettings)
  myMeetingSettings(@CurrentUser() caller: Caller): Promise<MeetingSettings> {
    return this.meetings.settings(caller);
  }

  @Mutation(() => RequestResearchMeetingResult, {
    description: 'Ask a person, or the leader of a business unit, for a 30-minute research meeting. Beyond their monthly capacity the request is QUEUED.',
  })
  requestResearchMeeting(@CurrentUser() caller: Caller, @Args('input') input: RequestResearchMeetingInput): Promise<RequestResearchMeetingOutcome> {
    return this.meetings.request(caller, input);
  }

  @Mutation(() => ResearchMeeting, { description: 'As the invitee: accept by proposing one to three times (again to replace them)' })
  proposeMeetingSlots(@CurrentUser() caller: Caller, @Args('input') input: ProposeMeetingSlotsInput): Promise<ResearchMeeting> {
    return this.meetings.proposeSlots(caller, input);
  }

  @Mutation(() => ResearchMeeting, { description: 'As the requester: pick one of the proposed times; both of you get a calendar invite' })
  chooseMeetingSlot(@CurrentUser() caller: Caller, @Args() args: ChooseMeetingSlotArgs): Promise<ResearchMeeting> {
    return this.meetings.chooseSlot(caller, args.id, args.startsAt);
  }

  @Mutation(() => ResearchMeeting, { description: 'As the invitee: decline a request' })
  declineResearchMeeting(@CurrentUser() caller: Caller, @Args() args: MeetingReasonArgs): Promise<ResearchMeeting> {
    return this.meetings.decline(caller, args.id, args.reason);
  }

  @Mutation(() => ResearchMeeting, { description: 'Withdraw your request, or cancel a scheduled meeting before it starts' })
  cancelResearchMeeting(@CurrentUser() caller: Caller, @Args() args: MeetingReasonArgs): Promise<ResearchMeeting> {
    return this.meetings.cancel(caller, args.id, args.reason);
  }

  @Mutation(() => ResearchMeeting, { description: 'As the requester, after the meeting: record your notes and follow-ups' })
  recordMeetingNotes(@CurrentUser() caller: Caller, @Args('input') input: RecordMeetingNotesInput): Promise<ResearchMeeting> {
    return this.meetings.recordNotes(caller, input);
  }

  @Mutation(() => MeetingSettings, { description: 'Your monthly capacity and opt-out as a research meeting host' })
  updateMyMeetingSettings(@CurrentUser() caller: Caller, @Args('input') input: UpdateMeetingSettingsInput): Promise<MeetingSettings> {
    return this.meetings.updateSettings(caller, input);
  }

  @ResolveField(() => Employee)
  requester(@Parent() m: ResearchMeeting, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return employeeLoader(ctx, this.people, caller).load(m.requesterId);
  }

  @ResolveField(() => Employee)
  invitee(@Parent() m: ResearchMeeting, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return employeeLoader(ctx, this.people, caller).load(m.inviteeId);
  }

  @ResolveField(() => Department, { nullable: true })
  businessUnit(@Parent() m: ResearchMeeting, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    if (!m.businessUnitId) return null;
    return ctx.loaders
      .get<string, Department | null>('departmentById', async (ids) => byKeys(ids, await this.departments.byIds(caller, ids), (d) => d.id))
      .load(m.businessUnitId);
  }

  @ResolveField(() => String, { nullable: true, description: 'The host month (YYYY-MM) this request counts against; null while queued' })
  capacityMonth(@Parent() m: ResearchMeeting): string | null {
    return m.capacityMonth ? m.capacityMonth.slice(0, 7) : null;
  }

  @ResolveField(() => Int, { nullable: true, description: 'While QUEUED: place in the host queue (1 = next)' })
  queuePosition(@Parent() m: ResearchMeeting, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    if (m.status !== 'QUEUED') return null;
    return ctx.loaders.get<string, number | null>('meetingQueuePosition', (ids) => this.meetings.queuePositions(caller, ids)).load(m.id);
  }

  @ResolveField(() => String, { nullable: true, description: 'Private to the requester (null for the invitee)' })
  notes(@Parent() m: ResearchMeeting, @CurrentUser() caller: Caller): string | null {
    return m.requesterId === caller.employeeId ? m.notes : null;
  }

  @ResolveField(() => [String], { description: 'Private to the requester (empty for the invitee)' })
  followUps(@Parent() m: ResearchMeeting, @CurrentUser() caller: Caller): string[] {
    return m.requesterId === caller.employeeId ? m.followUps : [];
  }

  @ResolveField(() => String, { nullable: true, description: 'Path of the iCalendar file (GET with your bearer token); null until a time is agreed' })
  icsUrl(@Parent() m: ResearchMeeting): string | null {
    return m.startsAt ? icsPath(m.id) : null;
  }

  @ResolveField(() => String, { nullable: true, description: 'The iCalendar invite (text/calendar); null until a time is agreed' })
  async ics(@Parent() m: ResearchMeeting, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext): Promise<string | null> {
    if (!m.startsAt) return null;
    const [requester, invitee] = await Promise.all([
      employeeLoader(ctx, this.people, caller).load(m.requesterId),
      employeeLoader(ctx, this.people, caller).load(m.inviteeId),
    ]);
    if (!requester || !invitee) return null;
    const unit = m.businessUnitId ? await this.businessUnit(m, caller, ctx) : null;
    return meetingIcs(m, requester, invitee, unit?.name);
  }
}

@Resolver(() => PersonToMeet)
export class PersonToMeetResolver {
  constructor(
    private readonly suggestions: SuggestionsService,
    private readonly people: PeopleService,
  ) {}

  @Query(() => PersonToMeetConnection, {
    description: 'People worth a research meeting towards your target roles and departments, best first, each explained',
  })
  peopleToMeet(@CurrentUser() caller: Caller, @Args() page: PageArgs) {
    return this.suggestions.peopleToMeet(caller, page);
  }

  @ResolveField(() => Employee)
  employee(@Parent() p: PersonToMeet, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return employeeLoader(ctx, this.people, caller).load(p.employeeId);
  }
}
