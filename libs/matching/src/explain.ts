import {
  CompiledMentee,
  GOAL,
  LANGUAGE,
  REACH,
  SENIORITY,
  ScoringModel,
  TEACH,
  TIMEZONE,
  mentorDepartment,
  mentorSkills,
  mentorTitle,
} from './model';

/**
 * Human reasons for a pair, most important first. Each reason is worth its share of the weighted
 * score (`components` are the pair's, from PairScorer); only reasons that add to the score are kept.
 */
export function explainPair(
  model: ScoringModel,
  e: CompiledMentee,
  mentor: number,
  components: Float64Array,
  maxReasons = 3,
): string[] {
  const w = model.weights;
  const { skillNames, departmentNames } = model.context;
  const profile = model.mentors[mentor];
  const reasons: { text: string; worth: number }[] = [];
  const add = (worth: number, text: string) => {
    if (worth > 0) reasons.push({ text, worth });
  };

  for (const { skill, proficiency, teaches, value } of mentorSkills(model, mentor)) {
    const want = e.wants.indexOf(skill);
    if (want < 0) continue;
    const skillId = model.skillIds[skill];
    add(
      (w[TEACH] * e.wantWeights[want] * value) / e.wantTotal,
      `${teaches ? 'Teaches' : 'Knows'} ${skillNames.get(skillId) ?? skillId} (${proficiency}/5), which you want to learn`,
    );
  }
  if (e.targetTitles.includes(mentorTitle(model, mentor))) {
    add(w[GOAL] / 2, `Works as ${profile.title.trim()}, a role you are aiming for`);
  }
  if (e.targetDepartments.includes(mentorDepartment(model, mentor))) {
    const id = profile.departmentId;
    add(w[GOAL] / 2, `Works in ${departmentNames?.get(id) ?? id}, your target department`);
  }
  add(w[REACH] * components[REACH], 'Works outside your department, widening your network');
  const gap = profile.level - e.profile.level;
  if (gap > 0) add(w[SENIORITY] * components[SENIORITY], `Is ${gap} level${gap === 1 ? '' : 's'} above you`);
  const shared = profile.languages.find((l) => e.profile.languages.includes(l));
  if (shared !== undefined) add(w[LANGUAGE] * components[LANGUAGE], `Speaks ${shared}, like you`);
  const hours = Math.round(components[TIMEZONE] * 16) / 2;
  add(w[TIMEZONE] * components[TIMEZONE], `Shares ${hours} of your 8 working hours`);

  return reasons
    .map((r, order) => ({ ...r, order }))
    .sort((a, b) => b.worth - a.worth || a.order - b.order)
    .slice(0, maxReasons)
    .map((r) => r.text);
}
