import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, CurrentUser, GraphQLContext } from '@waypoint/core';
import { Employee, PeopleService, Skill, SkillService } from '@waypoint/people';
import { MenteeProfileInput, MentorProfileInput } from './dto/mentoring.input';
import { employeeLoader, skillsOf } from './loaders';
import { MentorSeatsInfo, MentorSuggestion } from './models';
import { MenteeProfile, MentorProfile } from './profile.entity';
import { ProfileService } from './profile.service';
import { SUGGESTIONS, SuggestionService } from './suggestion.service';

@Resolver(() => MentorProfile)
export class MentorProfileResolver {
  constructor(
    private readonly profiles: ProfileService,
    private readonly suggestions: SuggestionService,
    private readonly skills: SkillService,
  ) {}

  @Query(() => MentorProfile, { nullable: true, description: 'Your mentor settings; null when you have not opted in as a mentor' })
  myMentorProfile(@CurrentUser() caller: Caller): Promise<MentorProfile | null> {
    return this.profiles.myMentorProfile(caller);
  }

  @Mutation(() => MentorProfile, { description: 'Opt in as a mentor, or change your settings (resumes a paused mentor)' })
  optInAsMentor(@CurrentUser() caller: Caller, @Args('input') input: MentorProfileInput): Promise<MentorProfile> {
    return this.profiles.optInAsMentor(caller, input);
  }

  @Mutation(() => MentorProfile, { description: 'Stop taking mentees: open proposals are declined; your mentorships go on' })
  optOutAsMentor(@CurrentUser() caller: Caller): Promise<MentorProfile> {
    return this.profiles.optOutAsMentor(caller);
  }

  @Query(() => [MentorSuggestion], {
    description: `"Find me a mentor": your ${SUGGESTIONS} best mentors with a free seat, explained (never your manager chain or a mentor you were matched with)`,
  })
  mentorSuggestions(@CurrentUser() caller: Caller) {
    return this.suggestions.suggest(caller);
  }

  @ResolveField(() => [Skill], { description: 'Skills you offer to mentor on' })
  topics(@Parent() p: MentorProfile, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext): Promise<Skill[]> {
    return skillsOf(ctx, caller, this.skills, p.topicSkillIds);
  }

  @ResolveField(() => MentorSeatsInfo)
  async seats(@Parent() p: MentorProfile, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext): Promise<MentorSeatsInfo> {
    return ctx.loaders.get<string, MentorSeatsInfo>('mentoring.seatsOf', (ids) => this.profiles.seatsOf(caller, ids)).load(p.employeeId);
  }
}

@Resolver(() => MenteeProfile)
export class MenteeProfileResolver {
  constructor(
    private readonly profiles: ProfileService,
    private readonly skills: SkillService,
  ) {}

  @Query(() => MenteeProfile, { nullable: true, description: 'Your mentee settings; null when you have not opted in as a mentee' })
  myMenteeProfile(@CurrentUser() caller: Caller): Promise<MenteeProfile | null> {
    return this.profiles.myMenteeProfile(caller);
  }

  @Mutation(() => MenteeProfile, { description: 'Opt in as a mentee (goals, skills to learn), or change your settings' })
  optInAsMentee(@CurrentUser() caller: Caller, @Args('input') input: MenteeProfileInput): Promise<MenteeProfile> {
    return this.profiles.optInAsMentee(caller, input);
  }

  @Mutation(() => MenteeProfile, { description: 'Stop looking for a mentor: open proposals are withdrawn; your mentorships go on' })
  optOutAsMentee(@CurrentUser() caller: Caller): Promise<MenteeProfile> {
    return this.profiles.optOutAsMentee(caller);
  }

  @ResolveField(() => [Skill], { description: 'Skills you want to learn (besides those marked on your profile)' })
  learnSkills(@Parent() p: MenteeProfile, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext): Promise<Skill[]> {
    return skillsOf(ctx, caller, this.skills, p.learnSkillIds);
  }
}

@Resolver(() => MentorSuggestion)
export class MentorSuggestionResolver {
  constructor(
    private readonly people: PeopleService,
    private readonly skills: SkillService,
  ) {}

  @ResolveField(() => Employee)
  mentor(@Parent() s: MentorSuggestion, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return employeeLoader(ctx, caller, this.people).load(s.mentorId);
  }

  @ResolveField(() => [Skill])
  topics(@Parent() s: MentorSuggestion & { topicSkillIds: string[] }, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return skillsOf(ctx, caller, this.skills, s.topicSkillIds ?? []);
  }
}
