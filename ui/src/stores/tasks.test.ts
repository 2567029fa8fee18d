import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { Task, User } from '@/api'
import { FakeApi } from '@/test/fakeApi'

import { useAuthStore } from './auth'
import { useTasksStore } from './tasks'

describe('tasks store', () => {
  let server: FakeApi
  let me: User

  beforeEach(async () => {
    localStorage.clear()
    server = new FakeApi()
    vi.stubGlobal('fetch', server.fetch)
    setActivePinia(createPinia())
    me = server.seedUser('ops@example.com', 'a long password')
    await useAuthStore().login({ email: 'ops@example.com', password: 'a long password' })
  })

  afterEach(() => {
    useAuthStore().$dispose()
    vi.unstubAllGlobals()
  })

  it('loads to-do tasks sorted by due date with pagination', async () => {
    server.seedTask(me, { title: 'later', due: '2026-12-10T10:00:00Z' })
    server.seedTask(me, { title: 'sooner', due: '2026-12-01T10:00:00Z' })
    server.seedTask(me, { title: 'whenever', due: null })
    server.seedTask(me, { title: 'finished', status: 'done' })
    const tasks = useTasksStore()

    await tasks.fetchTasks()

    expect(tasks.items.map((t) => t.title)).toEqual(['sooner', 'later', 'whenever'])
    expect(tasks.total).toBe(3)
    expect(tasks.loaded).toBe(true)
    expect(tasks.isEmpty).toBe(false)
    expect(Object.fromEntries(server.requestsTo('GET', '/tasks')[0]!.query)).toEqual({
      status: 'todo',
      sort: 'due',
      page: '1',
      page_size: '50',
    })
  })

  it('reports an empty list', async () => {
    const tasks = useTasksStore()
    expect(tasks.isEmpty).toBe(false) // not loaded yet
    await tasks.fetchTasks()
    expect(tasks.isEmpty).toBe(true)
  })

  it('sends no status for "all" and resets to page 1 when the filter changes', async () => {
    server.seedTask(me, { status: 'done' })
    server.seedTask(me)
    const tasks = useTasksStore()
    tasks.query.page = 3
    await tasks.fetchTasks({ status: 'all' })
    expect(tasks.items).toHaveLength(2)
    expect(tasks.query.page).toBe(1)
    expect(server.requestsTo('GET', '/tasks')[0]!.query.has('status')).toBe(false)
  })

  it('keeps the list error as problem details', async () => {
    const tasks = useTasksStore()
    server.offline = true
    await tasks.fetchTasks()
    expect(tasks.error?.isNetworkError).toBe(true)
    expect(tasks.isEmpty).toBe(false)
    server.offline = false
    await tasks.fetchTasks()
    expect(tasks.error).toBeNull()
  })

  it('creates a task and shows it in the list', async () => {
    const tasks = useTasksStore()
    await tasks.fetchTasks()
    const created = await tasks.createTask({
      title: 'Draft Q3 report',
      duration_minutes: 180,
      priority: 1,
      tags: ['work'],
    })

    expect(created.title).toBe('Draft Q3 report')
    expect(tasks.items.map((t) => t.id)).toEqual([created.id])
    expect(server.tasks.get(created.id)).toMatchObject({ priority: 1, tags: ['work'] })
  })

  it('surfaces field errors when creating an invalid task', async () => {
    const tasks = useTasksStore()
    const error = await tasks.createTask({ title: '' }).catch((e) => e)
    expect(error.status).toBe(422)
    expect(error.fieldErrors('title')).toEqual(['Missing data for required field.'])
    expect(server.tasks.size).toBe(0)
  })

  it('completes a task: removed from the to-do view, sends the known ETag', async () => {
    const tasks = useTasksStore()
    const created = await tasks.createTask({ title: 'Ship it' })
    const done = await tasks.completeTask(created.id)

    expect(done.status).toBe('done')
    expect(server.tasks.get(created.id)!.status).toBe('done')
    expect(tasks.items).toHaveLength(0)
    expect(tasks.total).toBe(0)
    expect(server.requestsTo('PATCH', `/tasks/${created.id}`)[0]!.headers.get('If-Match')).toBe(`"${created.id}-v1"`)
    expect(tasks.isPending(created.id)).toBe(false)
  })

  it('completes a task in the "all" view by updating it in place, and can reopen it', async () => {
    const seeded = server.seedTask(me, { title: 'Water plants' })
    const tasks = useTasksStore()
    await tasks.fetchTasks({ status: 'all' })

    await tasks.completeTask(seeded.id)
    expect(tasks.items.find((t: Task) => t.id === seeded.id)?.status).toBe('done')
    await tasks.reopenTask(seeded.id)
    expect(tasks.items.find((t: Task) => t.id === seeded.id)?.status).toBe('todo')
    expect(server.tasks.get(seeded.id)!.version).toBe(3)
  })

  it('reloads the list when the task changed elsewhere (412)', async () => {
    const tasks = useTasksStore()
    const created = await tasks.createTask({ title: 'Contested' })
    server.tasks.get(created.id)!.version += 1 // someone else edited it
    server.tasks.get(created.id)!.title = 'Renamed elsewhere'

    await expect(tasks.completeTask(created.id)).rejects.toMatchObject({ status: 412 })
    expect(tasks.items[0]!.title).toBe('Renamed elsewhere')
    // The stale ETag is forgotten, so trying again goes through.
    await expect(tasks.completeTask(created.id)).resolves.toMatchObject({ status: 'done' })
  })

  it('deletes a task', async () => {
    const keep = server.seedTask(me, { title: 'keep' })
    const drop = server.seedTask(me, { title: 'drop' })
    const tasks = useTasksStore()
    await tasks.fetchTasks()

    await tasks.deleteTask(drop.id)
    expect(tasks.items.map((t) => t.id)).toEqual([keep.id])
    expect(tasks.total).toBe(1)
    expect(server.tasks.has(drop.id)).toBe(false)
  })

  it('treats deleting a task that is already gone as done', async () => {
    const gone = server.seedTask(me)
    const tasks = useTasksStore()
    await tasks.fetchTasks()
    server.tasks.delete(gone.id)
    await expect(tasks.deleteTask(gone.id)).resolves.toBeUndefined()
    expect(tasks.items).toHaveLength(0)
  })

  it('steps back a page when the last item of the last page is deleted', async () => {
    for (let i = 0; i < 3; i++) server.seedTask(me, { title: `t${i}`, due: `2026-12-0${i + 1}T00:00:00Z` })
    const tasks = useTasksStore()
    await tasks.fetchTasks({ pageSize: 2, page: 2 })
    expect(tasks.items.map((t) => t.title)).toEqual(['t2'])

    await tasks.deleteTask(tasks.items[0]!.id)
    expect(tasks.query.page).toBe(1)
    expect(tasks.items.map((t) => t.title)).toEqual(['t0', 't1'])
  })

  it('loads the next tasks when the first page empties', async () => {
    for (let i = 0; i < 3; i++) server.seedTask(me, { title: `t${i}`, due: `2026-12-0${i + 1}T00:00:00Z` })
    const tasks = useTasksStore()
    await tasks.fetchTasks({ pageSize: 1 })
    await tasks.completeTask(tasks.items[0]!.id)
    expect(tasks.items.map((t) => t.title)).toEqual(['t1'])
    expect(tasks.total).toBe(2)
  })

  it('ignores a slower, superseded load', async () => {
    server.seedTask(me, { title: 'todo one' })
    server.seedTask(me, { title: 'done one', status: 'done' })
    const tasks = useTasksStore()
    const first = tasks.fetchTasks({ status: 'todo' })
    const second = tasks.fetchTasks({ status: 'done' })
    await Promise.all([first, second])
    expect(tasks.items.map((t) => t.title)).toEqual(['done one'])
    expect(tasks.loading).toBe(false)
  })

  it('resets everything on sign-out', async () => {
    server.seedTask(me)
    const tasks = useTasksStore()
    await tasks.fetchTasks({ status: 'all' })
    tasks.reset()
    expect(tasks.items).toEqual([])
    expect(tasks.loaded).toBe(false)
    expect(tasks.query.status).toBe('todo')
  })
})
