import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, OrgScope } from '@waypoint/core';
import { DataSource } from 'typeorm';
import { Mailer } from '../mail/mailer';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';
import { localDateAndHour } from './local-time';

interface Recipient {
  id: string;
  email: string;
  full_name: string;
  time_zone: string;
}

interface DigestItem {
  type: string;
  title: string;
  body: string;
  created_at: Date;
}

/** At most this many notifications are listed in one email (all of them are marked as digested). */
const MAX_LISTED = 100;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The daily email digest: once a day per employee, from DIGEST_HOUR in their own time zone, the
 * unread notifications of the types they set to EMAIL_DIGEST that no digest carried yet.
 * Runs hourly in the worker (and on demand); the unique (recipient, local date) of
 * `notification_digest` makes a second run on the same day, or a second worker, send nothing.
 * One transaction per recipient: claim the rows, send, record; if sending fails nothing is
 * claimed and the next run tries again.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger(DigestService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  /** Sends every digest that is due now; returns how many emails were sent. */
  async run(): Promise<number> {
    const now = this.clock.now();
    const orgs: { organization_id: string }[] = await this.db.query(
      `SELECT DISTINCT organization_id FROM notification_preference WHERE channel = 'EMAIL_DIGEST'`,
    );
    let sent = 0;
    for (const { organization_id } of orgs) {
      const scope = { organizationId: organization_id };
      for (const r of await this.pendingRecipients(scope)) {
        const local = localDateAndHour(now, r.time_zone);
        if (local.hour < this.config.digestHour) continue;
        try {
          if (await this.sendDigest(scope, r, local.date, now)) sent++;
        } catch (e) {
          this.logger.warn(`Digest for ${r.id} not sent, will retry: ${e instanceof Error ? e.message : e}`);
        }
      }
    }
    return sent;
  }

  private pendingRecipients(scope: OrgScope): Promise<Recipient[]> {
    return this.db.query(
      `SELECT e.id, e.email, e.full_name, e.time_zone
         FROM employee e
        WHERE e.organization_id = $1 AND e.active
          AND EXISTS (
            SELECT 1 FROM notification_preference p
              JOIN notification n ON n.organization_id = $1 AND n.recipient_id = p.employee_id AND n.type = p.type
             WHERE p.organization_id = $1 AND p.employee_id = e.id AND p.channel = 'EMAIL_DIGEST'
               AND n.digest_id IS NULL AND n.read_at IS NULL)`,
      [scope.organizationId],
    );
  }

  private sendDigest(scope: OrgScope, r: Recipient, digestDate: string, now: Date): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const [digest]: { id: string }[] = await em.query(
        `INSERT INTO notification_digest (organization_id, recipient_id, digest_date, created_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (recipient_id, digest_date) DO NOTHING RETURNING id`,
        [scope.organizationId, r.id, digestDate, now],
      );
      if (!digest) return false; // today's digest went out already
      const [items]: [DigestItem[], number] = await em.query(
        `UPDATE notification n SET digest_id = $3
           FROM notification_preference p
          WHERE n.organization_id = $1 AND n.recipient_id = $2 AND n.digest_id IS NULL AND n.read_at IS NULL
            AND p.organization_id = $1 AND p.employee_id = n.recipient_id AND p.type = n.type AND p.channel = 'EMAIL_DIGEST'
        RETURNING n.type, n.title, n.body, n.created_at`,
        [scope.organizationId, r.id, digest.id],
      );
      if (!items.length) {
        await em.query('DELETE FROM notification_digest WHERE id = $1', [digest.id]);
        return false;
      }
      items.sort((a, b) => new Date(b.created_at).getTime() - new Date(a.created_at).getTime());
      const listed = items.slice(0, MAX_LISTED);
      const more = items.length - listed.length;
      const subject = `Your Waypoint digest: ${items.length} notification${items.length === 1 ? '' : 's'}`;
      const text = [
        `Hello ${r.full_name},`,
        '',
        `Here is what happened on Waypoint (${digestDate}):`,
        '',
        ...listed.map((i) => `- ${i.title}${i.body ? `\n  ${i.body.replace(/\n/g, '\n  ')}` : ''}`),
        ...(more > 0 ? [`... and ${more} more in the app.`] : []),
        '',
        'Change which notifications you receive by email in your notification preferences.',
      ].join('\n');
      const html = [
        `<p>Hello ${escapeHtml(r.full_name)},</p>`,
        `<p>Here is what happened on Waypoint (${digestDate}):</p>`,
        '<ul>',
        ...listed.map((i) => `<li><strong>${escapeHtml(i.title)}</strong>${i.body ? `<br>${escapeHtml(i.body)}` : ''}</li>`),
        '</ul>',
        more > 0 ? `<p>... and ${more} more in the app.</p>` : '',
        '<p>Change which notifications you receive by email in your notification preferences.</p>',
      ].join('\n');
      const mail = await this.mailer.send({
        to: { name: r.full_name, address: r.email },
        subject,
        text,
        html,
        date: now,
        kind: 'digest',
        key: `${digestDate}-${r.id}`,
      });
      await em.query('UPDATE notification_digest SET notification_count = $2, message_id = $3, sent_at = $4 WHERE id = $1', [
        digest.id,
        items.length,
        mail.messageId,
        now,
      ]);
      return true;
    });
  }
}
