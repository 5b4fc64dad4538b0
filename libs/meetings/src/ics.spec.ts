import fc from 'fast-check';
import { buildIcs, escapeText, foldLine, icsDateTime, paramValue } from './ics';

const unfold = (s: string) => s.replace(/\r\n /g, '');
const unescape = (s: string) => s.replace(/\\(n|N|\\|;|,)/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

describe('ICS writer', () => {
  const event = {
    uid: 'abc@waypoint',
    sequence: 0,
    stamp: new Date('2030-01-01T08:00:00Z'),
    start: new Date('2030-01-15T09:30:00Z'),
    end: new Date('2030-01-15T10:00:00Z'),
    summary: 'Research meeting: Eli, Dora; and \\ more',
    description: 'Purpose: learn\nQuestions:\n- what, why; how?',
    organizer: { name: 'Eli Test', email: 'eli@example.test' },
    attendees: [{ name: 'Dora: Director, BU', email: 'dora@example.test', partstat: 'ACCEPTED' as const }],
    method: 'REQUEST' as const,
    status: 'CONFIRMED' as const,
    alarmMinutesBefore: 15,
  };

  it('writes CRLF lines, UTC times and the required properties', () => {
    const ics = buildIcs(event);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = unfold(ics).split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('METHOD:REQUEST');
    expect(lines).toContain('DTSTART:20300115T093000Z');
    expect(lines).toContain('DTEND:20300115T100000Z');
    expect(lines).toContain('DTSTAMP:20300101T080000Z');
    expect(lines).toContain('UID:abc@waypoint');
    expect(lines).toContain('SUMMARY:Research meeting: Eli\\, Dora\\; and \\\\ more');
    expect(lines.find((l) => l.startsWith('ATTENDEE'))).toContain('CN="Dora: Director, BU"');
    expect(lines.find((l) => l.startsWith('ORGANIZER'))).toBe('ORGANIZER;CN=Eli Test:mailto:eli@example.test');
  });

  it('refuses an event that does not end after it starts', () => {
    expect(() => buildIcs({ ...event, end: event.start })).toThrow('end after it starts');
  });

  it('formats dates in UTC without milliseconds', () => {
    expect(icsDateTime(new Date('2031-12-31T23:59:59.999Z'))).toBe('20311231T235959Z');
  });

  it('drops quotes from parameter values and quotes those with separators', () => {
    expect(paramValue('Ann "Al" Lee')).toBe('Ann Al Lee');
    expect(paramValue('Lee, Ann')).toBe('"Lee, Ann"');
  });

  it('folds any line into chunks of at most 75 octets that unfold to the original, without splitting a character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (value) => {
        const line = `DESCRIPTION:${escapeText(value)}`;
        const folded = foldLine(line);
        for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
        expect(unfold(folded)).toBe(line);
        expect(folded.split('\r\n').slice(1).every((p) => p.startsWith(' '))).toBe(true);
      }),
    );
  });

  it('escapes text so that it reads back as written', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (value) => {
        const escaped = escapeText(value);
        expect(escaped).not.toMatch(/[\r\n]/);
        expect(unescape(escaped)).toBe(value.replace(/\r\n|\r/g, '\n'));
      }),
    );
  });
});
