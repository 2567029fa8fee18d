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
    color: '#4f46e5',
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
    expect((wrapper.get('[data-testid="calendar-color"]').element as HTMLElement).style.backgroundColor).toBe('#4f46e5')
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

  const receiverOf = (wrapper: Awaited<ReturnType<typeof mounted>>, id: string) =>
    wrapper.get(`#calendar-${id}-receiver`).element as HTMLSelectElement

  it('keeps a single calendar receiving the plan', async () => {
    const work = 'https://dav.example.com/cal/work/'
    server.calendars.set(
      'c1',
      connection('c1', user.id, { write_calendar_url: 'https://www.googleapis.com/cal/primary' }),
    )
    server.calendars.set(
      'c2',
      connection('c2', user.id, { kind: 'caldav', name: 'Work', url: 'https://dav.example.com' }),
    )
    server.calendars.set('c3', connection('c3', user.id, { kind: 'ics_url', name: 'Holidays' }))
    server.remoteCalendars.set('c1', [
      { url: 'https://www.googleapis.com/cal/primary', name: 'Alice', color: '#039be5' },
    ])
    server.remoteCalendars.set('c2', [
      { url: 'https://dav.example.com/cal/home/', name: 'Home', color: '' },
      { url: work, name: 'Work', color: '' },
    ])
    const wrapper = await mounted()
    expect(receiverOf(wrapper, 'c1').value).toBe('https://www.googleapis.com/cal/primary')
    expect([...receiverOf(wrapper, 'c2').options].map((o) => o.text)).toEqual(['No', 'Home', 'Work'])
    expect(wrapper.find('#calendar-c3-receiver').exists()).toBe(false) // an ICS feed cannot receive the plan
    expect(wrapper.get('label[for="calendar-c2-receiver"]').text()).toBe('Receives Planloom’s plan')

    await wrapper.get('#calendar-c2-receiver').setValue(work)
    await flushPromises()
    expect(server.calendars.get('c2')!.write_calendar_url).toBe(work)
    expect(server.calendars.get('c1')!.write_calendar_url).toBe('')
    expect(receiverOf(wrapper, 'c1').value).toBe('')
    expect(receiverOf(wrapper, 'c2').value).toBe(work)

    await wrapper.get('#calendar-c2-receiver').setValue('')
    await flushPromises()
    expect([...server.calendars.values()].map((c) => c.write_calendar_url)).toEqual(['', '', ''])
  })

  it('chooses per calendar whether it blocks time', async () => {
    server.calendars.set('c1', connection('c1', user.id, { kind: 'ics_url', name: 'Holidays' }))
    const wrapper = await mounted()
    const box = wrapper
      .findAll('input[type="checkbox"]')
      .find((b) => b.element.closest('label')?.textContent?.includes('Blocks my time'))!
    expect((box.element as HTMLInputElement).checked).toBe(true)
    await box.setValue(false)
    await flushPromises()
    expect(server.calendars.get('c1')!.blocks_time).toBe(false)
    expect((box.element as HTMLInputElement).checked).toBe(false)
  })

  it('syncs one calendar now and shows since when it fails', async () => {
    server.calendars.set('c1', connection('c1', user.id, { kind: 'ics_url', name: 'Team', status: 'pending' }))
    const wrapper = await mounted()
    const status = () => wrapper.get('[data-testid="calendar-status"]').text().replace(/\s+/g, ' ')
    expect(status()).toBe('Waiting for the first sync')

    server.failSync.set('c1', 'the feed answered HTTP 503')
    await wrapper.get('button[aria-label="Sync Team now"]').trigger('click')
    await flushPromises()
    await wrapper.get('button[aria-label="Sync Team now"]').trigger('click')
    await flushPromises()
    expect(server.calendars.get('c1')!.failures).toBe(2)
    expect(status()).toContain('Sync failed: the feed answered HTTP 503')
    expect(status()).toContain('failing since')
    expect(status()).toContain('(2 failed syncs in a row)')

    server.failSync.delete('c1')
    await wrapper.get('button[aria-label="Sync Team now"]').trigger('click')
    await flushPromises()
    expect(status()).toMatch(/^In sync · last read /)
  })

  it('shows a problem with one calendar beside it', async () => {
    server.calendars.set('c1', connection('c1', user.id, { kind: 'ics_url', name: 'Team' }))
    const wrapper = await mounted()
    server.calendars.delete('c1') // disconnected in another tab
    await wrapper.get('button[aria-label="Sync Team now"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('li [role="alert"]').text()).toContain('No such calendar connection.')
  })

  it('shows the colour the API remembers once the account’s calendars are listed', async () => {
    const read = 'https://www.googleapis.com/calendar/v3/calendars/primary'
    server.calendars.set('c1', connection('c1', user.id, { calendar_url: read }))
    server.remoteCalendars.set('c1', [{ url: read, name: 'Alice', color: '#039BE5' }])
    const wrapper = await mounted()
    expect(server.calendars.get('c1')!.color).toBe('#039be5')
    expect((wrapper.get('[data-testid="calendar-color"]').element as HTMLElement).style.backgroundColor).toBe('#039be5')
  })
})
