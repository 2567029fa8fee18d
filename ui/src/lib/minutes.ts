/** The most minutes a task can be reported to have taken (the API's cap: a week). */
export const MAX_ACTUAL_MINUTES = 10080

const UNIT_H = '(?:h|hrs?|hours?)'
const UNIT_M = '(?:m|mins?|minutes?)'
const HOURS_AND_MINUTES = new RegExp(`^(?:(\\d{1,3})\\s*${UNIT_H})?\\s*(?:(\\d{1,5})\\s*${UNIT_M}?)?$`)
const DECIMAL_HOURS = new RegExp(`^(\\d{1,3}[.,]\\d+)\\s*${UNIT_H}$`)
const CLOCK = /^(\d{1,3}):([0-5]\d)$/

/**
 * A length of time as people type it, in whole minutes: `90`, `90 min`, `1h30`, `1 h 30 min`, `2h`,
 * `1.5h`, `1:30`. Null when it does not read as one (the caller says so); the range is the caller's.
 */
export function parseMinutes(text: string): number | null {
  const s = text.trim().toLowerCase()
  if (!s) return null
  const clock = CLOCK.exec(s)
  if (clock) return Number(clock[1]) * 60 + Number(clock[2])
  const decimal = DECIMAL_HOURS.exec(s)
  if (decimal) return Math.round(Number(decimal[1]!.replace(',', '.')) * 60)
  const parts = HOURS_AND_MINUTES.exec(s)
  if (!parts || (parts[1] === undefined && parts[2] === undefined)) return null
  return Number(parts[1] ?? 0) * 60 + Number(parts[2] ?? 0)
}

/** Why a typed length cannot be reported, or null when it can (`minutes` is then a whole number in range). */
export function actualMinutesError(text: string): string | null {
  const minutes = parseMinutes(text)
  if (minutes === null) return 'Enter minutes (90) or hours and minutes (1h30).'
  if (minutes < 1 || minutes > MAX_ACTUAL_MINUTES) return `Enter from 1 minute to ${MAX_ACTUAL_MINUTES / 60} hours.`
  return null
}
