import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { User } from '@/api'
import { useNotificationsStore } from '@/stores/notifications'
import type { FakeApi } from '@/test/fakeApi'
import { endSession, settle, signedInWithFakeApi } from '@/test/session'

import NotificationBell from './NotificationBell.vue'

describe('NotificationBell', () => {
  let server: FakeApi
  let me: User

  beforeEach(async () => {
    ;({ server, user: me } = await signedInWithFakeApi())
  })
  afterEach(() => {
    useNotificationsStore().stop()
    endSession()
  })

  it('shows the unread count live, lists notifications, and marks them read', async () => {
    server.notify(me, { title: 'Plan updated' })
    const store = useNotificationsStore()
    store.start()
    const wrapper = mount(NotificationBell, { attachTo: document.body })
    await settle()
    const bell = wrapper.get('[data-testid="bell"]')
    expect(bell.attributes('aria-label')).toBe('Notifications, 1 unread')
    expect(bell.attributes('aria-expanded')).toBe('false')

    server.notify(me, { title: 'Write report starts in 10 minutes', body: '09:00–11:00' })
    await settle()
    expect(wrapper.get('[data-testid="bell-count"]').text()).toBe('2')

    await bell.trigger('click')
    await settle()
    expect(bell.attributes('aria-expanded')).toBe('true')
    const items = wrapper.findAll('[data-testid="notification"]')
    expect(items.map((i) => i.text())).toEqual([
      expect.stringContaining('Write report starts in 10 minutes'),
      expect.stringContaining('Plan updated'),
    ])

    await items[0]!.get('button').trigger('click')
    await settle()
    expect(bell.attributes('aria-label')).toBe('Notifications, 1 unread')
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Mark all read')!
      .trigger('click')
    await settle()
    expect(bell.attributes('aria-label')).toBe('Notifications, none unread')
    expect(wrapper.find('[data-testid="bell-count"]').exists()).toBe(false)

    await wrapper.get('[data-panel]').trigger('keydown', { key: 'Escape' })
    await settle()
    expect(bell.attributes('aria-expanded')).toBe('false')
    expect(document.activeElement).toBe(bell.element)
    wrapper.unmount()
  })
})
