/** The trust's time zone when its file names none: schools in England and Wales. */
export const DEFAULT_TIME_ZONE = 'Europe/London';

/** True when the runtime knows `zone` as an IANA time zone ("Europe/London"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/**
 * An instant as ISO 8601 local time with its UTC offset in `zone`, to the second:
 * 2025-03-27T09:00:00Z in Europe/London is "2025-03-27T09:00:00+00:00", and
 * 2025-04-01T09:00:00Z is "2025-04-01T10:00:00+01:00" (British Summer Time).
 */
export function isoInZone(instant: Date | string, zone: string = DEFAULT_TIME_ZONE): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const parts = Object.fromEntries(formatterFor(zone).formatToParts(date).map((p) => [p.type, p.value]));
  const local = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  // The offset is how far the wall clock is from UTC at that instant (whole seconds dropped).
  const wallAsUtc = Date.parse(`${local}Z`);
  const offsetMinutes = Math.round((wallAsUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The calendar date (YYYY-MM-DD) of an instant in `zone`. */
export function dateInZone(instant: Date | string, zone: string = DEFAULT_TIME_ZONE): string {
  return isoInZone(instant, zone).slice(0, 10);
}
