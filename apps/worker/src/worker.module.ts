import { Module } from '@nestjs/common';
import { CoreModule } from '@waypoint/core';
import { PeopleWorkerModule } from '@waypoint/people';

/** BullMQ processors only: no HTTP, no resolvers. */
@Module({ imports: [CoreModule, PeopleWorkerModule] })
export class WorkerModule {}
