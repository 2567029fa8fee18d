import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'

import type { User } from '@/api'
import { createAppRouter } from '@/router'
import { useAuthStore } from '@/stores/auth'
import { useQuickAddStore } from '@/stores/quickAdd'
import { FakeApi } from '@/test/fakeApi'

import TasksView from './TasksView.vue'

describe('TasksView', () => {
  let server: FakeApi
  let me: User

  beforeEach(async () => {
    localStorage.clear()
    server = new FakeApi()
    vi.stubGlobal('fetch', server.fetch)
    setActivePinia(createPinia())
    me = server.seedUser('ana@example.com', 'a long password')
    await useAuthStore().login({ email: 'ana@example.com', password: 'a long password' })
  })

  afterEach(() => {
    useAuthStore().$dispose()
    vi.unstubAllGlobals()
  })

  async function render() {
    const router = createAppRouter(createMemoryHistory())
    await router.push('/tasks')
    const wrapper = mount(TasksView, { global: { plugins: [router] }, attachTo: document.body })
    await flushPromises()
    return wrapper
  }

  it('shows a task added through quick add', async () => {
    const wrapper = await render()
    const quickAdd = useQuickAddStore()
    quickAdd.setText('Call the bank tomorrow p2')
    await quickAdd.submit()
    await flushPromises()
    expect(wrapper.get('[data-testid="task-item"]').text()).toContain('Call the bank')
    wrapper.unmount()
  })

  it('shows the empty state', async () => {
    const wrapper = await render()
    expect(wrapper.text()).toContain('Nothing to do')
    expect(wrapper.text()).toContain('0 tasks to do')
    wrapper.unmount()
  })

  it('lists tasks with priority, due date and tags', async () => {
    server.seedTask(me, {
      title: 'Draft Q3 report',
      priority: 1,
      tags: ['work'],
      due: '2026-12-01T17:00:00Z',
      duration_minutes: 180,
    })
    const wrapper = await render()
    const item = wrapper.get('[data-testid="task-item"]')
    expect(item.text()).toContain('Draft Q3 report')
    expect(item.text()).toContain('P1')
    expect(item.text()).toContain('#work')
    expect(item.text()).toContain('3 h')
    expect(item.find('time').attributes('datetime')).toBe('2026-12-01T17:00:00Z')
    wrapper.unmount()
  })

  it('creates a task from the form', async () => {
    const wrapper = await render()
    await wrapper.get('input[id$="-title"]').setValue('Call the bank')
    await wrapper.get('input[id$="-tags"]').setValue('errands, #home')
    await wrapper.get('select[id$="-priority"]').setValue('2')
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    const [task] = [...server.tasks.values()]
    expect(task).toMatchObject({ title: 'Call the bank', priority: 2, tags: ['errands', 'home'] })
    expect(wrapper.findAll('[data-testid="task-item"]')).toHaveLength(1)
    expect((wrapper.get('input[id$="-title"]').element as HTMLInputElement).value).toBe('')
    wrapper.unmount()
  })

  it('sends the API default priority, P4, unless another is chosen', async () => {
    const wrapper = await render()
    expect((wrapper.get('select[id$="-priority"]').element as HTMLSelectElement).value).toBe('4')
    await wrapper.get('input[id$="-title"]').setValue('Water the plants')
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect([...server.tasks.values()][0]).toMatchObject({ title: 'Water the plants', priority: 4 })
    wrapper.unmount()
  })

  it('does not send a task without a title', async () => {
    const wrapper = await render()
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(server.requestsTo('POST', '/tasks')).toHaveLength(0)
    expect(wrapper.text()).toContain('Give the task a title.')
    expect(wrapper.get('input[id$="-title"]').attributes('aria-invalid')).toBe('true')
    wrapper.unmount()
  })

  it('marks a task complete and deletes another after confirming', async () => {
    const a = server.seedTask(me, { title: 'Finish me', due: '2026-12-01T00:00:00Z' })
    const b = server.seedTask(me, { title: 'Delete me', due: '2026-12-02T00:00:00Z' })
    const wrapper = await render()

    await wrapper.get('button[aria-label="Mark “Finish me” complete"]').trigger('click')
    await flushPromises()
    expect(server.tasks.get(a.id)!.status).toBe('done')
    expect(wrapper.text()).not.toContain('Finish me')

    await wrapper.get('button[aria-label="Delete “Delete me”"]').trigger('click')
    expect(server.tasks.has(b.id)).toBe(true) // asks first
    const confirm = wrapper.findAll('button').find((btn) => btn.text().startsWith('Delete'))!
    await confirm.trigger('click')
    await flushPromises()
    expect(server.tasks.has(b.id)).toBe(false)
    expect(wrapper.text()).toContain('Nothing to do')
    wrapper.unmount()
  })

  it('shows problem details when the list cannot load', async () => {
    server.offline = true
    const wrapper = await render()
    const list = () => wrapper.get('section[aria-labelledby="task-list-heading"]')
    expect(list().get('[role="alert"]').text()).toContain('Could not reach the Planloom server')
    server.offline = false
    await list().get('[role="alert"] button').trigger('click')
    await flushPromises()
    expect(list().find('[role="alert"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('keeps keyboard focus in the list when a completed task leaves it', async () => {
    server.seedTask(me, { title: 'First', due: '2026-12-01T00:00:00Z' })
    server.seedTask(me, { title: 'Second', due: '2026-12-02T00:00:00Z' })
    const wrapper = await render()

    const button = wrapper.get('button[aria-label="Mark “First” complete"]')
    ;(button.element as HTMLButtonElement).focus()
    await button.trigger('click')
    await flushPromises()

    expect(wrapper.text()).not.toContain('First')
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Mark “Second” complete')
    wrapper.unmount()
  })
})
