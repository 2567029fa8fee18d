import { describe, expect, it } from 'vitest'

import { HOUR_PX, minutesAt, place, resizedMinutes, visibleHours, workingPeriods } from './weekGrid'

const NINE_TO_FIVE: [string, string][] = [['09:00', '17:00']]
const hours = { mon: NINE_TO_FIVE, tue: [['07:30', '12:00'] as [string, string]], sat: [] }

describe('week grid geometry', () => {
  const monday = new Date(2026, 10, 30)
  const tuesday = new Date(2026, 11, 1)

  it('shows the default hours, widened for early working hours and late blocks', () => {
    expect(visibleHours([monday], [], hours)).toEqual({ start: 8, end: 18 })
    expect(visibleHours([monday, tuesday], [], hours)).toEqual({ start: 7, end: 18 })
    const late = { start: new Date(2026, 10, 30, 20).toISOString(), end: new Date(2026, 10, 30, 21, 30).toISOString() }
    expect(visibleHours([monday], [late], null)).toEqual({ start: 8, end: 22 })
  })

  it('places an interval in its day column, clipped to the visible hours', () => {
    const start = new Date(2026, 10, 30, 10).toISOString()
    const end = new Date(2026, 10, 30, 11, 30).toISOString()
    expect(place(monday, start, end, 8, 18)).toEqual({ top: 2 * HOUR_PX, height: 1.5 * HOUR_PX })
    expect(place(tuesday, start, end, 8, 18)).toBeNull()
    expect(place(monday, new Date(2026, 10, 30, 6).toISOString(), start, 8, 18)).toEqual({
      top: 0,
      height: 2 * HOUR_PX,
    })
  })

  it('shades working periods and maps a pointer back to minutes', () => {
    expect(workingPeriods(monday, hours, 8)).toEqual([{ top: HOUR_PX, height: 8 * HOUR_PX }])
    expect(workingPeriods(new Date(2026, 11, 5), hours, 8)).toEqual([])
    expect(minutesAt(HOUR_PX * 2.5, 8)).toBe(630)
  })

  it('turns a dragged lower edge into a length in 15-minute steps, never below one step', () => {
    const start = new Date(2026, 10, 30, 10)
    expect(resizedMinutes(start, monday, HOUR_PX * 4.1, 8)).toBe(120) // edge at 12:06 -> 12:00
    expect(resizedMinutes(start, monday, HOUR_PX * 4.2, 8)).toBe(135) // edge at 12:12 -> 12:15
    expect(resizedMinutes(start, monday, HOUR_PX * 1, 8)).toBe(15) // above the start
  })
})
