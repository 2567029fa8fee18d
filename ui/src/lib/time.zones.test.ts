import { describe, expect, it } from 'vitest'

import { zoneUnlikeTheRunners } from '@/test/zones'

import {
  addDays,
  atMinutes,
  formatClock,
  offsetMinutes,
  parseDateParam,
  startOfDay,
  startOfWeek,
  toDateParam,
  weekdayKey,
  zonedTime,
} from './time'

describe('time helpers in a named zone (not the runner’s)', () => {
  it('reads days and weeks on the zone’s wall clock', () => {
    // 2026-11-26T00:00Z is Thursday 13:00 in Auckland and Wednesday 16:00 in Los Angeles.
    const moment = new Date('2026-11-26T00:00:00Z')
    expect(toDateParam(startOfWeek(moment, 'Pacific/Auckland'), 'Pacific/Auckland')).toBe('2026-11-23')
    expect(startOfWeek(moment, 'Pacific/Auckland').toISOString()).toBe('2026-11-22T11:00:00.000Z')
    expect(startOfDay(moment, 'America/Los_Angeles').toISOString()).toBe('2026-11-25T08:00:00.000Z')
    expect(weekdayKey(moment, 'Pacific/Auckland')).toBe('thu')
    expect(weekdayKey(moment, 'America/Los_Angeles')).toBe('wed')
    expect(formatClock(moment, 'Pacific/Auckland', 'en-GB')).toBe('13:00')
  })

  it('differs from the runner’s zone for the same instant', () => {
    const zone = zoneUnlikeTheRunners()
    const moment = new Date('2026-11-26T00:00:00Z')
    expect(startOfDay(moment, zone).getTime()).not.toBe(startOfDay(moment).getTime())
    expect(offsetMinutes(moment, zone)).not.toBe(-moment.getTimezoneOffset())
  })

  it('parses ?start= as midnight in the zone, and keeps wall-clock times across DST changes', () => {
    expect(parseDateParam('2026-11-23', 'Pacific/Auckland')!.toISOString()).toBe('2026-11-22T11:00:00.000Z')
    expect(parseDateParam('2026-02-30', 'Pacific/Auckland')).toBeNull()
    // Los Angeles leaves DST on 2026-11-01: a day later is 25 hours later at the same wall clock.
    const before = zonedTime(2026, 10, 31, 9 * 60, 'America/Los_Angeles')
    expect(before.toISOString()).toBe('2026-10-31T16:00:00.000Z')
    expect(addDays(before, 1, 'America/Los_Angeles').toISOString()).toBe('2026-11-01T17:00:00.000Z')
    // Auckland enters DST on 2026-09-27 at 02:00: 09:00 that day is UTC+13.
    const day = parseDateParam('2026-09-27', 'Pacific/Auckland')!
    expect(atMinutes(day, 9 * 60 + 7, 15, 'Pacific/Auckland').toISOString()).toBe('2026-09-26T20:00:00.000Z')
  })
})
