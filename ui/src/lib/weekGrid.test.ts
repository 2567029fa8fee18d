import { describe, expect, it } from 'vitest'

import { parseDateParam, startOfWeek, zonedTime } from './time'
import { buildWeekGrid, clockShift, HOUR_PX, MIN_BLOCK_PX, minutesAt, resizedMinutes } from './weekGrid'

const NINE_TO_FIVE: [string, string][] = [['09:00', '17:00']]
const EVERY_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, NINE_TO_FIVE]))

/** An interval on the wall clock of `zone`: day `YYYY-MM-DD`, from `a` to `b` minutes past its midnight. */
function wall(zone: string, date: string, a: number, b: number, id = `${date}-${a}`) {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return {
    id,
    start: zonedTime(y, m, d, a, zone).toISOString(),
    end: zonedTime(y, m, d, b, zone).toISOString(),
  }
}

describe('the week grid (a plain week)', () => {
  const zone = 'Europe/Berlin'
  const monday = parseDateParam('2026-11-30', zone)!
  const hours = { mon: NINE_TO_FIVE, tue: [['07:30', '12:00'] as [string, string]], sat: [] }

  it('shows the default hours, widened for early working hours and late blocks', () => {
    expect(buildWeekGrid(monday, [], [], { mon: NINE_TO_FIVE }, zone).hours).toEqual({ start: 8, end: 18 })
    expect(buildWeekGrid(monday, [], [], hours, zone).hours).toEqual({ start: 7, end: 18 })
    const late = wall(zone, '2026-11-30', 20 * 60, 21 * 60 + 30)
    const grid = buildWeekGrid(monday, [late], [], null, zone)
    expect(grid.hours).toEqual({ start: 8, end: 22 })
    expect(grid.lines.map((l) => l.label)).toEqual(
      Array.from({ length: 14 }, (_, i) => `${String(8 + i).padStart(2, '0')}:00`),
    )
    expect(grid.height).toBe(14 * HOUR_PX)
  })

  it('places an interval in its day column, clipped to the visible hours', () => {
    const block = wall(zone, '2026-11-30', 10 * 60, 11 * 60 + 30)
    const early = wall(zone, '2026-12-01', 6 * 60, 10 * 60)
    const grid = buildWeekGrid(monday, [block], [early], { mon: NINE_TO_FIVE }, zone)
    expect(grid.hours.start).toBe(6) // widened for the early busy time
    expect(grid.days[0]!.blocks).toEqual([{ item: block, at: { top: 4 * HOUR_PX, height: 1.5 * HOUR_PX } }])
    expect(grid.days[1]!.blocks).toEqual([])
    expect(grid.days[1]!.busy[0]!.at).toEqual({ top: 0, height: 4 * HOUR_PX })
    expect(grid.days[0]!.working).toEqual([{ top: 3 * HOUR_PX, height: 8 * HOUR_PX }])
    expect(grid.days[5]!.working).toEqual([])
  })

  it('cuts an interval across midnight into both days, and gives a short one a minimum height', () => {
    const overnight = wall(zone, '2026-12-02', 23 * 60, 25 * 60)
    const short = wall(zone, '2026-12-03', 9 * 60, 9 * 60 + 5)
    const grid = buildWeekGrid(monday, [overnight, short], [], null, zone)
    expect(grid.hours).toEqual({ start: 0, end: 24 })
    expect(grid.days[2]!.blocks[0]!.at).toEqual({ top: 23 * HOUR_PX, height: HOUR_PX })
    expect(grid.days[3]!.blocks.map((b) => b.at)).toEqual([
      { top: 0, height: HOUR_PX },
      { top: 9 * HOUR_PX, height: MIN_BLOCK_PX },
    ])
    expect(grid.days.every((d) => d.shift === null)).toBe(true)
  })

  it('maps a pointer back to minutes and a dragged lower edge to a length in 15-minute steps', () => {
    expect(minutesAt(HOUR_PX * 2.5, 8)).toBe(630)
    expect(resizedMinutes(600, HOUR_PX * 4.1, 8)).toBe(120) // edge at 12:06 -> 12:00
    expect(resizedMinutes(600, HOUR_PX * 4.2, 8)).toBe(135) // edge at 12:12 -> 12:15
    expect(resizedMinutes(600, HOUR_PX * 1, 8)).toBe(15) // above the start
  })
})

describe('the week grid across a clock change (DST)', () => {
  it('keeps blocks on their wall-clock lines on the day the clocks go forward', () => {
    const zone = 'Europe/Berlin' // 2026-03-29 (Sunday) 02:00 CET -> 03:00 CEST: a 23-hour day
    const week = startOfWeek(parseDateParam('2026-03-29', zone)!, zone)
    const tenOClock = wall(zone, '2026-03-29', 10 * 60, 11 * 60)
    const saturday = wall(zone, '2026-03-28', 10 * 60, 11 * 60)
    const grid = buildWeekGrid(week, [tenOClock, saturday], [], EVERY_DAY, zone)
    const [sat, sun] = [grid.days[5]!, grid.days[6]!]
    // Measured from midnight it would be 9 hours in (an hour above its 10:00 line); on the wall clock it is 10:00.
    expect(sun.blocks[0]!.at).toEqual(sat.blocks[0]!.at)
    expect(sun.blocks[0]!.at.top).toBe((10 - grid.hours.start) * HOUR_PX)
    // The working hours (09:00-17:00 on the wall clock) sit where they do on any other day.
    expect(sun.working).toEqual(sat.working)
    expect(sun.shift).toMatchObject({ minutes: 120, label: 'Clocks go forward 1 hour at 02:00', skipped: [120, 180] })
    expect(grid.days.filter((d) => d.shift).length).toBe(1)
    // The days still start at their midnights, 24 hours apart but for the short one.
    expect(sun.date.toISOString()).toBe('2026-03-28T23:00:00.000Z')
    expect(grid.days[0]!.date.toISOString()).toBe('2026-03-22T23:00:00.000Z')
  })

  it('marks the change on the day the clocks go back, and an evening block stays on its line', () => {
    const zone = 'America/Los_Angeles' // 2026-11-01 (Sunday) 02:00 PDT -> 01:00 PST: a 25-hour day
    const week = startOfWeek(parseDateParam('2026-11-01', zone)!, zone)
    const evening = wall(zone, '2026-11-01', 18 * 60, 19 * 60)
    const grid = buildWeekGrid(week, [evening], [], EVERY_DAY, zone)
    const sunday = grid.days[6]!
    expect(sunday.blocks[0]!.at).toEqual({ top: (18 - grid.hours.start) * HOUR_PX, height: HOUR_PX })
    expect(sunday.shift).toMatchObject({ minutes: 120, label: 'Clocks go back 1 hour at 02:00', skipped: null })
    expect(sunday.shift!.line).toBeNull() // 02:00 is above the hours shown (08:00 on)
    const wide = buildWeekGrid(week, [evening], [], { sun: [['00:00', '24:00']] }, zone)
    expect(wide.days[6]!.shift!.line).toBe(2 * HOUR_PX)
  })

  it('finds a clock change to the minute, and none on an ordinary day', () => {
    const zone = 'Europe/Berlin'
    const sunday = parseDateParam('2026-10-25', zone)!
    const monday = parseDateParam('2026-10-26', zone)!
    expect(clockShift(sunday, monday, zone)).toEqual({
      minutes: 180,
      label: 'Clocks go back 1 hour at 03:00',
      skipped: null,
    })
    expect(clockShift(monday, parseDateParam('2026-10-27', zone)!, zone)).toBeNull()
  })
})
