import { Global, Module } from '@nestjs/common';
import { OutboxRelay } from './outbox.relay';
import { UnitOfWork } from './unit-of-work';

/** The transactional outbox: UnitOfWork writes events with the domain change; the relay publishes them. */
@Global()
@Module({ providers: [OutboxRelay, UnitOfWork], exports: [OutboxRelay, UnitOfWork] })
export class OutboxModule {}
