/**
 * A Server-Sent Events parser for streams read with `fetch` (EventSource cannot send the
 * `Authorization` header the API asks for). Feed it decoded text as it arrives; it returns the
 * complete events and keeps the rest for the next chunk. Follows the WHATWG event-stream rules:
 * lines end in LF, CR or CRLF; `:` starts a comment; a blank line dispatches; `data` lines join with LF.
 */
export interface SseEvent {
  id: string | null
  event: string
  data: string
}

export class SseParser {
  private buffer = ''
  private data: string[] = []
  private event = ''
  private id: string | null = null
  /** The last event id seen (kept across events, as EventSource does), for `Last-Event-ID`. */
  lastEventId: string | null = null
  /** The server's `retry:` advice in milliseconds, if any. */
  retry: number | null = null

  push(chunk: string): SseEvent[] {
    this.buffer += chunk
    const events: SseEvent[] = []
    let match: RegExpExecArray | null
    const eol = /\r\n|\r|\n/g
    let start = 0
    while ((match = eol.exec(this.buffer))) {
      // A lone CR at the very end may be the first half of a CRLF split across chunks: wait.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) break
      const line = this.buffer.slice(start, match.index)
      start = match.index + match[0].length
      const event = this.line(line)
      if (event) events.push(event)
    }
    this.buffer = this.buffer.slice(start)
    return events
  }

  private line(line: string): SseEvent | null {
    if (line === '') return this.dispatch()
    if (line.startsWith(':')) return null
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    let value = colon === -1 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'data') this.data.push(value)
    else if (field === 'event') this.event = value
    else if (field === 'id' && !value.includes('\0')) this.id = value
    else if (field === 'retry' && /^\d+$/.test(value)) this.retry = Number(value)
    return null
  }

  private dispatch(): SseEvent | null {
    if (this.id !== null) this.lastEventId = this.id
    const hadData = this.data.length > 0
    const event: SseEvent = { id: this.lastEventId, event: this.event || 'message', data: this.data.join('\n') }
    this.data = []
    this.event = ''
    this.id = null
    return hadData ? event : null
  }
}

/** Delay before reconnect attempt `attempt` (0-based): 1 s, 2 s, 4 s ... capped, with up to 20% jitter. */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  baseMs = 1000,
  capMs = 30_000,
): number {
  const plain = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt))
  return Math.round(plain * (1 + 0.2 * random()))
}
