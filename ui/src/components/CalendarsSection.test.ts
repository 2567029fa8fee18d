import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { CalendarConnection, User } from '@/api'
import type { FakeApi } from '@/test/fakeApi'
import { endSession, signedInWithFakeApi } from '@/test/session'

import CalendarsSection from './CalendarsSection.vue'

describe('CalendarsSection', () => {
  let server: FakeApi
  let user: User

  beforeEach(async () => {
    ;({ server, user } = await signedInWithFakeApi())
  })
  afterEach(endSession)

  const mounted = async (navigate: (url: string) => void = () => undefined) => {
    const wrapper = mount(CalendarsSection, { props: { navigate } })
    await flushPromises()
    return wrapper
  }

  const connection = (
    id: string,
    owner: string,
    extra: Partial<CalendarConnection> = {},
  ): CalendarConnection & { owner: string } => ({
    id,
    owner,
    kind: 'google',
    name: 'Google Calendar',
    url: '',
    username: 'alice@example.com',
    calendar_url: 'https://www.googleapis.com/calendar/v3/calendars/primary',
    write_calendar_url: '',
    blocks_time: true,
    status: 'ok',
    last_error: '',
    last_synced_at: null,
    failures: 0,
    failing_since: null,
    created_at: '2026-12-05T07:00:00Z',
    ...extra,
  })

  it('lists only your connections with their status, and disconnects one', async () => {
    server.calendars.set('c1', connection('c1', user.id))
    server.calendars.set(
      'c2',
      connection('c2', user.id, {
        name: 'Team',
        kind: 'ics_url',
        status: 'error',
        last_error: 'the feed answered HTTP 503',
      }),
    )
    server.calendars.set('c3', connection('c3', 'someone-else', { name: 'Not mine' }))
    const wrapper = await mounted()
    const items = wrapper.findAll('li')
    const texts = items.map((li) => li.text().replace(/\s+/g, ' '))
    expect(texts).toEqual([
      expect.stringContaining('Google Calendar · Google Calendar · alice@example.com'),
      expect.stringContaining('Sync failed: the feed answered HTTP 503'),
    ])
    expect(texts[0]).toContain('In sync')
    await wrapper.get('button[aria-label="Disconnect Team"]').trigger('click')
    await flushPromises()
    expect([...server.calendars.keys()]).toEqual(['c1', 'c3'])
    expect(wrapper.findAll('li')).toHaveLength(1)
  })

  it('sends the browser to the consent address the API gives', async () => {
    const visited: string[] = []
    const wrapper = await mounted((url) => visited.push(url))
    expect(wrapper.text()).toContain('No calendar connected yet.')
    await wrapper.get('button.btn-primary').trigger('click')
    await flushPromises()
    expect(visited).toEqual([`https://accounts.google.test/o/oauth2/v2/auth?state=for-${user.id}`])
  })

  it('says so when the server has no Google client', async () => {
    server.googleConfigured = false
    const visited: string[] = []
    const wrapper = await mounted((url) => visited.push(url))
    await wrapper.get('button.btn-primary').trigger('click')
    await flushPromises()
    expect(visited).toEqual([])
    expect(wrapper.get('[role="alert"]').text()).toContain('not available on this server')
  })
})
