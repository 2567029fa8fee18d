/**
 * Geometry of the week grid: which hours it shows and where an interval sits in a day column.
 *
 * Everything is placed by the zone's wall clock, not by elapsed time: a block at 10:00 sits on the
 * 10:00 line even on the day the clocks change (23 or 25 hours long), where measuring from midnight
 * would put it an hour off its label and off the working hours shaded beside it. The hour that a
 * spring change skips is marked, and so is the moment of the change.
 */
import type { WorkingHours } from '@/api'

import { addDays, clockMinutes, DAY_MS, offsetMinutes, wallClock, weekdayKey, type Zone } from './time'

export const HOUR_PX = 48
export const MIN_BLOCK_PX = 18
export const DEFAULT_HOURS = { start: 8, end: 18 }

interface Interval {
  start: string
  end: string
}

export interface Placed {
  top: number
  height: number
}

/** A moment on the wall clock: its calendar day (days since 1970-01-01) and minutes past that midnight. */
export interface WallPosition {
  day: number
  minutes: number
}

export function wallPosition(moment: Date, zone?: Zone): WallPosition {
  const w = wallClock(moment, zone)
  return { day: Date.UTC(w.year, w.month - 1, w.day) / DAY_MS, minutes: w.hour * 60 + w.minute }
}

/** Wall-clock minutes from the midnight of calendar day `day` to `p` (negative before it, past 1440 after). */
export function minutesFrom(day: number, p: WallPosition): number {
  return (p.day - day) * 1440 + p.minutes
}

/** The working periods of `day` as [start, end) minutes (the schema types them as string pairs). */
export function periodsOf(day: Date, hours: WorkingHours | null, zone?: Zone): [number, number][] {
  return (hours?.[weekdayKey(day, zone)] ?? []).flatMap(([from, to]) =>
    from && to ? [[clockMinutes(from), clockMinutes(to)] as [number, number]] : [],
  )
}

/** Where wall-clock minutes [a, b) of a day sit in a column showing from `firstHour`; null when empty. */
function span(a: number, b: number, firstHour: number, lastHour: number): Placed | null {
  const from = Math.max(a, firstHour * 60)
  const to = Math.min(b, lastHour * 60)
  if (to <= from) return null
  return { top: ((from - firstHour * 60) / 60) * HOUR_PX, height: Math.max(((to - from) / 60) * HOUR_PX, MIN_BLOCK_PX) }
}

/** A clock change (DST) during a day: where its line goes and what it says; `skipped` is the hour that does not exist. */
export interface ClockShift {
  minutes: number
  label: string
  skipped: [number, number] | null
}

/** The clock change between `day` and `next` (the following midnight), if any, found to the minute. */
export function clockShift(day: Date, next: Date, zone?: Zone): ClockShift | null {
  const before = offsetMinutes(day, zone)
  const after = offsetMinutes(next, zone)
  if (before === after) return null
  let lo = day.getTime()
  let hi = next.getTime()
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000
    if (offsetMinutes(new Date(mid), zone) === before) lo = mid
    else hi = mid
  }
  // The wall clock just before the change, one minute on: 02:00 when it jumps to 03:00, 03:00 when it falls to 02:00.
  const minutes = wallPosition(new Date(hi - 60_000), zone).minutes + 1
  const change = after - before
  const amount = Math.abs(change) === 60 ? '1 hour' : `${Math.abs(change)} minutes`
  const at = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
  return {
    minutes,
    label: `Clocks go ${change > 0 ? 'forward' : 'back'} ${amount} at ${at}`,
    skipped: change > 0 ? [minutes, minutes + change] : null,
  }
}

export interface GridItem<T> {
  item: T
  at: Placed
}

export interface GridDay<B, I> {
  /** The instant the day starts in the zone. */
  date: Date
  working: Placed[]
  busy: GridItem<I>[]
  blocks: GridItem<B>[]
  shift: (ClockShift & { at: Placed | null; line: number | null }) | null
}

