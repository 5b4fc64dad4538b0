import { byKeys, Caller, GraphQLContext } from '@waypoint/core';
import { Employee, PeopleService, Skill, SkillService } from '@waypoint/people';

/** Per-request loaders for what mentoring types show of other libraries (employees, skills). */
export function employeeLoader(ctx: GraphQLContext, caller: Caller, people: PeopleService) {
  return ctx.loaders.get<string, Employee | null>('mentoring.employeeById', async (ids) => byKeys(ids, await people.byIds(caller, ids), (e) => e.id));
}

export function skillLoader(ctx: GraphQLContext, caller: Caller, skills: SkillService) {
  return ctx.loaders.get<string, Skill | null>('mentoring.skillById', async (ids) => byKeys(ids, await skills.byIds(caller, ids), (s) => s.id));
}

export async function skillsOf(ctx: GraphQLContext, caller: Caller, skills: SkillService, ids: readonly string[]): Promise<Skill[]> {
  const found = await skillLoader(ctx, caller, skills).loadMany([...ids]);
  return found.filter((s): s is Skill => !!s && !(s instanceof Error));
}
