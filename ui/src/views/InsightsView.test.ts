import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { User } from '@/api'
import { emptyReport, type FakeApi } from '@/test/fakeApi'
import { endSession, mountAt, settle, signedInWithFakeApi } from '@/test/session'

import InsightsView from './InsightsView.vue'

const accuracy = (tasks: number, planned: number, actual: number) => ({
  tasks,
  planned_minutes: planned,
  actual_minutes: actual,
  ratio: planned ? actual / planned : null,
  mean_abs_error_minutes: 5,
  over: 1,
  under: 0,
  exact: 0,
})

const FIELDS = ['title', 'due', 'start', 'duration_minutes', 'priority', 'tags', 'category', 'recurrence']
const quickAdd = (made: number, corrected: number, fields: Record<string, number> = {}) => ({
  made,
  corrected,
  rate: made ? corrected / made : null,
  fields: Object.fromEntries(FIELDS.map((f) => [f, fields[f] ?? 0])),
})

function seedMonth(server: FakeApi, user: User, quick = quickAdd(20, 5, { due: 3, title: 1, priority: 3 })) {
  server.insights.set(user.id, {
    summary: {
      done: 42,
      cancelled: 3,
      planned_minutes: 2400,
      done_minutes: 2100,
      on_time: 20,
      late: 5,
      without_due: 17,
      on_time_rate: 0.8,
      lateness: [
        { bucket: 'under_1h', tasks: 2 },
        { bucket: '1h_to_1d', tasks: 3 },
      ],
      estimates: accuracy(30, 1500, 1800),
      plan_changes: 6,
      moved_blocks: 14,
      missed_blocks: 3,
      busiest_hours: [{ hour: 10, done: 9 }],
      hours: [
        { hour: 10, done: 9 },
        { hour: 11, done: 4 },
      ],
      streaks: { current: 4, longest: 9, active_days: 20 },
      quick_add: quick,
    },
    weekly: {
      weeks: [
        {
          week: '2026-11-02',
          planned_minutes: 600,
          done_minutes: 540,
          done: 10,
          cancelled: 1,
          on_time: 5,
          late: 1,
          plan_changes: 2,
        },
      ],
    },
    categories: {
      categories: [{ category_id: 'c1', name: 'Work', done: 30, cancelled: 1, minutes: 1500, planned_minutes: 1600 }],
      tags: [{ tag: 'deep', minutes: 700 }],
      other_tags_minutes: 0,
    },
    estimates: {
      overall: accuracy(30, 1500, 1800),
      correction_factor: 1.2,
      by_category: [{ ...accuracy(30, 1500, 1800), category_id: 'c1', name: 'Work', learned_minutes: 45 }],
      by_duration: [{ ...accuracy(30, 1500, 1800), bucket: '31_to_60' }],
    },
  })
}

