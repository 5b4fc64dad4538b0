import { Args, Context, Parent, Query, ResolveField, Resolver, Mutation } from '@nestjs/graphql';
import { Caller, CurrentUser, GraphQLContext, PageArgs, Role, Roles } from '@waypoint/core';
import { Employee } from '@waypoint/people';
import { Application } from './application.entity';
import { ApplicationService } from './application.service';
import { UpdatePolicyArgs } from './dto/application.input';
import { InterviewLog } from './interview.entity';
import { InterviewService } from './interview.service';
import { pageInMemory } from './loaders';
import { ApplicationConnection, InterviewLogConnection } from './models';
import { OpeningsPolicy } from './policy';
import { OpeningsPolicyService } from './policy.service';

/** This module's fields on Employee. Both apply the privacy rules: a manager never sees what they may not. */
@Resolver(() => Employee)
export class EmployeeOpeningsResolver {
  constructor(
    private readonly applicationService: ApplicationService,
    private readonly interviewService: InterviewService,
  ) {}

  @ResolveField(() => ApplicationConnection, {
    description: 'Their internal applications that you may see: yours; HR and hiring managers; their managers only once disclosed',
  })
  async internalApplications(@Parent() e: Employee, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext, @Args() page: PageArgs) {
    const rows = await ctx.loaders.get<string, Application[]>('openings.applicationsOf', (ids) => this.applicationService.ofApplicants(caller, ids)).load(e.id);
    return pageInMemory(rows, page, (a) => [a.submittedAt.toISOString(), a.id]);
  }

  @ResolveField(() => InterviewLogConnection, {
    description: 'Interview debriefs: all of yours; the ones your direct report shared with you; nothing for anyone else',
  })
  async interviews(@Parent() e: Employee, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext, @Args() page: PageArgs) {
    const rows = await ctx.loaders.get<string, InterviewLog[]>('openings.interviewsOf', (ids) => this.interviewService.visibleFor(caller, ids)).load(e.id);
    return pageInMemory(rows, page, (l) => [l.occurredAt.toISOString(), l.id]);
  }
}

@Resolver()
export class OpeningsPolicyResolver {
  constructor(private readonly policies: OpeningsPolicyService) {}

  @Query(() => OpeningsPolicy, { description: "The organization's openings policy (defaults where unset)" })
  openingsPolicy(@CurrentUser() caller: Caller): Promise<OpeningsPolicy> {
    return this.policies.get(caller);
  }

  @Roles(Role.ORG_ADMIN)
  @Mutation(() => OpeningsPolicy, { description: 'Org admins: set the openings policy; omitted fields stay' })
  updateOpeningsPolicy(@CurrentUser() caller: Caller, @Args() args: UpdatePolicyArgs): Promise<OpeningsPolicy> {
    return this.policies.update(caller, args.input);
  }
}
