/**
 * One clock for every time on the papers: the congress's time zone (an IANA name; Vietnam by
 * default, which keeps UTC+7 all year). Times are stored in UTC and read here, never in the
 * server's or the printer's own zone.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export interface LocalTime {
  day: number;
  month: number;
  year: number;
  hour: number;
  minute: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

export function localTime(iso: string, timeZone = DEFAULT_TIME_ZONE): LocalTime {
  let format = formats.get(timeZone);
  if (!format) {
    // The server takes only zones it knows; a hand-made file's unknown zone reads as Vietnam's.
    const options = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' } as const;
    try {
      format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone });
    } catch {
      format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: DEFAULT_TIME_ZONE });
    }
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return { day: Number(parts.day), month: Number(parts.month), year: Number(parts.year), hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** "ngày 12 tháng 6 năm 2025" */
export function dateInWords(iso: string, timeZone?: string): string {
  const t = localTime(iso, timeZone);
  return `ngày ${t.day} tháng ${t.month} năm ${t.year}`;
}

/** "10 giờ 05 phút" */
export function timeOfDay(iso: string, timeZone?: string): string {
  const t = localTime(iso, timeZone);
  return `${t.hour} giờ ${String(t.minute).padStart(2, '0')} phút`;
}

/** "12/06/2025 10:05": the entry log's compact time. */
export function dateTime(iso: string, timeZone?: string): string {
  const t = localTime(iso, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(t.day)}/${two(t.month)}/${t.year} ${two(t.hour)}:${two(t.minute)}`;
}

/** "10:05:07": a time of day to the second, for the entry log's lines. */
export function clockTime(iso: string, timeZone?: string): string {
  const t = localTime(iso, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(t.hour)}:${two(t.minute)}:${two(new Date(iso).getUTCSeconds())}`;
}
