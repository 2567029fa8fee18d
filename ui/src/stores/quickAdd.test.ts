import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { FakeApi } from '@/test/fakeApi'
import { endSession, signedInWithFakeApi } from '@/test/session'

import { PARSE_DELAY_MS, useQuickAddStore } from './quickAdd'

describe('quick-add store', () => {
  let server: FakeApi

  beforeEach(async () => {
    ;({ server } = await signedInWithFakeApi())
    vi.useFakeTimers()
  })

  afterEach(() => {
    vi.useRealTimers()
    endSession()
  })

  async function settle() {
    await vi.advanceTimersByTimeAsync(PARSE_DELAY_MS)
    await flushPromises()
  }

  it('reads the line once the typing pauses, only for the latest text', async () => {
    const store = useQuickAddStore()
    for (const prefix of ['W', 'Wr', 'Write report tomorrow 2h p1 #work']) store.setText(prefix)
    expect(store.reading).toBeNull()
    await settle()
    expect(server.requestsTo('POST', '/ai/parse')).toHaveLength(1) // debounced: one request
    expect(server.requestsTo('POST', '/ai/parse')[0]!.body).toEqual({ text: 'Write report tomorrow 2h p1 #work' })
    const draft = store.reading!.tasks[0]!
    expect(draft).toMatchObject({ title: 'Write report', duration_minutes: 120, priority: 1, category: 'work' })
    expect(draft.spans.map((s) => s.field)).toEqual(['due', 'duration', 'priority', 'category'])
  })

  it('drops a reading that arrives after the text changed, and aborts the stale request', async () => {
    const store = useQuickAddStore()
    const signals: AbortSignal[] = []
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
      if (init.signal) signals.push(init.signal)
      if (signals.length === 1) await gate // the first reading is slow
      return server.fetch(input, init)
    })
    store.setText('call mum today')
    await vi.advanceTimersByTimeAsync(PARSE_DELAY_MS)
    store.setText('call mum tomorrow')
    expect(signals[0]!.aborted).toBe(true)
    await settle()
    release()
    await flushPromises()
    expect(store.reading!.tasks[0]!.spans[0]!.text).toBe('tomorrow')
  })

  it('clears the reading for an empty line without asking', async () => {
    const store = useQuickAddStore()
    store.setText('buy milk')
    await settle()
    store.setText('   ')
    await settle()
    expect(store.reading).toBeNull()
    expect(server.requestsTo('POST', '/ai/parse')).toHaveLength(1)
  })

  it('creates the tasks on submit, clears the line and counts the change', async () => {
    const store = useQuickAddStore()
    store.setText('Write report tomorrow 2h p1 #work')
    expect(await store.submit()).toBe(true)
    const [task] = [...server.tasks.values()]
    expect(task).toMatchObject({ title: 'Write report', duration_minutes: 120, priority: 1 })
    expect(store.outcome).toMatchObject({ kind: 'added', message: 'Added “Write report”' })
    expect(store.text).toBe('')
    expect(store.changes).toBe(1)
    expect(server.requestsTo('POST', '/tasks/quick-add')[0]!.headers.get('Idempotency-Key')).toBeTruthy()
  })

  it('keeps the line and the same idempotency key when the add fails, and shows the error', async () => {
    const store = useQuickAddStore()
    store.setText('p2 #home')
    expect(await store.submit()).toBe(false)
    expect(store.submitError).toMatchObject({ status: 422 })
    expect(store.submitError!.fieldErrors('text')).toEqual(['No task found in the text.'])
    expect(store.text).toBe('p2 #home')
    await store.submit()
    const keys = server.requestsTo('POST', '/tasks/quick-add').map((r) => r.headers.get('Idempotency-Key'))
    expect(keys[0]).toBe(keys[1])
    store.setText('p2 #home again')
    expect(store.submitError).toBeNull()
  })

  it('runs slash commands through /ai/command and keeps the line when the task is not found', async () => {
    const store = useQuickAddStore()
    const owner = [...server.accounts.values()][0]!.user
    const task = server.seedTask(owner, { title: 'Write report' })
    store.setText('/done nothing like it')
    expect(await store.submit()).toBe(false)
    expect(store.outcome).toMatchObject({ kind: 'command', status: 'not_found' })
    expect(store.text).toBe('/done nothing like it')

    store.setText('/done report')
    expect(await store.submit()).toBe(true)
    expect(server.tasks.get(task.id)!.status).toBe('done')
    expect(store.outcome).toMatchObject({ status: 'done', message: 'done: Write report' })
    expect(store.changes).toBe(1)
  })
})
