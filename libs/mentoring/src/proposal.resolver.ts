import { Args, Context, GraphQLISODateTime, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { byKeys, Caller, CurrentUser, GraphQLContext, isHr, uuidPipe } from '@waypoint/core';
import { Employee, PeopleService } from '@waypoint/people';
import { DeclineProposalArgs, MyProposalListArgs, RequestMentorArgs } from './dto/mentoring.input';
import { MentoringRole } from './enums';
import { MENTOR_RESPONSE_DAYS } from './jobs/mentoring-jobs';
import { employeeLoader } from './loaders';
import { AcceptMentoringProposalResult, MentoringProposalConnection, ProposalOutcome, RequestMentorResult } from './models';
import { Mentorship } from './mentorship.entity';
import { MentorshipService } from './mentorship.service';
import { MatchComponents, MentoringProposal } from './proposal.entity';
import { sideOf } from './proposal-state';
import { ProposalService } from './proposal.service';
import { ProfileService } from './profile.service';
import { MentoringRound } from './round.entity';
import { RoundService } from './round.service';

const DAY_MS = 24 * 3600 * 1000;

@Resolver(() => MentoringProposal)
export class ProposalResolver {
  constructor(
    private readonly proposals: ProposalService,
    private readonly rounds: RoundService,
    private readonly mentorships: MentorshipService,
    private readonly people: PeopleService,
    private readonly profiles: ProfileService,
  ) {}

  @Query(() => MentoringProposalConnection, { description: 'Your published proposals and requests, as mentee and as mentor, newest first' })
  myMentoringProposals(@CurrentUser() caller: Caller, @Args() args: MyProposalListArgs) {
    return this.proposals.mine(caller, args);
  }

  @Query(() => MentoringProposal, { description: 'A proposal: its mentee and mentor once published, HR always' })
  mentoringProposal(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<MentoringProposal> {
    return this.proposals.get(caller, id);
  }

  @Mutation(() => AcceptMentoringProposalResult, {
    description: 'Accept as the mentee or the mentor; the first acceptance takes a seat, the second starts the mentorship',
  })
  acceptMentoringProposal(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<ProposalOutcome> {
    return this.proposals.accept(caller, id);
  }

  @Mutation(() => MentoringProposal, { description: 'Decline as the mentee or the mentor; in a round, the mentee is matched again' })
  declineMentoringProposal(@CurrentUser() caller: Caller, @Args() args: DeclineProposalArgs): Promise<MentoringProposal> {
    return this.proposals.decline(caller, args.id, args.note);
  }

  @Mutation(() => RequestMentorResult, { description: 'Ask a mentor directly (e.g. one of your suggestions); they accept or decline' })
  requestMentor(@CurrentUser() caller: Caller, @Args() args: RequestMentorArgs): Promise<ProposalOutcome> {
    return this.proposals.request(caller, args.mentorId, args.message.trim());
  }

  @ResolveField(() => Employee)
  mentee(@Parent() p: MentoringProposal, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return employeeLoader(ctx, caller, this.people).load(p.menteeId);
  }

  @ResolveField(() => Employee)
  mentor(@Parent() p: MentoringProposal, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return employeeLoader(ctx, caller, this.people).load(p.mentorId);
  }

  @ResolveField(() => MentoringRole, { nullable: true, description: 'Your side of the proposal (null for HR)' })
  myRole(@Parent() p: MentoringProposal, @CurrentUser() caller: Caller): MentoringRole | null {
    return sideOf(p, caller.employeeId);
  }

  @ResolveField(() => [String], {
    nullable: true,
    description: 'Why this pair, strongest reason first. The mentee and HR only: reasons may quote the mentee\'s private career goals',
  })
  reasons(@Parent() p: MentoringProposal, @CurrentUser() caller: Caller): string[] | null {
    return isHr(caller) || p.menteeId === caller.employeeId ? p.reasons : null;
  }

  @ResolveField(() => MatchComponents, { nullable: true, description: 'The parts of the score (HR only)' })
  components(@Parent() p: MentoringProposal, @CurrentUser() caller: Caller): MatchComponents | null {
    if (!isHr(caller) || !p.components || !('teachLearn' in p.components)) return null;
    return p.components as unknown as MatchComponents;
  }

  @ResolveField(() => String, { nullable: true, description: 'The mentee\'s message of a direct request' })
  requestMessage(@Parent() p: MentoringProposal): string | null {
    return p.message;
  }

  @ResolveField(() => String, { nullable: true, description: 'Why it was declined (the side who declined and HR only)' })
  declineNote(@Parent() p: MentoringProposal, @CurrentUser() caller: Caller): string | null {
    if (!p.declineNote) return null;
    const decliner = p.closedReason === 'DECLINED_BY_MENTEE' ? p.menteeId : p.closedReason === 'DECLINED_BY_MENTOR' ? p.mentorId : null;
    return isHr(caller) || decliner === caller.employeeId ? p.declineNote : null;
  }

  @ResolveField(() => String, { nullable: true, description: 'The name of the round it belongs to' })
  async roundName(@Parent() p: MentoringProposal, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext): Promise<string | null> {
    const r = await this.roundLoader(caller, ctx, p.roundId);
    return r?.name ?? null;
  }

  @ResolveField(() => GraphQLISODateTime, {
    nullable: true,
    description: `Answer by then: ${MENTOR_RESPONSE_DAYS} days after publication (a mentor who does not answer is paused), and never after the round's deadline`,
  })
  async respondBy(@Parent() p: MentoringProposal, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext): Promise<Date | null> {
    if (!p.publishedAt || p.status !== 'PUBLISHED') return null;
    const inactive = new Date(p.publishedAt.getTime() + MENTOR_RESPONSE_DAYS * DAY_MS);
    const r = await this.roundLoader(caller, ctx, p.roundId);
    return r && r.deadline < inactive ? r.deadline : inactive;
  }

  @ResolveField(() => String, { nullable: true, description: 'The mentee\'s goals, shared with their proposed mentor and HR' })
  async menteeGoals(@Parent() p: MentoringProposal, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext): Promise<string | null> {
    return ctx.loaders.get<string, string | null>('mentoring.menteeGoals', (ids) => this.profiles.menteeGoals(caller, ids)).load(p.menteeId);
  }

  @ResolveField(() => Mentorship, { nullable: true, description: 'The mentorship both acceptances started' })
  async mentorship(@Parent() p: MentoringProposal, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext): Promise<Mentorship | null> {
    if (!p.mentorshipId) return null;
    const m = await ctx.loaders
      .get<string, Mentorship | null>('mentoring.mentorshipById', async (ids) => byKeys(ids, await this.mentorships.byIds(caller, ids), (x) => x.id))
      .load(p.mentorshipId);
    return m && this.mentorships.canSee(caller, m) ? m : null;
  }

  private async roundLoader(caller: Caller, ctx: GraphQLContext, roundId: string | null): Promise<MentoringRound | null> {
    if (!roundId) return null;
    return ctx.loaders
      .get<string, MentoringRound | null>('mentoring.roundById', async (ids) => byKeys(ids, await this.rounds.byIds(caller, ids), (r) => r.id))
      .load(roundId);
  }
}
