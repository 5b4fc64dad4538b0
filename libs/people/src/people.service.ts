import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  badInput,
  Caller,
  conflict,
  decodeCursor,
  forbidden,
  groupBy,
  isHr,
  isOrgAdmin,
  notFound,
  OrgScope,
  Page,
  PageArgs,
  Role,
  TenantRepository,
  toPage,
  Tx,
  UnitOfWork,
} from '@waypoint/core';
import { DataSource, In } from 'typeorm';
import { Department } from './department.entity';
import { CreateEmployeeInput, EmployeeFilter, UpdateEmployeeInput, UpdateMyProfileInput } from './dto/profile.input';
import { CareerAspirations, Employee } from './employee.entity';
import { prefixQuery } from './search-document';

/** Profiles, the directory, and HR administration of employees. */
@Injectable()
export class PeopleService {
  private readonly employees: TenantRepository<Employee>;
  private readonly departments: TenantRepository<Department>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uow: UnitOfWork,
  ) {
    this.employees = new TenantRepository(db.manager, Employee);
    this.departments = new TenantRepository(db.manager, Department);
  }

  get(scope: OrgScope, id: string): Promise<Employee> {
    return this.employees.get(scope, { id }, 'Employee');
  }

  /** `employee(id)`: the directory's rule — a deactivated employee is NOT_FOUND for anyone but HR (and themselves). */
  async visible(caller: Caller, id: string): Promise<Employee> {
    const employee = await this.get(caller, id);
    if (!employee.active && !isHr(caller) && employee.id !== caller.employeeId) throw notFound('Employee');
    return employee;
  }

  byIds(scope: OrgScope, ids: readonly string[]): Promise<Employee[]> {
    return this.employees.find(scope, { where: { id: In([...ids]) } });
  }

  /** Direct reports of each manager, for a DataLoader. */
  async reportsOf(scope: OrgScope, managerIds: readonly string[]): Promise<Employee[][]> {
    const rows = await this.employees.find(scope, {
      where: { managerId: In([...managerIds]), active: true },
      order: { fullName: 'ASC', id: 'ASC' },
    });
    const byManager = groupBy(rows, (r) => r.managerId);
    return managerIds.map((m) => byManager.get(m) ?? []);
  }

  /** Everyone above each employee, nearest manager first, in one recursive query. */
  async managerChains(scope: OrgScope, employeeIds: readonly string[]): Promise<string[][]> {
    const rows: { start: string; id: string; depth: number }[] = await this.db.query(
      `WITH RECURSIVE chain(start, id, depth, path) AS (
         SELECT e.id, e.manager_id, 1, ARRAY[e.id]
           FROM employee e WHERE e.organization_id = $1 AND e.id = ANY($2) AND e.manager_id IS NOT NULL
         UNION ALL
         SELECT c.start, m.manager_id, c.depth + 1, c.path || m.id
           FROM chain c JOIN employee m ON m.id = c.id AND m.organization_id = $1
          WHERE m.manager_id IS NOT NULL AND NOT m.manager_id = ANY(c.path) AND c.depth < 50
       )
       SELECT start, id, depth FROM chain ORDER BY start, depth`,
      [scope.organizationId, [...employeeIds]],
    );
    const chains = groupBy(rows, (r) => r.start);
    return employeeIds.map((id) => (chains.get(id) ?? []).map((r) => r.id));
  }

  /** The private part of a profile: the employee themselves and HR / org admins; nobody else (not their manager). */
  aspirations(caller: Caller, e: Employee): CareerAspirations | null {
    if (caller.employeeId !== e.id && !isHr(caller)) return null;
    const { targetRoles, targetDepartmentIds, priorities, prioritiesNote, openToOpportunities } = e;
    return { targetRoles, targetDepartmentIds, priorities, prioritiesNote, openToOpportunities };
  }

  /** The directory: active employees (HR may include inactive ones), by name, as a Relay page. */
  async directory(caller: Caller, filter: EmployeeFilter = {}, page: PageArgs): Promise<Page<Employee>> {
    if (filter.includeInactive && !isHr(caller)) throw forbidden('Only HR and org admins can list deactivated employees');
    const qb = this.employees.query(caller, 'e');
    if (!filter.includeInactive) qb.andWhere('e.active');
    if (filter.departmentId) qb.andWhere('e.department_id = :dept', { dept: filter.departmentId });
    if (filter.skill) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM employee_skill es WHERE es.employee_id = e.id AND es.skill_id = :skill AND es.proficiency >= :minProf)',
        { skill: filter.skill.skillId, minProf: filter.skill.minProficiency },
      );
    }
    const words = filter.search ? prefixQuery(filter.search) : null;
    if (words) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM employee_search_document d WHERE d.employee_id = e.id AND d.document @@ to_tsquery('simple', :words))`,
        { words },
      );
    }
    const totalCount = await qb.clone().getCount();
    if (page.after) {
      const [name, id] = decodeCursor(page.after, 2);
      qb.andWhere('(e.full_name, e.id) > (:name, :id::uuid)', { name, id });
    }
    const rows = await qb.orderBy('e.full_name', 'ASC').addOrderBy('e.id', 'ASC').limit(page.first + 1).getMany();
    return toPage(rows, page.first, totalCount, (e) => [e.fullName, e.id]);
  }

  async updateMyProfile(caller: Caller, input: UpdateMyProfileInput): Promise<Employee> {
    if (input.targetDepartmentIds?.length) await this.assertDepartments(caller, input.targetDepartmentIds);
    return this.uow.run(async (tx) => {
      const repo = tx.repo(this.employees);
      const me = await repo.get(caller, { id: caller.employeeId }, 'Employee', { lock: { mode: 'pessimistic_write' } });
      const changes = definedOnly(input);
      Object.assign(me, changes, { profileReviewedAt: new Date(), updatedAt: new Date() });
      await repo.save(caller, me);
      await tx.emit(caller, 'EmployeeProfileUpdated', { employeeId: me.id });
      return me;
    });
  }

  async create(caller: Caller, input: CreateEmployeeInput): Promise<Employee> {
    if (input.departmentId) await this.assertDepartments(caller, [input.departmentId]);
    if (input.managerId) await this.get(caller, input.managerId);
    return this.uow.run(async (tx) => {
      const repo = tx.repo(this.employees);
      if (await repo.findOne(caller, { email: input.email.toLowerCase() })) {
        throw conflict(`An employee with email ${input.email} already exists`);
      }
      const saved = await repo.save(caller, { ...definedOnly(input), email: input.email.toLowerCase() });
      await tx.emit(caller, 'EmployeeProfileUpdated', { employeeId: saved.id });
      return repo.get(caller, { id: saved.id }, 'Employee');
    });
  }

  async update(caller: Caller, id: string, input: UpdateEmployeeInput): Promise<Employee> {
    if (input.departmentId) await this.assertDepartments(caller, [input.departmentId]);
    return this.uow.run(async (tx) => {
      const repo = tx.repo(this.employees);
      const employee = await repo.get(caller, { id }, 'Employee', { lock: { mode: 'pessimistic_write' } });
      if (input.managerId) await this.assertNoCycle(tx, caller, id, input.managerId);
      if (input.email && input.email.toLowerCase() !== employee.email) {
        if (await repo.findOne(caller, { email: input.email.toLowerCase() })) {
          throw conflict(`An employee with email ${input.email} already exists`);
        }
        input.email = input.email.toLowerCase();
      }
      const { departmentId, managerId, ...rest } = input;
      Object.assign(employee, definedOnly(rest), { updatedAt: new Date() });
      if (departmentId !== undefined) employee.departmentId = departmentId;
      if (managerId !== undefined) employee.managerId = managerId;
      await repo.save(caller, employee);
      await tx.emit(caller, 'EmployeeProfileUpdated', { employeeId: id });
      return repo.get(caller, { id }, 'Employee');
    });
  }

  async setActive(caller: Caller, id: string, active: boolean): Promise<Employee> {
    if (id === caller.employeeId && !active) throw badInput('You cannot deactivate yourself', 'id');
    return this.uow.run(async (tx) => {
      const repo = tx.repo(this.employees);
      const employee = await repo.get(caller, { id }, 'Employee', { lock: { mode: 'pessimistic_write' } });
      if (!active && employee.roles.includes(Role.ORG_ADMIN)) await this.assertAnotherOrgAdmin(tx, caller, id);
      Object.assign(employee, { active, updatedAt: new Date() });
      await repo.save(caller, employee);
      await tx.emit(caller, 'EmployeeProfileUpdated', { employeeId: id });
      return employee;
    });
  }

  /** HR may grant EMPLOYEE and HR_ADMIN; only an org admin grants or removes ORG_ADMIN. */
  async setRoles(caller: Caller, id: string, roles: Role[]): Promise<Employee> {
    const next = [...new Set([Role.EMPLOYEE, ...roles])].sort();
    return this.uow.run(async (tx) => {
      const repo = tx.repo(this.employees);
      const employee = await repo.get(caller, { id }, 'Employee', { lock: { mode: 'pessimistic_write' } });
      const touchesOrgAdmin = employee.roles.includes(Role.ORG_ADMIN) !== next.includes(Role.ORG_ADMIN);
      if (touchesOrgAdmin && !isOrgAdmin(caller)) throw forbidden('Only an org admin can grant or remove ORG_ADMIN');
      if (employee.roles.includes(Role.ORG_ADMIN) && !next.includes(Role.ORG_ADMIN)) {
        await this.assertAnotherOrgAdmin(tx, caller, id);
      }
      employee.roles = next;
      employee.updatedAt = new Date();
      await repo.save(caller, employee);
      return employee;
    });
  }

  private async assertAnotherOrgAdmin(tx: Tx, scope: OrgScope, leaving: string): Promise<void> {
    const [{ n }] = await tx.manager.query(
      `SELECT count(*)::int AS n FROM employee WHERE organization_id = $1 AND active AND 'ORG_ADMIN' = ANY(roles) AND id <> $2`,
      [scope.organizationId, leaving],
    );
    if (n === 0) throw conflict('The organization must keep at least one active org admin');
  }

  private async assertNoCycle(tx: Tx, scope: OrgScope, employeeId: string, managerId: string): Promise<void> {
    if (managerId === employeeId) throw badInput('An employee cannot be their own manager', 'managerId');
    await tx.repo(this.employees).get(scope, { id: managerId }, 'Manager');
    const [chain] = await this.managerChains(scope, [managerId]);
    if (chain.includes(employeeId)) throw badInput('This manager reports to the employee: reporting lines cannot loop', 'managerId');
  }

  async assertDepartments(scope: OrgScope, ids: string[]): Promise<void> {
    const found = await this.departments.count(scope, { id: In(ids) });
    if (found !== new Set(ids).size) throw badInput('Unknown department id', 'departmentId');
  }
}

/** Drops undefined and null: for non-nullable fields "not given" and "null" both mean "leave as is". */
export function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}
