import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { User } from '@/api'
import type { FakeApi } from '@/test/fakeApi'
import { endSession, settle, signedInWithFakeApi } from '@/test/session'

import { useNotificationsStore } from './notifications'

describe('notifications store (bell)', () => {
  let server: FakeApi
  let me: User

  beforeEach(async () => {
    ;({ server, user: me } = await signedInWithFakeApi())
  })
  afterEach(() => {
    useNotificationsStore().stop()
    vi.useRealTimers()
    endSession()
  })

  it('loads the inbox with its unread count, then takes new notifications from the live stream', async () => {
    server.notify(me, { title: 'Old, read', read_at: server.now })
    server.notify(me, { title: 'Old, unread' })
    const bell = useNotificationsStore()
    bell.start()
    await settle()

    expect(bell.items.map((n) => n.title)).toEqual(['Old, unread', 'Old, read'])
    expect(bell.unread).toBe(1)
    expect(server.streams.size).toBe(1)
    const opened = server.requestsTo('GET', '/notifications/stream')[0]!
    expect(opened.headers.get('Authorization')).toMatch(/^Bearer /) // fetch, not EventSource: the token goes along
    expect(opened.headers.get('Last-Event-ID')).toBe(bell.items[0]!.created_at) // nothing between load and stream

    server.notify(me, { title: 'Write report starts in 10 minutes' })
    await settle()
    expect(bell.items[0]!.title).toBe('Write report starts in 10 minutes')
    expect(bell.unread).toBe(2)
    expect(bell.live).toBe('open')
  })

  it('marks one read (and unread again), and all read', async () => {
    const a = server.notify(me, { title: 'A' })
    server.notify(me, { title: 'B' })
    const bell = useNotificationsStore()
    await bell.load()
    expect(bell.unread).toBe(2)

    await bell.markRead(a.id)
    expect(bell.unread).toBe(1)
    expect(server.notifications.get(a.id)!.read_at).not.toBeNull()
    await bell.markRead(a.id, false)
    expect(bell.unread).toBe(2)

    await bell.markAllRead()
    expect(bell.unread).toBe(0)
    expect([...server.notifications.values()].every((n) => n.read_at)).toBe(true)
    expect(bell.items.every((n) => n.read_at)).toBe(true)
  })

  it('reconnects after the server ends the stream, resuming after the last event', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const bell = useNotificationsStore()
    bell.start()
    await settle()
    const first = server.notify(me, { title: 'First' })
    await settle()
    vi.advanceTimersByTime(55_000) // the stream lived its 55 s
    server.endStreams()
    server.notify(me, { title: 'While away' }) // stored between the two streams
    await settle()

    const streams = server.requestsTo('GET', '/notifications/stream')
    expect(streams).toHaveLength(2)
    expect(streams[1]!.headers.get('Last-Event-ID')).toBe(first.created_at)
    expect(bell.items.map((n) => n.title)).toEqual(['While away', 'First'])
    expect(bell.failures).toBe(0)
  })

  it('backs off after failures (1 s, then 2 s) and recovers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    vi.spyOn(Math, 'random').mockReturnValue(0)
    server.refuseStreams = 429
    const bell = useNotificationsStore()
    bell.start()
    await settle()
    const attempts = () => server.requestsTo('GET', '/notifications/stream').length
    expect(attempts()).toBe(1)
    expect(bell.live).toBe('waiting')

    await vi.advanceTimersByTimeAsync(999)
    expect(attempts()).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    await settle()
    expect(attempts()).toBe(2)
    await vi.advanceTimersByTimeAsync(1999)
    expect(attempts()).toBe(2)
    server.refuseStreams = null
    await vi.advanceTimersByTimeAsync(1)
    await settle()
    expect(attempts()).toBe(3)
    expect(server.streams.size).toBe(1)

    server.notify(me, { title: 'Back' })
    await settle()
    expect(bell.items[0]!.title).toBe('Back')
    expect(bell.failures).toBe(0)
  })

  it('closes the stream and forgets the inbox on stop (sign-out)', async () => {
    server.notify(me, { title: 'Mine' })
    const bell = useNotificationsStore()
    bell.start()
    await settle()
    expect(server.streams.size).toBe(1)

    bell.stop()
    await settle()
    expect(server.streams.size).toBe(0)
    expect(bell.items).toEqual([])
    expect(bell.unread).toBe(0)
    expect(bell.live).toBe('off')
    server.notify(me, { title: 'After sign-out' })
    await settle()
    expect(bell.items).toEqual([])
    expect(server.requestsTo('GET', '/notifications/stream')).toHaveLength(1)
  })
})
