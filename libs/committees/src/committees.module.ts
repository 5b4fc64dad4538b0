import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@waypoint/notifications';
import { PeopleModule } from '@waypoint/people';
import { Committee, CommitteeApplication, CommitteeMembership, CommitteeSeatOpening } from './committee.entity';
import { CommitteeApplicationResolver, CommitteeMembershipResolver, CommitteeResolver, CommitteeSeatOpeningResolver } from './committee.resolver';
import { CommitteeService } from './committee.service';
import { CommitteesProcessor } from './jobs/committees.processor';

/** Committees: entities and services, shared by the API and the worker. */
@Module({
  imports: [TypeOrmModule.forFeature([Committee, CommitteeSeatOpening, CommitteeApplication, CommitteeMembership]), NotificationsModule],
  providers: [CommitteeService],
  exports: [CommitteeService],
})
export class CommitteesModule {}

/** The GraphQL side, loaded by the API only. */
@Module({
  imports: [CommitteesModule, PeopleModule],
  providers: [CommitteeResolver, CommitteeSeatOpeningResolver, CommitteeApplicationResolver, CommitteeMembershipResolver],
})
export class CommitteesApiModule {}

/** The job side, loaded by the worker only. */
@Module({ imports: [CommitteesModule, NotificationsModule], providers: [CommitteesProcessor] })
export class CommitteesWorkerModule {}
