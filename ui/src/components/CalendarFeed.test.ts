import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { User } from '@/api'
import type { FakeApi } from '@/test/fakeApi'
import { endSession, signedInWithFakeApi } from '@/test/session'

import CalendarFeed from './CalendarFeed.vue'

describe('CalendarFeed', () => {
  let server: FakeApi
  let user: User

  beforeEach(async () => {
    ;({ server, user } = await signedInWithFakeApi())
  })
  afterEach(endSession)

  const mounted = async (copy: (text: string) => Promise<void> = async () => undefined) => {
    const wrapper = mount(CalendarFeed, { props: { copy } })
    await flushPromises()
    return wrapper
  }
  const click = async (wrapper: Awaited<ReturnType<typeof mounted>>, label: string) => {
    const button = wrapper.findAll('button').find((b) => b.text() === label)
    if (!button) throw new Error(`no button "${label}" in: ${wrapper.text()}`)
    await button.trigger('click')
    await flushPromises()
  }

  it('turns the feed on, shows its address once and copies it', async () => {
    const copied: string[] = []
    const wrapper = await mounted(async (text) => void copied.push(text))
    expect(wrapper.get('[data-testid="feed-status"]').text()).toBe('You have no plan feed.')
    expect(wrapper.find('#plan-feed-url').exists()).toBe(false)

    await click(wrapper, 'Turn the feed on')
    const token = server.feeds.get(user.id)!.token
    const url = (wrapper.get('#plan-feed-url').element as HTMLInputElement).value
    expect(url).toBe(`https://planloom.test/api/v1/calendar/feed/${token}.ics`)
    expect(wrapper.get('label[for="plan-feed-url"]').text()).toBe('Feed address')
    expect(wrapper.text()).toContain('This address is shown only now')

    await click(wrapper, 'Copy address')
    expect(copied).toEqual([url])
    expect(wrapper.get('[role="status"]').text()).toContain('Copied.')
  })

  it('says when copying failed', async () => {
    const wrapper = await mounted(() => Promise.reject(new Error('denied')))
    await click(wrapper, 'Turn the feed on')
    await click(wrapper, 'Copy address')
    expect(wrapper.get('[role="status"]').text()).toContain('Could not copy')
  })

  it('for a feed issued earlier, says it exists without an address', async () => {
    server.feeds.set(user.id, { token: 'old', issued_at: '2026-11-20T09:00:00Z' })
    const wrapper = await mounted()
    expect(wrapper.get('[data-testid="feed-status"]').text()).toContain('Your plan feed is on')
    expect(wrapper.find('#plan-feed-url').exists()).toBe(false)
    expect(wrapper.text()).toContain('The address is shown only when it is issued')
  })

  it('rotates only after a confirmation that the old address stops working', async () => {
    server.feeds.set(user.id, { token: 'old', issued_at: '2026-11-20T09:00:00Z' })
    const wrapper = await mounted()
    await click(wrapper, 'New address…')
    expect(wrapper.get('#feed-confirm-text').text()).toContain('The current address stops working at once')
    expect(server.feeds.get(user.id)!.token).toBe('old')

    await click(wrapper, 'Cancel')
    expect(server.feeds.get(user.id)!.token).toBe('old')

    await click(wrapper, 'New address…')
    await click(wrapper, 'Get a new address')
    const token = server.feeds.get(user.id)!.token
    expect(token).not.toBe('old')
    expect((wrapper.get('#plan-feed-url').element as HTMLInputElement).value).toContain(`/feed/${token}.ics`)
  })

  it('revokes after a confirmation, and shows the API problem when there was none to revoke', async () => {
    server.feeds.set(user.id, { token: 'old', issued_at: '2026-11-20T09:00:00Z' })
    const wrapper = await mounted()
    await click(wrapper, 'Turn off…')
    await click(wrapper, 'Turn the feed off')
    expect(server.feeds.has(user.id)).toBe(false)
    expect(wrapper.get('[data-testid="feed-status"]').text()).toBe('You have no plan feed.')

    server.feeds.set(user.id, { token: 'again', issued_at: '2026-11-20T09:00:00Z' })
    const other = await mounted()
    server.feeds.delete(user.id) // revoked elsewhere meanwhile
    await click(other, 'Turn off…')
    await click(other, 'Turn the feed off')
    expect(other.get('[role="alert"]').text()).toContain('You have no plan feed.')
  })
})
