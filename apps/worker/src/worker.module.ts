import { Module } from '@nestjs/common';
import { CoreModule } from '@waypoint/core';
import { MeetingsWorkerModule } from '@waypoint/meetings';
import { NotificationsWorkerModule } from '@waypoint/notifications';
import { PeopleWorkerModule } from '@waypoint/people';
import { OpeningsWorkerModule } from '@waypoint/openings';
import { CommitteesWorkerModule } from '@waypoint/committees';
import { ProjectsWorkerModule } from '@waypoint/projects';
import { MentoringWorkerModule } from '@waypoint/mentoring';

/** BullMQ processors only: no HTTP, no resolvers. */
@Module({ imports: [CoreModule, PeopleWorkerModule, OpeningsWorkerModule, ProjectsWorkerModule, CommitteesWorkerModule, NotificationsWorkerModule, MeetingsWorkerModule, MentoringWorkerModule] })
export class WorkerModule {}
