const cache = new Map<string, number>();

/**
 * The UTC offset of an IANA time zone, in minutes (Europe/Paris in winter: 60), at `at`.
 * Unknown zones count as UTC. Cached per zone and hour, so a round of thousands of employees
 * formats a handful of dates.
 */
export function utcOffsetMinutes(timeZone: string, at: Date): number {
  const key = `${timeZone}@${Math.floor(at.getTime() / 3_600_000)}`;
  let offset = cache.get(key);
  if (offset === undefined) {
    offset = compute(timeZone, at);
    if (cache.size > 10_000) cache.clear();
    cache.set(key, offset);
  }
  return offset;
}

function compute(timeZone: string, at: Date): number {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
    const m = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/.exec(name ?? '');
    if (!m) return 0;
    if (!m[1]) return 0;
    const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
    return m[1] === '-' ? -minutes : minutes;
  } catch {
    return 0;
  }
}
