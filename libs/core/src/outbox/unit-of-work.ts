import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { auditInTransaction } from '../audit/audit-context';
import { OrgScope } from '../tenancy/caller';
import { TenantOwned, TenantRepository } from '../tenancy/tenant-repository';
import { EventPayloads, EventType } from './events';
import { OutboxRelay } from './outbox.relay';

/** One transaction: domain writes and the outbox rows of the events they cause, committed together. */
export class Tx {
  readonly eventIds: string[] = [];
  constructor(readonly manager: EntityManager) {}

  repo<T extends TenantOwned & ObjectLiteral>(repository: TenantRepository<T>): TenantRepository<T> {
    return repository.with(this.manager);
  }

  /** Records an event in the outbox, in this transaction. It is published after commit. */
  async emit<T extends EventType>(scope: OrgScope, type: T, payload: EventPayloads[T]): Promise<string> {
    const [row] = await this.manager.query(
      'INSERT INTO outbox_event (organization_id, type, payload) VALUES ($1, $2, $3) RETURNING id',
      [scope.organizationId, type, JSON.stringify(payload)],
    );
    this.eventIds.push(row.id);
    return row.id;
  }
}

@Injectable()
export class UnitOfWork {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  /**
   * Runs `work` in one transaction; after commit, hands its events to the relay (the sweep is the safety net).
   * Inside an audited mutation (see audit/), the first transaction that commits also writes its audit row.
   */
  async run<R>(work: (tx: Tx) => Promise<R>): Promise<R> {
    let tx: Tx | undefined;
    let releaseAudit: (() => void) | undefined;
    const result = await this.db
      .transaction(async (manager) => {
        tx = new Tx(manager);
        const done = await work(tx);
        // An audited HR/admin mutation's row commits (or rolls back) with its change.
        releaseAudit = await auditInTransaction(manager, done);
        return done;
      })
      .catch((e) => {
        releaseAudit?.();
        throw e;
      });
    if (tx?.eventIds.length) this.relay?.publishSoon(tx.eventIds);
    return result;
  }
}
