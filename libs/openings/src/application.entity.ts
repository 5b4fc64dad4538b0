import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ApplicationViewer } from './access';
import { ApplicationStatus, DisclosureStage } from './pipeline';

/**
 * An internal application. Confidential by default: it is only ever read through
 * ApplicationService, which applies the rule of access.ts and sets `viewer`.
 */
@ObjectType()
@Entity('application')
export class Application {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Field(() => ID) @Column('uuid') openingId: string;
  @Field(() => ID) @Column('uuid') applicantId: string;
  @Field(() => ApplicationStatus) @Column({ type: 'text', default: ApplicationStatus.SUBMITTED }) status: ApplicationStatus;
  @Column({ default: '' }) note: string;
  @Field(() => DisclosureStage, { description: 'The stage at which the manager chain may see it' })
  @Column({ type: 'text' })
  discloseAtStage: DisclosureStage;
  @Column({ type: 'timestamptz', nullable: true }) disclosedAt: Date | null;
  @Column({ type: 'text', nullable: true }) disclosedBy: 'STAGE' | 'APPLICANT' | null;
  @Column({ type: 'text', nullable: true }) rejectionFeedback: string | null;
  @Column('uuid', { array: true, default: [] }) missingSkillIds: string[];
  @Field(() => Int, { description: 'Pass it back as expectedVersion when moving the application' })
  @Column({ type: 'int', default: 1 })
  version: number;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz' }) submittedAt: Date;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz' }) statusChangedAt: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;

  /** How the caller relates to it; set by ApplicationService on every read. Not a column. */
  @Field(() => ApplicationViewer, { description: 'Why you can see this application' })
  viewer: ApplicationViewer;
}

/** One step of an application's timeline (exposed as ApplicationTimelineEntry, filtered by viewer). */
@Entity('application_transition')
export class ApplicationTransition {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Column('uuid') applicationId: string;
  @Column({ type: 'text', nullable: true }) fromStatus: ApplicationStatus | null;
  @Column({ type: 'text' }) toStatus: ApplicationStatus;
  @Column({ type: 'uuid', nullable: true }) actorId: string | null;
  @Column({ default: '' }) note: string;
  /** Whether the application was disclosed to the manager chain after this step. */
  @Column() disclosed: boolean;
  @Column({ type: 'timestamptz' }) at: Date;
}
