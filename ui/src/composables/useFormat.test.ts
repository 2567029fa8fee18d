import { describe, expect, it } from 'vitest'

import { zoneUnlikeTheRunners } from '@/test/zones'

import {
  DEFAULT_PRIORITY,
  formatDue,
  formatDuration,
  isoToLocalInput,
  localInputToIso,
  parseTags,
  priorityMeta,
} from './useFormat'

describe('format helpers', () => {
  it('formats durations', () => {
    expect(formatDuration(0)).toBe('')
    expect(formatDuration(45)).toBe('45 min')
    expect(formatDuration(60)).toBe('1 h')
    expect(formatDuration(150)).toBe('2 h 30 min')
  })

  it('describes due dates relative to now', () => {
    const now = new Date(2026, 10, 26, 9, 0)
    expect(formatDue(null, now)).toBeNull()
    expect(formatDue('garbage', now)).toBeNull()
    const today = formatDue(new Date(2026, 10, 26, 17, 0).toISOString(), now, 'en-GB')!
    expect(today.text).toBe('Today 17:00')
    expect(today).toMatchObject({ overdue: false, soon: true })
    expect(formatDue(new Date(2026, 10, 27, 9, 30).toISOString(), now, 'en-GB')!.text).toBe('Tomorrow 09:30')
    const past = formatDue(new Date(2026, 10, 25, 8, 0).toISOString(), now, 'en-GB')!
    expect(past).toMatchObject({ text: 'Yesterday 08:00', overdue: true, soon: false })
    expect(formatDue(new Date(2027, 0, 3, 8, 0).toISOString(), now, 'en-GB')!.text).toBe('3 Jan 2027')
  })

  it('parses comma separated tags', () => {
    expect(parseTags(' work, #home ,, Work, errands ')).toEqual(['work', 'home', 'errands'])
    expect(parseTags('')).toEqual([])
  })

  it('converts datetime-local values to ISO', () => {
    expect(localInputToIso('')).toBeNull()
    expect(localInputToIso('2026-12-01T10:30')).toBe(new Date(2026, 11, 1, 10, 30).toISOString())
  })

  it("reads and writes a date-time input's wall clock in the account's zone when given one", () => {
    expect(localInputToIso('2026-12-01T10:30', 'Pacific/Auckland')).toBe('2026-11-30T21:30:00.000Z') // UTC+13
    expect(localInputToIso('2026-07-01T10:30', 'Europe/Paris')).toBe('2026-07-01T08:30:00.000Z') // summer: UTC+2
    expect(localInputToIso('2026-12-01T10:30:45', 'Europe/Paris')).toBe('2026-12-01T09:30:00.000Z')
    expect(localInputToIso('not a date', 'Europe/Paris')).toBeNull()
    expect(isoToLocalInput('2026-11-30T21:30:00Z', 'Pacific/Auckland')).toBe('2026-12-01T10:30')
    expect(isoToLocalInput(null, 'Europe/Paris')).toBe('')
    const zone = zoneUnlikeTheRunners()
    const iso = '2026-11-26T17:45:00.000Z'
    expect(isoToLocalInput(iso, zone)).not.toBe(isoToLocalInput(iso)) // the zone is used, not the runner's
    expect(localInputToIso(isoToLocalInput(iso, zone), zone)).toBe(iso)
  })

  it('maps priorities, defaulting unknown ones to the API default, P4', () => {
    expect(priorityMeta(1).label).toBe('P1')
    expect(priorityMeta(9).label).toBe('P4')
    expect(DEFAULT_PRIORITY).toBe(4)
  })
})
