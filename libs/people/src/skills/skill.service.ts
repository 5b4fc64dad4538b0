import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, Caller, groupBy, isHr, OrgScope, TenantRepository, UnitOfWork } from '@waypoint/core';
import { DataSource, EntityManager, In } from 'typeorm';
import { EmployeeSkillInput } from '../dto/profile.input';
import { cleanSkillName, normalizeSkillName } from './normalize';
import { EmployeeSkill, Skill, SkillStatus } from './skill.entity';
import { TaxonomyEntry } from './taxonomy';

/** The skill taxonomy (names, aliases, proposals) and each employee's skills. */
@Injectable()
export class SkillService {
  private readonly skills: TenantRepository<Skill>;
  private readonly employeeSkills: TenantRepository<EmployeeSkill>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uow: UnitOfWork,
  ) {
    this.skills = new TenantRepository(db.manager, Skill);
    this.employeeSkills = new TenantRepository(db.manager, EmployeeSkill);
  }

  byIds(scope: OrgScope, ids: readonly string[]): Promise<Skill[]> {
    return this.skills.find(scope, { where: { id: In([...ids]) } });
  }

  /** Each employee's skills, for a DataLoader. */
  async ofEmployees(scope: OrgScope, employeeIds: readonly string[]): Promise<EmployeeSkill[][]> {
    const rows = await this.employeeSkills.find(scope, {
      where: { employeeId: In([...employeeIds]) },
      order: { proficiency: 'DESC', skillId: 'ASC' },
    });
    const byEmployee = groupBy(rows, (r) => r.employeeId);
    return employeeIds.map((id) => byEmployee.get(id) ?? []);
  }

  /** Autocomplete over names and aliases ("k8s" finds Kubernetes). Proposed skills show to HR and to whoever proposed them. */
  async search(caller: Caller, text: string | undefined, first: number): Promise<Skill[]> {
    const qb = this.skills.query(caller, 's').andWhere(`(s.status = 'APPROVED' OR s.proposed_by_id = :me OR :hr)`, {
      me: caller.employeeId,
      hr: isHr(caller),
    });
    const needle = text ? normalizeSkillName(text) : '';
    if (needle) {
      qb.andWhere(
        `(s.normalized_name LIKE :prefix ESCAPE '\\' OR EXISTS (SELECT 1 FROM skill_alias a WHERE a.skill_id = s.id AND a.organization_id = s.organization_id AND a.normalized_alias LIKE :prefix ESCAPE '\\'))`,
        { prefix: `${needle.replace(/[\\%_]/g, '\\$&')}%` },
      );
      qb.orderBy('(s.normalized_name = :exact)', 'DESC').setParameter('exact', needle);
      qb.addOrderBy('s.name', 'ASC');
    } else {
      qb.orderBy('s.name', 'ASC');
    }
    return qb.limit(first).getMany();
  }

  /** The skill a typed name means, through its normalized name or any alias. */
  async resolve(scope: OrgScope, name: string, manager: EntityManager = this.db.manager): Promise<Skill | null> {
    const [row] = await manager.query(
      `SELECT s.id FROM skill_alias a JOIN skill s ON s.id = a.skill_id
        WHERE a.organization_id = $1 AND a.normalized_alias = $2`,
      [scope.organizationId, normalizeSkillName(name)],
    );
    return row ? this.skills.with(manager).findOne(scope, { id: row.id }) : null;
  }

  /**
   * An employee proposes a skill the taxonomy lacks. A name that normalizes to an existing
   * skill or alias returns that skill: the same skill is never created twice.
   */
  async propose(caller: Caller, rawName: string): Promise<Skill> {
    const name = cleanSkillName(rawName);
    const normalized = normalizeSkillName(name);
    if (!normalized) throw badInput('A skill name needs at least one letter or digit', 'name');
    return this.uow.run(async (tx) => {
      // Serialize proposals of the same name within the organization.
      await tx.manager.query('SELECT pg_advisory_xact_lock(hashtext($1 || $2))', [caller.organizationId, normalized]);
      const existing = await this.resolve(caller, name, tx.manager);
      if (existing) return existing;
      const skill = await tx.repo(this.skills).save(caller, {
        name,
        normalizedName: normalized,
        status: SkillStatus.PROPOSED,
        proposedById: caller.employeeId,
      });
      await this.addAliases(tx.manager, caller, skill.id, [normalized]);
      return skill;
    });
  }

  /** HR approves a proposed skill, optionally giving it a category and aliases. */
  async approve(caller: Caller, id: string, category?: string, aliases: string[] = []): Promise<Skill> {
    return this.uow.run(async (tx) => {
      const repo = tx.repo(this.skills);
      const skill = await repo.get(caller, { id }, 'Skill');
      for (const alias of aliases) {
        const other = await this.resolve(caller, alias, tx.manager);
        if (other && other.id !== id) throw badInput(`"${alias}" already means ${other.name}`, 'aliases');
      }
      Object.assign(skill, { status: SkillStatus.APPROVED, category: category ?? skill.category });
      await repo.save(caller, skill);
      await this.addAliases(tx.manager, caller, id, aliases.map(normalizeSkillName).filter(Boolean));
      return skill;
    });
  }

  /** Creates the taxonomy entries an organization lacks (used by the seed). */
  async ensureTaxonomy(manager: EntityManager, scope: OrgScope, entries: TaxonomyEntry[]): Promise<void> {
    for (const entry of entries) {
      const normalized = normalizeSkillName(entry.name);
      const [row] = await manager.query(
        `INSERT INTO skill (organization_id, name, normalized_name, category) VALUES ($1, $2, $3, $4)
         ON CONFLICT (organization_id, normalized_name) DO UPDATE SET name = skill.name RETURNING id`,
        [scope.organizationId, entry.name, normalized, entry.category],
      );
      await this.addAliases(manager, scope, row.id, [normalized, ...(entry.aliases ?? []).map(normalizeSkillName)]);
    }
  }

  private async addAliases(manager: EntityManager, scope: OrgScope, skillId: string, normalized: string[]): Promise<void> {
    if (!normalized.length) return;
    await manager.query(
      `INSERT INTO skill_alias (organization_id, normalized_alias, skill_id)
       SELECT $1, a, $2 FROM unnest($3::text[]) a ON CONFLICT DO NOTHING`,
      [scope.organizationId, skillId, normalized],
    );
  }

  /** Replaces the caller's skills. Unknown skill ids are refused and nothing changes. */
  async setMySkills(caller: Caller, input: EmployeeSkillInput[]): Promise<EmployeeSkill[]> {
    const ids = input.map((s) => s.skillId);
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate) throw badInput(`Skill ${duplicate} is listed twice`, 'skills');
    if (ids.length) {
      const known = await this.skills.find(caller, { where: { id: In(ids) }, select: { id: true } });
      const missing = ids.find((id) => !known.some((k) => k.id === id));
      if (missing) throw badInput(`Unknown skill id ${missing}`, 'skills');
    }
    return this.uow.run(async (tx) => {
      const repo = tx.repo(this.employeeSkills);
      await repo.delete(caller, { employeeId: caller.employeeId });
      for (const s of input) {
        await repo.save(caller, { ...s, employeeId: caller.employeeId, updatedAt: new Date() });
      }
      await tx.manager.query('UPDATE employee SET profile_reviewed_at = now(), updated_at = now() WHERE id = $1 AND organization_id = $2', [
        caller.employeeId,
        caller.organizationId,
      ]);
      await tx.emit(caller, 'EmployeeSkillsChanged', { employeeId: caller.employeeId });
      return repo.find(caller, { where: { employeeId: caller.employeeId }, order: { proficiency: 'DESC', skillId: 'ASC' } });
    });
  }
}
