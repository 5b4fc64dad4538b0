import { Global, Module } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { OutboxRelay } from './outbox.relay';
import { UnitOfWork } from './unit-of-work';

/** The transactional outbox (UnitOfWork writes events with the domain change; the relay publishes them), and the Clock. */
@Global()
@Module({ providers: [OutboxRelay, UnitOfWork, Clock], exports: [OutboxRelay, UnitOfWork, Clock] })
export class OutboxModule {}
