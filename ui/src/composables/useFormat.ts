import { PRIORITIES, type Priority } from '@/api'
import { wallClock, zonedTime, type Zone } from '@/lib/time'

export interface PriorityMeta {
  label: string
  name: string
  badgeClass: string
}

export const PRIORITY_META: Record<Priority, PriorityMeta> = {
  1: {
    label: 'P1',
    name: 'Urgent',
    badgeClass: 'bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-500/15 dark:text-red-300',
  },
  2: {
    label: 'P2',
    name: 'High',
    badgeClass: 'bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-500/15 dark:text-amber-200',
  },
  3: {
    label: 'P3',
    name: 'Normal',
    badgeClass: 'bg-sky-50 text-sky-700 ring-sky-600/20 dark:bg-sky-500/15 dark:text-sky-200',
  },
  4: { label: 'P4', name: 'Low', badgeClass: 'bg-slate-100 text-slate-600 ring-slate-500/20 dark:bg-slate-800' },
}

/** The API's default for a task created without a priority (as Todoist's p4). */
export const DEFAULT_PRIORITY: Priority = 4

/** The priorities as `<select>` options: "P1 · Urgent" ... */
export const PRIORITY_OPTIONS: readonly { value: Priority; label: string }[] = PRIORITIES.map((p) => ({
  value: p,
  label: `${PRIORITY_META[p].label} · ${PRIORITY_META[p].name}`,
}))

export function priorityMeta(priority: number): PriorityMeta {
  return PRIORITY_META[(priority in PRIORITY_META ? priority : DEFAULT_PRIORITY) as Priority]
}

/** `90` -> `1 h 30 min`. */
export function formatDuration(minutes: number | null | undefined): string {
  if (!minutes || minutes <= 0) return ''
  const h = Math.floor(minutes / 60)
  const m = Math.round(minutes % 60)
  if (!h) return `${m} min`
  return m ? `${h} h ${m} min` : `${h} h`
}

export interface DueInfo {
  /** Short, human text: "Today 17:00", "Tomorrow 09:00", "Fri 5 Dec", "3 Jan 2027". */
  text: string
  /** Full date and time for a tooltip / screen readers. */
  full: string
  overdue: boolean
  /** Due within the next 24 hours. */
  soon: boolean
}

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()
}

export function formatDue(iso: string | null | undefined, now: Date = new Date(), locale?: string): DueInfo | null {
  if (!iso) return null
  const due = new Date(iso)
  if (Number.isNaN(due.getTime())) return null
  const time = due.toLocaleTimeString(locale, { timeStyle: 'short' })
  const days = Math.round((startOfDay(due) - startOfDay(now)) / 86_400_000)
  let text: string
  if (days === 0) text = `Today ${time}`
  else if (days === 1) text = `Tomorrow ${time}`
  else if (days === -1) text = `Yesterday ${time}`
  else if (days > 1 && days < 7) text = `${due.toLocaleDateString(locale, { weekday: 'short' })} ${time}`
  else if (due.getFullYear() === now.getFullYear())
    text = due.toLocaleDateString(locale, { day: 'numeric', month: 'short' })
  else text = due.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' })
  const diff = due.getTime() - now.getTime()
  return {
    text,
    full: due.toLocaleString(locale, { dateStyle: 'full', timeStyle: 'short' }),
    overdue: diff < 0,
    soon: diff >= 0 && diff < 86_400_000,
  }
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/

/**
 * Value of an `<input type="datetime-local">` -> ISO-8601 UTC, or null. The wall-clock time is read in
 * `zone` (the account's, from its preferences) when given, else in the browser's.
 */
export function localInputToIso(value: string, zone?: Zone): string | null {
  if (!value) return null
  const m = zone ? LOCAL_INPUT.exec(value) : null
  const date = m
    ? zonedTime(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]) * 60 + Number(m[5]), zone)
    : new Date(value)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

/** "work, Home ,  #errands" -> ["work", "Home", "errands"] (deduplicated, order kept). */
export function parseTags(value: string): string[] {
  const seen = new Set<string>()
  const tags: string[] = []
  for (const raw of value.split(/[,\n]/)) {
    const tag = raw.trim().replace(/^#+/, '').trim()
    if (tag && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase())
      tags.push(tag)
    }
  }
  return tags
}

/** ISO-8601 instant -> the value of an `<input type="datetime-local">` ('' for none): the wall clock in `zone`
 * when given (the account's), else in the browser's. */
export function isoToLocalInput(iso: string | null | undefined, zone?: Zone): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  if (zone) {
    const w = wallClock(date, zone)
    return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`
  }
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}
