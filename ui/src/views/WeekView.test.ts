import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { User } from '@/api'
import { DEFAULT_PREFERENCES, type FakeApi } from '@/test/fakeApi'
import { endSession, mountAt, signedInWithFakeApi } from '@/test/session'
import { zoneUnlikeTheRunners } from '@/test/zones'

import WeekView from './WeekView.vue'

describe('WeekView', () => {
  let server: FakeApi
  let user: User

  beforeEach(async () => {
    ;({ server, user } = await signedInWithFakeApi())
    server.now = '2026-11-26T00:00:00Z' // a Thursday
  })
  afterEach(endSession)

  it('loads the week holding ?start, from its Monday, with blocks, working hours and busy time', async () => {
    server.seedTask(user, { title: 'Write report', duration_minutes: 120, priority: 1 })
    server.replan(user)
    server.busy.set('busy-1', {
      id: 'busy-1',
      start: '2026-11-27T13:00:00Z',
      end: '2026-11-27T14:00:00Z',
      title: 'Dentist',
      source: 'manual',
      color: null,
      owner: user.id,
    })
    server.busy.set('busy-2', {
      id: 'busy-2',
      start: '2026-11-27T15:00:00Z',
      end: '2026-11-27T16:00:00Z',
      title: 'Standup',
      source: 'calendar',
      color: '#f83a22',
      owner: user.id,
    })
    const wrapper = await mountAt(WeekView, '/week?start=2026-11-26')
    const query = Object.fromEntries(server.requestsTo('GET', '/schedule')[0]!.query)
    expect(new Date(query.from!).getDay()).toBe(1)
    expect(wrapper.get('[data-testid="week-block"]').text()).toContain('Write report')
    const [dentist, standup] = wrapper.findAll('[data-testid="busy"]')
    expect(dentist!.text()).toContain('Dentist')
    expect(dentist!.attributes('style')).not.toContain('border-left') // by hand: the grey of busy time
    expect(standup!.text()).toContain('Standup')
    const stripe = (standup!.element as HTMLElement).style
    expect([stripe.borderLeftColor, stripe.backgroundColor]).toEqual(['#f83a22', '#f83a2233'])
    expect(wrapper.findAll('[data-testid="working-hours"]')).toHaveLength(5)
    wrapper.unmount()
  })

  it('moves a block from the keyboard, which pins it, and re-planning keeps it', async () => {
    server.seedTask(user, { title: 'Deep work', duration_minutes: 60 })
    server.replan(user)
    const wrapper = await mountAt(WeekView, '/week?start=2026-11-26')
    await wrapper.get('[data-testid="week-block"]').trigger('keydown', { key: 'ArrowDown', altKey: true })
    await flushPromises()
    const [block] = [...server.blocks.values()]
    expect(block).toMatchObject({ start: '2026-11-26T09:15:00.000Z', pinned: true })
    expect(wrapper.get('[data-testid="week-block"]').attributes('aria-label')).toContain('pinned')

    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Re-plan')!
      .trigger('click')
    await flushPromises()
    expect([...server.blocks.values()][0]).toMatchObject({ start: '2026-11-26T09:15:00.000Z' })
    wrapper.unmount()
  })

  it("lists unscheduled tasks with the plan's reason", async () => {
    server.seedTask(user, { title: 'Marathon', duration_minutes: 600 })
    server.replan(user)
    const wrapper = await mountAt(WeekView, '/week?start=2026-11-26')
    const text = wrapper.get('[data-testid="unscheduled"]').text()
    expect(text).toContain('Marathon')
    expect(text).toContain('longer than a working day')
    wrapper.unmount()
  })

  it('re-plans from the button and shows its error beside it', async () => {
    server.seedTask(user, { title: 'Unplanned', duration_minutes: 30 })
    const wrapper = await mountAt(WeekView, '/week?start=2026-11-26')
    expect(wrapper.findAll('[data-testid="week-block"]')).toHaveLength(0)
    const button = wrapper.findAll('button').find((b) => b.text() === 'Re-plan')!
    await button.trigger('click')
    await flushPromises()
    expect(wrapper.findAll('[data-testid="week-block"]')).toHaveLength(1)

    server.offline = true
    await button.trigger('click')
    await flushPromises()
    expect(wrapper.get('#replan-error').text()).toContain('Could not reach')
    expect(button.attributes('aria-describedby')).toBe('replan-error')
    wrapper.unmount()
  })

  it("shows the week in the account's time zone, not the browser's", async () => {
    const zone = zoneUnlikeTheRunners()
    server.preferences.set(user.id, { ...DEFAULT_PREFERENCES, timezone: zone })
    server.seedTask(user, { title: 'Call', duration_minutes: 60 })
    server.replan(user) // 09:00-10:00 UTC on Thursday 26 November
    const wrapper = await mountAt(WeekView, '/week?start=2026-11-26')
    const query = Object.fromEntries(server.requestsTo('GET', '/schedule')[0]!.query)
    const monday = zone === 'Pacific/Auckland' ? '2026-11-22T11:00:00.000Z' : '2026-11-23T08:00:00.000Z'
    expect(query.from).toBe(monday)
    const clock = zone === 'Pacific/Auckland' ? /(22:00|10:00\sPM) to/ : /(01:00|1:00\sAM) to/
    const label = wrapper.get('[data-testid="week-block"]').attributes('aria-label')!
    expect(label).toMatch(clock)
    expect(label).toContain('Thursday')
    expect(wrapper.text()).toContain(zone)
    wrapper.unmount()
  })

  it('resizes a block with Alt+Shift+arrows, which pins it with its new length, and unpins it', async () => {
    server.seedTask(user, { title: 'Draft', duration_minutes: 60 })
    server.replan(user)
    const wrapper = await mountAt(WeekView, '/week?start=2026-11-26')
    await wrapper
      .get('[data-testid="week-block"]')
      .trigger('keydown', { key: 'ArrowDown', altKey: true, shiftKey: true })
    await flushPromises()
    expect([...server.blocks.values()][0]).toMatchObject({
      start: '2026-11-26T09:00:00.000Z',
      end: '2026-11-26T10:15:00.000Z',
      pinned: true,
    })
    expect(wrapper.get('[data-testid="pinned"]').text()).toContain('1 h 15 min')

    await wrapper.get('button[aria-label="Unpin Draft"]').trigger('click')
    await flushPromises()
    expect([...server.blocks.values()][0]!.pinned).toBe(false)
    expect(wrapper.find('[data-testid="pinned"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('shows the weeks the plan cannot keep, with the missing hours and who is late', async () => {
    const task = server.seedTask(user, { title: 'Tax return', duration_minutes: 300 })
    server.overload = [
      {
        week_start: '2026-11-23',
        missing_minutes: 150,
        late: [{ task_id: task.id, late_minutes: 90 }],
        fix: { add_hours: 3, defer: [task.id], move_deadlines: [] },
      },
    ]
    server.replan(user)
    const wrapper = await mountAt(WeekView, '/week?start=2026-11-26')
    const text = wrapper.get('[data-testid="overload"]').text()
    expect(text).toContain('2 h 30 min missing')
    expect(text).toContain('add 3 working hours')
    expect(text).toContain('Tax return: 1 h 30 min late')
    wrapper.unmount()
  })

  it('opens the task of a block that is clicked (or Enter on it), and skips the overdue tasks it does not show', async () => {
    const task = server.seedTask(user, { title: 'Write report', duration_minutes: 120 })
    server.replan(user)
    const wrapper = await mountAt(WeekView, '/week?start=2026-11-26')
    expect(server.requestsTo('GET', '/tasks').every((r) => !r.query.has('due_before'))).toBe(true)
    await wrapper.get('[data-testid="week-block"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.vm.$router.currentRoute.value.path).toBe(`/tasks/${task.id}`))
    wrapper.unmount()
  })
})
