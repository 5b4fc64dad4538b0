import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { byKeys, Caller, CurrentUser, GraphQLContext, isHr, Role, Roles, uuidPipe } from '@waypoint/core';
import { Department } from './department.entity';
import { DepartmentService } from './department.service';
import { CreateDepartmentInput, UpdateDepartmentInput } from './dto/department.input';
import { Employee } from './employee.entity';
import { PeopleService } from './people.service';

@Resolver(() => Department)
export class DepartmentResolver {
  constructor(
    private readonly departments: DepartmentService,
    private readonly people: PeopleService,
  ) {}

  @Query(() => [Department], { name: 'departments', description: 'Departments and business units; HR may include inactive ones' })
  listDepartments(
    @CurrentUser() caller: Caller,
    @Args('includeInactive', { defaultValue: false }) includeInactive: boolean,
  ): Promise<Department[]> {
    return this.departments.list(caller, includeInactive && isHr(caller));
  }

  @Roles(Role.HR_ADMIN, Role.ORG_ADMIN)
  @Mutation(() => Department)
  createDepartment(@CurrentUser() caller: Caller, @Args('input') input: CreateDepartmentInput): Promise<Department> {
    return this.departments.create(caller, input);
  }

  @Roles(Role.HR_ADMIN, Role.ORG_ADMIN)
  @Mutation(() => Department)
  updateDepartment(
    @CurrentUser() caller: Caller,
    @Args('id', { type: () => ID }, uuidPipe('id')) id: string,
    @Args('input') input: UpdateDepartmentInput,
  ): Promise<Department> {
    return this.departments.update(caller, id, input);
  }

  @Roles(Role.HR_ADMIN, Role.ORG_ADMIN)
  @Mutation(() => Department, { description: 'Refused while the department has active employees' })
  deactivateDepartment(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string): Promise<Department> {
    return this.departments.setActive(caller, id, false);
  }

  @ResolveField(() => Employee, { nullable: true })
  leader(@Parent() d: Department, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    if (!d.leaderId) return null;
    return ctx.loaders
      .get<string, Employee | null>('employeeById', async (ids) => byKeys(ids, await this.people.byIds(caller, ids), (x) => x.id))
      .load(d.leaderId);
  }

  @ResolveField(() => Department, { nullable: true })
  parent(@Parent() d: Department, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    if (!d.parentId) return null;
    return ctx.loaders
      .get<string, Department | null>('departmentById', async (ids) => byKeys(ids, await this.departments.byIds(caller, ids), (x) => x.id))
      .load(d.parentId);
  }
}
