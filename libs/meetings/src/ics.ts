/**
 * A small iCalendar (RFC 5545) writer for one event: what a calendar invite needs and nothing
 * more. Lines end with CRLF and are folded at 75 octets (never inside a UTF-8 character); TEXT
 * values escape backslash, semicolon, comma and newlines; times are UTC (`Z`), so no VTIMEZONE
 * is needed.
 */

export interface IcsPerson {
  name: string;
  email: string;
}

export interface IcsAttendee extends IcsPerson {
  role?: 'CHAIR' | 'REQ-PARTICIPANT' | 'OPT-PARTICIPANT';
  partstat?: 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE';
}

export interface IcsEvent {
  /** Globally unique and stable across updates of the same event. */
  uid: string;
  /** Incremented on every change sent to attendees (a cancellation is a change). */
  sequence: number;
  /** When this version of the event was created. */
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  organizer: IcsPerson;
  attendees: IcsAttendee[];
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH';
  status: 'CONFIRMED' | 'CANCELLED' | 'TENTATIVE';
  /** A display alarm this many minutes before the start. */
  alarmMinutesBefore?: number;
}

const PRODID = '-//Waypoint//Research meetings//EN';

/** 20300115T093000Z */
export function icsDateTime(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new Error('icsDateTime: invalid date');
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT value escaping (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * A parameter value (3.2): quoted when it holds `:`, `;` or `,`. DQUOTE and control characters
 * cannot appear in a parameter value at all, so they are dropped.
 */
export function paramValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/["\u0000-\u001f\u007f]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** A mailto: URI for a cal-address (ORGANIZER, ATTENDEE). */
function calAddress(email: string): string {
  // eslint-disable-next-line no-control-regex
  return `mailto:${email.replace(/[\s\u0000-\u001f\u007f]/g, '')}`;
}

/**
 * Folds one content line (3.1): chunks of at most 75 octets, continuation lines start with one
 * space (which counts towards their 75). Splits only between characters, never inside one.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= 75) return line;
  const out: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (size + n > limit) {
      out.push(current);
      current = ' ';
      size = 1;
      limit = 75;
    }
    current += ch;
    size += n;
  }
  out.push(current);
  return out.join('\r\n');
}

export function buildIcs(e: IcsEvent): string {
  if (!(e.end.getTime() > e.start.getTime())) throw new Error('buildIcs: the event must end after it starts');
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${e.method}`,
    'BEGIN:VEVENT',
    `UID:${escapeText(e.uid)}`,
    `SEQUENCE:${e.sequence}`,
    `DTSTAMP:${icsDateTime(e.stamp)}`,
    `DTSTART:${icsDateTime(e.start)}`,
    `DTEND:${icsDateTime(e.end)}`,
    `SUMMARY:${escapeText(e.summary)}`,
  ];
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
  if (e.url) lines.push(`URL:${e.url}`);
  lines.push(`ORGANIZER;CN=${paramValue(e.organizer.name)}:${calAddress(e.organizer.email)}`);
  for (const a of e.attendees) {
    lines.push(
      `ATTENDEE;CN=${paramValue(a.name)};CUTYPE=INDIVIDUAL;ROLE=${a.role ?? 'REQ-PARTICIPANT'};` +
        `PARTSTAT=${a.partstat ?? 'NEEDS-ACTION'};RSVP=FALSE:${calAddress(a.email)}`,
    );
  }
  lines.push(`STATUS:${e.status}`, 'TRANSP:OPAQUE');
  if (e.alarmMinutesBefore !== undefined && e.status !== 'CANCELLED') {
    lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(e.summary)}`, `TRIGGER:-PT${e.alarmMinutesBefore}M`, 'END:VALARM');
  }
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
