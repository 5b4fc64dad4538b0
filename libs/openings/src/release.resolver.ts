import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, CurrentUser, GraphQLContext, PageArgs, Role, Roles } from '@waypoint/core';
import { Employee, PeopleService } from '@waypoint/people';
import { Application } from './application.entity';
import { ApplicationService } from './application.service';
import { AgreeReleaseArgs } from './dto/application.input';
import { loaders } from './loaders';
import { ReleaseAgreementConnection } from './models';
import { ReleaseAgreement } from './release.entity';
import { ReleaseService } from './release.service';

@Resolver(() => ReleaseAgreement)
export class ReleaseResolver {
  constructor(
    private readonly releaseService: ReleaseService,
    private readonly applicationService: ApplicationService,
    private readonly peopleService: PeopleService,
  ) {}

  @Roles(Role.HR_ADMIN, Role.ORG_ADMIN)
  @Query(() => ReleaseAgreementConnection, { description: 'HR: release agreements still pending after internal hires, oldest first' })
  openReleases(@CurrentUser() caller: Caller, @Args() page: PageArgs) {
    return this.releaseService.open(caller, page);
  }

  @Query(() => ReleaseAgreementConnection, { description: 'Release dates you, as the current manager, must agree' })
  myReleaseRequests(@CurrentUser() caller: Caller, @Args() page: PageArgs) {
    return this.releaseService.mine(caller, page);
  }

  @Mutation(() => ReleaseAgreement, { description: 'The releasing manager (or HR) agrees the release date' })
  agreeReleaseDate(@CurrentUser() caller: Caller, @Args() args: AgreeReleaseArgs): Promise<ReleaseAgreement> {
    return this.releaseService.agree(caller, args.id, args.releaseDate);
  }

  @ResolveField(() => Employee, { description: 'Who moves' })
  employee(@Parent() r: ReleaseAgreement, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return loaders.employee(ctx, caller, this.peopleService).load(r.employeeId);
  }

  @ResolveField(() => Employee, { description: 'The manager who releases them' })
  manager(@Parent() r: ReleaseAgreement, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return loaders.employee(ctx, caller, this.peopleService).load(r.managerId);
  }

  @ResolveField(() => Application, { nullable: true })
  application(@Parent() r: ReleaseAgreement, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return loaders.application(ctx, caller, this.applicationService).load(r.applicationId);
  }

  @ResolveField(() => Int, { description: 'Whole days since the hire' })
  ageDays(@Parent() r: ReleaseAgreement): number {
    return this.releaseService.ageDays(r);
  }

  @ResolveField(() => Boolean, { description: 'Pending past its deadline' })
  overdue(@Parent() r: ReleaseAgreement): boolean {
    return this.releaseService.overdue(r);
  }
}
