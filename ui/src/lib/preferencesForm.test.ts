import { describe, expect, it } from 'vitest'

import { DEFAULT_PREFERENCES } from '@/test/fakeApi'

import { fieldMessages, fromForm, timeZoneNames, toForm } from './preferencesForm'

describe('settings form mapping', () => {
  it('round-trips the preferences through the form, with several intervals a day', () => {
    const prefs = {
      ...DEFAULT_PREFERENCES,
      timezone: 'Europe/Berlin',
      working_hours: {
        ...DEFAULT_PREFERENCES.working_hours,
        mon: [
          ['08:00', '12:00'],
          ['13:00', '24:00'],
        ],
      },
      daily_cap_minutes: 360,
      notifications: {
        channels: { daily_agenda: ['email' as const], block_starting: ['email' as const, 'webhook' as const] },
        quiet_hours: ['22:00', '07:00'],
        digest_time: null,
        webhook_url: 'https://example.com/hook',
      },
    }
    const form = toForm(prefs)
    expect(form.working_hours.mon).toEqual([
      { from: '08:00', to: '12:00' },
      { from: '13:00', to: '24:00' },
    ])
    expect(form.daily_cap_minutes).toBe('360')
    expect(form.channels.task_overdue).toEqual([])
    const back = fromForm(form)
    expect(back.working_hours?.mon).toEqual([
      ['08:00', '12:00'],
      ['13:00', '24:00'],
    ])
    expect(back).toMatchObject({ timezone: 'Europe/Berlin', buffer_minutes: 0, daily_cap_minutes: 360 })
    expect(back.notifications).toMatchObject({
      quiet_hours: ['22:00', '07:00'],
      digest_time: null,
      webhook_url: 'https://example.com/hook',
    })
    expect(back.notifications?.channels?.block_starting).toEqual(['email', 'webhook'])
  })

  it('sends empty optional fields as null, and what is not a number as typed, for the server to name', () => {
    const form = toForm(DEFAULT_PREFERENCES)
    Object.assign(form, {
      daily_cap_minutes: ' ',
      quiet_from: '',
      quiet_to: '',
      webhook_url: '',
      buffer_minutes: 'ten',
    })
    const body = fromForm(form)
    expect(body.daily_cap_minutes).toBeNull()
    expect(body.notifications).toMatchObject({ quiet_hours: null, webhook_url: null })
    expect(body.buffer_minutes).toBe('ten')
  })

  it('collects the messages of a field and of everything inside it', () => {
    const errors = {
      'working_hours.mon[0]': ['end must be after start'],
      'working_hours.mon.1.0': ['must be HH:MM'],
      'working_hours.monday': ['unknown weekday'],
      buffer_minutes: ['too big'],
    }
    expect(fieldMessages(errors, 'working_hours.mon')).toEqual(['end must be after start', 'must be HH:MM'])
    expect(fieldMessages(errors, 'buffer_minutes')).toEqual(['too big'])
    expect(fieldMessages(undefined, 'timezone')).toEqual([])
  })

  it('offers the browser’s zones, with the current one even if the browser lacks it', () => {
    expect(timeZoneNames('Europe/Berlin')).toContain('Europe/Berlin')
    expect(timeZoneNames('Mars/Olympus')[0]).toBe('Mars/Olympus')
  })
})
