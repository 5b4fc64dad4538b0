import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Caller, redisOptions } from '@waypoint/core';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import Redis from 'ioredis';
import { LiveNotification, reviveLiveNotification } from './live-channel';
import { LivePublisher } from './live-publisher';

/**
 * The API side of live notifications: one Redis subscriber connection per API instance; each
 * GraphQL subscription listens to its caller's own channel (subscribed once per channel however
 * many tabs the employee has open, and unsubscribed when the last one closes).
 */
@Injectable()
export class LiveSubscriptions implements OnApplicationShutdown {
  private readonly subscriber: Redis;
  private readonly pubsub: RedisPubSub;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly publisher: LivePublisher,
  ) {
    this.subscriber = new Redis({ ...redisOptions(config.redisUrl), connectionName: 'waypoint-live-sub' });
    this.subscriber.on('error', () => undefined); // ioredis reconnects and re-subscribes by itself
    this.pubsub = new RedisPubSub({
      publisher: publisher.client,
      subscriber: this.subscriber,
      deserializer: (source) => reviveLiveNotification(source),
    });
  }

  /** The caller's live notifications, as an async iterator for a GraphQL subscription. */
  forCaller(caller: Caller): AsyncIterableIterator<LiveNotification> {
    return this.pubsub.asyncIterableIterator<LiveNotification>(this.publisher.channel(caller.organizationId, caller.employeeId));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }
}
