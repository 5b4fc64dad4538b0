import { ConfigError } from '@waypoint/core';
import { localDateAndHour } from './digest/local-time';
import { loadNotificationsConfig } from './notifications.config';

describe('loadNotificationsConfig', () => {
  it('writes .eml files to var/mail outside production by default', () => {
    expect(loadNotificationsConfig({})).toEqual({ mailDir: 'var/mail', smtpUrl: undefined, mailFrom: expect.stringContaining('@'), digestHour: 8, sweepIntervalMs: 1000 });
  });

  it('sends over SMTP when SMTP_URL is set (MAIL_DIR is then ignored)', () => {
    const c = loadNotificationsConfig({ SMTP_URL: 'smtps://u:p@mail.example.com:465', MAIL_DIR: '/tmp/x' });
    expect(c.smtpUrl).toBe('smtps://u:p@mail.example.com:465');
    expect(c.mailDir).toBeUndefined();
  });

  it.each([
    [{ SMTP_URL: 'not a url' }, 'SMTP_URL must be a URL'],
    [{ SMTP_URL: 'http://mail.example.com' }, 'SMTP_URL must use smtp or smtps'],
    [{ NODE_ENV: 'production' }, 'SMTP_URL is required in production'],
    [{ DIGEST_HOUR: '24' }, 'DIGEST_HOUR must be an integer from 0 to 23'],
    [{ NOTIFICATION_SWEEP_INTERVAL_MS: '10' }, 'NOTIFICATION_SWEEP_INTERVAL_MS must be an integer'],
    [{ MAIL_FROM: 'nobody' }, 'MAIL_FROM must be an email address'],
  ])('refuses %j with a line naming the variable', (env, message) => {
    expect(() => loadNotificationsConfig(env)).toThrow(ConfigError);
    expect(() => loadNotificationsConfig(env)).toThrow(message);
  });

  it('accepts MAIL_DIR in production', () => {
    expect(loadNotificationsConfig({ NODE_ENV: 'production', MAIL_DIR: '/var/mail/waypoint' }).mailDir).toBe('/var/mail/waypoint');
  });
});

describe('localDateAndHour', () => {
  it('gives the local date and hour of an instant', () => {
    expect(localDateAndHour(new Date('2031-06-10T23:30:00Z'), 'Europe/Paris')).toEqual({ date: '2031-06-11', hour: 1 });
    expect(localDateAndHour(new Date('2031-06-10T23:30:00Z'), 'America/Los_Angeles')).toEqual({ date: '2031-06-10', hour: 16 });
    expect(localDateAndHour(new Date('2031-06-10T00:10:00Z'), 'UTC')).toEqual({ date: '2031-06-10', hour: 0 });
    expect(localDateAndHour(new Date('2031-06-10T05:00:00Z'), 'Nowhere/Land')).toEqual({ date: '2031-06-10', hour: 5 });
  });
});
