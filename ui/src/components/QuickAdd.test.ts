import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { PARSE_DELAY_MS } from '@/stores/quickAdd'
import type { FakeApi } from '@/test/fakeApi'
import { endSession, signedInWithFakeApi } from '@/test/session'

import QuickAdd from './QuickAdd.vue'

describe('QuickAdd', () => {
  let server: FakeApi
  let wrapper: VueWrapper

  beforeEach(async () => {
    ;({ server } = await signedInWithFakeApi())
    document.body.innerHTML = '<button id="elsewhere">elsewhere</button>'
    wrapper = mount(QuickAdd, { attachTo: document.body })
  })

  afterEach(() => {
    wrapper.unmount()
    endSession()
  })

  const field = () => wrapper.get<HTMLInputElement>('input')

  async function type(text: string) {
    await field().setValue(text)
    await new Promise((resolve) => setTimeout(resolve, PARSE_DELAY_MS + 10))
    await flushPromises()
  }

  it('is a field named "Quick add" that q focuses, unless one is typing elsewhere', async () => {
    const input = field().element
    expect(document.querySelector(`label[for="${input.id}"]`)!.textContent).toBe('Quick add')
    document.getElementById('elsewhere')!.focus()
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'q', bubbles: true }))
    expect(document.activeElement).toBe(input)

    const other = document.createElement('input')
    document.body.appendChild(other)
    other.focus()
    other.dispatchEvent(new KeyboardEvent('keydown', { key: 'q', bubbles: true }))
    expect(document.activeElement).toBe(other)
  })

  it('highlights what the interpreter read, live', async () => {
    await type('Write report tomorrow 2h p1 #work @deep every week')
    const marks = wrapper.findAll('mark')
    expect(marks.map((m) => [m.attributes('data-field'), m.text()])).toEqual([
      ['due', 'tomorrow'],
      ['duration', '2h'],
      ['priority', 'p1'],
      ['category', '#work'],
      ['tag', '@deep'],
      ['recurrence', 'every week'],
    ])
    const reading = wrapper.get('[data-testid="quick-add-reading"]').text()
    expect(reading).toContain('Write report')
    expect(reading).toContain('2 h')
    expect(reading).toContain('P1')
  })

  it("shows the parser's warnings", async () => {
    await type('call bob p7')
    expect(wrapper.get('[data-testid="warnings"]').text()).toContain('"p7" is not a priority')
  })

  it('creates the task on Enter and empties the field', async () => {
    await type('Write report tomorrow 2h p1 #work')
    await field().trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect([...server.tasks.values()].map((t) => t.title)).toEqual(['Write report'])
    expect(field().element.value).toBe('')
    expect(wrapper.get('[data-testid="quick-add-outcome"]').text()).toContain('Added “Write report”')
  })

  it('shows the API error next to the field and marks it invalid', async () => {
    await type('#work p2')
    await field().trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toBe('No task found in the text.')
    expect(field().attributes('aria-invalid')).toBe('true')
    expect(field().element.value).toBe('#work p2')
  })

  it('autocompletes slash commands with the arrow keys and Tab', async () => {
    await type('/p')
    expect(field().attributes('aria-expanded')).toBe('true')
    const options = () => wrapper.findAll('[role="option"]')
    expect(options()[0]!.text()).toContain('/pin')
    await field().trigger('keydown', { key: 'ArrowDown' })
    expect(field().attributes('aria-activedescendant')).toBe(options()[1]!.attributes('id'))
    expect(options()[1]!.attributes('aria-selected')).toBe('true')
    await field().trigger('keydown', { key: 'ArrowDown' })
    await field().trigger('keydown', { key: 'ArrowUp' })
    await field().trigger('keydown', { key: 'Tab' })
    expect(field().element.value).toBe('/plan ')
    expect(field().attributes('aria-expanded')).toBe('false')
  })

  it('/help lists the commands', async () => {
    await type('/help')
    await field().trigger('keydown', { key: 'Enter' })
    await flushPromises()
    const help = wrapper.get('[data-testid="quick-add-help"]').text()
    for (const usage of ['/done TASK', '/snooze TASK WHEN', '/plan', '/help']) expect(help).toContain(usage)
    expect(server.requestsTo('POST', '/ai/command')[0]!.body).toEqual({ text: '/help' })
  })

  it('runs a command and reports the answer', async () => {
    const owner = [...server.accounts.values()][0]!.user
    const task = server.seedTask(owner, { title: 'Water the plants' })
    await type('/done plants')
    await field().trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(server.tasks.get(task.id)!.status).toBe('done')
    expect(wrapper.get('[data-testid="quick-add-outcome"]').text()).toContain('done: Water the plants')
  })
})
