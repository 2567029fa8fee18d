/**
 * The settings form's state (strings, as inputs hold them) to and from the API's preferences.
 * Nothing is validated here: what the server refuses comes back as field errors, shown beside
 * the field that caused them (`fieldMessages`).
 */
import type { Preferences, PreferencesInput, TimeZone } from '@/api'

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]
export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
}

/** The notification kinds the server knows (`domain/model/notification.py`), in a person's words. */
export const NOTIFICATION_KINDS = {
  block_starting: 'A block is starting',
  deadline_at_risk: 'A deadline is at risk',
  task_overdue: 'A task is overdue',
  plan_changed: 'The plan changed',
  daily_agenda: 'Daily agenda',
  calendar_failing: 'A calendar cannot be synced',
} as const
export type NotificationKind = keyof typeof NOTIFICATION_KINDS
export const CHANNELS = ['email', 'webhook'] as const
export type Channel = (typeof CHANNELS)[number]

export interface Interval {
  from: string
  to: string
}

export interface PreferencesForm {
  timezone: string
  working_hours: Record<Weekday, Interval[]>
  buffer_minutes: string
  daily_cap_minutes: string
  default_duration_minutes: string
  default_time: string
  date_order: 'MDY' | 'DMY'
  reminder_lead_minutes: string
  ask_actual_minutes: boolean
  channels: Record<NotificationKind, Channel[]>
  quiet_from: string
  quiet_to: string
  digest_time: string
  webhook_url: string
}

const text = (value: number | string | null | undefined) => (value === null || value === undefined ? '' : String(value))

export function toForm(prefs: Preferences): PreferencesForm {
  const channels = prefs.notifications.channels ?? {}
  const quiet = prefs.notifications.quiet_hours ?? null
  return {
    timezone: prefs.timezone,
    working_hours: Object.fromEntries(
      WEEKDAYS.map((day) => [
        day,
        (prefs.working_hours?.[day] ?? []).map(([from, to]) => ({ from: from ?? '', to: to ?? '' })),
      ]),
    ) as Record<Weekday, Interval[]>,
    buffer_minutes: text(prefs.buffer_minutes),
    daily_cap_minutes: text(prefs.daily_cap_minutes),
    default_duration_minutes: text(prefs.default_duration_minutes),
    default_time: prefs.default_time ?? '',
    date_order: prefs.date_order === 'DMY' ? 'DMY' : 'MDY',
    reminder_lead_minutes: text(prefs.reminder_lead_minutes),
    ask_actual_minutes: prefs.ask_actual_minutes ?? true,
    channels: Object.fromEntries(
      Object.keys(NOTIFICATION_KINDS).map((kind) => [kind, [...(channels[kind] ?? [])]]),
    ) as Record<NotificationKind, Channel[]>,
    quiet_from: quiet?.[0] ?? '',
    quiet_to: quiet?.[1] ?? '',
    digest_time: prefs.notifications.digest_time ?? '',
    webhook_url: prefs.notifications.webhook_url ?? '',
  }
}

/** An integer as a number; anything else as typed, for the server to name the problem. */
function integer(value: string): number {
  const v = value.trim()
  return (/^-?\d+$/.test(v) ? Number(v) : v) as number
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim())

export function fromForm(form: PreferencesForm): PreferencesInput {
  const quiet = form.quiet_from.trim() || form.quiet_to.trim() ? [form.quiet_from.trim(), form.quiet_to.trim()] : null
  return {
    timezone: form.timezone.trim() as TimeZone,
    working_hours: Object.fromEntries(
      WEEKDAYS.map((day) => [day, form.working_hours[day].map(({ from, to }) => [from.trim(), to.trim()])]),
    ),
    buffer_minutes: integer(form.buffer_minutes),
    daily_cap_minutes: form.daily_cap_minutes.trim() === '' ? null : integer(form.daily_cap_minutes),
    default_duration_minutes: integer(form.default_duration_minutes),
    default_time: form.default_time.trim(),
    date_order: form.date_order,
    reminder_lead_minutes: integer(form.reminder_lead_minutes),
    ask_actual_minutes: form.ask_actual_minutes,
    notifications: {
      channels: Object.fromEntries(Object.entries(form.channels).map(([kind, list]) => [kind, [...list]])),
      quiet_hours: quiet,
      digest_time: orNull(form.digest_time),
      webhook_url: orNull(form.webhook_url),
    },
  }
}

/**
 * The messages for a field and everything inside it: the server names nested fields with dots and
 * brackets (`working_hours.mon[0]`, `notifications.webhook_url`, marshmallow's `working_hours.mon.0.1`).
 */
export function fieldMessages(errors: Record<string, string[]> | undefined, field: string): string[] {
  return Object.entries(errors ?? {})
    .filter(([key]) => key === field || key.startsWith(`${field}.`) || key.startsWith(`${field}[`))
    .flatMap(([, messages]) => messages)
}

/** Every zone name the browser knows, with `current` first if it is not among them. */
export function timeZoneNames(current: string): string[] {
  let names: string[] = []
  try {
    names = Intl.supportedValuesOf('timeZone')
  } catch {
    names = []
  }
  if (!names.includes('UTC')) names = [...names, 'UTC']
  return current && !names.includes(current) ? [current, ...names] : names
}
