import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OrgScope } from '@waypoint/core';
import { Skill } from '@waypoint/people';
import { DataSource } from 'typeorm';
import { explainMatch, HeldSkill, summarize } from './match';
import { OpeningMatch } from './models';
import { OpeningSkillKind, OpeningSkillView } from './opening.entity';

/** Loads what the pure scoring needs and shapes its explanation for GraphQL. */
@Injectable()
export class MatchService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Each employee's skills (id and proficiency), for a DataLoader. */
  async skillsOf(scope: OrgScope, employeeIds: readonly string[]): Promise<HeldSkill[][]> {
    const rows: { employee_id: string; skill_id: string; proficiency: number }[] = await this.db.query(
      'SELECT employee_id, skill_id, proficiency FROM employee_skill WHERE organization_id = $1 AND employee_id = ANY($2)',
      [scope.organizationId, [...employeeIds]],
    );
    return employeeIds.map((id) => rows.filter((r) => r.employee_id === id).map((r) => ({ skillId: r.skill_id, proficiency: r.proficiency })));
  }

  explain(openingSkills: OpeningSkillView[], held: HeldSkill[], openingLevel: number, employeeLevel: number): OpeningMatch {
    const skills = new Map<string, Skill>(openingSkills.map((s) => [s.skill.id, s.skill]));
    const required = openingSkills
      .filter((s) => s.kind === OpeningSkillKind.REQUIRED)
      .map((s) => ({ skillId: s.skill.id, minProficiency: s.minProficiency!, weight: s.weight }));
    const niceToHave = openingSkills.filter((s) => s.kind === OpeningSkillKind.NICE_TO_HAVE).map((s) => s.skill.id);
    const m = explainMatch({ required, niceToHave, skills: held, openingLevel, employeeLevel });
    const skill = (id: string) => skills.get(id)!;
    return {
      score: m.score,
      stretch: m.stretch,
      levelGap: m.levelGap,
      required: m.required.map((r) => ({ ...r, skill: skill(r.skillId) })),
      niceToHave: m.niceToHave.map((n) => ({ ...n, skill: skill(n.skillId) })),
      gap: m.gap.map((g) => ({ skill: skill(g.skillId), status: g.status, minProficiency: g.minProficiency, proficiency: g.proficiency, weight: g.weight })),
      summary: summarize(m, (id) => skill(id).name),
    };
  }
}
