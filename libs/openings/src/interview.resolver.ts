import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, CurrentUser, GraphQLContext, PageArgs, uuidPipe } from '@waypoint/core';
import { Application } from './application.entity';
import { ApplicationService } from './application.service';
import { LogInterviewInput, UpdateInterviewInput } from './dto/application.input';
import { InterviewLog, InterviewPracticeSettings } from './interview.entity';
import { InterviewService } from './interview.service';
import { loaders } from './loaders';
import { InterviewLogConnection } from './models';

@Resolver(() => InterviewLog)
export class InterviewResolver {
  constructor(
    private readonly interviewService: InterviewService,
    private readonly applicationService: ApplicationService,
  ) {}

  @Query(() => InterviewLogConnection, { description: 'Your interviews, most recent first' })
  myInterviews(@CurrentUser() caller: Caller, @Args() page: PageArgs) {
    return this.interviewService.mine(caller, page);
  }

  @Query(() => InterviewPracticeSettings)
  myInterviewPractice(@CurrentUser() caller: Caller): Promise<InterviewPracticeSettings> {
    return this.interviewService.settings(caller);
  }

  @Mutation(() => InterviewLog, { description: 'Log an external or practice interview, with its debrief' })
  logInterview(@CurrentUser() caller: Caller, @Args('input') input: LogInterviewInput): Promise<InterviewLog> {
    return this.interviewService.log(caller, input);
  }

  @Mutation(() => InterviewLog, { description: 'Edit your debrief, or share it with your manager' })
  updateInterview(
    @CurrentUser() caller: Caller,
    @Args('id', { type: () => ID }, uuidPipe('id')) id: string,
    @Args('input') input: UpdateInterviewInput,
  ): Promise<InterviewLog> {
    return this.interviewService.update(caller, id, input);
  }

  @Mutation(() => Boolean)
  deleteInterview(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<boolean> {
    return this.interviewService.remove(caller, id);
  }

  @Mutation(() => InterviewPracticeSettings, { description: 'Opt in or out of the yearly "time for an interview?" nudge' })
  setInterviewPracticeNudge(@CurrentUser() caller: Caller, @Args('enabled', { type: () => Boolean }) enabled: boolean) {
    return this.interviewService.setNudge(caller, enabled);
  }

  @ResolveField(() => Application, { nullable: true, description: 'The internal application, if you may see it' })
  application(@Parent() l: InterviewLog, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return l.applicationId ? loaders.application(ctx, caller, this.applicationService).load(l.applicationId) : null;
  }
}
