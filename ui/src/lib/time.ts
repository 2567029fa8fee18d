/** Local-calendar helpers for the day and week views (the browser's time zone). */

export const DAY_MS = 86_400_000
const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number]

export function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate())
}

/** Calendar days later (DST-safe: built from the date's parts, not by adding milliseconds). */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days, date.getHours(), date.getMinutes())
}

/** The Monday starting the week that holds `date`. */
export function startOfWeek(date: Date): Date {
  const day = startOfDay(date)
  return addDays(day, -((day.getDay() + 6) % 7))
}

/** `YYYY-MM-DD` as a local date; null when malformed or impossible (2026-02-30). */
export function parseDateParam(value: unknown): Date | null {
  if (typeof value !== 'string') return null
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return null
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return date.getMonth() === Number(m[2]) - 1 && date.getDate() === Number(m[3]) ? date : null
}

export function toDateParam(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

export function weekdayKey(date: Date): WeekdayKey {
  return WEEKDAY_KEYS[date.getDay()]!
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

/** The moment `minutes` after the start of `day`, snapped to `step` minutes. */
export function atMinutes(day: Date, minutes: number, step = 15): Date {
  const snapped = Math.round(minutes / step) * step
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), 0, snapped)
}

export function formatClock(date: Date, locale?: string): string {
  return date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
}
