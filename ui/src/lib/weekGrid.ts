/** Geometry of the week grid: which hours it shows and where an interval sits in a day column. */
import type { WorkingHours } from '@/api'

import { clockMinutes, minutesInto, weekdayKey, type Zone } from './time'

export const HOUR_PX = 48
export const DEFAULT_HOURS = { start: 8, end: 18 }

/** The working periods of `day` as [start, end) minutes (the schema types them as string pairs). */
export function periodsOf(day: Date, hours: WorkingHours | null, zone?: Zone): [number, number][] {
  return (hours?.[weekdayKey(day, zone)] ?? []).flatMap(([from, to]) =>
    from && to ? [[clockMinutes(from), clockMinutes(to)] as [number, number]] : [],
  )
}

export interface Placed {
  top: number
  height: number
}

/** The hours to show: the default window, widened to hold every working period and interval. */
export function visibleHours(
  days: Date[],
  intervals: { start: string; end: string }[],
  hours: WorkingHours | null,
  zone?: Zone,
): { start: number; end: number } {
  let start = DEFAULT_HOURS.start * 60
  let end = DEFAULT_HOURS.end * 60
  for (const day of days) {
    for (const [from, to] of periodsOf(day, hours, zone)) {
      start = Math.min(start, from)
      end = Math.max(end, to)
    }
    for (const i of intervals) {
      const a = minutesInto(day, new Date(i.start))
      const b = minutesInto(day, new Date(i.end))
      if (b <= 0 || a >= 1440) continue
      start = Math.min(start, Math.max(0, a))
      end = Math.max(end, Math.min(1440, b))
    }
  }
  return { start: Math.floor(start / 60), end: Math.ceil(end / 60) }
}

/** Where [start, end) sits in `day`'s column that shows from `firstHour`; null when not that day. */
export function place(day: Date, start: string, end: string, firstHour: number, lastHour: number): Placed | null {
  const a = Math.max(minutesInto(day, new Date(start)), firstHour * 60)
  const b = Math.min(minutesInto(day, new Date(end)), lastHour * 60)
  if (b <= a) return null
  return { top: ((a - firstHour * 60) / 60) * HOUR_PX, height: Math.max(((b - a) / 60) * HOUR_PX, 18) }
}

/** Working periods of `day` as placed rectangles. */
export function workingPeriods(day: Date, hours: WorkingHours | null, firstHour: number, zone?: Zone): Placed[] {
  return periodsOf(day, hours, zone).map(([from, to]) => ({
    top: ((from - firstHour * 60) / 60) * HOUR_PX,
    height: ((to - from) / 60) * HOUR_PX,
  }))
}

/** The length in minutes for a block whose lower edge is dragged to pointer `y` (at least `step`). */
export function resizedMinutes(start: Date, day: Date, y: number, firstHour: number, step = 15): number {
  const end = Math.round(minutesAt(y, firstHour) / step) * step
  return Math.max(step, end - minutesInto(day, start))
}

/** Minutes into the day for a pointer `y` pixels below the top of a column showing from `firstHour`. */
export function minutesAt(y: number, firstHour: number): number {
  return firstHour * 60 + (y / HOUR_PX) * 60
}
