import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth/auth.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { LoggingModule } from './logging/logging.module';
import { JobFailure } from './outbox/job-failure.entity';
import { OutboxEvent } from './outbox/outbox-event.entity';
import { OutboxModule } from './outbox/outbox.module';
import { QueueModule } from './queue/queue.module';
import { Organization } from './tenancy/organization.entity';

/** What both the API and the worker stand on: config, logs, database, queues, outbox, auth. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    TypeOrmModule.forFeature([Organization, OutboxEvent, JobFailure]),
    QueueModule,
    OutboxModule,
    AuthModule,
  ],
  exports: [TypeOrmModule],
})
export class CoreModule {}
