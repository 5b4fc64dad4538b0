import { createUnionType, Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '@waypoint/core';
import { Skill } from '@waypoint/people';
import { Application } from './application.entity';
import { InterviewLog } from './interview.entity';
import { SkillMatchStatus } from './match';
import { Opening } from './opening.entity';
import { ApplicationStatus, OpeningStatus } from './pipeline';
import { ReleaseAgreement } from './release.entity';

registerEnumType(SkillMatchStatus, { name: 'OpeningSkillMatchStatus', description: 'MET: at or above the minimum; PARTLY: below it; MISSING: not held' });

@ObjectType({ description: 'How you compare with one required skill' })
export class OpeningSkillMatch {
  @Field(() => Skill) skill: Skill;
  @Field(() => Int) minProficiency: number;
  @Field(() => Int) weight: number;
  @Field(() => Int, { nullable: true, description: 'Your proficiency (1-5); null when you do not have the skill' }) proficiency: number | null;
  @Field(() => SkillMatchStatus) status: SkillMatchStatus;
  @Field(() => Float, { description: 'Points this skill adds to the score' }) weightedScore: number;
  @Field(() => Float, { description: 'Points this skill adds when met' }) maxWeightedScore: number;
}

@ObjectType()
export class OpeningNiceToHaveMatch {
  @Field(() => Skill) skill: Skill;
  @Field(() => Int, { nullable: true }) proficiency: number | null;
  @Field() has: boolean;
}

@ObjectType({ description: 'A required skill you lack or hold below the minimum. Later: mentors and projects that teach it.' })
export class OpeningSkillGap {
  @Field(() => Skill) skill: Skill;
  @Field(() => SkillMatchStatus) status: SkillMatchStatus;
  @Field(() => Int) minProficiency: number;
  @Field(() => Int, { nullable: true }) proficiency: number | null;
  @Field(() => Int) weight: number;
}

@ObjectType({ description: 'Your match score for an opening, explained' })
export class OpeningMatch {
  @Field(() => Int, { description: '0-100: weighted share of the required skills you meet (partly met skills count in proportion)' })
  score: number;
  @Field({ description: 'The opening is one level above yours' }) stretch: boolean;
  @Field(() => Int, { description: 'Opening level minus your level' }) levelGap: number;
  @Field(() => [OpeningSkillMatch]) required: OpeningSkillMatch[];
  @Field(() => [OpeningNiceToHaveMatch]) niceToHave: OpeningNiceToHaveMatch[];
  @Field(() => [OpeningSkillGap], { description: 'What is missing, most important first' }) gap: OpeningSkillGap[];
  @Field() summary: string;
}

@ObjectType()
export class OpeningConnection extends Connection(Opening) {}

@ObjectType()
export class ApplicationConnection extends Connection(Application) {}

@ObjectType()
export class ReleaseAgreementConnection extends Connection(ReleaseAgreement) {}

@ObjectType()
export class InterviewLogConnection extends Connection(InterviewLog) {}

@ObjectType()
export class PipelineStageCount {
  @Field(() => ApplicationStatus) status: ApplicationStatus;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'The hiring side\'s feedback on a rejection: what was missing' })
export class RejectionFeedback {
  @Field() message: string;
  @Field(() => [Skill]) missingSkills: Skill[];
}

@ObjectType({ description: 'A step of the timeline as the viewer may see it' })
export class ApplicationTimelineEntry {
  @Field(() => ID) id: string;
  @Field(() => ApplicationStatus, { nullable: true }) fromStatus: ApplicationStatus | null;
  @Field(() => ApplicationStatus) toStatus: ApplicationStatus;
  @Field(() => GraphQLISODateTime) at: Date;
  @Field(() => ID, { nullable: true, description: 'Who made the move: shown to the hiring side, and to the applicant for their own moves' })
  actorId: string | null;
  @Field(() => String, { nullable: true, description: 'Internal note: the hiring side only (and the applicant\'s own notes)' })
  note: string | null;
}

@ObjectType({ description: 'You already have a live application for this opening' })
export class AlreadyAppliedError {
  @Field() message: string;
  @Field(() => Application) application: Application;
}

@ObjectType({ description: 'The opening does not take applications (paused, closed, or past its closing date)' })
export class OpeningClosedError {
  @Field() message: string;
  @Field(() => OpeningStatus) openingStatus: OpeningStatus;
}

export const ApplyResult = createUnionType({
  name: 'ApplyResult',
  types: () => [Application, AlreadyAppliedError, OpeningClosedError] as const,
  resolveType(value: object) {
    if (value instanceof AlreadyAppliedError) return AlreadyAppliedError;
    if (value instanceof OpeningClosedError) return OpeningClosedError;
    return Application;
  },
});

