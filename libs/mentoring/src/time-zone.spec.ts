import { utcOffsetMinutes } from './time-zone';

describe('utcOffsetMinutes', () => {
  it('reads offsets, with daylight saving time', () => {
    expect(utcOffsetMinutes('UTC', new Date('2030-01-15T12:00:00Z'))).toBe(0);
    expect(utcOffsetMinutes('Europe/Paris', new Date('2030-01-15T12:00:00Z'))).toBe(60);
    expect(utcOffsetMinutes('Europe/Paris', new Date('2030-07-15T12:00:00Z'))).toBe(120);
    expect(utcOffsetMinutes('America/New_York', new Date('2030-01-15T12:00:00Z'))).toBe(-300);
    expect(utcOffsetMinutes('Asia/Kolkata', new Date('2030-01-15T12:00:00Z'))).toBe(330);
  });

  it('treats an unknown zone as UTC instead of failing a whole round', () => {
    expect(utcOffsetMinutes('Mars/Olympus_Mons', new Date('2030-01-15T12:00:00Z'))).toBe(0);
  });
});
