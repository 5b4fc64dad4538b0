import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@waypoint/notifications';
import { PeopleModule } from '@waypoint/people';
import { Application, ApplicationTransition } from './application.entity';
import { ApplicationResolver } from './application.resolver';
import { ApplicationService } from './application.service';
import { EmployeeOpeningsResolver, OpeningsPolicyResolver } from './employee-openings.resolver';
import { InterviewLog, InterviewPractice } from './interview.entity';
import { InterviewResolver } from './interview.resolver';
import { InterviewService } from './interview.service';
import { OpeningsJobsService } from './jobs/openings-jobs.service';
import { OpeningsProcessor } from './jobs/openings.processor';
import { MatchService } from './match.service';
import { Opening, OpeningSkill, SavedOpening } from './opening.entity';
import { OpeningResolver } from './opening.resolver';
import { OpeningService } from './opening.service';
import { OpeningsPolicyService } from './policy.service';
import { RecommendationService } from './recommendation.service';
import { ReleaseAgreement } from './release.entity';
import { ReleaseResolver } from './release.resolver';
import { ReleaseService } from './release.service';

/** Internal openings: entities and services, shared by the API and the worker. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Opening, OpeningSkill, SavedOpening, Application, ApplicationTransition, ReleaseAgreement, InterviewLog, InterviewPractice]),
    PeopleModule,
    NotificationsModule,
  ],
  providers: [OpeningsPolicyService, ApplicationService, OpeningService, ReleaseService, InterviewService, MatchService, RecommendationService],
  exports: [OpeningsPolicyService, ApplicationService, OpeningService, ReleaseService, InterviewService, MatchService, RecommendationService],
})
export class OpeningsModule {}

/** The GraphQL side, loaded by the API only. */
@Module({
  imports: [OpeningsModule, PeopleModule],
  providers: [OpeningResolver, ApplicationResolver, ReleaseResolver, InterviewResolver, EmployeeOpeningsResolver, OpeningsPolicyResolver],
})
export class OpeningsApiModule {}

/** The job side, loaded by the worker only: the one consumer of the `openings` queue. */
@Module({ imports: [OpeningsModule, NotificationsModule], providers: [OpeningsJobsService, OpeningsProcessor] })
export class OpeningsWorkerModule {}
