import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, CurrentUser, GraphQLContext, isHr, Page, PageArgs, Role, Roles, uuidPipe } from '@waypoint/core';
import { Department, DepartmentService, Employee, PeopleService, Skill } from '@waypoint/people';
import { Application } from './application.entity';
import { ApplicationService } from './application.service';
import {
  CloseOpeningArgs,
  CreateOpeningInput,
  HiringOpeningsArgs,
  OpeningSearchArgs,
  ReopenOpeningArgs,
  UpdateOpeningInput,
} from './dto/opening.input';
import { loaders } from './loaders';
import { renderMarkdown } from './markdown';
import { MatchService } from './match.service';
import { OpeningConnection, OpeningMatch, PipelineStageCount } from './models';
import { Opening, OpeningSkillKind, OpeningSkillRequirement, OpeningVisibility } from './opening.entity';
import { Listed, OpeningService } from './opening.service';

const HR = [Role.HR_ADMIN, Role.ORG_ADMIN];

@Resolver(() => Opening)
export class OpeningResolver {
  constructor(
    private readonly openingService: OpeningService,
    private readonly applicationService: ApplicationService,
    private readonly matchService: MatchService,
    private readonly peopleService: PeopleService,
    private readonly departmentService: DepartmentService,
  ) {}

  @Query(() => Opening, { description: 'An opening you may see (HR: any; employees: never a draft)' })
  opening(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<Opening> {
    return this.openingService.get(caller, id);
  }

  @Query(() => OpeningConnection, {
    description: 'Search the published openings visible to you: by relevance when searching words, else newest first',
  })
  async openings(@CurrentUser() caller: Caller, @Args() args: OpeningSearchArgs, @Context() ctx: GraphQLContext) {
    return this.primed(ctx, caller, await this.openingService.search(caller, args.filter ?? {}, args));
  }

  @Query(() => OpeningConnection, { description: 'HR: every opening, drafts included. Hiring managers: the openings they hire for.' })
  async openingsForHiring(@CurrentUser() caller: Caller, @Args() args: HiringOpeningsArgs, @Context() ctx: GraphQLContext) {
    return this.primed(ctx, caller, await this.openingService.forHiring(caller, args.filter ?? {}, args));
  }

  @Query(() => OpeningConnection, { description: 'Openings you saved, most recent first' })
  async savedOpenings(@CurrentUser() caller: Caller, @Args() page: PageArgs, @Context() ctx: GraphQLContext) {
    return this.primed(ctx, caller, await this.openingService.savedOpenings(caller, page));
  }

  /** A listed page already knows the caller's saved flags and which openings they applied to. */
  private primed(ctx: GraphQLContext, caller: Caller, page: Page<Listed>): Page<Opening> {
    const saved = loaders.saved(ctx, caller, this.openingService);
    const mine = loaders.myApplication(ctx, caller, this.applicationService);
    for (const { node } of page.edges) {
      saved.prime(node.id, node.extra.saved);
      if (!node.extra.applied) mine.prime(node.id, null);
    }
    return page;
  }

  @Roles(...HR)
  @Mutation(() => Opening, { description: 'Creates a DRAFT, visible to HR only until published' })
  createOpening(@CurrentUser() caller: Caller, @Args('input') input: CreateOpeningInput): Promise<Opening> {
    return this.openingService.create(caller, input);
  }

  @Roles(...HR)
  @Mutation(() => Opening, { description: 'Edits a draft, published or paused opening (reopen a closed one first)' })
  updateOpening(
    @CurrentUser() caller: Caller,
    @Args('id', { type: () => ID }, uuidPipe('id')) id: string,
    @Args('input') input: UpdateOpeningInput,
  ): Promise<Opening> {
    return this.openingService.update(caller, id, input);
  }

  @Roles(...HR)
  @Mutation(() => Opening, { description: 'DRAFT -> PUBLISHED; recommends it to the employees it targets and matches' })
  publishOpening(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<Opening> {
    return this.openingService.publish(caller, id);
  }

  @Roles(...HR)
  @Mutation(() => Opening, { description: 'PUBLISHED -> PAUSED: hidden from search, takes no applications; the pipeline goes on' })
  pauseOpening(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<Opening> {
    return this.openingService.pause(caller, id);
  }

  @Roles(...HR)
  @Mutation(() => Opening, { description: 'PAUSED or CLOSED -> PUBLISHED' })
  reopenOpening(@CurrentUser() caller: Caller, @Args() args: ReopenOpeningArgs): Promise<Opening> {
    return this.openingService.reopen(caller, args.id, args.closesAt);
  }

  @Roles(...HR)
  @Mutation(() => Opening, { description: 'Closes as FILLED or CANCELLED' })
  closeOpening(@CurrentUser() caller: Caller, @Args() args: CloseOpeningArgs): Promise<Opening> {
    return this.openingService.close(caller, args);
  }

  @Mutation(() => Opening)
  saveOpening(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<Opening> {
    return this.openingService.save(caller, id);
  }

  @Mutation(() => Boolean, { description: 'True when it was saved' })
  unsaveOpening(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<boolean> {
    return this.openingService.unsave(caller, id);
  }

  @ResolveField(() => Department)
  department(@Parent() o: Opening, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return loaders.department(ctx, caller, this.departmentService).load(o.departmentId);
  }

  @ResolveField(() => Employee)
  hiringManager(@Parent() o: Opening, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return loaders.employee(ctx, caller, this.peopleService).load(o.hiringManagerId);
  }

  @ResolveField(() => [OpeningSkillRequirement])
  async requiredSkills(@Parent() o: Opening, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext): Promise<OpeningSkillRequirement[]> {
    const skills = await loaders.openingSkills(ctx, caller, this.openingService).load(o.id);
    return skills.filter((s) => s.kind === OpeningSkillKind.REQUIRED).map((s) => ({ skill: s.skill, minProficiency: s.minProficiency!, weight: s.weight }));
  }

  @ResolveField(() => [Skill])
  async niceToHaveSkills(@Parent() o: Opening, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext): Promise<Skill[]> {
    const skills = await loaders.openingSkills(ctx, caller, this.openingService).load(o.id);
    return skills.filter((s) => s.kind === OpeningSkillKind.NICE_TO_HAVE).map((s) => s.skill);
  }

  @ResolveField(() => String, { description: 'The description rendered to HTML: raw HTML escaped, unsafe links dropped' })
  descriptionHtml(@Parent() o: Opening): string {
    return renderMarkdown(o.description);
  }

  @ResolveField(() => OpeningVisibility, { nullable: true, description: 'Targeting: HR and the hiring manager only' })
  visibility(@Parent() o: Opening, @CurrentUser() caller: Caller): OpeningVisibility | null {
    return isHr(caller) || o.hiringManagerId === caller.employeeId ? this.openingService.visibility(o) : null;
  }

  @ResolveField(() => OpeningMatch, { description: 'Your match score for this opening, explained' })
  async match(@Parent() o: Opening, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext): Promise<OpeningMatch> {
    const [skills, held, me] = await Promise.all([
      loaders.openingSkills(ctx, caller, this.openingService).load(o.id),
      loaders.heldSkills(ctx, caller, this.matchService).load(caller.employeeId),
      loaders.employee(ctx, caller, this.peopleService).load(caller.employeeId),
    ]);
    return this.matchService.explain(skills, held, o.level, me!.level);
  }

  @ResolveField(() => Boolean, { description: 'You saved it' })
  saved(@Parent() o: Opening, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return loaders.saved(ctx, caller, this.openingService).load(o.id);
  }

  @ResolveField(() => Application, { nullable: true, description: 'Your latest application to it' })
  myApplication(@Parent() o: Opening, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return loaders.myApplication(ctx, caller, this.applicationService).load(o.id);
  }

  @ResolveField(() => Int, { nullable: true, description: 'Applications you may see: HR and the hiring manager only (null for anyone else)' })
  async applicationCount(@Parent() o: Opening, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext): Promise<number | null> {
    const counts = await this.pipeline(o, caller, ctx);
    return counts ? counts.reduce((sum, c) => sum + c.count, 0) : null;
  }

  @ResolveField(() => [PipelineStageCount], { nullable: true, description: 'Applications per status: HR and the hiring manager only' })
  pipeline(@Parent() o: Opening, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext): Promise<PipelineStageCount[] | null> {
    return ctx.loaders
      .get<Opening, PipelineStageCount[] | null>('openings.pipeline', (openings) => this.applicationService.pipelineCounts(caller, openings))
      .load(o);
  }
}
