import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DepartmentResolver } from './department.resolver';
import { Department } from './department.entity';
import { DepartmentService } from './department.service';
import { DevSignInResolver } from './dev-signin.resolver';
import { Employee } from './employee.entity';
import { EmployeeResolver } from './employee.resolver';
import { PeopleProcessor } from './jobs/people.processor';
import { PeopleService } from './people.service';
import { EmployeeSkill, Skill, SkillAlias } from './skills/skill.entity';
import { EmployeeSkillResolver, SkillResolver } from './skills/skill.resolver';
import { SkillService } from './skills/skill.service';

/** People and skills: entities and services, shared by the API and the worker. */
@Module({
  imports: [TypeOrmModule.forFeature([Employee, Department, Skill, SkillAlias, EmployeeSkill])],
  providers: [PeopleService, DepartmentService, SkillService],
  exports: [PeopleService, DepartmentService, SkillService],
})
export class PeopleModule {}

/** The GraphQL side, loaded by the API only. */
@Module({
  imports: [PeopleModule],
  providers: [EmployeeResolver, DepartmentResolver, SkillResolver, EmployeeSkillResolver, DevSignInResolver],
})
export class PeopleApiModule {}

/** The job side, loaded by the worker only. */
@Module({ imports: [PeopleModule], providers: [PeopleProcessor] })
export class PeopleWorkerModule {}
