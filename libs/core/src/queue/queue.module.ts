import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ALL_QUEUES } from './queues';
import { redisOptions } from './redis';

/**
 * BullMQ on Redis. Workers use the shared connection (blocking, never give up); producers
 * (the outbox relay) use one with the offline queue off, so a publish fails fast while Redis
 * is down and the outbox retries it later instead of hanging.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ connection: redisOptions(config.redisUrl), prefix: config.queuePrefix }),
    }),
    ...ALL_QUEUES.map((name) =>
      BullModule.registerQueueAsync({
        name,
        inject: [APP_CONFIG],
        useFactory: (config: AppConfig) => ({
          connection: { ...redisOptions(config.redisUrl), enableOfflineQueue: false },
          prefix: config.queuePrefix,
        }),
      }),
    ),
  ],
  exports: [BullModule],
})
export class QueueModule {}
