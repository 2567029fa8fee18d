import { describe, expect, it } from 'vitest'

import { actualMinutesError, parseMinutes } from './minutes'

describe('parseMinutes', () => {
  it.each([
    ['90', 90],
    [' 45 ', 45],
    ['90m', 90],
    ['90 min', 90],
    ['90 minutes', 90],
    ['1h30', 90],
    ['1h 30', 90],
    ['1 h 30 min', 90],
    ['1H30M', 90],
    ['2h', 120],
    ['2 hours', 120],
    ['1.5h', 90],
    ['1,25 h', 75],
    ['1:30', 90],
    ['0:05', 5],
  ])('reads %j as %i minutes', (text, minutes) => {
    expect(parseMinutes(text)).toBe(minutes)
  })

  it.each(['', '   ', 'abc', '1 30', 'h', '1:75', '-5', '1h30h', '12.5', '30 sec'])('does not read %j', (text) => {
    expect(parseMinutes(text)).toBeNull()
  })
})

describe('actualMinutesError', () => {
  it('accepts 1 minute to a week', () => {
    expect(actualMinutesError('1')).toBeNull()
    expect(actualMinutesError('168h')).toBeNull()
  })

  it('says why it refuses', () => {
    expect(actualMinutesError('soon')).toMatch(/1h30/)
    expect(actualMinutesError('0')).toMatch(/from 1 minute/)
    expect(actualMinutesError('169h')).toMatch(/168 hours/)
  })
})
