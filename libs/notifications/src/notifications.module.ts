import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DigestService } from './digest/digest.service';
import { NotificationsProcessor } from './jobs/notifications.processor';
import { NotificationsQueue } from './jobs/notifications-queue';
import { LiveDispatcher } from './live/live-dispatcher';
import { LivePublisher } from './live/live-publisher';
import { LiveSubscriptions } from './live/live-subscriptions';
import { LiveSweeper } from './live/live-sweeper';
import { Mailer } from './mail/mailer';
import { Notification, NotificationDigest, NotificationPreference } from './notification.entity';
import { NotificationResolver } from './notification.resolver';
import { NotificationService } from './notification.service';
import { loadNotificationsConfig, NOTIFICATIONS_CONFIG } from './notifications.config';

/** Notifications: rows, preferences and live publishing; used by the API, the worker and other domain modules. */
@Module({
  imports: [TypeOrmModule.forFeature([Notification, NotificationPreference, NotificationDigest])],
  providers: [NotificationService, LivePublisher, LiveDispatcher],
  exports: [NotificationService, LivePublisher, LiveDispatcher],
})
export class NotificationsModule {}

/** The GraphQL side (queries, mutations, the live subscription), loaded by the API only. */
@Module({ imports: [NotificationsModule], providers: [NotificationResolver, LiveSubscriptions] })
export class NotificationsApiModule {}

/** Mail and the worker-side settings (SMTP_URL, MAIL_DIR, DIGEST_HOUR, ...), validated when the worker boots. */
@Module({
  providers: [{ provide: NOTIFICATIONS_CONFIG, useFactory: () => loadNotificationsConfig() }, Mailer],
  exports: [NOTIFICATIONS_CONFIG, Mailer],
})
export class NotificationsDeliveryModule {}

/**
 * The job side, loaded by the worker only: the one processor of the notifications queue (digest,
 * and the jobs other modules contribute through NotificationsQueue) and the live-delivery sweep.
 */
@Module({
  imports: [NotificationsModule, NotificationsDeliveryModule],
  providers: [NotificationsQueue, NotificationsProcessor, DigestService, LiveSweeper],
  exports: [NotificationsQueue, NotificationsDeliveryModule],
})
export class NotificationsWorkerModule {}
