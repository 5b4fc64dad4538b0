import { ConfigError } from '@waypoint/core';

/**
 * Settings of live notifications, mail and digests, read from the environment when the worker
 * boots (the API reads none of them). A malformed value stops the worker with one line naming it.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | SMTP_URL | unset | smtp:// or smtps:// URL of the mail relay (with credentials if any) |
 * | MAIL_DIR | `var/mail` outside production when SMTP_URL is unset | write each email as an `.eml` file here instead of sending it |
 * | MAIL_FROM | `Waypoint <no-reply@waypoint.invalid>` | sender of invites and digests |
 * | DIGEST_HOUR | 8 | local hour (0-23, recipient's time zone) from which the daily digest is sent |
 * | NOTIFICATION_SWEEP_INTERVAL_MS | 1000 | how often the worker pushes rows inserted without `publishNew` |
 */
export interface NotificationsConfig {
  smtpUrl?: string;
  mailDir?: string;
  mailFrom: string;
  digestHour: number;
  sweepIntervalMs: number;
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

export function loadNotificationsConfig(env: Env = process.env): NotificationsConfig {
  const production = (env.NODE_ENV ?? 'development') === 'production';
  let smtpUrl: string | undefined;
  if (env.SMTP_URL) {
    let parsed: URL;
    try {
      parsed = new URL(env.SMTP_URL);
    } catch {
      throw new ConfigError('SMTP_URL', 'must be a URL (smtp or smtps)');
    }
    if (!['smtp:', 'smtps:'].includes(parsed.protocol)) throw new ConfigError('SMTP_URL', 'must use smtp or smtps');
    smtpUrl = env.SMTP_URL;
  }
  let mailDir = env.MAIL_DIR || undefined;
  if (!smtpUrl && !mailDir) {
    if (production) throw new ConfigError('SMTP_URL', 'is required in production (or set MAIL_DIR to write .eml files)');
    mailDir = 'var/mail';
  }
  const mailFrom = env.MAIL_FROM || 'Waypoint <no-reply@waypoint.invalid>';
  if (!/@/.test(mailFrom) || /[\r\n]/.test(mailFrom)) throw new ConfigError('MAIL_FROM', 'must be an email address, e.g. Waypoint <no-reply@example.com>');
  return {
    smtpUrl,
    mailDir: smtpUrl ? undefined : mailDir,
    mailFrom,
    digestHour: int(env, 'DIGEST_HOUR', 8, 0, 23),
    sweepIntervalMs: int(env, 'NOTIFICATION_SWEEP_INTERVAL_MS', 1000, 50, 600000),
  };
}

export const NOTIFICATIONS_CONFIG = Symbol('NOTIFICATIONS_CONFIG');
