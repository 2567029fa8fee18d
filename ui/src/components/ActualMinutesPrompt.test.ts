import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'

import type { User } from '@/api'
import { useActualPromptStore } from '@/stores/actualPrompt'
import { useQuickAddStore } from '@/stores/quickAdd'
import { useScheduleStore } from '@/stores/schedule'
import type { FakeApi } from '@/test/fakeApi'
import { endSession, mountAt, settle, signedInWithFakeApi } from '@/test/session'
import TasksView from '@/views/TasksView.vue'

import ActualMinutesPrompt from './ActualMinutesPrompt.vue'

/** The task list with the app's prompt beside it, as App.vue renders them. */
const ListWithPrompt = defineComponent({ render: () => [h(TasksView), h(ActualMinutesPrompt)] })

describe('ActualMinutesPrompt', () => {
  let server: FakeApi
  let user: User

  beforeEach(async () => {
    localStorage.clear()
    ;({ server, user } = await signedInWithFakeApi())
  })
  afterEach(() => {
    document.body.innerHTML = '' // a failed test leaves no prompt behind
    endSession()
  })

  async function completeInList(title: string, fields: Record<string, unknown> = {}) {
    const task = server.seedTask(user, { title, duration_minutes: 45, ...fields })
    const wrapper = await mountAt(ListWithPrompt, '/tasks')
    const complete = wrapper.get<HTMLButtonElement>(`button[aria-label="Mark “${title}” complete"]`)
    complete.element.focus()
    await complete.trigger('click')
    await settle()
    return { task, wrapper }
  }

  const prompt = () => document.querySelector<HTMLElement>('[data-testid="actual-prompt"]')
  const field = () => prompt()!.querySelector<HTMLInputElement>('input[type="text"]')!
  const button = (name: string) =>
    [...prompt()!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim().startsWith(name))!
  const patches = (id: string) => server.requestsTo('PATCH', `/tasks/${id}`).map((r) => r.body)

  it('asks after a task is completed in the list, labelled, prefilled with the plan and focused', async () => {
    const { wrapper } = await completeInList('Write report')
    expect(prompt()).not.toBeNull()
    expect(prompt()!.getAttribute('role')).toBe('dialog')
    expect(prompt()!.textContent).toContain('Done: “Write report”')
    const input = field()
    expect(document.querySelector(`label[for="${input.id}"]`)!.textContent).toContain('How long did it take?')
    expect(input.value).toBe('45')
    expect(document.activeElement).toBe(input)
    expect(prompt()!.textContent).toContain('Planned 45 min')
    wrapper.unmount()
  })

  it('reads "1h30" as 90 minutes and PATCHes actual_minutes; the task is then reported', async () => {
    const { task, wrapper } = await completeInList('Write report')
    const input = field()
    input.value = '1h30'
    input.dispatchEvent(new Event('input'))
    await settle()
    expect(prompt()!.querySelector('[data-testid="actual-hint"]')!.textContent).toContain('1 h 30 min')
    prompt()!.querySelector('form')!.dispatchEvent(new Event('submit'))
    await settle()
    expect(patches(task.id)).toEqual([{ status: 'done' }, { actual_minutes: 90 }])
    // Unguarded: the report sets one value the person states (the plan may have completed it meanwhile).
    expect(server.requestsTo('PATCH', `/tasks/${task.id}`)[1]!.headers.get('If-Match')).toBeNull()
    expect(server.tasks.get(task.id)).toMatchObject({ actual_minutes: 90, actual_reported: true })
    expect(prompt()).toBeNull()
    expect(useActualPromptStore().reported?.actual_minutes).toBe(90)
    wrapper.unmount()
  })

  it('takes plain minutes and the quick picks', async () => {
    const { task, wrapper } = await completeInList('Write report')
    button('+30').click()
    await settle()
    expect(field().value).toBe('75')
    button('−15').click()
    await settle()
    expect(field().value).toBe('60')
    button('As planned').click()
    await settle()
    expect(field().value).toBe('45')
    field().value = '90'
    field().dispatchEvent(new Event('input'))
    button('Save').click()
    await settle()
    expect(patches(task.id).at(-1)).toEqual({ actual_minutes: 90 })
    wrapper.unmount()
  })

  it('refuses what it cannot read without asking the server', async () => {
    const { task, wrapper } = await completeInList('Write report')
    field().value = 'a while'
    field().dispatchEvent(new Event('input'))
    button('Save').click()
    await settle()
    expect(prompt()!.textContent).toContain('Enter minutes (90) or hours and minutes (1h30).')
    expect(field().getAttribute('aria-invalid')).toBe('true')
    expect(patches(task.id)).toEqual([{ status: 'done' }])
    wrapper.unmount()
  })

  it("shows the API's refusal: a field error beside the field, any other problem above", async () => {
    const { task, wrapper } = await completeInList('Write report')
    server.failPatch.set(task.id, { status: 422, errors: { actual_minutes: ['only a done task has actual minutes'] } })
    button('Save').click()
    await settle()
    expect(field().getAttribute('aria-invalid')).toBe('true')
    expect(prompt()!.textContent).toContain('only a done task has actual minutes')
    server.failPatch.set(task.id, { status: 409, detail: 'The task changed meanwhile.' })
    button('Save').click()
    await settle()
    expect(prompt()!.querySelector('[role="alert"]')!.textContent).toContain('The task changed meanwhile.')
    expect(prompt()).not.toBeNull() // still there to try again
    wrapper.unmount()
  })

  it('skips without a request, gives the focus back, and does not ask about that task again', async () => {
    const { task, wrapper } = await completeInList('Write report')
    button('Skip').click()
    await settle()
    expect(prompt()).toBeNull()
    expect(patches(task.id)).toEqual([{ status: 'done' }])
    expect(document.activeElement?.id).toBe('page-heading')
    useActualPromptStore().offer(server.tasks.get(task.id)! as never)
    await settle()
    expect(prompt()).toBeNull()
    wrapper.unmount()
  })

  it('skips on Escape', async () => {
    const { wrapper } = await completeInList('Write report')
    field().dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await settle()
    expect(prompt()).toBeNull()
    wrapper.unmount()
  })

  it('does not ask about a task whose time is already reported, nor once told not to ask', async () => {
    const store = useActualPromptStore()
    const reported = server.seedTask(user, { status: 'done', actual_minutes: 20, actual_reported: true })
    await store.offer(reported)
    expect(store.task).toBeNull()
    const { wrapper } = await completeInList('Write report')
    server.preferences.set(user.id, { ...server.preferencesOf(user), buffer_minutes: 25 })
    button('Don’t ask again').click()
    await settle()
    expect(prompt()).toBeNull()
    // Saved to the account, every other preference as stored now (changed elsewhere since this page loaded).
    expect(server.requestsTo('PUT', '/users/me/preferences').map((r) => r.body)).toEqual([
      expect.objectContaining({ ask_actual_minutes: false, buffer_minutes: 25 }),
    ])
    expect(server.preferences.get(user.id)).toMatchObject({ ask_actual_minutes: false })
    await store.offer(server.seedTask(user, { status: 'done' }))
    expect(store.task).toBeNull()
    expect(await store.setAsking(true)).toBe(true)
    expect(server.preferences.get(user.id)).toMatchObject({ ask_actual_minutes: true })
    wrapper.unmount()
  })

  it('takes the account’s choice made on another device, and moves this browser’s old choice to the account', async () => {
    server.preferences.set(user.id, { ...server.preferencesOf(user), ask_actual_minutes: false })
    const { wrapper } = await completeInList('Write report')
    expect(prompt()).toBeNull()
    wrapper.unmount()
    endSession()
    localStorage.setItem('planloom.askActualMinutes', 'off') // where the choice was kept before
    ;({ server, user } = await signedInWithFakeApi())
    const again = await completeInList('Plan trip')
    expect(prompt()).toBeNull()
    expect(server.preferences.get(user.id)).toMatchObject({ ask_actual_minutes: false })
    expect(localStorage.getItem('planloom.askActualMinutes')).toBeNull()
    again.wrapper.unmount()
  })

  it('asks after /done in quick add and after Complete in the plan', async () => {
    const store = useActualPromptStore()
    const slashed = server.seedTask(user, { title: 'Water plants' })
    const quickAdd = useQuickAddStore()
    quickAdd.setText('/done water plants')
    expect(await quickAdd.submit()).toBe(true)
    await settle() // the account's choice is loaded first
    expect(store.task?.id).toBe(slashed.id)
    store.skip()
    const planned = server.seedTask(user, { title: 'Call the bank' })
    await useScheduleStore().completeTask(planned)
    await settle()
    expect(store.task?.id).toBe(planned.id)
  })
})
