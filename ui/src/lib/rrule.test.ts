import { describe, expect, it } from 'vitest'

import { describeRule } from './rrule'

describe('describeRule', () => {
  it.each([
    ['FREQ=DAILY', 'Every day'],
    ['FREQ=WEEKLY;BYDAY=MO,TH', 'Every week on Monday and Thursday'],
    ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', 'Every 2 weeks on Friday'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'Every weekday'],
    ['FREQ=MONTHLY;BYMONTHDAY=1,15', 'Every month on the 1st and 15th'],
    ['FREQ=MONTHLY;BYDAY=-1FR', 'Every month on the last Friday'],
    ['FREQ=MONTHLY;BYDAY=2TU;COUNT=3', 'Every month on the 2nd Tuesday, 3 times'],
    ['FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=22', 'Every year on the 22nd in March'],
    ['FREQ=DAILY;UNTIL=20270131T000000Z', 'Every day, until 31 January 2027'],
    ['FREQ=HOURLY;BYHOUR=9', 'Every hour (BYHOUR=9)'],
    ['FREQ=HOURLY;INTERVAL=2;UNTIL=20261211', 'Every 2 hours, until 11 December 2026'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20261231', 'Every weekday, until 31 December 2026'],
  ])('%s reads "%s"', (rule, words) => {
    expect(describeRule(rule)).toBe(words)
  })

  it('shows an unknown rule as it is, and nothing for none', () => {
    expect(describeRule('EVERY DAY')).toBe('EVERY DAY')
    expect(describeRule(null)).toBe('')
  })
})
