import { Args, Query, Resolver } from '@nestjs/graphql';
import { Caller, CurrentUser, Role, Roles } from '@waypoint/core';
import { HrAnalytics, HrAnalyticsArgs } from './analytics.model';
import { AnalyticsService } from './analytics.service';

@Resolver(() => HrAnalytics)
export class AnalyticsResolver {
  constructor(private readonly analytics: AnalyticsService) {}

  @Roles(Role.HR_ADMIN, Role.ORG_ADMIN)
  @Query(() => HrAnalytics, { description: 'Mobility analytics of the caller\'s organization (HR and org admins; aggregates only)' })
  hrAnalytics(@CurrentUser() caller: Caller, @Args() args: HrAnalyticsArgs) {
    return this.analytics.hrAnalytics(caller, args);
  }
}
