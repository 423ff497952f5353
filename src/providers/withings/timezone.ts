/**
 * Local days and UTC offsets from the IANA `timezone` Withings puts on its records
 * (`Europe/Paris`). Pure: `Intl` carries the zone rules, nothing reads the machine's zone.
 */

const FORMATTERS = new Map<string, Intl.DateTimeFormat | null>();

function formatter(timeZone: string): Intl.DateTimeFormat | null {
  if (!FORMATTERS.has(timeZone)) {
    try {
      FORMATTERS.set(
        timeZone,
        new Intl.DateTimeFormat('en-CA', {
          timeZone,
          hourCycle: 'h23',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
        }),
      );
    } catch {
      FORMATTERS.set(timeZone, null);
    }
  }
  return FORMATTERS.get(timeZone) ?? null;
}

export interface LocalTime {
  /** Local calendar day `YYYY-MM-DD`. */
  day: string;
  /** UTC offset in effect, `+02:00`. */
  offset: string;
  /** ISO-8601 local time with that offset, `2024-05-01T07:12:00+02:00`. */
  iso: string;
}

/** The local time of `epochSeconds` in `timeZone`; UTC (offset unknown → null) when the zone is missing or invalid. */
export function localTime(epochSeconds: number, timeZone: string | null | undefined): LocalTime & { known: boolean } {
  const ms = epochSeconds * 1000;
  const format = timeZone ? formatter(timeZone) : null;
  if (!format) {
    const iso = new Date(ms).toISOString().replace('.000Z', '+00:00');
    return { day: iso.slice(0, 10), offset: '+00:00', iso, known: false };
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
  const local = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  const offsetMinutes = Math.round((Date.parse(`${local}Z`) - Math.floor(ms / 1000) * 1000) / 60_000);
  const offset = formatOffset(offsetMinutes);
  return { day: local.slice(0, 10), offset, iso: `${local}${offset}`, known: true };
}

/** The offset in effect at local noon of `day` in `timeZone` (day-keyed documents), or null. */
export function offsetOnDay(day: string, timeZone: string | null | undefined): string | null {
  if (!timeZone || !formatter(timeZone)) return null;
  return localTime(Date.parse(`${day}T12:00:00Z`) / 1000, timeZone).offset;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}
