/**
 * An RFC 5545 recurrence rule (as the API stores it: `FREQ=WEEKLY;BYDAY=MO,TH`) in plain English,
 * for the routines list. Covers what the quick-add grammar writes (FREQ, INTERVAL, BYDAY,
 * BYMONTHDAY, BYMONTH, COUNT, UNTIL); a part it cannot put in words is shown as it is.
 */
const UNITS: Record<string, [string, string]> = {
  SECONDLY: ['second', 'seconds'],
  MINUTELY: ['minute', 'minutes'],
  HOURLY: ['hour', 'hours'],
  DAILY: ['day', 'days'],
  WEEKLY: ['week', 'weeks'],
  MONTHLY: ['month', 'months'],
  YEARLY: ['year', 'years'],
}
const DAYS: Record<string, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
}
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const HANDLED = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'COUNT', 'UNTIL', 'WKST'])

function ordinal(n: number): string {
  if (n === -1) return 'last'
  if (n < 0) return `${ordinal(-n)} to last`
  const tens = n % 100
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')
  return `${n}${suffix}`
}

export function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

function day(code: string): string {
  const m = /^([+-]?\d+)?([A-Z]{2})$/.exec(code)
  if (!m || !DAYS[m[2]!]) return code
  return m[1] ? `the ${ordinal(Number(m[1]))} ${DAYS[m[2]!]}` : DAYS[m[2]!]!
}

function until(value: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(value)
  if (!m) return value
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`
}

export function describeRule(rule: string | null | undefined): string {
  if (!rule || !rule.trim()) return ''
  const parts = new Map<string, string>()
  for (const part of rule
    .trim()
    .toUpperCase()
    .replace(/^RRULE:/, '')
    .split(';')) {
    const [key, value] = part.split('=')
    if (key && value) parts.set(key, value)
  }
  const unit = UNITS[parts.get('FREQ') ?? '']
  if (!unit) return rule
  const interval = Number(parts.get('INTERVAL') ?? '1') || 1
  const byday = parts.get('BYDAY')?.split(',') ?? []
  const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR']
  let text: string
  if (
    parts.get('FREQ') === 'WEEKLY' &&
    interval === 1 &&
    byday.length === 5 &&
    weekdays.every((d) => byday.includes(d))
  ) {
    text = 'Every weekday'
  } else {
    text = interval === 1 ? `Every ${unit[0]}` : `Every ${interval} ${unit[1]}`
    if (byday.length) text += ` on ${listInWords(byday.map(day))}`
  }
  const monthDays = parts
    .get('BYMONTHDAY')
    ?.split(',')
    .map((d) => ordinal(Number(d)))
  if (monthDays?.length) text += ` on the ${listInWords(monthDays)}`
  const months = parts
    .get('BYMONTH')
    ?.split(',')
    .map((m) => MONTHS[Number(m) - 1] ?? m)
  if (months?.length) text += ` in ${listInWords(months)}`
  const count = parts.get('COUNT')
  if (count) text += count === '1' ? ', once' : `, ${count} times`
  const end = parts.get('UNTIL')
  if (end) text += `, until ${until(end)}`
  const rest = [...parts.keys()].filter((k) => !HANDLED.has(k))
  if (rest.length) text += ` (${rest.map((k) => `${k}=${parts.get(k)}`).join('; ')})`
  return text
}
