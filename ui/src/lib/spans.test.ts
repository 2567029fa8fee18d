import { describe, expect, it } from 'vitest'

import { highlightSegments } from './spans'

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
