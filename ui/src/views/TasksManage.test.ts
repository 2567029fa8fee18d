import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { User } from '@/api'
import type { FakeApi } from '@/test/fakeApi'
import { endSession, mountAt, signedInWithFakeApi } from '@/test/session'

import TasksView from './TasksView.vue'

/** /tasks beyond the basics: filters, inline edit, bulk complete, categories and tags, routines. */
describe('TasksView: filters, editing, bulk actions, catalog, routines', () => {
  let server: FakeApi
  let me: User

  beforeEach(async () => {
    ;({ server, user: me } = await signedInWithFakeApi())
  })
  afterEach(endSession)

  const titles = (wrapper: Awaited<ReturnType<typeof mountAt>>) =>
    wrapper.findAll('[data-testid="task-item"] p[id$="-title"]').map((p) => p.text())

  it('searches (Enter sends at once) and filters by tag, showing an empty state when nothing matches', async () => {
    server.seedTask(me, { title: 'Quarterly report', tags: ['work'] })
    server.seedTask(me, { title: 'Buy milk', tags: ['home'] })
    server.tags.set('t1', { id: 't1', name: 'home', created_at: server.now, owner: me.id })
    const wrapper = await mountAt(TasksView, '/tasks')
    expect(titles(wrapper).sort()).toEqual(['Buy milk', 'Quarterly report'])

    const search = wrapper.get('input[type="search"]')
    await search.setValue('report')
    await search.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(titles(wrapper)).toEqual(['Quarterly report'])

    await wrapper.get('select[id$="-tag"]').setValue('home')
    await flushPromises()
    expect(wrapper.text()).toContain('No tasks match')

    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Clear filters')!
      .trigger('click')
    await flushPromises()
    expect(titles(wrapper)).toHaveLength(2)
    expect((search.element as HTMLInputElement).value).toBe('')
    wrapper.unmount()
  })

  it('edits a task inline and shows the API’s error next to the field that caused it', async () => {
    const task = server.seedTask(me, { title: 'Draft', duration_minutes: 30 })
    const wrapper = await mountAt(TasksView, '/tasks')
    await wrapper.get('button[aria-label="Edit “Draft”"]').trigger('click')
    const form = wrapper.get('[data-testid="task-edit"]')
    expect(document.activeElement?.id).toMatch(/-title$/) // focus goes to the first field

    server.failPatch.set(task.id, { status: 422, errors: { duration_minutes: ['Must be at most 10080 minutes.'] } })
    await form.get('input[id$="-duration"]').setValue('20000')
    await form.trigger('submit')
    await flushPromises()
    const duration = form.get('input[id$="-duration"]')
    expect(duration.attributes('aria-invalid')).toBe('true')
    const describedBy = duration.attributes('aria-describedby')!
    expect(wrapper.get(`[id="${describedBy.split(' ')[0]}"]`).text()).toBe('Must be at most 10080 minutes.')
    expect(form.find('[role="alert"]').exists()).toBe(true) // the summary, without repeating the field
    expect(form.get('[role="alert"]').text()).not.toContain('duration_minutes')

    server.failPatch.delete(task.id)
    await form.get('input[id$="-title"]').setValue('Draft the Q3 report')
    await form.get('input[id$="-duration"]').setValue('90')
    await form.get('input[id$="-tags"]').setValue('work, q3')
    await form.get('select[id$="-priority"]').setValue('1')
    await form.trigger('submit')
    await flushPromises()
    expect(server.tasks.get(task.id)).toMatchObject({
      title: 'Draft the Q3 report',
      duration_minutes: 90,
      priority: 1,
      tags: ['work', 'q3'],
    })
    const patch = server.requestsTo('PATCH', `/tasks/${task.id}`).at(-1)!
    expect(Object.keys(patch.body as object).sort()).toEqual(['duration_minutes', 'priority', 'tags', 'title'])
    expect(wrapper.find('[data-testid="task-edit"]').exists()).toBe(false)
    expect(titles(wrapper)).toEqual(['Draft the Q3 report'])
    wrapper.unmount()
  })

  it('checks the title before sending an edit', async () => {
    server.seedTask(me, { title: 'Keep me' })
    const wrapper = await mountAt(TasksView, '/tasks')
    await wrapper.get('button[aria-label="Edit “Keep me”"]').trigger('click')
    const form = wrapper.get('[data-testid="task-edit"]')
    await form.get('input[id$="-title"]').setValue('  ')
    await form.trigger('submit')
    await flushPromises()
    expect(form.text()).toContain('Give the task a title.')
    expect(server.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0)
    wrapper.unmount()
  })

  it('completes the selected tasks and lists the ones that failed', async () => {
    const a = server.seedTask(me, { title: 'One', due: '2026-12-01T00:00:00Z' })
    const b = server.seedTask(me, { title: 'Two', due: '2026-12-02T00:00:00Z' })
    server.seedTask(me, { title: 'Three', due: '2026-12-03T00:00:00Z' })
    const wrapper = await mountAt(TasksView, '/tasks')
    const button = () => wrapper.findAll('button').find((x) => x.text().startsWith('Complete selected'))!
    expect(button().attributes('disabled')).toBeDefined()

    await wrapper.get('input[aria-label="Select “One”"]').setValue(true)
    await wrapper.get('input[aria-label="Select “Two”"]').setValue(true)
    expect(button().text()).toBe('Complete selected (2)')
    server.failPatch.set(b.id, { status: 409, detail: 'The task changed meanwhile.' })
    await button().trigger('click')
    await flushPromises()

    expect(server.tasks.get(a.id)!.status).toBe('done')
    expect(titles(wrapper)).toEqual(['Two', 'Three'])
    expect(wrapper.get('[data-testid="bulk-failures"]').text()).toContain('“Two”: The task changed meanwhile.')
    expect((wrapper.get('input[aria-label="Select “Two”"]').element as HTMLInputElement).checked).toBe(true)

    server.failPatch.delete(b.id)
    await wrapper.get('[data-testid="bulk-bar"] input[type="checkbox"]').setValue(true) // select all
    await button().trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain('Nothing to do')
    wrapper.unmount()
  })

  it('manages categories and tags, showing a conflict under the name that caused it', async () => {
    const wrapper = await mountAt(TasksView, '/tasks')
    const categories = wrapper.get('section[aria-labelledby="catalog-heading"] section')
    const newName = categories.get('input')
    await newName.setValue('Work')
    await categories.get('form').trigger('submit')
    await flushPromises()
    expect([...server.categories.values()].map((c) => c.name)).toEqual(['Work'])
    expect(categories.get('ul').text()).toContain('Work')

    await newName.setValue('work')
    await categories.get('form').trigger('submit')
    await flushPromises()
    expect(newName.attributes('aria-invalid')).toBe('true')
    expect(categories.get('[role="alert"]').text()).toContain("'work' already exists")

    await categories
      .findAll('button')
      .find((b) => b.text().startsWith('Rename'))!
      .trigger('click')
    const rename = categories.get('input[id*="-rename-"]')
    await rename.setValue('Office')
    await rename.element.closest('form')!.dispatchEvent(new Event('submit'))
    await flushPromises()
    expect([...server.categories.values()].map((c) => c.name)).toEqual(['Office'])

    await categories
      .findAll('button')
      .find((b) => b.text().startsWith('Delete'))!
      .trigger('click')
    expect(server.categories.size).toBe(1) // asks first
    await categories
      .findAll('button')
      .find((b) => b.text().startsWith('Delete'))!
      .trigger('click')
    await flushPromises()
    expect(server.categories.size).toBe(0)
    wrapper.unmount()
  })

  it('lists routines with their rule in words', async () => {
    server.seedTask(me, { title: 'Water plants', recurrence: 'FREQ=WEEKLY;BYDAY=MO,TH' })
    server.seedTask(me, { title: 'One-off' })
    const wrapper = await mountAt(TasksView, '/tasks')
    const routines = wrapper.get('[data-testid="routines"]')
    expect(routines.text()).toContain('Water plants')
    expect(routines.text()).toContain('Every week on Monday and Thursday')
    expect(routines.text()).not.toContain('One-off')
    expect(server.requestsTo('GET', '/tasks').some((r) => r.query.get('recurring') === 'true')).toBe(true)
    wrapper.unmount()
  })
})
