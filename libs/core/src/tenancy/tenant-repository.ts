import {
  DeepPartial,
  EntityManager,
  EntityTarget,
  FindManyOptions,
  FindOptionsWhere,
  ObjectLiteral,
  Repository,
  SelectQueryBuilder,
} from 'typeorm';
import { notFound } from '../errors/app-error';
import { OrgScope } from './caller';

/** A tenant-owned entity: every row belongs to exactly one organization. */
export interface TenantOwned extends ObjectLiteral {
  organizationId: string;
}

type Where<T> = Omit<FindOptionsWhere<T>, 'organizationId'>;
type ScopedFind<T> = Omit<FindManyOptions<T>, 'where'> & { where?: Where<T> | Where<T>[] };

/**
 * The only way domain code reads or writes tenant-owned rows: every method takes the
 * organization scope first and adds it to the filter, so an unscoped query cannot be
 * written by accident (the `where` type does not even accept organizationId).
 */
export class TenantRepository<T extends TenantOwned> {
  private readonly repo: Repository<T>;

  constructor(
    manager: EntityManager,
    private readonly entity: EntityTarget<T>,
  ) {
    this.repo = manager.getRepository(entity);
  }

  /** The same repository inside a transaction. */
  with(manager: EntityManager): TenantRepository<T> {
    return new TenantRepository(manager, this.entity);
  }

  private scoped(scope: OrgScope, where?: Where<T> | Where<T>[]): FindOptionsWhere<T>[] {
    const list = where === undefined ? [{}] : Array.isArray(where) ? where : [where];
    return list.map((w) => ({ ...w, organizationId: scope.organizationId }) as FindOptionsWhere<T>);
  }

  find(scope: OrgScope, options: ScopedFind<T> = {}): Promise<T[]> {
    return this.repo.find({ ...options, where: this.scoped(scope, options.where) });
  }

  findOne(scope: OrgScope, where: Where<T>, options: Omit<ScopedFind<T>, 'where'> = {}): Promise<T | null> {
    return this.repo.findOne({ ...options, where: this.scoped(scope, where) });
  }

  /** Like findOne, but a missing row (or one of another organization) is a NOT_FOUND error. */
  async get(scope: OrgScope, where: Where<T>, what: string, options: Omit<ScopedFind<T>, 'where'> = {}): Promise<T> {
    const row = await this.findOne(scope, where, options);
    if (!row) throw notFound(what);
    return row;
  }

  count(scope: OrgScope, where?: Where<T> | Where<T>[]): Promise<number> {
    return this.repo.count({ where: this.scoped(scope, where) });
  }

  /** A query builder already filtered on `<alias>.organization_id`. */
  query(scope: OrgScope, alias: string): SelectQueryBuilder<T> {
    return this.repo
      .createQueryBuilder(alias)
      .where(`${alias}.organization_id = :__org`, { __org: scope.organizationId });
  }

  /** Inserts or updates rows of this organization; a row of another organization is refused. */
  async save(scope: OrgScope, entity: DeepPartial<T>): Promise<T> {
    const e = entity as DeepPartial<T> & { organizationId?: string };
    if (e.organizationId !== undefined && e.organizationId !== scope.organizationId) {
      throw new Error('TenantRepository.save: entity belongs to another organization');
    }
    return this.repo.save({ ...e, organizationId: scope.organizationId } as DeepPartial<T>);
  }

  async delete(scope: OrgScope, where: Where<T>): Promise<number> {
    const res = await this.repo.delete({ ...where, organizationId: scope.organizationId } as FindOptionsWhere<T>);
    return res.affected ?? 0;
  }
}
