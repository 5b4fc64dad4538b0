import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@waypoint/notifications';
import { PeopleModule } from '@waypoint/people';
import { MatchingRunner } from './jobs/matching-run';
import { MentoringJobs } from './jobs/mentoring-jobs';
import { MentoringProcessor } from './jobs/mentoring.processor';
import { MentoringSession, Mentorship } from './mentorship.entity';
import { MentorshipResolver, MentoringSessionResolver } from './mentorship.resolver';
import { MentorshipService } from './mentorship.service';
import { MenteeProfile, MentorProfile } from './profile.entity';
import { MenteeProfileResolver, MentorProfileResolver, MentorSuggestionResolver } from './profile.resolver';
import { ProfileService } from './profile.service';
import { MentoringProposal } from './proposal.entity';
import { ProposalResolver } from './proposal.resolver';
import { ProposalService } from './proposal.service';
import { MentoringRound } from './round.entity';
import { RoundResolver } from './round.resolver';
import { RoundService } from './round.service';
import { SuggestionService } from './suggestion.service';

/** Mentoring: entities and services, shared by the API and the worker. */
@Module({
  imports: [
    TypeOrmModule.forFeature([MentorProfile, MenteeProfile, MentoringRound, MentoringProposal, Mentorship, MentoringSession]),
    PeopleModule,
    NotificationsModule,
  ],
  providers: [ProfileService, ProposalService, RoundService, MentorshipService, SuggestionService],
  exports: [ProfileService, ProposalService, RoundService, MentorshipService, SuggestionService],
})
export class MentoringModule {}

/** The GraphQL side, loaded by the API only. */
@Module({
  imports: [MentoringModule, PeopleModule],
  providers: [
    MentorProfileResolver,
    MenteeProfileResolver,
    MentorSuggestionResolver,
    RoundResolver,
    ProposalResolver,
    MentorshipResolver,
    MentoringSessionResolver,
  ],
})
export class MentoringApiModule {}

/** The job side, loaded by the worker only: matching runs, re-matching, the periodic jobs. */
@Module({ imports: [MentoringModule, NotificationsModule], providers: [MatchingRunner, MentoringJobs, MentoringProcessor] })
export class MentoringWorkerModule {}
