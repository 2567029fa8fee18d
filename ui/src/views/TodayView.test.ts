import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { User } from '@/api'
import { startOfDay } from '@/lib/time'
import type { FakeApi } from '@/test/fakeApi'
import { endSession, mountAt, signedInWithFakeApi } from '@/test/session'

import TodayView from './TodayView.vue'

describe('TodayView', () => {
  let server: FakeApi
  let user: User

  beforeEach(async () => {
    ;({ server, user } = await signedInWithFakeApi())
    server.now = startOfDay(new Date()).toISOString() // the fake plans from 09:00 UTC of this day
  })
  afterEach(endSession)

  it("lists the day's blocks in order and completes one in one click", async () => {
    server.seedTask(user, { title: 'Second', priority: 2, duration_minutes: 60 })
    server.seedTask(user, { title: 'First', priority: 1, duration_minutes: 30 })
    server.replan(user)
    const wrapper = await mountAt(TodayView, '/today')
    const items = () => wrapper.findAll('[data-testid="block-item"]')
    expect(items().map((i) => i.text().includes('First'))).toEqual([true, false])
    expect(items()[1]!.text()).toContain('Second')

    await wrapper.get('button[aria-label="Complete First"]').trigger('click')
    await flushPromises()
    expect([...server.tasks.values()].find((t) => t.title === 'First')!.status).toBe('done')
    expect(items().map((i) => i.text())).toHaveLength(1)
    wrapper.unmount()
  })

  it('shows overdue work and an error beside the block whose action failed', async () => {
    server.seedTask(user, { title: 'Tax return', due: '2020-01-01T17:00:00Z' })
    server.seedTask(user, { title: 'Walk', duration_minutes: 30 })
    server.replan(user)
    const wrapper = await mountAt(TodayView, '/today')
    expect(wrapper.get('[data-testid="overdue"]').text()).toContain('Tax return')

    server.offline = true
    await wrapper.get('button[aria-label="Snooze Walk to tomorrow"]').trigger('click')
    await flushPromises()
    const walk = wrapper.findAll('[data-testid="block-item"]').find((i) => i.text().includes('Walk'))!
    expect(walk.get('[role="alert"]').text()).toContain('Could not reach the Planloom server')
    wrapper.unmount()
  })

  it('says when nothing is planned', async () => {
    const wrapper = await mountAt(TodayView, '/today')
    expect(wrapper.text()).toContain('Nothing planned today')
    wrapper.unmount()
  })
})
