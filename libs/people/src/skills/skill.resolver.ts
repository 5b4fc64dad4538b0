import { Args, ArgsType, Context, Field, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { byKeys, Caller, CurrentUser, GraphQLContext, Role, Roles } from '@waypoint/core';
import { ArrayMaxSize, IsInt, IsUUID, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { SetMySkillsArgs } from '../dto/profile.input';
import { EmployeeSkill, Skill } from './skill.entity';
import { SkillService } from './skill.service';

@ArgsType()
class SkillSearchArgs {
  @Field({ nullable: true, description: 'Prefix of a name or alias: "k8s" finds Kubernetes' })
  @IsOptional() @IsString() @MaxLength(100) search?: string;
  @Field(() => Int, { defaultValue: 20 }) @IsInt() @Min(1) @Max(100) first = 20;
}

@ArgsType()
class ProposeSkillArgs {
  @Field() @IsString() @MinLength(1) @MaxLength(60) name: string;
}

@ArgsType()
class ApproveSkillArgs {
  @Field(() => ID) @IsUUID('all', { message: 'id must be an id (UUID)' }) id: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(60) category?: string;
  @Field(() => [String], { defaultValue: [] }) @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(60, { each: true }) aliases: string[] = [];
}

@Resolver(() => Skill)
export class SkillResolver {
  constructor(private readonly skills: SkillService) {}

  @Query(() => [Skill], { name: 'skills', description: 'The skill taxonomy, for autocomplete' })
  searchSkills(@CurrentUser() caller: Caller, @Args() args: SkillSearchArgs): Promise<Skill[]> {
    return this.skills.search(caller, args.search, args.first);
  }

  @Mutation(() => Skill, { description: 'Suggest a skill the taxonomy lacks; an existing name or alias returns that skill' })
  proposeSkill(@CurrentUser() caller: Caller, @Args() args: ProposeSkillArgs): Promise<Skill> {
    return this.skills.propose(caller, args.name);
  }

  @Roles(Role.HR_ADMIN, Role.ORG_ADMIN)
  @Mutation(() => Skill)
  approveSkill(@CurrentUser() caller: Caller, @Args() args: ApproveSkillArgs): Promise<Skill> {
    return this.skills.approve(caller, args.id, args.category, args.aliases);
  }

  @Mutation(() => [EmployeeSkill], { description: 'Replace your skills (proficiency 1–5, wants to learn / teach)' })
  setMySkills(
    @CurrentUser() caller: Caller,
    @Args() { skills }: SetMySkillsArgs,
  ): Promise<EmployeeSkill[]> {
    return this.skills.setMySkills(caller, skills);
  }
}

@Resolver(() => EmployeeSkill)
export class EmployeeSkillResolver {
  constructor(private readonly skills: SkillService) {}

  @ResolveField(() => Skill)
  skill(@Parent() es: EmployeeSkill, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return ctx.loaders
      .get<string, Skill | null>('skillById', async (ids) => byKeys(ids, await this.skills.byIds(caller, ids), (s) => s.id))
      .load(es.skillId);
  }
}
