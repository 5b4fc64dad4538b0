import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TenantContext } from '@waypoint/core';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';
import { LiveDispatcher } from './live-dispatcher';

/**
 * The worker's safety net for live delivery: every NOTIFICATION_SWEEP_INTERVAL_MS it pushes the
 * rows nobody published (inserted by another module's SQL without `publishNew`, or left behind
 * while Redis was down), organization by organization. Several workers sweep side by side
 * without pushing a row twice (the dispatcher claims rows with SKIP LOCKED).
 */
@Injectable()
export class LiveSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LiveSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly dispatcher: LiveDispatcher,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.sweepIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Pushes every pending row; returns how many rows were handled. Overlapping calls share one run. */
  sweep(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<number> {
    let handled = 0;
    try {
      for (const organizationId of await this.dispatcher.pendingOrganizations()) {
        for (;;) {
          if (this.stopped) return handled;
          const { claimed } = await TenantContext.run(organizationId, () => this.dispatcher.dispatch({ organizationId }, undefined, 1000));
          handled += claimed;
          if (claimed < 1000) break;
        }
      }
    } catch (e) {
      this.logger.warn(`Live notification sweep failed, will retry: ${e instanceof Error ? e.message : e}`);
    }
    return handled;
  }
}
