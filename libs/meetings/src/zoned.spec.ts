import { formatInZone, monthStartIn } from './zoned';

describe('monthStartIn', () => {
  it('uses the local month of the time zone', () => {
    const at = new Date('2030-01-31T23:30:00Z');
    expect(monthStartIn(at, 'UTC')).toBe('2030-01-01');
    expect(monthStartIn(at, 'Europe/Paris')).toBe('2030-02-01');
    expect(monthStartIn(at, 'America/New_York')).toBe('2030-01-01');
    expect(monthStartIn(new Date('2030-03-01T02:00:00Z'), 'America/Los_Angeles')).toBe('2030-02-01');
  });

  it('falls back to UTC for an unknown zone', () => {
    expect(monthStartIn(new Date('2030-05-31T23:30:00Z'), 'Not/AZone')).toBe('2030-05-01');
  });
});

describe('formatInZone', () => {
  it('shows the local time and names the zone', () => {
    expect(formatInZone(new Date('2030-01-15T09:30:00Z'), 'Europe/Paris')).toBe('Tue, 15 Jan 2030, 10:30 (Europe/Paris)');
  });
});
