import { byKeys, Caller, decodeCursor, GraphQLContext, Page, PageArgs, toPage } from '@waypoint/core';
import { Department, DepartmentService, Employee, PeopleService } from '@waypoint/people';
import { Application } from './application.entity';
import { ApplicationService } from './application.service';
import { HeldSkill } from './match';
import { MatchService } from './match.service';
import { Opening, OpeningSkillView } from './opening.entity';
import { OpeningService } from './opening.service';

/**
 * Per-request DataLoaders of this module (names shared with other modules mean the same thing:
 * `employeeById` and `departmentById` are the people module's, with the same batch semantics).
 */
export const loaders = {
  employee: (ctx: GraphQLContext, caller: Caller, people: PeopleService) =>
    ctx.loaders.get<string, Employee | null>('employeeById', async (ids) => byKeys(ids, await people.byIds(caller, ids), (e) => e.id)),
  department: (ctx: GraphQLContext, caller: Caller, departments: DepartmentService) =>
    ctx.loaders.get<string, Department | null>('departmentById', async (ids) => byKeys(ids, await departments.byIds(caller, ids), (d) => d.id)),
  /** No access check: only behind a field whose parent the caller may already see. */
  opening: (ctx: GraphQLContext, caller: Caller, openings: OpeningService) =>
    ctx.loaders.get<string, Opening | null>('openings.openingById', async (ids) => byKeys(ids, await openings.byIds(caller, ids), (o) => o.id)),
  openingSkills: (ctx: GraphQLContext, caller: Caller, openings: OpeningService) =>
    ctx.loaders.get<string, OpeningSkillView[]>('openings.skillsOf', (ids) => openings.skillsOf(caller, ids)),
  heldSkills: (ctx: GraphQLContext, caller: Caller, match: MatchService) =>
    ctx.loaders.get<string, HeldSkill[]>('openings.heldSkills', (ids) => match.skillsOf(caller, ids)),
  /** Whether the caller saved each opening. */
  saved: (ctx: GraphQLContext, caller: Caller, openings: OpeningService) =>
    ctx.loaders.get<string, boolean>('openings.saved', (ids) => openings.savedFlags(caller, ids)),
  /** The caller's own latest application to each opening. */
  myApplication: (ctx: GraphQLContext, caller: Caller, applications: ApplicationService) =>
    ctx.loaders.get<string, Application | null>('openings.myApplication', (ids) => applications.myForOpenings(caller, ids)),
  /** Confidential: only the applications the caller may see (others load as null). */
  application: (ctx: GraphQLContext, caller: Caller, applications: ApplicationService) =>
    ctx.loaders.get<string, Application | null>('openings.applicationById', async (ids) =>
      byKeys(ids, await applications.byIds(caller, ids), (a) => a.id),
    ),
};

/** A Relay page over rows already loaded and sorted (a nested list: one statement for the whole request). */
export function pageInMemory<T>(rows: T[], page: PageArgs, keyOf: (row: T) => [string, string]): Page<T> {
  let start = 0;
  if (page.after) {
    const [at, id] = decodeCursor(page.after, 2) as [string, string];
    const i = rows.findIndex((r) => {
      const [rAt, rId] = keyOf(r);
      return rAt < at || (rAt === at && rId < id);
    });
    start = i < 0 ? rows.length : i;
  }
  return toPage(rows.slice(start, start + page.first + 1), page.first, rows.length, keyOf);
}
