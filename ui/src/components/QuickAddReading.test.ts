import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'

import type { ParseResult } from '@/api'

import QuickAddReading from './QuickAddReading.vue'

const TEXT = 'call bob next friday at 7 on thanksgiving'

function reading(): ParseResult {
  return {
    engine: 'rules',
    command: null,
    tasks: [
      {
        title: 'call bob on thanksgiving',
        due: null,
        start: '2026-12-11T19:00:00-05:00',
        duration_minutes: null,
        priority: null,
        tags: [],
        category: null,
        recurrence: null,
        spans: [
          { field: 'start', start: 9, end: 20, text: 'next friday' },
          { field: 'start', start: 21, end: 25, text: 'at 7' },
        ],
      },
    ],
    warnings: [
      "'next friday' read as Fri Dec 11 2026, not Fri Dec 4 2026",
      "'thanksgiving' is not a public holiday in GB",
      'a model note',
    ],
    warning_spans: [
      { code: 'next_weekday', message: "'next friday' read as Fri Dec 11 2026, not Fri Dec 4 2026", start: 9, end: 20 },
      { code: 'holiday_elsewhere', message: "'thanksgiving' is not a public holiday in GB", start: 29, end: 41 },
    ],
  }
}

describe('QuickAddReading', () => {
  it('underlines the parts a warning is about, read or left in the title, with the message as tooltip', () => {
    const wrapper = mount(QuickAddReading, { props: { text: TEXT, reading: reading() } })
    const warned = wrapper.findAll('[data-warning]')
    expect(warned.map((w) => [w.element.tagName, w.attributes('data-warning'), w.text()])).toEqual([
      ['MARK', 'next_weekday', 'next friday'],
      ['SPAN', 'holiday_elsewhere', 'thanksgiving'],
    ])
    expect(warned[0]!.attributes('title')).toContain('read as Fri Dec 11 2026')
    expect(wrapper.get('mark[data-field="start"]:not([data-warning])').text()).toBe('at 7')
  })

  it('lists every message, quoting the words a placed warning is about', () => {
    const wrapper = mount(QuickAddReading, { props: { text: TEXT, reading: reading() } })
    const items = wrapper.findAll('[data-testid="warnings"] li')
    expect(items.map((li) => li.attributes('data-code') ?? null)).toEqual(['next_weekday', 'holiday_elsewhere', null])
    expect(items[1]!.get('q').text()).toBe('thanksgiving')
    expect(items[2]!.find('q').exists()).toBe(false)
    expect(items[2]!.text()).toContain('a model note')
  })

  it('reads a server without warning_spans as before', () => {
    const old = { ...reading(), warning_spans: undefined } as unknown as ParseResult
    const wrapper = mount(QuickAddReading, { props: { text: TEXT, reading: old } })
    expect(wrapper.findAll('[data-warning]')).toHaveLength(0)
    expect(wrapper.findAll('[data-testid="warnings"] li')).toHaveLength(3)
  })
})
