import { describe, expect, it } from 'vitest'

import { highlightSegments, markWarnings } from './spans'

describe('highlightSegments', () => {
  it('cuts the text at the spans, keeping the plain parts', () => {
    const text = 'Write report tomorrow 2h p1 #work'
    const segments = highlightSegments(text, [
      { field: 'duration', start: 22, end: 24, text: '2h' },
      { field: 'due', start: 13, end: 21, text: 'tomorrow' },
      { field: 'priority', start: 25, end: 27, text: 'p1' },
      { field: 'category', start: 28, end: 33, text: '#work' },
    ])
    expect(segments).toEqual([
      { text: 'Write report ', field: null },
      { text: 'tomorrow', field: 'due' },
      { text: ' ', field: null },
      { text: '2h', field: 'duration' },
      { text: ' ', field: null },
      { text: 'p1', field: 'priority' },
      { text: ' ', field: null },
      { text: '#work', field: 'category' },
    ])
    expect(segments.map((s) => s.text).join('')).toBe(text)
  })

  it('counts offsets in code points, as Python does', () => {
    const text = '🎉 party friday'
    // Python: '🎉' is one character, so 'friday' is [8, 14).
    const segments = highlightSegments(text, [{ field: 'due', start: 8, end: 14, text: 'friday' }])
    expect(segments).toEqual([
      { text: '🎉 party ', field: null },
      { text: 'friday', field: 'due' },
    ])
  })

  it('skips overlapping, empty and out-of-range spans, and unknown fields read as plain', () => {
    const segments = highlightSegments('abc def', [
      { field: 'due', start: 0, end: 3, text: 'abc' },
      { field: 'tag', start: 2, end: 5, text: 'c d' },
      { field: 'tag', start: 4, end: 4, text: '' },
      { field: 'tag', start: 5, end: 99, text: '?' },
      { field: 'mood', start: 4, end: 7, text: 'def' },
    ])
    expect(segments).toEqual([
      { text: 'abc', field: 'due' },
      { text: ' def', field: null },
    ])
  })
})

describe('markWarnings', () => {
  const text = 'call bob next friday at 7'
  const spans = [
    { field: 'start', start: 9, end: 20, text: 'next friday' },
    { field: 'start', start: 21, end: 25, text: 'at 7' },
  ]

  it('marks the parts a warning is about, cutting plain and read parts where it starts and ends', () => {
    const segments = markWarnings(highlightSegments(text, spans), [
      { code: 'next_weekday', message: 'm1', start: 9, end: 20 },
      { code: 'assumed_am_pm', message: 'm2', start: 24, end: 25 },
      { code: 'holiday_elsewhere', message: 'm3', start: 0, end: 4 },
    ])
    expect(segments).toEqual([
      { text: 'call', field: null, warning: 'holiday_elsewhere' },
      { text: ' bob ', field: null },
      { text: 'next friday', field: 'start', warning: 'next_weekday' },
      { text: ' ', field: null },
      { text: 'at ', field: 'start' },
      { text: '7', field: 'start', warning: 'assumed_am_pm' },
    ])
    expect(segments.map((s) => s.text).join('')).toBe(text)
  })

  it('leaves the segments alone for warnings about the whole text or out of range', () => {
    const plain = highlightSegments(text, spans)
    expect(
      markWarnings(plain, [
        { code: 'model_unavailable', message: 'm', start: null, end: null },
        { code: 'in_past', message: 'm', start: 40, end: 40 },
      ]),
    ).toEqual(plain)
  })

  it('counts offsets in code points', () => {
    const emoji = '🎉 party on 3/4'
    const segments = markWarnings(highlightSegments(emoji, []), [
      { code: 'ambiguous_date_order', message: 'm', start: 8, end: 14 },
    ])
    expect(segments.find((s) => s.warning)?.text).toBe('on 3/4')
  })
})
