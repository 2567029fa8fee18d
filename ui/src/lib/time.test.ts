import { describe, expect, it } from 'vitest'

import {
  addDays,
  atMinutes,
  clockMinutes,
  minutesInto,
  parseDateParam,
  startOfWeek,
  toDateParam,
  weekdayKey,
} from './time'

describe('time helpers', () => {
  it('finds the Monday of a week', () => {
    expect(toDateParam(startOfWeek(new Date(2026, 11, 4, 15)))).toBe('2026-11-30') // Friday
    expect(toDateParam(startOfWeek(new Date(2026, 10, 30)))).toBe('2026-11-30') // Monday itself
    expect(toDateParam(startOfWeek(new Date(2026, 11, 6, 23, 59)))).toBe('2026-11-30') // Sunday
  })

  it('parses only real YYYY-MM-DD dates', () => {
    expect(toDateParam(parseDateParam('2026-12-04')!)).toBe('2026-12-04')
    expect(parseDateParam('2026-02-30')).toBeNull()
    expect(parseDateParam('12/04/2026')).toBeNull()
    expect(parseDateParam(['2026-12-04'])).toBeNull()
  })

  it('adds calendar days and names weekdays', () => {
    expect(toDateParam(addDays(new Date(2026, 11, 30), 3))).toBe('2027-01-02')
    expect(weekdayKey(new Date(2026, 11, 4))).toBe('fri')
  })

  it('converts between clock times, minutes into a day and snapped moments', () => {
    const day = new Date(2026, 11, 4)
    expect(clockMinutes('09:30')).toBe(570)
    expect(minutesInto(day, new Date(2026, 11, 4, 13, 45))).toBe(825)
    expect(atMinutes(day, 607)).toEqual(new Date(2026, 11, 4, 10, 0))
    expect(atMinutes(day, 614)).toEqual(new Date(2026, 11, 4, 10, 15))
  })
})
