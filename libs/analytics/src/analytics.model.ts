import { ArgsType, Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsDate, IsOptional } from 'class-validator';

@ArgsType()
export class HrAnalyticsArgs {
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Start of the window (inclusive); default: 12 months before `to`' })
  @IsOptional() @IsDate()
  from?: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'End of the window (exclusive); default: now' })
  @IsOptional() @IsDate()
  to?: Date | null;
}

@ObjectType({ description: 'A count per calendar month (UTC)' })
export class MonthCount {
  @Field(() => String, { description: 'YYYY-MM' }) month: string;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'Internal openings closed and hires made in the window' })
export class OpeningsAnalytics {
  @Field(() => Int, { description: 'Openings closed in the window (any reason)' }) openingsClosed: number;
  @Field(() => Int, { description: 'Of those, openings with at least one internal hire' }) openingsFilled: number;
  @Field(() => Int, { description: 'Positions of the openings closed in the window' }) positionsOffered: number;
  @Field(() => Int, { description: 'Positions of the openings closed in the window that were filled internally' }) positionsFilled: number;
  @Field(() => Float, { nullable: true, description: 'positionsFilled / positionsOffered (0–1); null when no opening closed' }) fillRate: number | null;
  @Field(() => Int, { description: 'Internal hires (moves to HIRED) in the window' }) hires: number;
  @Field(() => Float, { nullable: true, description: 'Median days from publication to hire, over the hires of the window' }) timeToFillMedianDays: number | null;
  @Field(() => Float, { nullable: true, description: 'Average days from publication to hire, over the hires of the window' }) timeToFillAverageDays: number | null;
  @Field(() => [MonthCount], { description: 'Hires per month of the window (months without hires included)' }) hiresByMonth: MonthCount[];
}

@ObjectType({ description: 'Internal moves from one department to another (at least `minimumGroupSize` moves)' })
export class MobilityFlow {
  @Field(() => ID, { nullable: true }) fromDepartmentId: string | null;
  @Field(() => String, { description: '"No department" when none' }) fromDepartmentName: string;
  @Field(() => ID) toDepartmentId: string;
  @Field(() => String) toDepartmentName: string;
  @Field(() => Int) moves: number;
}

@ObjectType()
export class MobilityAnalytics {
  @Field(() => [MobilityFlow], { description: 'Largest first; pairs with fewer moves than `minimumGroupSize` are left out' }) flows: MobilityFlow[];
  @Field(() => Int, { description: 'Moves within the same department' }) withinDepartment: number;
  @Field(() => Int, { description: 'Moves in department pairs too small to show (counted, not listed)' }) suppressedMoves: number;
}

@ObjectType({ description: 'Mentoring coverage now, and mentorships started in the window' })
export class MentoringAnalytics {
  @Field(() => Int, { description: 'Active employees looking for a mentor (opted in as mentee, or the profile flag)' }) menteesSeeking: number;
  @Field(() => Int, { description: 'Of those, with an active mentorship' }) menteesMentored: number;
  @Field(() => Float, { nullable: true, description: 'menteesMentored / menteesSeeking (0–1)' }) coverage: number | null;
  @Field(() => Int, { description: 'Active employees available as mentors (opted in and active, or the profile flag)' }) mentorsAvailable: number;
  @Field(() => Int) mentorshipsActive: number;
  @Field(() => Int) mentorshipsStarted: number;
}

@ObjectType({ description: 'One committee: seats and seats held now' })
export class CommitteeSeatsFigure {
  @Field(() => ID) committeeId: string;
  @Field(() => String) name: string;
  @Field(() => Int) seats: number;
  @Field(() => Int) seatsFilled: number;
}

@ObjectType({ description: 'Committee participation now, and applications received in the window' })
export class CommitteeAnalytics {
  @Field(() => Int) activeCommittees: number;
  @Field(() => Int) seats: number;
  @Field(() => Int) seatsFilled: number;
  @Field(() => Int, { description: 'Distinct active employees holding a seat now' }) members: number;
  @Field(() => Int) activeEmployees: number;
  @Field(() => Float, { nullable: true, description: 'members / activeEmployees (0–1)' }) participationRate: number | null;
  @Field(() => Int) applicationsReceived: number;
  @Field(() => [CommitteeSeatsFigure], { description: 'Active committees by name' }) committees: CommitteeSeatsFigure[];
}

@ObjectType({ description: 'Release-date agreements after internal hires: open ones now, agreed ones in the window' })
export class ReleaseAnalytics {
  @Field(() => Int, { description: 'Awaiting the manager, deadline not passed' }) pendingOnTime: number;
  @Field(() => Int, { description: 'Awaiting the manager, deadline passed by 1–7 days' }) overdueUpTo7Days: number;
  @Field(() => Int, { description: 'Awaiting the manager, deadline passed by 8–30 days' }) overdue8To30Days: number;
  @Field(() => Int, { description: 'Awaiting the manager, deadline passed by more than 30 days' }) overdueOver30Days: number;
  @Field(() => Int, { description: 'All overdue' }) overdue: number;
  @Field(() => Int, { description: 'Agreed in the window' }) agreed: number;
  @Field(() => Float, { nullable: true, description: 'Average days from the hire to the agreement, for those agreed in the window' }) averageDaysToAgree: number | null;
  @Field(() => Int, { description: 'Of those agreed in the window, agreed after the deadline' }) agreedLate: number;
}

@ObjectType({ description: 'Mobility analytics for HR: aggregates over the caller\'s organization only' })
export class HrAnalytics {
  @Field(() => GraphQLISODateTime) from: Date;
  @Field(() => GraphQLISODateTime) to: Date;
  @Field(() => GraphQLISODateTime, { description: 'The "now" of the snapshot figures' }) generatedAt: Date;
  @Field(() => Int, { description: 'Groups smaller than this are not listed (mobility flows)' }) minimumGroupSize: number;
  @Field(() => OpeningsAnalytics) openings: OpeningsAnalytics;
  @Field(() => MobilityAnalytics) mobility: MobilityAnalytics;
  @Field(() => MentoringAnalytics) mentoring: MentoringAnalytics;
  @Field(() => CommitteeAnalytics) committees: CommitteeAnalytics;
  @Field(() => ReleaseAnalytics) releases: ReleaseAnalytics;
}
