function parts(at: Date, timeZone: string, options: Intl.DateTimeFormatOptions): Record<string, string> {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', { ...options, timeZone });
  } catch {
    format = new Intl.DateTimeFormat('en-CA', { ...options, timeZone: 'UTC' });
  }
  return Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
}

/** The first day (YYYY-MM-01) of the month `at` falls in, in an IANA time zone (UTC if unknown). */
export function monthStartIn(at: Date, timeZone: string): string {
  const p = parts(at, timeZone, { year: 'numeric', month: '2-digit' });
  return `${p.year}-${p.month}-01`;
}

/** "Tue, 14 Jan 2031, 09:30 (Europe/Paris)": a meeting time as its reader sees it. */
export function formatInZone(at: Date, timeZone: string): string {
  let zone = timeZone;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
  } catch {
    zone = 'UTC';
  }
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return `${text} (${zone})`;
}
