import { Args, Context, GraphQLISODateTime, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { byKeys, Caller, Clock, CurrentUser, GraphQLContext, isHr, PageArgs, uuidPipe } from '@waypoint/core';
import { Employee, PeopleService } from '@waypoint/people';
import { CompleteMentorshipInput, LogMentoringSessionInput, MyMentorshipListArgs, SetCadenceArgs } from './dto/mentoring.input';
import { MentoringRole, MentorshipStatus, SessionStatus } from './enums';
import { employeeLoader } from './loaders';
import { MentoringSessionConnection, MentorshipConnection } from './models';
import { MentoringSession, Mentorship, MentorshipFeedback } from './mentorship.entity';
import { MentorshipService, SessionStats } from './mentorship.service';
import { sessionEnd, sessionIcs } from './session-ics';

const DAY_MS = 24 * 3600 * 1000;

@Resolver(() => Mentorship)
export class MentorshipResolver {
  constructor(
    private readonly mentorships: MentorshipService,
    private readonly people: PeopleService,
  ) {}

  @Query(() => MentorshipConnection, { description: 'Your mentorships, as mentee and as mentor, latest first' })
  myMentorships(@CurrentUser() caller: Caller, @Args() args: MyMentorshipListArgs) {
    return this.mentorships.mine(caller, args);
  }

  @Query(() => Mentorship, { description: 'A mentorship: its two members and HR' })
  mentorship(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<Mentorship> {
    return this.mentorships.get(caller, id);
  }

  @Mutation(() => MentoringSession, { description: 'Log a one-to-one session you held, or schedule one (with a calendar invite)' })
  logMentoringSession(@CurrentUser() caller: Caller, @Args('input') input: LogMentoringSessionInput): Promise<MentoringSession> {
    return this.mentorships.logSession(caller, input);
  }

  @Mutation(() => MentoringSession, { description: 'Cancel a scheduled session (its invite becomes a cancellation)' })
  cancelMentoringSession(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<MentoringSession> {
    return this.mentorships.cancelSession(caller, id);
  }

  @Mutation(() => Mentorship, { description: 'How often the pair means to meet; reminders follow it' })
  setMentorshipCadence(@CurrentUser() caller: Caller, @Args() args: SetCadenceArgs): Promise<Mentorship> {
    return this.mentorships.setCadence(caller, args.id, args.cadenceDays);
  }

  @Mutation(() => Mentorship, { description: 'Complete the mentorship with your feedback, or give your feedback on a completed one' })
  completeMentorship(
    @CurrentUser() caller: Caller,
    @Args('id', { type: () => ID }, uuidPipe('id')) id: string,
    @Args('input') input: CompleteMentorshipInput,
  ): Promise<Mentorship> {
    return this.mentorships.complete(caller, id, input);
  }

  @ResolveField(() => Employee)
  mentee(@Parent() m: Mentorship, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return employeeLoader(ctx, caller, this.people).load(m.menteeId);
  }

  @ResolveField(() => Employee)
  mentor(@Parent() m: Mentorship, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return employeeLoader(ctx, caller, this.people).load(m.mentorId);
  }

  @ResolveField(() => MentoringRole, { nullable: true, description: 'Your side (null for HR)' })
  myRole(@Parent() m: Mentorship, @CurrentUser() caller: Caller): MentoringRole | null {
    return this.mentorships.sideOf(caller, m);
  }

  @ResolveField(() => GraphQLISODateTime, { nullable: true, description: 'The last session held' })
  async lastSessionAt(@Parent() m: Mentorship, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return (await this.stats(m, caller, ctx)).lastSessionAt;
  }

  @ResolveField(() => GraphQLISODateTime, { nullable: true, description: 'The next scheduled session' })
  async nextSessionAt(@Parent() m: Mentorship, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return (await this.stats(m, caller, ctx)).nextSessionAt;
  }

  @ResolveField(() => Int, { description: 'Sessions held' })
  async heldSessionCount(@Parent() m: Mentorship, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return (await this.stats(m, caller, ctx)).heldCount;
  }

  @ResolveField(() => GraphQLISODateTime, { nullable: true, description: 'When the pair should meet next by its cadence (active mentorships)' })
  async meetBy(@Parent() m: Mentorship, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext): Promise<Date | null> {
    if (m.status !== MentorshipStatus.ACTIVE) return null;
    const s = await this.stats(m, caller, ctx);
    return new Date((s.lastSessionAt ?? m.startedAt).getTime() + m.cadenceDays * DAY_MS);
  }

  @ResolveField(() => MentoringSessionConnection, { description: 'Sessions, latest first' })
  sessions(@Parent() m: Mentorship, @CurrentUser() caller: Caller, @Args() page: PageArgs) {
    return this.mentorships.sessionsOf(caller, m, page);
  }

  @ResolveField(() => MentorshipFeedback, { nullable: true, description: 'Your own feedback' })
  myFeedback(@Parent() m: Mentorship, @CurrentUser() caller: Caller): MentorshipFeedback | null {
    const side = this.mentorships.sideOf(caller, m);
    return side ? this.mentorships.feedbackOf(m, side) : null;
  }

  @ResolveField(() => [MentorshipFeedback], { nullable: true, description: 'Both sides\' feedback: HR only (null for the members)' })
  feedback(@Parent() m: Mentorship, @CurrentUser() caller: Caller): MentorshipFeedback[] | null {
    if (!isHr(caller) || this.mentorships.sideOf(caller, m)) return null;
    return [MentoringRole.MENTEE, MentoringRole.MENTOR].map((side) => this.mentorships.feedbackOf(m, side)).filter((f): f is MentorshipFeedback => !!f);
  }

  private stats(m: Mentorship, caller: Caller, ctx: GraphQLContext): Promise<SessionStats> {
    return ctx.loaders.get<string, SessionStats>('mentoring.sessionStats', (ids) => this.mentorships.sessionStats(caller, ids)).load(m.id);
  }
}

@Resolver(() => MentoringSession)
export class MentoringSessionResolver {
  constructor(
    private readonly mentorships: MentorshipService,
    private readonly people: PeopleService,
    private readonly clock: Clock,
  ) {}

  @ResolveField(() => GraphQLISODateTime)
  endsAt(@Parent() s: MentoringSession): Date {
    return sessionEnd(s);
  }

  @ResolveField(() => Boolean, { description: 'The session took place (it started and was not cancelled)' })
  held(@Parent() s: MentoringSession): boolean {
    return s.status === SessionStatus.SCHEDULED && s.startsAt <= this.clock.now();
  }

  @ResolveField(() => String, { nullable: true, description: 'Private to the mentee and the mentor (null for anyone else, HR included)' })
  async notes(@Parent() s: MentoringSession, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext): Promise<string | null> {
    const m = await this.mentorship(s, caller, ctx);
    return m && this.mentorships.sideOf(caller, m) ? s.notes : null;
  }

  @ResolveField(() => String, { nullable: true, description: 'The calendar invite (RFC 5545 iCalendar) for the mentee and the mentor' })
  async ics(@Parent() s: MentoringSession, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext): Promise<string | null> {
    const m = await this.mentorship(s, caller, ctx);
    if (!m || !this.mentorships.sideOf(caller, m)) return null;
    const loader = employeeLoader(ctx, caller, this.people);
    const [mentee, mentor] = await Promise.all([loader.load(m.menteeId), loader.load(m.mentorId)]);
    return mentee && mentor ? sessionIcs(s, mentee, mentor) : null;
  }

  private mentorship(s: MentoringSession, caller: Caller, ctx: GraphQLContext): Promise<Mentorship | null> {
    return ctx.loaders
      .get<string, Mentorship | null>('mentoring.mentorshipById', async (ids) => byKeys(ids, await this.mentorships.byIds(caller, ids), (x) => x.id))
      .load(s.mentorshipId);
  }
}
