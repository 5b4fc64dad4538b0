import { Args, Context, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { byKeys, Caller, Clock, Connection, CurrentUser, GraphQLContext, PageArgs, Role, Roles, uuidPipe } from '@waypoint/core';
import { Employee, PeopleService } from '@waypoint/people';
import { Committee, CommitteeApplication, CommitteeMembership, CommitteeSeatOpening, SeatOpeningStatus } from './committee.entity';
import { CommitteeService } from './committee.service';
import {
  ApplyToCommitteeArgs,
  CommitteeIdPageArgs,
  CommitteesArgs,
  CreateCommitteeInput,
  OpeningIdPageArgs,
  OpeningsArgs,
  OpenSeatsInput,
  RejectApplicationArgs,
  UpdateCommitteeInput,
} from './dto/committee.input';

@ObjectType()
export class CommitteeConnection extends Connection(Committee) {}
@ObjectType()
export class CommitteeSeatOpeningConnection extends Connection(CommitteeSeatOpening) {}
@ObjectType()
export class CommitteeApplicationConnection extends Connection(CommitteeApplication) {}
@ObjectType()
export class CommitteeMembershipConnection extends Connection(CommitteeMembership) {}

const employeeLoader = (people: PeopleService, caller: Caller, ctx: GraphQLContext) =>
  ctx.loaders.get<string, Employee | null>('employeeById', async (ids) => byKeys(ids, await people.byIds(caller, ids), (x) => x.id));
const committeeLoader = (committees: CommitteeService, caller: Caller, ctx: GraphQLContext) =>
  ctx.loaders.get<string, Committee | null>('committeeById', async (ids) => byKeys(ids, await committees.byIds(caller, ids), (x) => x.id));

@Resolver(() => Committee)
export class CommitteeResolver {
  constructor(
    private readonly committees: CommitteeService,
    private readonly people: PeopleService,
  ) {}

  @Query(() => Committee)
  committee(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string) {
    return this.committees.get(caller, id);
  }

  @Query(() => CommitteeConnection, { name: 'committees', description: 'Committees by name' })
  listCommittees(@CurrentUser() caller: Caller, @Args() args: CommitteesArgs) {
    return this.committees.list(caller, args);
  }

  @Roles(Role.HR_ADMIN, Role.ORG_ADMIN)
  @Mutation(() => Committee)
  createCommittee(@CurrentUser() caller: Caller, @Args('input') input: CreateCommitteeInput) {
    return this.committees.create(caller, input);
  }

  @Roles(Role.HR_ADMIN, Role.ORG_ADMIN)
  @Mutation(() => Committee)
  updateCommittee(
    @CurrentUser() caller: Caller,
    @Args('id', { type: () => ID }, uuidPipe('id')) id: string,
    @Args('input') input: UpdateCommitteeInput,
  ) {
    return this.committees.update(caller, id, input);
  }

  @ResolveField(() => Employee, { nullable: true })
  chair(@Parent() c: Committee, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return c.chairId ? employeeLoader(this.people, caller, ctx).load(c.chairId) : null;
  }

  @ResolveField(() => Int, { description: 'Seats held now' })
  seatsTaken(@Parent() c: Committee, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return ctx.loaders.get<string, number>('committeeSeatsTaken', (ids) => this.committees.seatsTaken(caller, ids)).load(c.id);
  }
}

@Resolver(() => CommitteeSeatOpening)
export class CommitteeSeatOpeningResolver {
  constructor(
    private readonly committees: CommitteeService,
    private readonly clock: Clock,
  ) {}

  @Query(() => CommitteeSeatOpeningConnection, { description: 'Seat openings, newest first (still open ones by default)' })
  committeeSeatOpenings(@CurrentUser() caller: Caller, @Args() args: OpeningsArgs) {
    return this.committees.listOpenings(caller, args);
  }

  @Mutation(() => CommitteeSeatOpening, { description: 'HR or the chair: open seats until a deadline; they are announced to employees whose passions match' })
  openCommitteeSeats(@CurrentUser() caller: Caller, @Args('input') input: OpenSeatsInput) {
    return this.committees.openSeats(caller, input);
  }

  @Mutation(() => CommitteeSeatOpening)
  closeCommitteeSeatOpening(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string) {
    return this.committees.closeOpening(caller, id);
  }

  @ResolveField(() => Committee, { nullable: true })
  committee(@Parent() o: CommitteeSeatOpening, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return committeeLoader(this.committees, caller, ctx).load(o.committeeId);
  }

  @ResolveField(() => Boolean, { description: 'Still taking applications' })
  isOpen(@Parent() o: CommitteeSeatOpening): boolean {
    return o.status === SeatOpeningStatus.OPEN && o.deadline > this.clock.now();
  }
}

@Resolver(() => CommitteeApplication)
export class CommitteeApplicationResolver {
  constructor(
    private readonly committees: CommitteeService,
    private readonly people: PeopleService,
  ) {}

  @Query(() => CommitteeApplicationConnection, { description: 'The chair and HR: applications to a seat opening' })
  committeeApplications(@CurrentUser() caller: Caller, @Args() args: OpeningIdPageArgs) {
    return this.committees.listApplications(caller, args.openingId, args);
  }

  @Query(() => CommitteeApplicationConnection)
  myCommitteeApplications(@CurrentUser() caller: Caller, @Args() page: PageArgs) {
    return this.committees.myApplications(caller, page);
  }

  @Mutation(() => CommitteeApplication, { description: 'Apply to an open seat with a short motivation' })
  applyToCommittee(@CurrentUser() caller: Caller, @Args() args: ApplyToCommitteeArgs) {
    return this.committees.apply(caller, args.openingId, args.motivation);
  }

  @Mutation(() => CommitteeApplication)
  withdrawCommitteeApplication(@CurrentUser() caller: Caller, @Args('applicationId', { type: () => ID }, uuidPipe('applicationId')) id: string) {
    return this.committees.withdraw(caller, id);
  }

  @Mutation(() => CommitteeMembership, { description: 'The chair or HR: select an applicant for one term (CONFLICT when no seat is left)' })
  selectCommitteeApplicant(@CurrentUser() caller: Caller, @Args('applicationId', { type: () => ID }, uuidPipe('applicationId')) id: string) {
    return this.committees.select(caller, id);
  }

  @Mutation(() => CommitteeApplication)
  rejectCommitteeApplication(@CurrentUser() caller: Caller, @Args() args: RejectApplicationArgs) {
    return this.committees.reject(caller, args.applicationId, args.feedback);
  }

  @ResolveField(() => Employee, { nullable: true })
  employee(@Parent() a: CommitteeApplication, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return employeeLoader(this.people, caller, ctx).load(a.employeeId);
  }

  @ResolveField(() => Committee, { nullable: true })
  committee(@Parent() a: CommitteeApplication, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return committeeLoader(this.committees, caller, ctx).load(a.committeeId);
  }

  @ResolveField(() => String, { nullable: true, description: 'Private: the applicant, the chair and HR' })
  async motivation(@Parent() a: CommitteeApplication, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    const c = await committeeLoader(this.committees, caller, ctx).load(a.committeeId);
    return this.committees.canSeeApplication(caller, a, c) ? a.motivation : null;
  }

  @ResolveField(() => String, { nullable: true, description: 'Private: the applicant, the chair and HR' })
  async feedback(@Parent() a: CommitteeApplication, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    const c = await committeeLoader(this.committees, caller, ctx).load(a.committeeId);
    return this.committees.canSeeApplication(caller, a, c) ? a.feedback : null;
  }
}

@Resolver(() => CommitteeMembership)
export class CommitteeMembershipResolver {
  constructor(
    private readonly committees: CommitteeService,
    private readonly people: PeopleService,
  ) {}

  @Query(() => CommitteeMembershipConnection, { description: 'Current members of a committee' })
  committeeMembers(@CurrentUser() caller: Caller, @Args() args: CommitteeIdPageArgs) {
    return this.committees.members(caller, args.committeeId, args);
  }

  @Query(() => CommitteeMembershipConnection)
  myCommitteeMemberships(@CurrentUser() caller: Caller, @Args() page: PageArgs) {
    return this.committees.myMemberships(caller, page);
  }

  @Roles(Role.HR_ADMIN, Role.ORG_ADMIN)
  @Mutation(() => CommitteeMembership, { description: 'HR: end a membership early; the seat is free at once' })
  endCommitteeMembership(@CurrentUser() caller: Caller, @Args('id', { type: () => ID }, uuidPipe('id')) id: string) {
    return this.committees.endMembership(caller, id);
  }

  @ResolveField(() => Employee, { nullable: true })
  employee(@Parent() m: CommitteeMembership, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return employeeLoader(this.people, caller, ctx).load(m.employeeId);
  }

  @ResolveField(() => Committee, { nullable: true })
  committee(@Parent() m: CommitteeMembership, @CurrentUser() caller: Caller, @Context() ctx: GraphQLContext) {
    return committeeLoader(this.committees, caller, ctx).load(m.committeeId);
  }
}
