import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig, redisOptions } from '@waypoint/core';
import Redis from 'ioredis';
import { liveChannel, LiveNotification } from './live-channel';

/**
 * Publishes live notifications to Redis pub/sub, from the API or the worker alike: every API
 * instance subscribed to a recipient's channel delivers to that recipient's open subscriptions.
 * Commands give up after a short while when Redis is away, so a caller is never stuck: the row
 * stays undispatched and the sweep publishes it later.
 */
@Injectable()
export class LivePublisher implements OnApplicationShutdown {
  readonly client: Redis;
  private readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.prefix = config.queuePrefix;
    this.client = new Redis({ ...redisOptions(config.redisUrl), maxRetriesPerRequest: 2, commandTimeout: 5000, connectionName: 'waypoint-live-pub' });
    this.client.on('error', () => undefined); // reconnects by itself; failed publishes surface to the caller
  }

  channel(organizationId: string, employeeId: string): string {
    return liveChannel(this.prefix, organizationId, employeeId);
  }

  /** One pipelined PUBLISH per notification; throws when any of them failed. */
  async publish(rows: readonly LiveNotification[]): Promise<void> {
    if (!rows.length) return;
    const pipeline = this.client.pipeline();
    for (const r of rows) pipeline.publish(this.channel(r.organizationId, r.recipientId), JSON.stringify(r));
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
