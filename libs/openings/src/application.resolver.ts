import { Args, Context, GraphQLISODateTime, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, CurrentUser, GraphQLContext, uuidPipe } from '@waypoint/core';
import { Employee, PeopleService, Skill, SkillService } from '@waypoint/people';
import { isHiringSide, seesHiringDetails } from './access';
import { Application, ApplicationTransition } from './application.entity';
import { ApplicationService } from './application.service';
import { ApplyArgs, DisclosureArgs, MoveApplicationInput, MyApplicationsArgs, OpeningApplicationsArgs, WithdrawArgs } from './dto/application.input';
import { loaders } from './loaders';
import { MatchService } from './match.service';
import { ApplicationConnection, ApplicationTimelineEntry, ApplyResult, OpeningMatch, RejectionFeedback } from './models';
import { Opening } from './opening.entity';
import { OpeningService } from './opening.service';
import { ReleaseAgreement } from './release.entity';
import { ReleaseService } from './release.service';

@Resolver(() => Application)
export class ApplicationResolver {
  constructor(
    private readonly applicationService: ApplicationService,
    private readonly openingService: OpeningService,
    private readonly releaseService: ReleaseService,
    private readonly matchService: MatchService,
    private readonly peopleService: PeopleService,
    private readonly skillService: SkillService,
  ) {}

  @Query(() => Application, { description: 'An application you may see; NOT_FOUND otherwise' })
  application(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<Application> {
    return this.applicationService.get(caller, id);
  }

  @Query(() => ApplicationConnection, { description: 'Your applications, newest first' })
  myApplications(@CurrentUser() caller: Caller, @Args() args: MyApplicationsArgs) {
    return this.applicationService.mine(caller, args, args.statuses);
  }

  @Query(() => ApplicationConnection, { description: 'The applications of an opening: HR and its hiring manager' })
  applications(@CurrentUser() caller: Caller, @Args() args: OpeningApplicationsArgs) {
    return this.applicationService.forOpening(caller, args.openingId, args, args.statuses);
  }

  @Mutation(() => ApplyResult, { description: 'Apply to an opening visible to you. Confidential: see discloseAtStage.' })
  applyToOpening(@CurrentUser() caller: Caller, @Args() args: ApplyArgs) {
    return this.applicationService.apply(caller, args);
  }

  @Mutation(() => Application, { description: 'The applicant withdraws a live application' })
  withdrawApplication(@CurrentUser() caller: Caller, @Args() args: WithdrawArgs): Promise<Application> {
    return this.applicationService.withdraw(caller, args.id, args.note);
  }

  @Mutation(() => Application, {
    description: 'HR or the hiring manager move an application one step (REJECTED needs feedback). CONFLICT when illegal or stale.',
  })
  moveApplication(@CurrentUser() caller: Caller, @Args('input') input: MoveApplicationInput): Promise<Application> {
    return this.applicationService.move(caller, input);
  }

  @Mutation(() => Application, { description: 'Tell your manager chain about your application now (cannot be undone)' })
  discloseApplication(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<Application> {
    return this.applicationService.disclose(caller, id);
  }

  @Mutation(() => Application, { description: 'Change the stage at which your manager chain may see your application' })
  setApplicationDisclosureStage(@CurrentUser() caller: Caller, @Args() args: DisclosureArgs): Promise<Application> {
    return this.applicationService.setDisclosureStage(caller, args.id, args.stage);
  }

  @ResolveField(() => Opening)
  opening(@Parent() a: Application, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return loaders.opening(ctx, caller, this.openingService).load(a.openingId);
  }

  @ResolveField(() => Employee)
  applicant(@Parent() a: Application, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return loaders.employee(ctx, caller, this.peopleService).load(a.applicantId);
  }

  @ResolveField(() => String, { nullable: true, description: "The applicant's note: the applicant and the hiring side" })
  note(@Parent() a: Application): string | null {
    return seesHiringDetails(a.viewer) ? a.note : null;
  }

  @ResolveField(() => Boolean, { description: 'Whether the manager chain may see it now' })
  disclosedToManager(@Parent() a: Application): boolean {
    return !!a.disclosedAt;
  }

  @ResolveField(() => GraphQLISODateTime, { nullable: true })
  disclosedAt(@Parent() a: Application): Date | null {
    return a.disclosedAt;
  }

  @ResolveField(() => RejectionFeedback, { nullable: true, description: '"Why not me": the applicant and the hiring side' })
  async rejectionFeedback(@Parent() a: Application, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext): Promise<RejectionFeedback | null> {
    if (!a.rejectionFeedback || !seesHiringDetails(a.viewer)) return null;
    const skills = await ctx.loaders
      .get<string, Skill | null>('skillById', async (ids) => {
        const rows = await this.skillService.byIds(caller, ids);
        return ids.map((id) => rows.find((s) => s.id === id) ?? null);
      })
      .loadMany(a.missingSkillIds);
    return { message: a.rejectionFeedback, missingSkills: skills.filter((s): s is Skill => !!s && !(s instanceof Error)) };
  }

  @ResolveField(() => [ApplicationTimelineEntry], { description: 'Every status change, oldest first' })
  async timeline(@Parent() a: Application, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext): Promise<ApplicationTimelineEntry[]> {
    const steps = await ctx.loaders
      .get<string, ApplicationTransition[]>('openings.transitions', (ids) => this.applicationService.transitionsOf(caller, ids))
      .load(a.id);
    const hiring = isHiringSide(a.viewer);
    return steps.map((t) => {
      const own = t.actorId === caller.employeeId;
      return {
        id: t.id,
        fromStatus: t.fromStatus,
        toStatus: t.toStatus,
        at: t.at,
        actorId: hiring || own ? t.actorId : null,
        note: hiring || own ? t.note : null,
      };
    });
  }

  @ResolveField(() => OpeningMatch, { nullable: true, description: "The applicant's match: the applicant and the hiring side" })
  async match(@Parent() a: Application, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext): Promise<OpeningMatch | null> {
    if (!seesHiringDetails(a.viewer)) return null;
    const [opening, skills, held, applicant] = await Promise.all([
      loaders.opening(ctx, caller, this.openingService).load(a.openingId),
      loaders.openingSkills(ctx, caller, this.openingService).load(a.openingId),
      loaders.heldSkills(ctx, caller, this.matchService).load(a.applicantId),
      loaders.employee(ctx, caller, this.peopleService).load(a.applicantId),
    ]);
    return this.matchService.explain(skills, held, opening!.level, applicant!.level);
  }

  @ResolveField(() => ReleaseAgreement, { nullable: true, description: 'After a hire: the release date agreement' })
  release(@Parent() a: Application, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return ctx.loaders.get<string, ReleaseAgreement | null>('openings.releaseOf', (ids) => this.releaseService.forApplications(caller, ids)).load(a.id);
  }
}
