import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { User } from '@/api'
import type { FakeApi } from '@/test/fakeApi'
import { endSession, signedInWithFakeApi } from '@/test/session'

import { useScheduleStore } from './schedule'

describe('schedule store', () => {
  let server: FakeApi
  let user: User
  const from = new Date('2026-11-23T00:00:00Z')
  const to = new Date('2026-11-30T00:00:00Z')

  beforeEach(async () => {
    ;({ server, user } = await signedInWithFakeApi())
  })
  afterEach(endSession)

  function planned(...titles: [string, number, (1 | 2 | 3 | 4)?][]) {
    for (const [title, minutes, priority] of titles) {
      server.seedTask(user, { title, duration_minutes: minutes, priority: priority ?? 3 })
    }
    server.replan(user)
  }

  it('loads the blocks of a range in order, with their tasks, busy time and working hours', async () => {
    planned(['Later', 60, 4], ['First', 120, 1])
    const store = useScheduleStore()
    await store.load(from, to)
    expect(store.blocks.map((b) => [b.task?.title, b.start])).toEqual([
      ['First', '2026-11-26T09:00:00.000Z'],
      ['Later', '2026-11-26T11:00:00.000Z'],
    ])
    expect(store.preferences?.working_hours.mon).toEqual([['09:00', '17:00']])
    const query = Object.fromEntries(server.requestsTo('GET', '/schedule')[0]!.query)
    expect(query).toEqual({ from: from.toISOString(), to: to.toISOString() })
  })

  it("names the plan's unscheduled tasks with its reason, and lists overdue work", async () => {
    planned(['Marathon', 600])
    server.seedTask(user, { title: 'Tax return', due: '2026-11-01T17:00:00Z' })
    const store = useScheduleStore()
    await store.load(from, to)
    expect(store.unscheduled).toMatchObject([
      { reason: 'longer than a working day and not splittable', task: { title: 'Marathon' } },
    ])
    expect(store.overdue.map((t) => t.title)).toEqual(['Tax return'])
  })

  it('completes a block’s task and reloads', async () => {
    planned(['Write report', 120])
    const store = useScheduleStore()
    await store.load(from, to)
    const block = store.blocks[0]!
    expect(await store.complete(block)).toBe(true)
    expect(server.tasks.get(block.task_id)!.status).toBe('done')
    expect(server.requestsTo('GET', '/schedule')).toHaveLength(2)
  })

  it('snoozes: the task waits until then and the re-plan moves its block', async () => {
    planned(['Gym', 60])
    const store = useScheduleStore()
    await store.load(from, to)
    await store.snooze(store.blocks[0]!, new Date('2026-11-27T09:00:00Z'))
    expect(server.tasks.get(store.blocks[0]!.task_id)!.earliest_start).toBe('2026-11-27T09:00:00.000Z')
    expect(store.blocks[0]!.start).toBe('2026-11-27T09:00:00.000Z')
  })

  it('moves a block keeping its length, which pins it; a pinned block survives a re-plan', async () => {
    planned(['Deep work', 90])
    const store = useScheduleStore()
    await store.load(from, to)
    await store.move(store.blocks[0]!, new Date('2026-11-27T14:00:00Z'))
    expect(store.blocks[0]).toMatchObject({
      start: '2026-11-27T14:00:00.000Z',
      end: '2026-11-27T15:30:00.000Z',
      pinned: true,
    })
    await store.replan()
    expect(store.blocks[0]).toMatchObject({ start: '2026-11-27T14:00:00.000Z', pinned: true })
  })

  it('keeps an action’s error beside its block, and clears it on the next try', async () => {
    planned(['Gone soon', 30])
    const store = useScheduleStore()
    await store.load(from, to)
    const block = store.blocks[0]!
    server.blocks.clear()
    expect(await store.move(block, new Date('2026-11-27T10:00:00Z'))).toBe(false)
    expect(store.actionErrors[block.id]).toMatchObject({ status: 404, detail: 'No such block.' })
    expect(store.pending[block.id]).toBeUndefined()
    server.offline = true
    await store.replan()
    expect(store.actionErrors.replan?.isNetworkError).toBe(true)
  })

  it('resizes a block keeping its start, which pins it', async () => {
    planned(['Draft', 60])
    const store = useScheduleStore()
    await store.load(from, to)
    expect(await store.resize(store.blocks[0]!, 105)).toBe(true)
    expect(store.blocks[0]).toMatchObject({
      start: '2026-11-26T09:00:00.000Z',
      end: '2026-11-26T10:45:00.000Z',
      pinned: true,
    })
  })

  /** The store with a loaded plan, then a task `title` added after it (the server has not re-planned yet). */
  async function loadedBeforeAChange(title: string) {
    server.now = '2026-11-26T08:00:00Z'
    planned(['Old', 30])
    const store = useScheduleStore()
    await store.load(from, to)
    server.now = '2026-11-26T08:05:00Z'
    server.seedTask(user, { title, duration_minutes: 30 })
    return store
  }

  it('follows a change until the server’s re-plan has caught up with it', async () => {
    const store = await loadedBeforeAChange('New')
    setTimeout(() => server.replan(user), 5) // the server's re-plan, a moment after its answer
    await store.follow({ delays: [20, 20, 20], replan: false })
    expect(store.stale).toBe(false)
    expect(store.blocks.map((b) => b.task?.title)).toContain('New')
    expect(server.requestsTo('GET', '/schedule').length).toBeGreaterThanOrEqual(3)
  })

  it('stops following after its last delay when the plan never catches up', async () => {
    const store = await loadedBeforeAChange('Never planned')
    await store.follow({ delays: [1, 1], replan: false })
    expect(store.stale).toBe(true)
    expect(server.requestsTo('GET', '/schedule')).toHaveLength(4) // the load, then three while following
  })

  it('asks for the re-plan at once after a change, so the new block shows without waiting', async () => {
    const store = await loadedBeforeAChange('New')
    await store.follow({ delays: [60_000] })
    expect(server.requestsTo('POST', '/schedule')).toHaveLength(1)
    expect(store.stale).toBe(false)
    expect(store.blocks.map((b) => b.task?.title)).toContain('New')
  })

  it('follows the server’s own re-plan when the one it asked for is refused', async () => {
    const store = await loadedBeforeAChange('New')
    server.failNext('POST', '/schedule', 429)
    setTimeout(() => server.replan(user), 5)
    await store.follow({ delays: [20, 20, 20] })
    expect(store.stale).toBe(false)
    expect(store.blocks.map((b) => b.task?.title)).toContain('New')
  })
})
