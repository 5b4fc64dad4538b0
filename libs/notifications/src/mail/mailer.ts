import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';

export interface MailAddress {
  name: string;
  address: string;
}

export interface MailMessage {
  to: MailAddress;
  subject: string;
  text: string;
  html?: string;
  /** A calendar invite: sent as a text/calendar alternative with its METHOD, plus an .ics attachment. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string; filename: string };
  /** The Date header (the Clock's time). */
  date?: Date;
  /** What the message is and a key unique for it: names the .eml file in development. */
  kind: string;
  key: string;
}

export interface SentMail {
  messageId: string;
  /** The .eml file written (MAIL_DIR mode). */
  file?: string;
}

/**
 * Sends email over SMTP (SMTP_URL) or, in development and tests, writes each message as an
 * RFC 5322 `.eml` file into MAIL_DIR (written to a temporary name, then renamed, so a reader
 * never sees half a message).
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter;

  constructor(@Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig) {
    this.transport = config.smtpUrl
      ? createTransport(config.smtpUrl)
      : createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  }

  async send(m: MailMessage): Promise<SentMail> {
    const info = await this.transport.sendMail({
      from: this.config.mailFrom,
      to: { name: m.to.name, address: m.to.address },
      subject: m.subject,
      text: m.text,
      html: m.html,
      date: m.date,
      icalEvent: m.calendar ? { method: m.calendar.method, filename: m.calendar.filename, content: m.calendar.content } : undefined,
    });
    if (!this.config.mailDir) return { messageId: info.messageId };
    const dir = resolve(this.config.mailDir);
    await mkdir(dir, { recursive: true });
    const name = `${m.kind}-${m.key}`.replace(/[^\w.-]+/g, '_');
    const file = join(dir, `${name}.eml`);
    const tmp = join(dir, `.${name}.${process.pid}.tmp`);
    await writeFile(tmp, (info as unknown as { message: Buffer }).message);
    await rename(tmp, file);
    return { messageId: info.messageId, file };
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
