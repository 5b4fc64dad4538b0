import { Args, Context, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { byKeys, Caller, Connection, CurrentUser, GraphQLContext, PageArgs, Role, Roles, uuidPipe } from '@waypoint/core';
import { Department } from './department.entity';
import { CreateEmployeeInput, EmployeeFilter, UpdateEmployeeInput, UpdateMyProfileInput } from './dto/profile.input';
import { CareerAspirations, Employee } from './employee.entity';
import { PeopleService } from './people.service';
import { DepartmentService } from './department.service';
import { SkillService } from './skills/skill.service';
import { EmployeeSkill } from './skills/skill.entity';

@ObjectType()
export class EmployeeConnection extends Connection(Employee) {}

@Resolver(() => Employee)
export class EmployeeResolver {
  constructor(
    private readonly people: PeopleService,
    private readonly departments: DepartmentService,
    private readonly skillService: SkillService,
  ) {}

  @Query(() => Employee, { description: 'The signed-in employee' })
  me(@CurrentUser() caller: Caller): Promise<Employee> {
    return this.people.get(caller, caller.employeeId);
  }

  @Query(() => Employee)
  employee(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<Employee> {
    return this.people.visible(caller, id);
  }

  @Query(() => EmployeeConnection, { description: 'The directory, ordered by name' })
  employees(
    @CurrentUser() caller: Caller,
    @Args() page: PageArgs,
    @Args('filter', { type: () => EmployeeFilter, nullable: true }) filter?: EmployeeFilter,
  ) {
    return this.people.directory(caller, filter ?? {}, page);
  }

  @Mutation(() => Employee, { description: 'Edit your own profile; also marks it as reviewed' })
  updateMyProfile(@CurrentUser() caller: Caller, @Args('input') input: UpdateMyProfileInput): Promise<Employee> {
    return this.people.updateMyProfile(caller, input);
  }

  @Roles(Role.HR_ADMIN, Role.ORG_ADMIN)
  @Mutation(() => Employee)
  createEmployee(@CurrentUser() caller: Caller, @Args('input') input: CreateEmployeeInput): Promise<Employee> {
    return this.people.create(caller, input);
  }

  @Roles(Role.HR_ADMIN, Role.ORG_ADMIN)
  @Mutation(() => Employee)
  updateEmployee(
    @CurrentUser() caller: Caller,
    @Args('id', { type: () => ID }, uuidPipe('id')) id: string,
    @Args('input') input: UpdateEmployeeInput,
  ): Promise<Employee> {
    return this.people.update(caller, id, input);
  }

  @Roles(Role.HR_ADMIN, Role.ORG_ADMIN)
  @Mutation(() => Employee)
  deactivateEmployee(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<Employee> {
    return this.people.setActive(caller, id, false);
  }

  @Roles(Role.HR_ADMIN, Role.ORG_ADMIN)
  @Mutation(() => Employee)
  reactivateEmployee(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<Employee> {
    return this.people.setActive(caller, id, true);
  }

  @Roles(Role.HR_ADMIN, Role.ORG_ADMIN)
  @Mutation(() => Employee, { description: 'EMPLOYEE is always kept. Only an org admin grants or removes ORG_ADMIN.' })
  setEmployeeRoles(
    @CurrentUser() caller: Caller,
    @Args('employeeId', { type: () => ID }, uuidPipe('employeeId')) employeeId: string,
    @Args('roles', { type: () => [Role] }) roles: Role[],
  ): Promise<Employee> {
    return this.people.setRoles(caller, employeeId, roles);
  }

  @ResolveField(() => Department, { nullable: true })
  department(@Parent() e: Employee, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    if (!e.departmentId) return null;
    return ctx.loaders
      .get<string, Department | null>('departmentById', async (ids) => byKeys(ids, await this.departments.byIds(caller, ids), (d) => d.id))
      .load(e.departmentId);
  }

  @ResolveField(() => Employee, { nullable: true })
  manager(@Parent() e: Employee, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return e.managerId ? this.employeeLoader(caller, ctx).load(e.managerId) : null;
  }

  @ResolveField(() => [Employee], { description: 'Active direct reports' })
  reports(@Parent() e: Employee, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return ctx.loaders.get<string, Employee[]>('reportsOf', (ids) => this.people.reportsOf(caller, ids)).load(e.id);
  }

  @ResolveField(() => [Employee], { description: 'Everyone above this employee, nearest manager first' })
  async managerChain(@Parent() e: Employee, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    const ids = await ctx.loaders.get<string, string[]>('managerChain', (keys) => this.people.managerChains(caller, keys)).load(e.id);
    return this.employeeLoader(caller, ctx).loadMany(ids);
  }

  @ResolveField(() => Boolean, { description: 'Has active direct reports (being a manager follows from reporting lines)' })
  async isManager(@Parent() e: Employee, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return (await this.reports(e, caller, ctx)).length > 0;
  }

  @ResolveField(() => [EmployeeSkill])
  skills(@Parent() e: Employee, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return ctx.loaders.get<string, EmployeeSkill[]>('skillsOf', (ids) => this.skillService.ofEmployees(caller, ids)).load(e.id);
  }

  @ResolveField(() => CareerAspirations, {
    nullable: true,
    description: 'Private: visible to the employee and to HR / org admins only; null for anyone else, their manager included',
  })
  aspirations(@Parent() e: Employee, @CurrentUser() caller: Caller): CareerAspirations | null {
    return this.people.aspirations(caller, e);
  }

  private employeeLoader(caller: Caller, ctx: GraphQLContext) {
    return ctx.loaders.get<string, Employee | null>('employeeById', async (ids) =>
      byKeys(ids, await this.people.byIds(caller, ids), (x) => x.id),
    );
  }
}
