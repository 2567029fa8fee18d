import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { User } from '@/api'
import type { FakeApi } from '@/test/fakeApi'
import { endSession, mountAt, settle, signedInWithFakeApi } from '@/test/session'

import TaskView from './TaskView.vue'

describe('TaskView', () => {
  let server: FakeApi
  let user: User

  beforeEach(async () => {
    ;({ server, user } = await signedInWithFakeApi())
  })
  afterEach(endSession)

  it('shows one of your tasks at /tasks/:id', async () => {
    const task = server.seedTask(user, { title: 'Write report', duration_minutes: 120, tags: ['work'] })
    const wrapper = await mountAt(TaskView, `/tasks/${task.id}`)
    expect(wrapper.get('h1').text()).toBe('Write report')
    expect(wrapper.get('[data-testid="task-details"]').text()).toContain('2 h')
    expect(wrapper.text()).toContain('#work')
    wrapper.unmount()
  })

  it("answers another user's task as not found, like a missing one", async () => {
    const stranger = server.seedUser('eve@example.com', 'another password')
    const theirs = server.seedTask(stranger, { title: 'Private plans' })
    for (const id of [theirs.id, 'no-such-task']) {
      const wrapper = await mountAt(TaskView, `/tasks/${id}`)
      expect(wrapper.get('h1').text()).toBe('Task not found')
      expect(wrapper.text()).not.toContain('Private plans')
      wrapper.unmount()
    }
  })

  it('edits the title and notes, sending only what changed with If-Match', async () => {
    const task = server.seedTask(user, { title: 'Write report', notes: 'Old notes', duration_minutes: 60 })
    const wrapper = await mountAt(TaskView, `/tasks/${task.id}`)
    await wrapper.get('button[aria-expanded]').trigger('click')
    const form = wrapper.get('[data-testid="task-edit"]')
    await form.get('input[id$="-title"]').setValue('Write the report')
    await form.get('textarea[id$="-notes"]').setValue('Sections 1 to 3')
    await form.trigger('submit')
    await settle()
    const patch = server.requestsTo('PATCH', `/tasks/${task.id}`)
    expect(patch).toHaveLength(1)
    expect(patch[0]!.body).toEqual({ title: 'Write the report', notes: 'Sections 1 to 3' })
    expect(patch[0]!.headers.get('If-Match')).toBeTruthy()
    expect(wrapper.get('h1').text()).toBe('Write the report')
    expect(wrapper.get('[data-testid="task-details"]').text()).toContain('Sections 1 to 3')
    expect(wrapper.find('[data-testid="task-edit"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('completes and reopens the task, and lists its blocks in the plan', async () => {
    server.now = new Date().toISOString()
    const task = server.seedTask(user, { title: 'Plan the trip', duration_minutes: 30 })
    server.replan(user)
    const wrapper = await mountAt(TaskView, `/tasks/${task.id}`)
    expect(wrapper.findAll('[data-testid="task-blocks"] li')).toHaveLength(1)
    expect(wrapper.get('[data-testid="task-blocks"] a').attributes('href')).toMatch(/^\/week\?start=\d{4}-\d{2}-\d{2}$/)
    const toggle = wrapper.get('[data-testid="task-actions"] button')
    expect(toggle.text()).toBe('Complete')
    await toggle.trigger('click')
    await settle()
    expect(server.tasks.get(task.id)!.status).toBe('done')
    expect(wrapper.get('[data-testid="task-actions"] button').text()).toBe('Mark as not done')
    await wrapper.get('[data-testid="task-actions"] button').trigger('click')
    await settle()
    expect(server.tasks.get(task.id)!.status).toBe('todo')
    wrapper.unmount()
  })

  it('deletes after asking, then goes to the task list', async () => {
    const task = server.seedTask(user, { title: 'Old idea' })
    const wrapper = await mountAt(TaskView, `/tasks/${task.id}`)
    const buttons = () => wrapper.findAll('[data-testid="task-actions"] button')
    await buttons()
      .find((b) => b.text() === 'Delete')!
      .trigger('click')
    expect(server.tasks.has(task.id)).toBe(true) // it asks first
    await buttons()
      .find((b) => b.text() === 'Delete for good')!
      .trigger('click')
    await settle()
    expect(server.tasks.has(task.id)).toBe(false)
    await vi.waitFor(() => expect(wrapper.vm.$router.currentRoute.value.name).toBe('tasks')) // a lazy route
    wrapper.unmount()
  })

  it("lists a routine's occurrences with their status", async () => {
    const task = server.seedTask(user, { title: 'Water plants', recurrence: 'FREQ=WEEKLY;BYDAY=MO' })
    server.occurrences.set(task.id, [
      {
        occurrence: '2026-12-07T09:00',
        start: '2026-12-07T08:00:00Z',
        due: '2026-12-07T17:00:00Z',
        fixed_time: false,
        status: 'done',
        recorded_at: '2026-12-07T10:00:00Z',
      },
      {
        occurrence: '2026-12-14T09:00',
        start: '2026-12-14T08:00:00Z',
        due: '2026-12-14T17:00:00Z',
        fixed_time: false,
        status: 'open',
        recorded_at: null,
      },
    ])
    const wrapper = await mountAt(TaskView, `/tasks/${task.id}`)
    const items = wrapper.findAll('[data-testid="task-occurrences"] li')
    expect(items.map((li) => li.text())).toEqual([expect.stringContaining('Done'), expect.stringContaining('To do')])
    expect(wrapper.text()).toContain('Repeats')
    wrapper.unmount()
  })

  describe('time taken', () => {
    const actual = (wrapper: Awaited<ReturnType<typeof mountAt>>) => wrapper.get('[data-testid="task-actual"]')
    const click = async (wrapper: Awaited<ReturnType<typeof mountAt>>, text: string) => {
      await wrapper
        .findAll('button')
        .find((b) => b.text().startsWith(text))!
        .trigger('click')
      await settle()
    }

    it('asks in place after completing here, prefilled with the plan; saving reports it', async () => {
      const task = server.seedTask(user, { title: 'Write report', duration_minutes: 45 })
      const wrapper = await mountAt(TaskView, `/tasks/${task.id}`)
      expect(wrapper.find('[data-testid="task-actual"]').exists()).toBe(false) // not done yet
      await click(wrapper, 'Complete')
      const input = actual(wrapper).get<HTMLInputElement>('input')
      expect(wrapper.get(`label[for="${input.attributes('id')}"]`).text()).toBe('How long did it take?')
      expect(input.element.value).toBe('45')
      expect(document.activeElement).toBe(input.element)
      await input.setValue('1h10')
      await actual(wrapper).get('form').trigger('submit')
      await settle()
      expect(server.requestsTo('PATCH', `/tasks/${task.id}`).map((r) => r.body)).toEqual([
        { status: 'done' },
        { actual_minutes: 70 },
      ])
      expect(server.tasks.get(task.id)).toMatchObject({ actual_minutes: 70, actual_reported: true })
      expect(actual(wrapper).text()).toContain('1 h 10 min · planned 45 min (25 min over the plan)')
      wrapper.unmount()
    })

    it('skips: nothing is sent and it reads "Not reported", with a way to report later', async () => {
      const task = server.seedTask(user, { title: 'Write report', duration_minutes: 45 })
      const wrapper = await mountAt(TaskView, `/tasks/${task.id}`)
      await click(wrapper, 'Complete')
      await click(wrapper, 'Skip')
      expect(server.requestsTo('PATCH', `/tasks/${task.id}`)).toHaveLength(1)
      expect(actual(wrapper).text()).toContain('Not reported · planned 45 min')
      expect(document.activeElement?.textContent).toContain('Report')
      wrapper.unmount()
    })

    it('shows a reported time against the plan and changes it later, or forgets it', async () => {
      const task = server.seedTask(user, {
        title: 'Write report',
        duration_minutes: 60,
        status: 'done',
        actual_minutes: 50,
        actual_reported: true,
      })
      const wrapper = await mountAt(TaskView, `/tasks/${task.id}`)
      expect(actual(wrapper).text()).toContain('50 min · planned 1 h (10 min under the plan)')
      await click(wrapper, 'Change')
      const input = actual(wrapper).get<HTMLInputElement>('input')
      expect(input.element.value).toBe('50') // the reported value, not the plan
      await input.setValue('2h')
      await actual(wrapper).get('form').trigger('submit')
      await settle()
      expect(server.tasks.get(task.id)!.actual_minutes).toBe(120)
      expect(actual(wrapper).text()).toContain('2 h · planned 1 h (1 h over the plan)')
      await click(wrapper, 'Change')
      await click(wrapper, 'Forget it')
      expect(server.requestsTo('PATCH', `/tasks/${task.id}`).at(-1)!.body).toEqual({ actual_minutes: null })
      expect(server.tasks.get(task.id)).toMatchObject({ actual_minutes: null, actual_reported: false })
      expect(actual(wrapper).text()).toContain('Not reported')
      wrapper.unmount()
    })

    it("shows the API's refusal beside the field and keeps the form", async () => {
      const task = server.seedTask(user, { title: 'Write report', status: 'done' })
      const wrapper = await mountAt(TaskView, `/tasks/${task.id}`)
      await click(wrapper, 'Report')
      server.failPatch.set(task.id, {
        status: 422,
        errors: { actual_minutes: ['Must be greater than or equal to 1 and less than or equal to 10080.'] },
      })
      await actual(wrapper).get('input').setValue('90')
      await actual(wrapper).get('form').trigger('submit')
      await settle()
      expect(actual(wrapper).text()).toContain('Must be greater than or equal to 1')
      expect(actual(wrapper).get('input').attributes('aria-invalid')).toBe('true')
      wrapper.unmount()
    })
  })
})
