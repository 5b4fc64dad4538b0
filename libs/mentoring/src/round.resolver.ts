import { Args, Context, Float, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, CurrentUser, GraphQLContext, PageArgs, Role, Roles, uuidPipe } from '@waypoint/core';
import { Employee, PeopleService } from '@waypoint/people';
import { CreateMentoringRoundInput, ProposalListArgs, RoundListArgs, UpdateMentoringRoundInput } from './dto/mentoring.input';
import { employeeLoader } from './loaders';
import { MentoringProposalConnection, MentoringRoundConnection, RoundProposalCounts, UnmatchedMenteeConnection } from './models';
import { MentoringProposal } from './proposal.entity';
import { ProposalService } from './proposal.service';
import { MatchingProgress, MentoringRound, RoundEligibility } from './round.entity';
import { RoundService } from './round.service';

/** Rounds are HR's: every operation needs HR_ADMIN or ORG_ADMIN. */
@Roles(Role.HR_ADMIN, Role.ORG_ADMIN)
@Resolver(() => MentoringRound)
export class RoundResolver {
  constructor(
    private readonly rounds: RoundService,
    private readonly proposalService: ProposalService,
    private readonly people: PeopleService,
  ) {}

  @Query(() => MentoringRoundConnection, { description: 'Mentoring rounds, newest first (HR)' })
  mentoringRounds(@CurrentUser() caller: Caller, @Args() args: RoundListArgs) {
    return this.rounds.list(caller, args);
  }

  @Query(() => MentoringRound, { description: 'A mentoring round with its progress and proposals (HR)' })
  mentoringRound(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<MentoringRound> {
    return this.rounds.get(caller, id);
  }

  @Mutation(() => MentoringRound, { description: 'A round in DRAFT: name, eligible mentees and mentors, objective, deadline' })
  createMentoringRound(@CurrentUser() caller: Caller, @Args('input') input: CreateMentoringRoundInput): Promise<MentoringRound> {
    return this.rounds.create(caller, input);
  }

  @Mutation(() => MentoringRound, { description: 'Edit a round before it is published (relaunch matching to apply it to the proposals)' })
  updateMentoringRound(
    @CurrentUser() caller: Caller,
    @Args('id', { type: () => ID }, uuidPipe('id')) id: string,
    @Args('input') input: UpdateMentoringRoundInput,
  ): Promise<MentoringRound> {
    return this.rounds.update(caller, id, input);
  }

  @Mutation(() => MentoringRound, {
    description: 'Run matching in the worker (MATCHING, then REVIEW with the proposals); follow `progress`. Relaunching replaces unpublished proposals.',
  })
  launchMatchingRound(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<MentoringRound> {
    return this.rounds.launch(caller, id);
  }

  @Mutation(() => MentoringRound, { description: 'Send the reviewed proposals to the mentees and mentors' })
  publishMentoringRound(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<MentoringRound> {
    return this.rounds.publish(caller, id);
  }

  @Mutation(() => MentoringProposal, { description: 'Remove a proposal of a round in review (the pair is never proposed again)' })
  withdrawMentoringProposal(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<MentoringProposal> {
    return this.rounds.withdrawProposal(caller, id);
  }

  @ResolveField(() => RoundEligibility, { description: 'Who could be a mentee' })
  menteeEligibility(@Parent() r: MentoringRound): RoundEligibility {
    return { departmentIds: r.menteeDepartmentIds, minLevel: r.menteeMinLevel, maxLevel: r.menteeMaxLevel };
  }

  @ResolveField(() => RoundEligibility, { description: 'Who could be a mentor' })
  mentorEligibility(@Parent() r: MentoringRound): RoundEligibility {
    return { departmentIds: r.mentorDepartmentIds, minLevel: r.mentorMinLevel, maxLevel: r.mentorMaxLevel };
  }

  @ResolveField(() => MatchingProgress)
  progress(@Parent() r: MentoringRound): MatchingProgress {
    return { percent: r.progressPercent, phase: r.progressPhase, phases: r.phaseTimings ?? [] };
  }

  @ResolveField(() => Float, { nullable: true, description: 'Share of the eligible mentees matched by the last run (0 to 1)' })
  coverage(@Parent() r: MentoringRound): number | null {
    if (r.menteeCount == null || r.matchedCount == null) return null;
    return r.menteeCount ? r.matchedCount / r.menteeCount : 0;
  }

  @ResolveField(() => Float, { nullable: true, description: 'Average match score of the proposals' })
  averageScore(@Parent() r: MentoringRound): number | null {
    return r.matchedCount ? (r.totalScore ?? 0) / r.matchedCount : null;
  }

  @ResolveField(() => Int, { description: 'Mentees currently without a proposal in this round' })
  unmatchedCount(@Parent() r: MentoringRound): number {
    return r.unmatchedMenteeIds.length;
  }

  @ResolveField(() => UnmatchedMenteeConnection, { description: 'Mentees currently without a proposal, by name' })
  async unmatchedMentees(@Parent() r: MentoringRound, @CurrentUser() caller: Caller, @Args() page: PageArgs) {
    const found = await this.rounds.unmatched(caller, r, page);
    return { ...found, edges: found.edges.map((e) => ({ cursor: e.cursor, node: { employeeId: e.node.id, employee: e.node } })) };
  }

  @ResolveField(() => MentoringProposalConnection, { description: 'The proposals, best score first' })
  proposals(@Parent() r: MentoringRound, @CurrentUser() caller: Caller, @Args() args: ProposalListArgs) {
    return this.proposalService.ofRound(caller, r.id, args);
  }

  @ResolveField(() => RoundProposalCounts)
  proposalCounts(@Parent() r: MentoringRound, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return ctx.loaders.get<string, RoundProposalCounts>('mentoring.roundCounts', (ids) => this.rounds.proposalCounts(caller, ids)).load(r.id);
  }

  @ResolveField(() => Employee, { nullable: true })
  createdBy(@Parent() r: MentoringRound, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return employeeLoader(ctx, caller, this.people).load(r.createdById);
  }
}
