import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule, NotificationsWorkerModule } from '@waypoint/notifications';
import { PeopleModule } from '@waypoint/people';
import { CalendarController } from './calendar.controller';
import { MeetingsJobs } from './jobs/meetings.jobs';
import { MeetingsService } from './meetings.service';
import { PersonToMeetResolver, ResearchMeetingResolver } from './meetings.resolver';
import { MeetingHost, ResearchMeeting } from './research-meeting.entity';
import { SuggestionsService } from './suggestions.service';

/** Research meetings: entities and services, shared by the API and the worker. */
@Module({
  imports: [TypeOrmModule.forFeature([ResearchMeeting, MeetingHost]), PeopleModule, NotificationsModule],
  providers: [MeetingsService, SuggestionsService],
  exports: [MeetingsService, SuggestionsService],
})
export class MeetingsModule {}

/** The GraphQL side and the calendar download route, loaded by the API only. */
@Module({
  imports: [MeetingsModule, PeopleModule],
  controllers: [CalendarController],
  providers: [ResearchMeetingResolver, PersonToMeetResolver],
})
export class MeetingsApiModule {}

/** The job side, loaded by the worker only: handlers contributed to the notifications queue. */
@Module({ imports: [MeetingsModule, PeopleModule, NotificationsModule, NotificationsWorkerModule], providers: [MeetingsJobs] })
export class MeetingsWorkerModule {}
