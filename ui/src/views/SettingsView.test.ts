import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { User } from '@/api'
import { useActualPromptStore } from '@/stores/actualPrompt'
import { useAuthStore } from '@/stores/auth'
import type { FakeApi } from '@/test/fakeApi'
import { endSession, mountAt, signedInWithFakeApi } from '@/test/session'

import SettingsView from './SettingsView.vue'

describe('SettingsView', () => {
  let server: FakeApi
  let user: User

  beforeEach(async () => {
    localStorage.clear()
    ;({ server, user } = await signedInWithFakeApi())
  })
  afterEach(endSession)

  const submit = async (wrapper: Awaited<ReturnType<typeof mountAt>>) => {
    await wrapper.get('[data-testid="settings-form"]').trigger('submit')
    await flushPromises()
  }

  it('shows the preferences and saves every field, with several intervals a day', async () => {
    const wrapper = await mountAt(SettingsView, '/settings')
    expect((wrapper.get('#settings-timezone').element as HTMLInputElement).value).toBe('UTC')
    expect((wrapper.get('#hours-mon-0-from').element as HTMLInputElement).value).toBe('09:00')

    await wrapper.get('#settings-timezone').setValue('Europe/Berlin')
    await wrapper.get('#hours-mon-0-to').setValue('12:00')
    await wrapper.get('button[aria-label="Add an interval on Monday"]').trigger('click')
    await wrapper.get('#hours-mon-1-from').setValue('13:00')
    await wrapper.get('#hours-mon-1-to').setValue('18:30')
    await wrapper.get('button[aria-label="Remove Friday interval 1"]').trigger('click')
    await wrapper.get('button[aria-label="Add an interval on Saturday"]').trigger('click')
    await wrapper.get('#settings-buffer').setValue('10')
    await wrapper.get('#settings-daily-cap').setValue('360')
    await wrapper.get('#settings-default-duration').setValue('45')
    await wrapper.get('#settings-default-time').setValue('09:00')
    await wrapper.get('#settings-date-order').setValue('DMY')
    await wrapper.get('#settings-reminder-lead').setValue('15')
    await wrapper.get('input[aria-label="A task is overdue by webhook"]').setValue(true)
    await wrapper.get('#settings-quiet-from').setValue('21:00')
    await wrapper.get('#settings-quiet-to').setValue('06:30')
    await wrapper.get('#settings-webhook').setValue('https://hooks.example.com/planloom')
    await submit(wrapper)

    expect(server.preferences.get(user.id)).toMatchObject({
      timezone: 'Europe/Berlin',
      working_hours: {
        mon: [
          ['09:00', '12:00'],
          ['13:00', '18:30'],
        ],
        fri: [],
        sat: [['09:00', '17:00']],
      },
      buffer_minutes: 10,
      daily_cap_minutes: 360,
      default_duration_minutes: 45,
      default_time: '09:00',
      date_order: 'DMY',
      reminder_lead_minutes: 15,
      notifications: {
        quiet_hours: ['21:00', '06:30'],
        webhook_url: 'https://hooks.example.com/planloom',
        channels: { task_overdue: ['webhook'] },
      },
    })
    expect(wrapper.get('[role="status"]').text()).toBe('Saved.')
    wrapper.unmount()
  })

  it('shows each field error of the API beside its field, and keeps what was typed', async () => {
    const wrapper = await mountAt(SettingsView, '/settings')
    await wrapper.get('#settings-buffer').setValue('500')
    await wrapper.get('#hours-tue-0-to').setValue('08:00')
    await wrapper.get('#settings-webhook').setValue('ftp://example.com')
    await submit(wrapper)

    expect(server.preferences.has(user.id)).toBe(false)
    const buffer = wrapper.get('#settings-buffer')
    expect(buffer.attributes('aria-invalid')).toBe('true')
    expect(wrapper.get(`#${buffer.attributes('aria-describedby')!.split(' ')[0]}`).text()).toContain(
      'less than or equal to 240',
    )
    expect(wrapper.get('[data-testid="hours-tue-error"]').text()).toContain('end must be after start')
    expect(wrapper.find('[data-testid="hours-mon-error"]').exists()).toBe(false)
    expect(wrapper.get('#settings-webhook-error').text()).toContain('http(s) URL')
    expect((wrapper.get('#settings-buffer').element as HTMLInputElement).value).toBe('500')

    await wrapper.get('#settings-buffer').setValue('20')
    await wrapper.get('#hours-tue-0-to').setValue('17:00')
    await wrapper.get('#settings-webhook').setValue('')
    await submit(wrapper)
    expect(server.preferences.get(user.id)).toMatchObject({ buffer_minutes: 20 })
    expect(wrapper.find('#settings-buffer-error').exists()).toBe(false)
    wrapper.unmount()
  })

  it('keeps the time-taken prompt as an account preference, saved with the form', async () => {
    const wrapper = await mountAt(SettingsView, '/settings')
    const box = wrapper.get<HTMLInputElement>('#settings-ask-actual')
    expect(wrapper.get('label[for="settings-ask-actual"]').text()).toContain('Ask how long a task took')
    expect(box.element.checked).toBe(true)
    await box.setValue(false)
    expect(server.preferences.get(user.id)?.ask_actual_minutes).not.toBe(false) // not saved until Save
    await submit(wrapper)
    expect(server.preferences.get(user.id)).toMatchObject({ ask_actual_minutes: false })
    expect(useActualPromptStore().asking).toBe(false)
    wrapper.unmount()
    const again = await mountAt(SettingsView, '/settings')
    expect(again.get<HTMLInputElement>('#settings-ask-actual').element.checked).toBe(false)
    again.unmount()
  })

  it('signs out everywhere: every session of the account ends', async () => {
    const wrapper = await mountAt(SettingsView, '/settings')
    expect(server.accessTokens.size).toBeGreaterThan(0)
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Sign out everywhere')!
      .trigger('click')
    await flushPromises()
    expect(server.requestsTo('POST', '/auth/logout-all')).toHaveLength(1)
    expect([...server.accessTokens.values()].filter((id) => id === user.id)).toHaveLength(0)
    expect(useAuthStore().isAuthenticated).toBe(false)
    wrapper.unmount()
  })

  it('keeps the session and says so when the server cannot be told', async () => {
    const wrapper = await mountAt(SettingsView, '/settings')
    server.offline = true
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Sign out everywhere')!
      .trigger('click')
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toContain('Could not sign out everywhere')
    expect(useAuthStore().isAuthenticated).toBe(true)
    wrapper.unmount()
  })
})
