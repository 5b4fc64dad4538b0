import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, Caller, conflict, OrgScope, TenantRepository, UnitOfWork } from '@waypoint/core';
import { DataSource, In } from 'typeorm';
import { Department } from './department.entity';
import { CreateDepartmentInput, UpdateDepartmentInput } from './dto/department.input';
import { Employee } from './employee.entity';

/** Departments and business units: a hierarchy with leaders. */
@Injectable()
export class DepartmentService {
  private readonly departments: TenantRepository<Department>;
  private readonly employees: TenantRepository<Employee>;

  constructor(
    @InjectDataSource() db: DataSource,
    private readonly uow: UnitOfWork,
  ) {
    this.departments = new TenantRepository(db.manager, Department);
    this.employees = new TenantRepository(db.manager, Employee);
  }

  list(scope: OrgScope, includeInactive = false): Promise<Department[]> {
    return this.departments.find(scope, { where: includeInactive ? {} : { active: true }, order: { name: 'ASC' } });
  }

  byIds(scope: OrgScope, ids: readonly string[]): Promise<Department[]> {
    return this.departments.find(scope, { where: { id: In([...ids]) } });
  }

  async create(caller: Caller, input: CreateDepartmentInput): Promise<Department> {
    await this.assertRefs(caller, input.parentId, input.leaderId);
    return this.uow.run(async (tx) => {
      const repo = tx.repo(this.departments);
      if (await repo.findOne(caller, { name: input.name })) throw conflict(`A department named ${input.name} already exists`);
      return repo.save(caller, { ...input, parentId: input.parentId ?? null, leaderId: input.leaderId ?? null });
    });
  }

  async update(caller: Caller, id: string, input: UpdateDepartmentInput): Promise<Department> {
    await this.assertRefs(caller, input.parentId ?? undefined, input.leaderId ?? undefined);
    return this.uow.run(async (tx) => {
      const repo = tx.repo(this.departments);
      const dept = await repo.get(caller, { id }, 'Department', { lock: { mode: 'pessimistic_write' } });
      if (input.name && input.name !== dept.name && (await repo.findOne(caller, { name: input.name }))) {
        throw conflict(`A department named ${input.name} already exists`);
      }
      if (input.parentId) {
        const ancestors: { id: string }[] = await tx.manager.query(
          `WITH RECURSIVE up(id, parent_id, depth) AS (
             SELECT id, parent_id, 0 FROM department WHERE id = $1 AND organization_id = $2
             UNION ALL SELECT d.id, d.parent_id, up.depth + 1 FROM department d JOIN up ON d.id = up.parent_id WHERE up.depth < 50)
           SELECT id FROM up`,
          [input.parentId, caller.organizationId],
        );
        if (ancestors.some((a) => a.id === id)) throw badInput('A department cannot sit under itself', 'parentId');
      }
      if (input.name) dept.name = input.name;
      if (input.kind) dept.kind = input.kind;
      if (input.parentId !== undefined) dept.parentId = input.parentId;
      if (input.leaderId !== undefined) dept.leaderId = input.leaderId;
      dept.updatedAt = new Date();
      return repo.save(caller, dept);
    });
  }

  async setActive(caller: Caller, id: string, active: boolean): Promise<Department> {
    return this.uow.run(async (tx) => {
      const repo = tx.repo(this.departments);
      const dept = await repo.get(caller, { id }, 'Department');
      if (!active && (await tx.repo(this.employees).count(caller, { departmentId: id, active: true }))) {
        throw conflict('Move the active employees of this department first');
      }
      Object.assign(dept, { active, updatedAt: new Date() });
      return repo.save(caller, dept);
    });
  }

  private async assertRefs(scope: OrgScope, parentId?: string, leaderId?: string): Promise<void> {
    if (parentId && !(await this.departments.findOne(scope, { id: parentId }))) throw badInput('Unknown parent department', 'parentId');
    if (leaderId && !(await this.employees.findOne(scope, { id: leaderId, active: true }))) throw badInput('Unknown leader', 'leaderId');
  }
}