describe('InsightsView', () => {
  let server: FakeApi
  let user: User

  beforeEach(async () => {
    ;({ server, user } = await signedInWithFakeApi())
  })
  afterEach(endSession)

  it('shows a month of history in tiles, charts and the tables behind them, as the API says', async () => {
    seedMonth(server, user)
    const wrapper = await mountAt(InsightsView, '/insights')
    await settle()
    const tiles = wrapper.get('[data-testid="tiles"]').text()
    expect(tiles).toContain('42')
    expect(tiles).toContain('80 %')
    expect(tiles).toContain('× 1.20')
    expect(tiles).toContain('4 d')
    expect(tiles).toContain('14 blocks moved, 3 missed')
    expect(wrapper.get('[data-testid="weekly-table"]').text()).toContain('540 min')
    expect(wrapper.get('[data-testid="categories-table"]').text()).toMatch(/Work\s*30\s*1500/)
    expect(wrapper.get('[data-testid="estimates-table"]').text()).toContain('45 min')
    expect(wrapper.get('[data-testid="correction"]').text()).toContain('× 1.20')
    expect(wrapper.findAll('canvas').length).toBe(4)
    expect((wrapper.get('input[name="from"]').element as HTMLInputElement).value).toBe('2026-10-28')
    wrapper.unmount()
  })

  it('says where reported times come from when no finished task has one', async () => {
    seedMonth(server, user)
    const reports = server.insights.get(user.id)!
    reports.estimates = { overall: accuracy(0, 0, 0), correction_factor: null, by_category: [], by_duration: [] }
    const wrapper = await mountAt(InsightsView, '/insights')
    await settle()
    const text = wrapper.get('[data-testid="correction"]').text()
    expect(text).toContain('No finished task in this range has a reported time yet')
    expect(text).toContain('when you mark it done')
    wrapper.unmount()
  })

  it('shows how often quick-adds were corrected, and which fields, in an accessible table', async () => {
    seedMonth(server, user)
    const wrapper = await mountAt(InsightsView, '/insights')
    await settle()
    const section = wrapper.get('[data-testid="quick-add"]')
    expect(section.attributes('aria-labelledby')).toBe('quick-add-title')
    expect(section.get('[data-testid="quick-add-rate"]').text()).toMatch(/25 %\s*corrected: 5 of 20 quick-adds/)
    const table = section.get('[data-testid="quick-add-table"]')
    expect(table.get('caption').text()).toContain('How often each field')
    const rows = table
      .findAll('tbody tr')
      .map((row) => [row.get('th[scope="row"]').text(), ...row.findAll('td').map((cell) => cell.text())])
    expect(rows.slice(0, 4)).toEqual([
      ['Due date', '3', '60 %'],
      ['Priority', '3', '60 %'],
      ['Title', '1', '20 %'],
      ['Start', '0', '0 %'],
    ])
    expect(rows).toHaveLength(8)
    wrapper.unmount()
  })

  it('says when no quick-add was made in the range', async () => {
    seedMonth(server, user, quickAdd(0, 0))
    const wrapper = await mountAt(InsightsView, '/insights')
    await settle()
    expect(wrapper.get('[data-testid="quick-add-empty"]').text()).toContain('No quick-adds in this range')
    expect(wrapper.find('[data-testid="quick-add-table"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('shows quick-adds even when nothing was finished', async () => {
    server.insights.set(user.id, { summary: { ...(emptyReport('summary') as object), quick_add: quickAdd(3, 0) } })
    const wrapper = await mountAt(InsightsView, '/insights')
    await settle()
    expect(wrapper.text()).toContain('Nothing finished in this range yet')
    expect(wrapper.get('[data-testid="quick-add-rate"]').text()).toMatch(/0 %\s*corrected: 0 of 3/)
    expect(wrapper.findAll('[data-testid="quick-add-table"] tbody tr').map((r) => r.findAll('td')[1]!.text())).toEqual(
      Array(8).fill('–'),
    )
    wrapper.unmount()
  })

  it('asks for the chosen range, shows an empty state for a new user, and a 422 as a problem', async () => {
    const wrapper = await mountAt(InsightsView, '/insights')
    await settle()
    expect(wrapper.text()).toContain('Nothing finished in this range yet')
    expect(wrapper.find('[data-testid="quick-add"]').exists()).toBe(false) // nothing at all: one empty state
    await wrapper.get('input[name="from"]').setValue('2026-09-01')
    await wrapper.get('input[name="to"]').setValue('2026-09-30')
    await wrapper.get('[data-testid="range"]').trigger('submit')
    await settle()
    const asked = server.requests.filter((r) => r.path === '/analytics/summary').at(-1)!
    expect([asked.query.get('from'), asked.query.get('to')]).toEqual(['2026-09-01', '2026-09-30'])
    await wrapper.get('input[name="from"]').setValue('2026-10-01')
    await wrapper.get('[data-testid="range"]').trigger('submit')
    await settle()
    expect(wrapper.text()).toContain('must not be after to')
    wrapper.unmount()
  })
})
