import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AppError,
  badInput,
  Caller,
  Clock,
  decodeCursor,
  ErrorCode,
  forbidden,
  isHr,
  notFound,
  OrgScope,
  Page,
  PageArgs,
  TenantRepository,
  toPage,
  Tx,
  UnitOfWork,
} from '@waypoint/core';
import { prefixQuery, Skill } from '@waypoint/people';
import { DataSource, EntityManager, In } from 'typeorm';
import { ApplicationService } from './application.service';
import {
  CloseOpeningArgs,
  CreateOpeningInput,
  HiringOpeningsFilter,
  OpeningSearchFilter,
  OpeningVisibilityInput,
  RequiredSkillInput,
  UpdateOpeningInput,
} from './dto/opening.input';
import { Opening, OpeningSkill, OpeningSkillKind, OpeningSkillView, OpeningVisibility, SavedOpening } from './opening.entity';
import { assertOpeningAction, OpeningAction, OpeningCloseReason, OpeningStatus } from './pipeline';
import { OPENING_READABLE, TARGETED_FOR_VIEWER, viewerParams } from './viewer';

/**
 * The opening's search document: title (A), skills and their aliases (B), department and
 * location (C), description (D). Refreshed in the transaction of every change.
 */
export const REFRESH_OPENING_SEARCH_SQL = `
  UPDATE opening o SET search_document =
       setweight(to_tsvector('simple', o.title), 'A')
    || setweight(to_tsvector('simple', coalesce((
         SELECT string_agg(s.name || ' ' || coalesce(al.aliases, ''), ' ')
           FROM opening_skill os JOIN skill s ON s.id = os.skill_id
           LEFT JOIN LATERAL (SELECT string_agg(a.normalized_alias, ' ') AS aliases FROM skill_alias a WHERE a.skill_id = s.id) al ON true
          WHERE os.opening_id = o.id), '')), 'B')
    || setweight(to_tsvector('simple', coalesce(d.name, '') || ' ' || coalesce(o.location, '')), 'C')
    || setweight(to_tsvector('simple', o.description), 'D')
    FROM department d
   WHERE d.id = o.department_id AND o.organization_id = $1 AND o.id = ANY($2)`;

export async function refreshOpeningSearch(manager: EntityManager, organizationId: string, openingIds: string[]): Promise<void> {
  await manager.query(REFRESH_OPENING_SEARCH_SQL, [organizationId, openingIds]);
}

/** The opening columns under their entity property names, for plain-SQL reads. */
const OPENING_COLUMNS = [
  'id', 'organization_id', 'title', 'department_id', 'hiring_manager_id', 'level', 'location', 'remote_policy', 'positions',
  'positions_filled', 'description', 'closes_at', 'status', 'close_reason', 'visible_to_all', 'visible_department_ids',
  'visible_levels', 'visible_locations', 'created_by_id', 'published_at', 'closed_at', 'closed_by_id', 'version', 'created_at', 'updated_at',
]
  .map((c) => `o.${c} AS "${c.replace(/_([a-z])/g, (_, x: string) => x.toUpperCase())}"`)
  .join(', ');

/**
 * What every listed opening carries besides its columns: the list's total count, and the caller's
 * own saved flag and whether they applied (priming `Opening.saved` and `Opening.myApplication`,
 * which would otherwise cost a statement each per page).
 */
export interface RowExtras {
  total: number;
  saved: boolean;
  applied: boolean;
}
/** A listed opening with its extras. */
export type Listed = Opening & { extra: RowExtras };
const VIEWER_EXTRAS = `EXISTS (SELECT 1 FROM saved_opening xs WHERE xs.organization_id = :xOrg AND xs.employee_id = :xMe AND xs.opening_id = o.id) AS x_saved,
  EXISTS (SELECT 1 FROM application xa WHERE xa.organization_id = :xOrg AND xa.applicant_id = :xMe AND xa.opening_id = o.id) AS x_applied`;

/** AND-ed SQL conditions with named parameters (`:name`), for the plain-SQL reads. */
class Conditions {
  private readonly parts: string[] = [];
  constructor(readonly params: Record<string, unknown>) {}
  add(condition: string, params: Record<string, unknown> = {}): this {
    this.parts.push(`(${condition})`);
    Object.assign(this.params, params);
    return this;
  }
  sql(): string {
    return this.parts.join(' AND ');
  }
}

