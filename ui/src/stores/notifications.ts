import { defineStore } from 'pinia'
import { computed, readonly, ref, shallowRef } from 'vue'

import { api, toApiError, type ApiError, type AppNotification, type Uuid } from '@/api'
import { backoffDelay } from '@/lib/sse'

export const PANEL_SIZE = 20
/** Unread notifications marked read per "mark all" round, and rounds at most (the API's page cap). */
const MARK_ALL_PAGE = 100
const MARK_ALL_ROUNDS = 20

/** A stream that ends sooner than this counts as a failure (no reconnect loop without a pause). */
const MIN_STREAM_MS = 1000

type Live = 'off' | 'connecting' | 'open' | 'waiting'

/**
 * The bell: the newest notifications, the unread count, read state, and the live stream.
 *
 * `start()` loads the inbox and keeps a Server-Sent Events stream open (read with `fetch`, which can
 * send the access token): the server ends each stream after at most 55 s and we reconnect at once
 * with `Last-Event-ID`; after a failure we wait 1 s, 2 s, 4 s ... (30 s at most) before trying again.
 * `stop()` (sign-out) closes it and forgets everything.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const items = ref<AppNotification[]>([])
  const unread = ref(0)
  const loaded = ref(false)
  const error = shallowRef<ApiError | null>(null)
  const live = ref<Live>('off')
  /** Consecutive stream failures (resets once a stream opens). */
  const failures = ref(0)
  let controller: AbortController | null = null
  let lastEventId: string | null = null
  let generation = 0

  const hasUnread = computed(() => unread.value > 0)

  async function load(): Promise<void> {
    try {
      const [page, unreadPage] = await Promise.all([
        api.notifications.list({ page_size: PANEL_SIZE }),
        api.notifications.list({ unread: true, page_size: 1 }),
      ])
      items.value = page.items
      unread.value = unreadPage.pagination?.total ?? unreadPage.items.length
      error.value = null
    } catch (e) {
      error.value = toApiError(e)
    } finally {
      loaded.value = true
    }
  }

  function receive(notification: AppNotification, eventId: string | null): void {
    if (eventId) lastEventId = eventId
    if (items.value.some((n) => n.id === notification.id)) return
    items.value = [notification, ...items.value].slice(0, PANEL_SIZE)
    if (!notification.read_at) unread.value += 1
  }

  function replace(changed: AppNotification): void {
    const before = items.value.find((n) => n.id === changed.id)
    const wasUnread = before ? !before.read_at : !changed.read_at
    items.value = items.value.map((n) => (n.id === changed.id ? changed : n))
    if (wasUnread && changed.read_at) unread.value = Math.max(0, unread.value - 1)
    if (!wasUnread && !changed.read_at) unread.value += 1
  }

  async function markRead(id: Uuid, read = true): Promise<void> {
    replace(await api.notifications.setRead(id, read))
  }

  /** Mark every unread notification read: one request each (the API has no bulk endpoint). */
  async function markAllRead(): Promise<void> {
    for (let round = 0; round < MARK_ALL_ROUNDS; round++) {
      const page = await api.notifications.list({ unread: true, page_size: MARK_ALL_PAGE })
      if (!page.items.length) break
      for (const n of page.items) replace(await api.notifications.setRead(n.id, true))
      if ((page.pagination?.total ?? 0) <= page.items.length) break
    }
    const now = new Date().toISOString()
    items.value = items.value.map((n) => (n.read_at ? n : { ...n, read_at: now }))
    unread.value = 0
  }

  function sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms)
      signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true })
    })
  }

  async function run(signal: AbortSignal, mine: number): Promise<void> {
    while (!signal.aborted && mine === generation) {
      live.value = 'connecting'
      const began = Date.now()
      try {
        const opened = api.notifications.stream({
          lastEventId,
          signal,
          onNotification: (n, id) => {
            live.value = 'open'
            failures.value = 0
            receive(n, id)
          },
        })
        live.value = 'open'
        lastEventId = (await opened) ?? lastEventId
        if (Date.now() - began >= MIN_STREAM_MS) {
          failures.value = 0 // the server ended the stream as it does every 55 s: reconnect now
          continue
        }
        throw new Error('the notification stream ended at once') // never spin: back off
      } catch (e) {
        if (signal.aborted) break
        const err = toApiError(e)
        if (err.status === 401) break // the session is over; sign-out stops us
        live.value = 'waiting'
        await sleep(backoffDelay(failures.value), signal)
        failures.value += 1
      }
    }
    if (mine === generation) live.value = 'off'
  }

  /** Load the inbox and keep the live stream open until `stop()`. */
  function start(): void {
    if (controller) return
    controller = new AbortController()
    const { signal } = controller
    const mine = ++generation
    // The stream resumes after the newest notification loaded, so none falls between the two.
    void load().then(() => {
      if (mine !== generation) return
      lastEventId = items.value[0]?.created_at ?? null
      void run(signal, mine)
    })
  }

  /** Close the stream and forget the inbox (sign-out). */
  function stop(): void {
    controller?.abort()
    controller = null
    generation++
    items.value = []
    unread.value = 0
    loaded.value = false
    error.value = null
    live.value = 'off'
    failures.value = 0
    lastEventId = null
  }

  return {
    items: readonly(items),
    unread: readonly(unread),
    loaded: readonly(loaded),
    error: computed(() => error.value),
    live: readonly(live),
    failures: readonly(failures),
    hasUnread,
    load,
    markRead,
    markAllRead,
    start,
    stop,
  }
})
