import { Args, Context, Field, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { byKeys, Caller, Connection, CurrentUser, GraphQLContext, PageArgs, Role, Roles, uuidPipe } from '@waypoint/core';
import { Department, DepartmentService, Employee, EmployeeSkill, PeopleService, Skill, SkillService } from '@waypoint/people';
import {
  CompleteProjectArgs,
  CreateProjectInput,
  DecisionArgs,
  ParticipantsArgs,
  ProjectsArgs,
  RequestToJoinArgs,
  SetProjectPolicyArgs,
  UpdateProjectInput,
} from './dto/project.input';
import { ParticipationService } from './participation.service';
import { Project, ProjectParticipant, ProjectSkill, SkillEndorsement } from './project.entity';
import { ProjectService } from './project.service';

@ObjectType()
export class ProjectConnection extends Connection(Project) {}

@ObjectType()
export class ProjectParticipantConnection extends Connection(ProjectParticipant) {}

@ObjectType({ description: "The organization's project-time policy" })
export class ProjectPolicyModel {
  @Field(() => Number, { description: "Cap on one person's total project time (hours per week)" }) maxHoursPerWeek: number;
  @Field(() => Number, { description: "Above this total, the participant's manager must approve" }) approvalThresholdHours: number;
}

/** Shared per-request loaders of the projects API. */
class ProjectLoaders {
  static employee(people: PeopleService, caller: Caller, ctx: GraphQLContext) {
    return ctx.loaders.get<string, Employee | null>('employeeById', async (ids) => byKeys(ids, await people.byIds(caller, ids), (x) => x.id));
  }
  static project(projects: ProjectService, caller: Caller, ctx: GraphQLContext) {
    return ctx.loaders.get<string, Project | null>('projectById', async (ids) => byKeys(ids, await projects.byIds(caller, ids), (x) => x.id));
  }
  static skill(skills: SkillService, caller: Caller, ctx: GraphQLContext) {
    return ctx.loaders.get<string, Skill | null>('skillById', async (ids) => byKeys(ids, await skills.byIds(caller, ids), (s) => s.id));
  }
}

@Resolver(() => Project)
export class ProjectResolver {
  constructor(
    private readonly projectService: ProjectService,
    private readonly participation: ParticipationService,
    private readonly people: PeopleService,
    private readonly departmentService: DepartmentService,
  ) {}

  @Query(() => Project, { description: 'A project; drafts are visible to their owner and HR only' })
  project(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<Project> {
    return this.projectService.get(caller, id);
  }

  @Query(() => ProjectConnection, { description: 'Projects, newest first (OPEN unless a status is given; `mine` for your own)' })
  projects(@CurrentUser() caller: Caller, @Args() args: ProjectsArgs) {
    return this.projectService.list(caller, args);
  }

  @Query(() => ProjectPolicyModel)
  projectPolicy(@CurrentUser() caller: Caller) {
    return this.projectService.policy(caller);
  }

  @Roles(Role.ORG_ADMIN)
  @Mutation(() => ProjectPolicyModel, { description: 'Org admins: the cap on project time and the manager-approval threshold' })
  setProjectPolicy(@CurrentUser() caller: Caller, @Args() args: SetProjectPolicyArgs) {
    return this.projectService.setPolicy(caller, { maxHoursPerWeek: args.maxHoursPerWeek, approvalThresholdHours: args.approvalThresholdHours });
  }

  @Mutation(() => Project, { description: 'Post a project as a draft; publish it to announce it' })
  createProject(@CurrentUser() caller: Caller, @Args('input') input: CreateProjectInput): Promise<Project> {
    return this.projectService.create(caller, input);
  }

  @Mutation(() => Project, { description: 'Edit a draft (owner or HR)' })
  updateProject(
    @CurrentUser() caller: Caller,
    @Args('id', { type: () => ID }, uuidPipe('id')) id: string,
    @Args('input') input: UpdateProjectInput,
  ): Promise<Project> {
    return this.projectService.update(caller, id, input);
  }

  @Mutation(() => Project, { description: 'Publish a draft: it is announced to the employees it fits' })
  publishProject(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<Project> {
    return this.projectService.publish(caller, id);
  }

  @Mutation(() => Project, { description: 'Stop taking requests; waiting requests are declined' })
  closeProject(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<Project> {
    return this.projectService.close(caller, id);
  }

  @Mutation(() => Project, { description: 'Complete the project and endorse the skills each participant used' })
  completeProject(@CurrentUser() caller: Caller, @Args() args: CompleteProjectArgs): Promise<Project> {
    return this.projectService.complete(caller, args);
  }

  @ResolveField(() => Employee, { nullable: true })
  owner(@Parent() p: Project, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return ProjectLoaders.employee(this.people, caller, ctx).load(p.ownerId);
  }

  @ResolveField(() => [ProjectSkill])
  neededSkills(@Parent() p: Project, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return ctx.loaders.get<string, ProjectSkill[]>('projectSkillsOf', (ids) => this.projectService.skillsOf(caller, ids)).load(p.id);
  }

  @ResolveField(() => [Department])
  async departments(@Parent() p: Project, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    if (!p.departmentIds.length) return [];
    const loader = ctx.loaders.get<string, Department | null>('departmentById', async (ids) =>
      byKeys(ids, await this.departmentService.byIds(caller, ids), (d) => d.id),
    );
    return (await loader.loadMany(p.departmentIds)).filter((d) => d && !(d instanceof Error));
  }

  @ResolveField(() => Int)
  seatsLeft(@Parent() p: Project): number {
    return Math.max(0, p.seats - p.seatsTaken);
  }

  @ResolveField(() => ProjectParticipant, { nullable: true, description: 'Your live request or participation, if any' })
  myParticipation(@Parent() p: Project, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return ctx.loaders.get<string, ProjectParticipant | null>('myProjectParticipation', (ids) => this.participation.mineIn(caller, ids)).load(p.id);
  }
}

@Resolver(() => ProjectSkill)
export class ProjectSkillResolver {
  constructor(private readonly skills: SkillService) {}

  @ResolveField(() => Skill, { nullable: true })
  skill(@Parent() ps: ProjectSkill, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return ProjectLoaders.skill(this.skills, caller, ctx).load(ps.skillId);
  }
}

@Resolver(() => ProjectParticipant)
export class ProjectParticipantResolver {
  constructor(
    private readonly participation: ParticipationService,
    private readonly projects: ProjectService,
    private readonly people: PeopleService,
  ) {}

  @Query(() => ProjectParticipantConnection, {
    description: "A project's participants: the owner and HR see every request; others see the team and their own request",
  })
  projectParticipants(@CurrentUser() caller: Caller, @Args() args: ParticipantsArgs) {
    return this.participation.ofProject(caller, args.projectId, args);
  }

  @Query(() => ProjectParticipantConnection, { description: 'Your project requests and participations, newest first' })
  myProjectParticipations(@CurrentUser() caller: Caller, @Args() page: PageArgs) {
    return this.participation.mine(caller, page);
  }

  @Query(() => ProjectParticipantConnection, { description: "Your reports' project time waiting for your approval (HR: all)" })
  projectApprovalsAwaitingMe(@CurrentUser() caller: Caller, @Args() page: PageArgs) {
    return this.participation.awaitingMyApproval(caller, page);
  }

  @Mutation(() => ProjectParticipant, { description: 'Ask to join an open project' })
  requestToJoinProject(@CurrentUser() caller: Caller, @Args() args: RequestToJoinArgs) {
    return this.participation.request(caller, args.projectId, args.motivation);
  }

  @Mutation(() => ProjectParticipant)
  withdrawProjectRequest(@CurrentUser() caller: Caller, @Args('participantId', { type: () => ID }, uuidPipe('participantId')) id: string) {
    return this.participation.withdraw(caller, id);
  }

  @Mutation(() => ProjectParticipant, { description: 'Owner: accept a request; takes a seat (CONFLICT when none is left)' })
  acceptProjectRequest(@CurrentUser() caller: Caller, @Args('participantId', { type: () => ID }, uuidPipe('participantId')) id: string) {
    return this.participation.accept(caller, id);
  }

  @Mutation(() => ProjectParticipant)
  declineProjectRequest(@CurrentUser() caller: Caller, @Args() args: DecisionArgs) {
    return this.participation.decline(caller, args.participantId, args.note);
  }

  @Mutation(() => ProjectParticipant, { description: "Manager: approve a report's project time" })
  approveProjectParticipation(@CurrentUser() caller: Caller, @Args() args: DecisionArgs) {
    return this.participation.approve(caller, args.participantId, args.note);
  }

  @Mutation(() => ProjectParticipant, { description: "Manager: do not approve a report's project time; the seat is freed" })
  refuseProjectParticipation(@CurrentUser() caller: Caller, @Args() args: DecisionArgs) {
    return this.participation.refuseApproval(caller, args.participantId, args.note);
  }

  @Mutation(() => ProjectParticipant, { description: 'Leave a project you take part in' })
  leaveProject(@CurrentUser() caller: Caller, @Args('projectId', { type: () => ID }, uuidPipe('projectId')) projectId: string) {
    return this.participation.leave(caller, projectId);
  }

  @ResolveField(() => Employee, { nullable: true })
  employee(@Parent() r: ProjectParticipant, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return ProjectLoaders.employee(this.people, caller, ctx).load(r.employeeId);
  }

  @ResolveField(() => Employee, { nullable: true })
  approver(@Parent() r: ProjectParticipant, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return r.approverId ? ProjectLoaders.employee(this.people, caller, ctx).load(r.approverId) : null;
  }

  @ResolveField(() => Project, { nullable: true })
  project(@Parent() r: ProjectParticipant, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return ProjectLoaders.project(this.projects, caller, ctx).load(r.projectId);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Private: the participant, the project owner, the approving manager and HR; null for anyone else',
  })
  async motivation(@Parent() r: ProjectParticipant, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    const project = await ProjectLoaders.project(this.projects, caller, ctx).load(r.projectId);
    return this.participation.canSeeDetails(caller, r, project) ? r.motivation : null;
  }
}

@Resolver(() => SkillEndorsement)
export class SkillEndorsementResolver {
  constructor(
    private readonly projects: ProjectService,
    private readonly people: PeopleService,
    private readonly skills: SkillService,
  ) {}

  @ResolveField(() => Skill, { nullable: true })
  skill(@Parent() e: SkillEndorsement, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return ProjectLoaders.skill(this.skills, caller, ctx).load(e.skillId);
  }

  @ResolveField(() => Project, { nullable: true })
  project(@Parent() e: SkillEndorsement, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return ProjectLoaders.project(this.projects, caller, ctx).load(e.projectId);
  }

  @ResolveField(() => Employee, { nullable: true })
  endorsedBy(@Parent() e: SkillEndorsement, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return ProjectLoaders.employee(this.people, caller, ctx).load(e.endorsedById);
  }
}

/** Profile evidence: endorsements show on the employee's skill, and as a list on the employee. */
@Resolver(() => EmployeeSkill)
export class EmployeeSkillEndorsementsResolver {
  constructor(private readonly projects: ProjectService) {}

  @ResolveField(() => [SkillEndorsement], { description: 'Project owners who vouched for this skill, newest first' })
  endorsements(@Parent() es: EmployeeSkill, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return ctx.loaders
      .get<string, SkillEndorsement[]>('endorsementsOfSkill', (keys) =>
        this.projects.endorsementsOf(
          caller,
          keys.map((k) => ({ employeeId: k.split(':')[0], skillId: k.split(':')[1] })),
        ),
      )
      .load(`${es.employeeId}:${es.skillId}`);
  }
}

@Resolver(() => Employee)
export class EmployeeEndorsementsResolver {
  constructor(private readonly projects: ProjectService) {}

  @ResolveField(() => [SkillEndorsement], { description: 'Skill endorsements from completed projects, newest first' })
  skillEndorsements(@Parent() e: Employee, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return ctx.loaders
      .get<string, SkillEndorsement[]>('endorsementsOfEmployee', (ids) => this.projects.endorsementsOf(caller, ids.map((employeeId) => ({ employeeId }))))
      .load(e.id);
  }
}
