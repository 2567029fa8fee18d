/**
 * Calendar helpers for the day and week views, in a named IANA time zone: the account's zone from
 * its preferences, so the plan reads the same wherever the browser is (no zone: the browser's own).
 *
 * Moments are plain `Date`s (instants); "days" are the instants at which a day starts in the zone.
 * Wall-clock parts come from `Intl.DateTimeFormat`, and a wall-clock time goes back to an instant by
 * correcting a UTC guess with the zone's offset (twice, for the hours around a DST change).
 */

export const DAY_MS = 86_400_000
const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number]

/** An IANA zone name, or undefined for the browser's zone. */
export type Zone = string | undefined

interface WallClock {
  year: number
  month: number // 1..12
  day: number
  hour: number
  minute: number
  weekday: number // 0 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>()
const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 }

function formatter(zone: Zone): Intl.DateTimeFormat {
  const key = zone ?? ''
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    })
    formatters.set(key, f)
  }
  return f
}

/** The wall clock of `date` in `zone`. */
export function wallClock(date: Date, zone?: Zone): WallClock {
  const parts: Record<string, string> = {}
  for (const p of formatter(zone).formatToParts(date)) parts[p.type] = p.value
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    weekday: WEEKDAY_INDEX[parts.weekday!] ?? 0,
  }
}

/** Minutes `zone` is ahead of UTC at `date`. */
export function offsetMinutes(date: Date, zone?: Zone): number {
  const w = wallClock(date, zone)
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute)
  return Math.round((asUtc - Math.floor(date.getTime() / 60_000) * 60_000) / 60_000)
}

/** The instant at which the wall clock in `zone` reads that date and `minutes` past midnight. */
export function zonedTime(year: number, month: number, day: number, minutes: number, zone?: Zone): Date {
  const guess = Date.UTC(year, month - 1, day, 0, minutes)
  let at = guess - offsetMinutes(new Date(guess), zone) * 60_000
  at = guess - offsetMinutes(new Date(at), zone) * 60_000
  return new Date(at)
}

export function startOfDay(date: Date, zone?: Zone): Date {
  const w = wallClock(date, zone)
  return zonedTime(w.year, w.month, w.day, 0, zone)
}

/** Calendar days later, at the same wall-clock time (DST-safe). */
export function addDays(date: Date, days: number, zone?: Zone): Date {
  const w = wallClock(date, zone)
  return zonedTime(w.year, w.month, w.day + days, w.hour * 60 + w.minute, zone)
}

/** The Monday starting the week that holds `date`. */
export function startOfWeek(date: Date, zone?: Zone): Date {
  const day = startOfDay(date, zone)
  return addDays(day, -((wallClock(day, zone).weekday + 6) % 7), zone)
}

/** `YYYY-MM-DD` as the start of that day in `zone`; null when malformed or impossible (2026-02-30). */
export function parseDateParam(value: unknown, zone?: Zone): Date | null {
  if (typeof value !== 'string') return null
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const probe = new Date(Date.UTC(y, mo - 1, d))
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null
  return zonedTime(y, mo, d, 0, zone)
}

export function toDateParam(date: Date, zone?: Zone): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const w = wallClock(date, zone)
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`
}

export function weekdayKey(date: Date, zone?: Zone): WeekdayKey {
  return WEEKDAY_KEYS[wallClock(date, zone).weekday]!
}

/** Minutes from the start of `day` to `moment` (may be negative or past 1440). */
export function minutesInto(day: Date, moment: Date): number {
  return Math.round((moment.getTime() - day.getTime()) / 60_000)
}

/** `"09:30"` -> 570. */
export function clockMinutes(value: string): number {
  const [h, m] = value.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

/** The moment `minutes` after the start of `day` (wall clock in `zone`), snapped to `step` minutes. */
export function atMinutes(day: Date, minutes: number, step = 15, zone?: Zone): Date {
  const snapped = Math.round(minutes / step) * step
  const w = wallClock(day, zone)
  return zonedTime(w.year, w.month, w.day, snapped, zone)
}

const displayFormats = new Map<string, Intl.DateTimeFormat>()

/** A cached formatter: building an Intl.DateTimeFormat costs far more than using one (a week has hundreds of labels). */
function displayFormat(options: Intl.DateTimeFormatOptions, zone: Zone, locale?: string): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${zone ?? ''}|${JSON.stringify(options)}`
  let f = displayFormats.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone })
    displayFormats.set(key, f)
  }
  return f
}

export function formatClock(date: Date, zone?: Zone, locale?: string): string {
  return displayFormat({ hour: '2-digit', minute: '2-digit' }, zone, locale).format(date)
}

/** "Thursday", "Thu 26" and the like, in `zone`. */
export function formatDay(date: Date, options: Intl.DateTimeFormatOptions, zone?: Zone, locale?: string): string {
  return displayFormat(options, zone, locale).format(date)
}