/** Openings: HR administration, the employees' search, saved openings. */
@Injectable()
export class OpeningService {
  private readonly openings: TenantRepository<Opening>;
  private readonly openingSkills: TenantRepository<OpeningSkill>;
  private readonly saved: TenantRepository<SavedOpening>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly applications: ApplicationService,
  ) {
    this.openings = new TenantRepository(db.manager, Opening);
    this.openingSkills = new TenantRepository(db.manager, OpeningSkill);
    this.saved = new TenantRepository(db.manager, SavedOpening);
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  /** One opening the caller may read (see OPENING_READABLE); NOT_FOUND otherwise (drafts too). */
  async get(caller: Caller, id: string): Promise<Opening> {
    const opening = await this.openings
      .query(caller, 'o')
      .andWhere('o.id = :id', { id })
      .andWhere(OPENING_READABLE, viewerParams(caller))
      .getOne();
    if (!opening) throw notFound('Opening');
    return opening;
  }

  /** For DataLoaders behind a field whose parent the caller already may see (an application's opening). */
  byIds(scope: OrgScope, ids: readonly string[]): Promise<Opening[]> {
    return this.openings.find(scope, { where: { id: In([...ids]) } });
  }

  /**
   * The employees' search: published openings that target the caller and are not past their
   * closing date, filtered, by relevance when there are words to match, else newest first.
   * Plain SQL (count and page run side by side): this is the hot path of the employee's UI.
   */
  async search(caller: Caller, filter: OpeningSearchFilter = {}, page: PageArgs): Promise<Page<Listed>> {
    if (filter.minLevel && filter.maxLevel && filter.minLevel > filter.maxLevel) throw badInput('minLevel is above maxLevel', 'filter.minLevel');
    const words = filter.search ? prefixQuery(filter.search) : null;
    if (filter.search && !words) throw badInput('Search for at least one letter or digit', 'filter.search');
    const where = new Conditions({ org: caller.organizationId, now: this.clock.now(), ...viewerParams(caller) })
      .add('o.organization_id = :org')
      .add(`o.status = 'PUBLISHED'`)
      .add('(o.closes_at IS NULL OR o.closes_at > :now)')
      .add(TARGETED_FOR_VIEWER);
    this.applyFilters(where, filter);
    if (!words) return this.newestFirst(caller, where, page, 'published_at', (o) => o.publishedAt!);
    where.add(`o.search_document @@ to_tsquery('simple', :words)`, { words });
    const rank = `round(CAST(ts_rank(o.search_document, to_tsquery('simple', :words)) AS numeric), 6)`;
    const after = page.after ? decodeCursor(page.after, 3) : null;
    const cursor = after
      ? [`(${rank}, o.published_at, o.id) < (CAST(:cRank AS numeric), CAST(:cAt AS timestamptz), CAST(:cId AS uuid))`, { cRank: after[0], cAt: after[1], cId: after[2] }] as const
      : null;
    const rows = await this.rows<{ rank: string }>(caller, where, cursor, `${rank} AS x_rank`, `${rank} DESC, o.published_at DESC, o.id DESC`, page.first + 1);
    return toPage(rows, page.first, await this.totalOf(rows, where, cursor), (o) => [String(o.extra.rank), o.publishedAt!.toISOString(), o.id]);
  }

  /** HR: every opening (drafts too). A hiring manager: their own openings once published. */
  async forHiring(caller: Caller, filter: HiringOpeningsFilter = {}, page: PageArgs): Promise<Page<Listed>> {
    const where = new Conditions({ org: caller.organizationId, me: caller.employeeId }).add('o.organization_id = :org');
    if (!isHr(caller)) where.add(`o.hiring_manager_id = :me AND o.status <> 'DRAFT'`);
    if (filter.statuses?.length) where.add('o.status = ANY(CAST(:statuses AS text[]))', { statuses: filter.statuses });
    this.applyFilters(where, { departmentId: filter.departmentId });
    if (filter.search) {
      const words = prefixQuery(filter.search);
      if (!words) throw badInput('Search for at least one letter or digit', 'filter.search');
      where.add(`o.search_document @@ to_tsquery('simple', :words)`, { words });
    }
    return this.newestFirst(caller, where, page, 'created_at', (o) => o.createdAt);
  }

  private applyFilters(where: Conditions, filter: OpeningSearchFilter): void {
    if (filter.departmentId) {
      // Uncorrelated: the department subtree is computed once per statement, not once per row.
      where.add(
        `o.department_id IN (WITH RECURSIVE sub(id, depth) AS (
           SELECT id, 0 FROM department WHERE id = :fDept AND organization_id = :org
           UNION ALL SELECT d.id, sub.depth + 1 FROM department d JOIN sub ON d.parent_id = sub.id WHERE sub.depth < 50
         ) SELECT id FROM sub)`,
        { fDept: filter.departmentId },
      );
    }
    if (filter.minLevel) where.add('o.level >= :minLevel', { minLevel: filter.minLevel });
    if (filter.maxLevel) where.add('o.level <= :maxLevel', { maxLevel: filter.maxLevel });
    if (filter.location) where.add('lower(o.location) = lower(:fLocation)', { fLocation: filter.location.trim() });
    if (filter.remote !== undefined && filter.remote !== null) where.add(filter.remote ? `o.remote_policy = 'REMOTE'` : `o.remote_policy <> 'REMOTE'`);
    if (filter.skillId) where.add('EXISTS (SELECT 1 FROM opening_skill fs WHERE fs.opening_id = o.id AND fs.skill_id = :fSkill)', { fSkill: filter.skillId });
  }

  private async newestFirst(
    caller: Caller,
    where: Conditions,
    page: PageArgs,
    column: 'published_at' | 'created_at',
    keyOf: (o: Opening) => Date,
  ): Promise<Page<Listed>> {
    const after = page.after ? decodeCursor(page.after, 2) : null;
    const cursor = after ? [`(o.${column}, o.id) < (CAST(:cAt AS timestamptz), CAST(:cId AS uuid))`, { cAt: after[0], cId: after[1] }] as const : null;
    const rows = await this.rows(caller, where, cursor, null, `o.${column} DESC, o.id DESC`, page.first + 1);
    return toPage(rows, page.first, await this.totalOf(rows, where, cursor), (o) => [keyOf(o).toISOString(), o.id]);
  }

  /**
   * The page's total count came with its rows (`x_total`); only an empty page after a cursor
   * needs a statement of its own (an empty first page means no match at all).
   */
  private async totalOf(rows: (Opening & { extra: RowExtras })[], where: Conditions, cursor: unknown): Promise<number> {
    if (rows.length) return rows[0].extra.total;
    return cursor ? this.count(where) : 0;
  }

  private async count(where: Conditions): Promise<number> {
    const [sql, params] = this.db.driver.escapeQueryWithParameters(`SELECT count(*)::int AS n FROM opening o WHERE ${where.sql()}`, where.params, {});
    const [{ n }] = await this.db.query(sql, params);
    return n;
  }

  private async rows<X extends Record<string, unknown> = Record<string, never>>(
    caller: Caller,
    where: Conditions,
    cursor: readonly [string, Record<string, unknown>] | null,
    extra: string | null,
    orderBy: string,
    limit: number,
  ): Promise<(Opening & { extra: X & RowExtras })[]> {
    const conditions = cursor ? `${where.sql()} AND ${cursor[0]}` : where.sql();
    // The total count rides along as an uncorrelated subquery (computed once): one statement per page.
    const [sql, params] = this.db.driver.escapeQueryWithParameters(
      `SELECT ${OPENING_COLUMNS}, (SELECT count(*)::int FROM opening o WHERE ${where.sql()}) AS x_total, ${VIEWER_EXTRAS}${extra ? `, ${extra}` : ''}
         FROM opening o WHERE ${conditions} ORDER BY ${orderBy} LIMIT ${Number(limit)}`,
      { ...where.params, ...(cursor?.[1] ?? {}), xOrg: caller.organizationId, xMe: caller.employeeId },
      {},
    );
    const raw: Record<string, unknown>[] = await this.db.query(sql, params);
    // Extra columns come as "x_<name>": kept apart from the entity's own.
    return raw.map((r) => {
      const opening = new Opening() as Opening & { extra: X & RowExtras };
      const extras: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(r)) {
        if (key.startsWith('x_')) extras[key.slice(2)] = value;
        else (opening as unknown as Record<string, unknown>)[key] = value;
      }
      opening.extra = extras as X & RowExtras;
      return opening;
    });
  }

  /** Each opening's skills with their names, for a page of openings (one statement). */
  async skillsOf(scope: OrgScope, openingIds: readonly string[]): Promise<OpeningSkillView[][]> {
    const rows: { opening_id: string; skill_id: string; kind: OpeningSkillKind; min_proficiency: number | null; weight: number; name: string; category: string | null; status: string }[] =
      await this.db.query(
        `SELECT os.opening_id, os.skill_id, os.kind, os.min_proficiency, os.weight, s.name, s.category, s.status
           FROM opening_skill os JOIN skill s ON s.id = os.skill_id
          WHERE os.organization_id = $1 AND os.opening_id = ANY($2)
          ORDER BY os.weight DESC, s.name`,
        [scope.organizationId, [...openingIds]],
      );
    return openingIds.map((id) =>
      rows
        .filter((r) => r.opening_id === id)
        .map((r) => ({
          openingId: r.opening_id,
          kind: r.kind,
          minProficiency: r.min_proficiency,
          weight: r.weight,
          skill: Object.assign(new Skill(), { id: r.skill_id, organizationId: scope.organizationId, name: r.name, category: r.category, status: r.status }),
        })),
    );
  }

  visibility(o: Opening): OpeningVisibility {
    return { everyone: o.visibleToAll, departmentIds: o.visibleDepartmentIds, levels: o.visibleLevels, locations: o.visibleLocations };
  }

  // ---------------------------------------------------------------------------------------------
  // HR administration

  async create(caller: Caller, input: CreateOpeningInput): Promise<Opening> {
    const visibility = this.checkVisibility(input.visibility);
    this.checkSkills(input.requiredSkills, input.niceToHaveSkillIds);
    if (input.closesAt && input.closesAt <= this.clock.now()) throw badInput('closesAt must be in the future', 'closesAt');
    await this.assertRefs(caller, {
      departmentId: input.departmentId,
      hiringManagerId: input.hiringManagerId,
      skillIds: [...input.requiredSkills.map((s) => s.skillId), ...input.niceToHaveSkillIds],
      visibleDepartmentIds: visibility.visibleDepartmentIds,
    });
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const saved = await tx.repo(this.openings).save(caller, {
        title: input.title.trim(),
        departmentId: input.departmentId,
        hiringManagerId: input.hiringManagerId,
        level: input.level,
        location: input.location?.trim() || null,
        remotePolicy: input.remotePolicy,
        positions: input.positions,
        description: input.description,
        closesAt: input.closesAt ?? null,
        status: OpeningStatus.DRAFT,
        ...visibility,
        createdById: caller.employeeId,
        createdAt: now,
        updatedAt: now,
      });
      await this.writeSkills(tx, caller, saved.id, input.requiredSkills, input.niceToHaveSkillIds);
      await refreshOpeningSearch(tx.manager, caller.organizationId, [saved.id]);
      return tx.repo(this.openings).get(caller, { id: saved.id }, 'Opening');
    });
  }

  async update(caller: Caller, id: string, input: UpdateOpeningInput): Promise<Opening> {
    const visibility = input.visibility ? this.checkVisibility(input.visibility) : undefined;
    if (input.requiredSkills || input.niceToHaveSkillIds) this.checkSkills(input.requiredSkills ?? [], input.niceToHaveSkillIds ?? []);
    await this.assertRefs(caller, {
      departmentId: input.departmentId,
      hiringManagerId: input.hiringManagerId,
      skillIds: [...(input.requiredSkills ?? []).map((s) => s.skillId), ...(input.niceToHaveSkillIds ?? [])],
      visibleDepartmentIds: visibility?.visibleDepartmentIds ?? [],
    });
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const o = await this.lock(tx, caller, id);
      assertOpeningAction(o.status, OpeningAction.EDIT);
      if (input.expectedVersion !== undefined && input.expectedVersion !== o.version) {
        throw new AppError(ErrorCode.CONFLICT, `The opening was changed meanwhile (version ${o.version}); reload it and try again`, {
          reason: 'STALE_VERSION',
          currentVersion: o.version,
        });
      }
      if (input.positions !== undefined && input.positions < o.positionsFilled) {
        throw badInput(`${o.positionsFilled} position(s) are already filled`, 'positions');
      }
      if (input.closesAt && input.closesAt <= now && o.status !== OpeningStatus.DRAFT) {
        throw badInput('closesAt must be in the future', 'closesAt');
      }
      // Need both the required and nice-to-have lists to check overlaps when only one is replaced.
      if (input.requiredSkills || input.niceToHaveSkillIds) {
        const current = await tx.repo(this.openingSkills).find(caller, { where: { openingId: id } });
        const required = input.requiredSkills ?? current.filter((s) => s.kind === OpeningSkillKind.REQUIRED).map((s) => ({
          skillId: s.skillId,
          minProficiency: s.minProficiency!,
          weight: s.weight,
        }));
        const nice = input.niceToHaveSkillIds ?? current.filter((s) => s.kind === OpeningSkillKind.NICE_TO_HAVE).map((s) => s.skillId);
        this.checkSkills(required, nice);
        await this.writeSkills(tx, caller, id, required, nice);
      }
      const targetingChanged = !!visibility || !!input.requiredSkills || input.level !== undefined;
      if (input.title !== undefined) o.title = input.title.trim();
      if (input.departmentId !== undefined) o.departmentId = input.departmentId;
      if (input.hiringManagerId !== undefined) o.hiringManagerId = input.hiringManagerId;
      if (input.level !== undefined) o.level = input.level;
      if (input.location !== undefined) o.location = input.location?.trim() || null;
      if (input.remotePolicy !== undefined) o.remotePolicy = input.remotePolicy;
      if (input.positions !== undefined) o.positions = input.positions;
      if (input.description !== undefined) o.description = input.description;
      if (input.closesAt !== undefined) o.closesAt = input.closesAt;
      if (visibility) Object.assign(o, visibility);
      o.version += 1;
      o.updatedAt = now;
      await tx.repo(this.openings).save(caller, o);
      await refreshOpeningSearch(tx.manager, caller.organizationId, [id]);
      // Newly targeted or newly matching employees get their recommendation; the others already have theirs.
      if (targetingChanged && o.status === OpeningStatus.PUBLISHED) await tx.emit(caller, 'OpeningPublished', { openingId: id });
      return tx.repo(this.openings).get(caller, { id }, 'Opening');
    });
  }

  async publish(caller: Caller, id: string): Promise<Opening> {
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const o = await this.lock(tx, caller, id);
      assertOpeningAction(o.status, OpeningAction.PUBLISH);
      if (!o.description.trim()) throw badInput('Write a description before publishing', 'description');
      if (o.closesAt && o.closesAt <= now) throw badInput('The closing date has passed: set a new one before publishing', 'closesAt');
      await this.assertHiringManagerActive(tx, caller, o);
      Object.assign(o, { status: OpeningStatus.PUBLISHED, publishedAt: now, version: o.version + 1, updatedAt: now });
      await tx.repo(this.openings).save(caller, o);
      await tx.emit(caller, 'OpeningPublished', { openingId: id });
      return o;
    });
  }

  async pause(caller: Caller, id: string): Promise<Opening> {
    return this.uow.run(async (tx) => {
      const o = await this.lock(tx, caller, id);
      assertOpeningAction(o.status, OpeningAction.PAUSE);
      Object.assign(o, { status: OpeningStatus.PAUSED, version: o.version + 1, updatedAt: this.clock.now() });
      return tx.repo(this.openings).save(caller, o);
    });
  }

  /** PAUSED or CLOSED -> PUBLISHED. A past closing date needs a new one; a filled opening needs more positions. */
  async reopen(caller: Caller, id: string, closesAt?: Date): Promise<Opening> {
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const o = await this.lock(tx, caller, id);
      assertOpeningAction(o.status, OpeningAction.REOPEN);
      if (closesAt && closesAt <= now) throw badInput('closesAt must be in the future', 'closesAt');
      if (!closesAt && o.closesAt && o.closesAt <= now) throw badInput('The closing date has passed: give a new closesAt to reopen', 'closesAt');
      if (o.positionsFilled >= o.positions) {
        throw new AppError(ErrorCode.CONFLICT, 'Every position is filled: add positions before reopening', { reason: 'POSITIONS_FILLED' });
      }
      await this.assertHiringManagerActive(tx, caller, o);
      Object.assign(o, {
        status: OpeningStatus.PUBLISHED,
        closeReason: null,
        closedAt: null,
        closedById: null,
        closesAt: closesAt ?? o.closesAt,
        publishedAt: o.publishedAt ?? now,
        version: o.version + 1,
        updatedAt: now,
      });
      await tx.repo(this.openings).save(caller, o);
      await tx.emit(caller, 'OpeningPublished', { openingId: id });
      return o;
    });
  }

  async close(caller: Caller, args: CloseOpeningArgs): Promise<Opening> {
    if (args.reason === OpeningCloseReason.EXPIRED) throw badInput('EXPIRED is set by the expiry job: close as FILLED or CANCELLED', 'reason');
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const o = await this.lock(tx, caller, args.id);
      assertOpeningAction(o.status, OpeningAction.CLOSE);
      Object.assign(o, { status: OpeningStatus.CLOSED, closeReason: args.reason, closedAt: now, closedById: caller.employeeId, version: o.version + 1, updatedAt: now });
      await tx.repo(this.openings).save(caller, o);
      if (args.rejectLiveApplicationsWithFeedback) {
        await this.applications.rejectLive(tx, caller, o.id, args.rejectLiveApplicationsWithFeedback.trim());
      }
      return tx.repo(this.openings).get(caller, { id: o.id }, 'Opening');
    });
  }

  private async lock(tx: Tx, caller: Caller, id: string): Promise<Opening> {
    if (!isHr(caller)) throw forbidden('Only HR manages openings');
    return tx.repo(this.openings).get(caller, { id }, 'Opening', { lock: { mode: 'pessimistic_write' } });
  }

  private async assertHiringManagerActive(tx: Tx, scope: OrgScope, o: Opening): Promise<void> {
    const [row] = await tx.manager.query('SELECT active FROM employee WHERE organization_id = $1 AND id = $2', [scope.organizationId, o.hiringManagerId]);
    if (!row?.active) throw badInput('The hiring manager is no longer active: choose another one', 'hiringManagerId');
  }

  private checkVisibility(v?: OpeningVisibilityInput): Pick<Opening, 'visibleToAll' | 'visibleDepartmentIds' | 'visibleLevels' | 'visibleLocations'> {
    if (!v || v.everyone) {
      if (v && (v.departmentIds.length || v.levels.length || v.locations.length)) {
        throw badInput('Choose everyone or departments / levels / locations, not both', 'visibility');
      }
      return { visibleToAll: true, visibleDepartmentIds: [], visibleLevels: [], visibleLocations: [] };
    }
    const locations = [...new Map(v.locations.map((l) => l.trim()).filter(Boolean).map((l) => [l.toLowerCase(), l])).values()];
    if (!v.departmentIds.length && !v.levels.length && !locations.length) {
      throw badInput('Target at least one department, level or location (or everyone)', 'visibility');
    }
    return { visibleToAll: false, visibleDepartmentIds: v.departmentIds, visibleLevels: [...v.levels].sort((a, b) => a - b), visibleLocations: locations };
  }

  private checkSkills(required: RequiredSkillInput[], nice: string[]): void {
    const ids = required.map((s) => s.skillId);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) throw badInput(`Skill ${dup} is required twice`, 'requiredSkills');
    const both = nice.find((id) => ids.includes(id));
    if (both) throw badInput(`Skill ${both} is both required and nice to have`, 'niceToHaveSkillIds');
  }

  private async assertRefs(
    scope: OrgScope,
    refs: { departmentId?: string; hiringManagerId?: string; skillIds: string[]; visibleDepartmentIds: string[] },
  ): Promise<void> {
    const [row] = await this.db.query(
      `SELECT
         (SELECT count(*)::int FROM department WHERE organization_id = $1 AND id = $2 AND active) AS department,
         (SELECT count(*)::int FROM employee WHERE organization_id = $1 AND id = $3 AND active) AS manager,
         (SELECT count(*)::int FROM skill WHERE organization_id = $1 AND id = ANY($4)) AS skills,
         (SELECT count(*)::int FROM department WHERE organization_id = $1 AND id = ANY($5)) AS visible_departments`,
      [scope.organizationId, refs.departmentId ?? null, refs.hiringManagerId ?? null, refs.skillIds, refs.visibleDepartmentIds],
    );
    if (refs.departmentId && row.department !== 1) throw badInput('Unknown or inactive department', 'departmentId');
    if (refs.hiringManagerId && row.manager !== 1) throw badInput('Unknown or inactive hiring manager', 'hiringManagerId');
    if (row.skills !== new Set(refs.skillIds).size) throw badInput('Unknown skill id', 'requiredSkills');
    if (row.visible_departments !== new Set(refs.visibleDepartmentIds).size) throw badInput('Unknown department id in visibility', 'visibility.departmentIds');
  }

  private async writeSkills(tx: Tx, scope: OrgScope, openingId: string, required: RequiredSkillInput[], nice: string[]): Promise<void> {
    await tx.repo(this.openingSkills).delete(scope, { openingId });
    if (!required.length && !nice.length) return;
    await tx.manager.query(
      `INSERT INTO opening_skill (opening_id, skill_id, organization_id, kind, min_proficiency, weight)
       SELECT $1, u.skill_id, $2, u.kind, u.min_proficiency, u.weight
         FROM unnest($3::uuid[], $4::text[], $5::smallint[], $6::smallint[]) AS u(skill_id, kind, min_proficiency, weight)`,
      [
        openingId,
        scope.organizationId,
        [...required.map((r) => r.skillId), ...nice],
        [...required.map(() => OpeningSkillKind.REQUIRED), ...nice.map(() => OpeningSkillKind.NICE_TO_HAVE)],
        [...required.map((r) => r.minProficiency), ...nice.map(() => null)],
        [...required.map((r) => r.weight), ...nice.map(() => 1)],
      ],
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Saved openings

  async save(caller: Caller, id: string): Promise<Opening> {
    const opening = await this.get(caller, id);
    if (opening.status === OpeningStatus.DRAFT) throw notFound('Opening');
    await this.db.query(
      `INSERT INTO saved_opening (employee_id, opening_id, organization_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [caller.employeeId, id, caller.organizationId, this.clock.now()],
    );
    return opening;
  }

  async unsave(caller: Caller, id: string): Promise<boolean> {
    return (await this.saved.delete(caller, { employeeId: caller.employeeId, openingId: id })) > 0;
  }

  /** The caller's saved openings that they may still read, most recently saved first. */
  async savedOpenings(caller: Caller, page: PageArgs): Promise<Page<Listed>> {
    const where = new Conditions({ org: caller.organizationId, ...viewerParams(caller) })
      .add('o.organization_id = :org')
      .add('EXISTS (SELECT 1 FROM saved_opening so WHERE so.opening_id = o.id AND so.employee_id = :vMe)')
      .add(OPENING_READABLE);
    const savedAt = `(SELECT so.created_at FROM saved_opening so WHERE so.opening_id = o.id AND so.employee_id = :vMe)`;
    const after = page.after ? decodeCursor(page.after, 2) : null;
    const cursor = after ? [`(${savedAt}, o.id) < (CAST(:cAt AS timestamptz), CAST(:cId AS uuid))`, { cAt: after[0], cId: after[1] }] as const : null;
    const rows = await this.rows<{ savedAt: Date }>(caller, where, cursor, `${savedAt} AS "x_savedAt"`, `${savedAt} DESC, o.id DESC`, page.first + 1);
    return toPage(rows, page.first, await this.totalOf(rows, where, cursor), (o) => [o.extra.savedAt.toISOString(), o.id]);
  }

  /** Which of these openings the caller saved. */
  async savedFlags(caller: Caller, openingIds: readonly string[]): Promise<boolean[]> {
    const rows: { opening_id: string }[] = await this.db.query(
      'SELECT opening_id FROM saved_opening WHERE organization_id = $1 AND employee_id = $2 AND opening_id = ANY($3)',
      [caller.organizationId, caller.employeeId, [...openingIds]],
    );
    const saved = new Set(rows.map((r) => r.opening_id));
    return openingIds.map((id) => saved.has(id));
  }
}
