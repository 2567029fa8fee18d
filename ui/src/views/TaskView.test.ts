import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { User } from '@/api'
import type { FakeApi } from '@/test/fakeApi'
import { endSession, mountAt, signedInWithFakeApi } from '@/test/session'

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
})
