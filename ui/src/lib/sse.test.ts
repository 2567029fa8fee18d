import { describe, expect, it } from 'vitest'

import { backoffDelay, SseParser } from './sse'

describe('SseParser', () => {
  it('parses events split across chunks, skipping comments and the preamble', () => {
    const parser = new SseParser()
    expect(parser.push('retry: 3000\n\n: keep-alive\n\nid: 2026-12-01T10:00:00+00:00\nevent: notif')).toEqual([])
    expect(parser.retry).toBe(3000)
    const events = parser.push('ication\ndata: {"a":\ndata: 1}\n\n')
    expect(events).toEqual([{ id: '2026-12-01T10:00:00+00:00', event: 'notification', data: '{"a":\n1}' }])
    expect(parser.lastEventId).toBe('2026-12-01T10:00:00+00:00')
  })

  it('accepts CRLF split between chunks and CR line ends', () => {
    const parser = new SseParser()
    expect(parser.push('data: one\r')).toEqual([])
    expect(parser.push('\n\r\ndata: two\r\rdata: three')).toEqual([
      { id: null, event: 'message', data: 'one' },
      { id: null, event: 'message', data: 'two' },
    ])
  })

  it('keeps the last id for events without one', () => {
    const parser = new SseParser()
    parser.push('id: 7\ndata: a\n\n')
    expect(parser.push('data: b\n\n')).toEqual([{ id: '7', event: 'message', data: 'b' }])
  })
})

describe('backoffDelay', () => {
  it('doubles from one second up to the cap, with bounded jitter', () => {
    const none = () => 0
    expect([0, 1, 2, 3, 10].map((n) => backoffDelay(n, none))).toEqual([1000, 2000, 4000, 8000, 30_000])
    expect(backoffDelay(0, () => 1)).toBe(1200)
  })
})