export interface WeekGridModel<B, I> {
  hours: { start: number; end: number }
  /** One line per shown hour, on the wall clock: its hour and offset from the top. */
  lines: { hour: number; label: string; top: number }[]
  height: number
  days: GridDay<B, I>[]
}

/**
 * Everything the week grid draws, computed once per change of its inputs: the seven days from
 * `weekStart` in `zone`, the hours to show (the default window widened for working hours and items),
 * and each day's working periods, busy time, blocks and clock change, placed on the wall clock.
 * Each item's wall clock is read once (it is what costs), not once per day column.
 */
export function buildWeekGrid<B extends Interval, I extends Interval>(
  weekStart: Date,
  blocks: readonly B[],
  busy: readonly I[],
  workingHours: WorkingHours | null,
  zone?: Zone,
): WeekGridModel<B, I> {
  const dates = Array.from({ length: 8 }, (_, i) => addDays(weekStart, i, zone))
  const first = wallPosition(weekStart, zone).day
  const position = <T extends Interval>(item: T) => ({
    item,
    a: wallPosition(new Date(item.start), zone),
    b: wallPosition(new Date(item.end), zone),
  })
  const placedBlocks = blocks.map(position)
  const placedBusy = busy.map(position)

  let start = DEFAULT_HOURS.start * 60
  let end = DEFAULT_HOURS.end * 60
  for (let i = 0; i < 7; i++) {
    for (const [from, to] of periodsOf(dates[i]!, workingHours, zone)) {
      start = Math.min(start, from)
      end = Math.max(end, to)
    }
    for (const { a, b } of [...placedBlocks, ...placedBusy]) {
      const from = minutesFrom(first + i, a)
      const to = minutesFrom(first + i, b)
      if (to <= 0 || from >= 1440) continue
      start = Math.min(start, Math.max(0, from))
      end = Math.max(end, Math.min(1440, to))
    }
  }
  const hours = { start: Math.floor(start / 60), end: Math.ceil(end / 60) }

  const column = <T>(day: number, items: { item: T; a: WallPosition; b: WallPosition }[]) =>
    items.flatMap(({ item, a, b }) => {
      const at = span(minutesFrom(day, a), minutesFrom(day, b), hours.start, hours.end)
      return at ? [{ item, at }] : []
    })
  const top = (minutes: number) => ((minutes - hours.start * 60) / 60) * HOUR_PX
  const inView = (minutes: number) => minutes >= hours.start * 60 && minutes <= hours.end * 60

  const days = dates.slice(0, 7).map((date, i) => {
    const shift = clockShift(date, dates[i + 1]!, zone)
    return {
      date,
      working: periodsOf(date, workingHours, zone).flatMap(
        ([from, to]) => span(from, to, hours.start, hours.end) ?? [],
      ),
      busy: column(first + i, placedBusy),
      blocks: column(first + i, placedBlocks),
      shift: shift && {
        ...shift,
        line: inView(shift.minutes) ? top(shift.minutes) : null,
        at: shift.skipped ? span(shift.skipped[0], shift.skipped[1], hours.start, hours.end) : null,
      },
    }
  })
  const lines = Array.from({ length: hours.end - hours.start }, (_, i) => ({
    hour: hours.start + i,
    label: `${String(hours.start + i).padStart(2, '0')}:00`,
    top: i * HOUR_PX,
  }))
  return { hours, lines, height: lines.length * HOUR_PX, days }
}

/** The length in minutes for a block starting at wall minute `startMinutes` whose lower edge is dragged to `y`. */
export function resizedMinutes(startMinutes: number, y: number, firstHour: number, step = 15): number {
  const end = Math.round(minutesAt(y, firstHour) / step) * step
  return Math.max(step, end - startMinutes)
}

/** Minutes into the day for a pointer `y` pixels below the top of a column showing from `firstHour`. */
export function minutesAt(y: number, firstHour: number): number {
  return firstHour * 60 + (y / HOUR_PX) * 60
}
