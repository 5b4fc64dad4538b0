import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@waypoint/notifications';
import { PeopleModule } from '@waypoint/people';
import { ProjectsProcessor } from './jobs/projects.processor';
import { ParticipationService } from './participation.service';
import { Project, ProjectParticipant, ProjectSkill, SkillEndorsement } from './project.entity';
import {
  EmployeeEndorsementsResolver,
  EmployeeSkillEndorsementsResolver,
  ProjectParticipantResolver,
  ProjectResolver,
  ProjectSkillResolver,
  SkillEndorsementResolver,
} from './project.resolver';
import { ProjectService } from './project.service';

/** Projects: entities and services, shared by the API and the worker. */
@Module({
  imports: [TypeOrmModule.forFeature([Project, ProjectSkill, ProjectParticipant, SkillEndorsement]), NotificationsModule, PeopleModule],
  providers: [ProjectService, ParticipationService],
  exports: [ProjectService, ParticipationService],
})
export class ProjectsModule {}

/** The GraphQL side, loaded by the API only. */
@Module({
  imports: [ProjectsModule, PeopleModule],
  providers: [
    ProjectResolver,
    ProjectSkillResolver,
    ProjectParticipantResolver,
    SkillEndorsementResolver,
    EmployeeSkillEndorsementsResolver,
    EmployeeEndorsementsResolver,
  ],
})
export class ProjectsApiModule {}

/** The job side, loaded by the worker only. */
@Module({ imports: [ProjectsModule, NotificationsModule], providers: [ProjectsProcessor] })
export class ProjectsWorkerModule {}
