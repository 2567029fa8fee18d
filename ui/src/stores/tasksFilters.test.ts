import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { User } from '@/api'
import type { FakeApi } from '@/test/fakeApi'
import { endSession, signedInWithFakeApi } from '@/test/session'

import { DEFAULT_QUERY, listParams, localDayStart, useTasksStore } from './tasks'

describe('task list filters', () => {
  let server: FakeApi
  let me: User

  beforeEach(async () => {
    ;({ server, user: me } = await signedInWithFakeApi())
  })
  afterEach(endSession)

  it('turns a query into the API parameters: the due range covers whole local days', () => {
    const params = listParams({
      ...DEFAULT_QUERY,
      q: '  report ',
      categoryId: 'c1',
      tag: 'work',
      dueFrom: '2026-12-01',
      dueTo: '2026-12-03',
    })
    expect(params).toMatchObject({ q: 'report', category_id: 'c1', tag: 'work', status: ['todo'], sort: 'due' })
    expect(params.due_after).toBe(new Date(2026, 11, 1).toISOString())
    expect(params.due_before).toBe(new Date(2026, 11, 4).toISOString())
    expect(listParams({ ...DEFAULT_QUERY, status: 'all' })).toMatchObject({
      status: undefined,
      q: undefined,
      tag: undefined,
    })
    expect(localDayStart('not a day')).toBeUndefined()
  })

  it('filters by text, category, tag and due range, and goes back to page 1', async () => {
    const cat = { id: 'cat-1' }
    server.seedTask(me, { title: 'Quarterly report', tags: ['work'], category_id: cat.id, due: '2026-12-02T10:00:00Z' })
    server.seedTask(me, { title: 'Buy milk', tags: ['home'], due: '2026-12-20T10:00:00Z' })
    server.seedTask(me, { title: 'Report card', notes: 'for school', due: null })
    const tasks = useTasksStore()
    await tasks.fetchTasks({ page: 1 })
    tasks.query.page = 3

    await tasks.fetchTasks({ q: 'report' })
    expect(tasks.query.page).toBe(1)
    expect(tasks.items.map((t) => t.title).sort()).toEqual(['Quarterly report', 'Report card'])

    await tasks.fetchTasks({ q: '', tag: 'home' })
    expect(tasks.items.map((t) => t.title)).toEqual(['Buy milk'])

    await tasks.fetchTasks({ tag: '', categoryId: cat.id })
    expect(tasks.items.map((t) => t.title)).toEqual(['Quarterly report'])

    await tasks.fetchTasks({ categoryId: '', dueFrom: '2026-12-15', dueTo: '2026-12-31' })
    expect(tasks.items.map((t) => t.title)).toEqual(['Buy milk'])
    const last = server.requestsTo('GET', '/tasks').at(-1)!
    expect(last.query.get('due_after')).toBe(new Date(2026, 11, 15).toISOString())
    expect(last.query.has('q')).toBe(false)
  })

  it('completes several tasks, one request each, and reports the ones that failed', async () => {
    const a = server.seedTask(me, { title: 'A' })
    const b = server.seedTask(me, { title: 'B' })
    const c = server.seedTask(me, { title: 'C' })
    server.failPatch.set(b.id, { status: 409, detail: 'Reopening would pass the open-task cap' })
    const tasks = useTasksStore()
    await tasks.fetchTasks()

    const result = await tasks.completeMany([a.id, b.id, c.id, a.id])

    expect(result.done.map((t) => t.title).sort()).toEqual(['A', 'C'])
    expect(result.failed).toHaveLength(1)
    expect(result.failed[0]).toMatchObject({ id: b.id, title: 'B' })
    expect(result.failed[0]!.error.status).toBe(409)
    expect(server.requestsTo('PATCH', `/tasks/${a.id}`)).toHaveLength(1)
    expect(server.tasks.get(a.id)!.status).toBe('done')
    expect(server.tasks.get(b.id)!.status).toBe('todo')
    expect(tasks.items.map((t) => t.title)).toEqual(['B'])
  })

  it('edits a task with If-Match and throws the field errors of a refusal', async () => {
    const t = server.seedTask(me, { title: 'Old' })
    const tasks = useTasksStore()
    await tasks.fetchTasks()
    const changed = await tasks.updateTask(t.id, { title: 'New', priority: 1 })
    expect(changed).toMatchObject({ title: 'New', priority: 1 })
    expect(server.requestsTo('PATCH', `/tasks/${t.id}`)[0]!.headers.get('If-Match')).toBeNull() // no ETag yet
    await expect(tasks.updateTask(t.id, { duration_minutes: 0 })).rejects.toMatchObject({
      status: 422,
      errors: { duration_minutes: [expect.stringContaining('greater than or equal to 1')] },
    })
    expect(tasks.items[0]).toMatchObject({ title: 'New' })
  })
})
