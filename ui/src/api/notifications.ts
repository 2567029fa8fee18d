import type { ApiClient } from './client'
import { SseParser } from '@/lib/sse'

import { parsePagination } from './tasks'
import type { AppNotification, NotificationListParams, Page, Uuid } from './types'

export async function listNotifications(
  client: ApiClient,
  params: NotificationListParams = {},
): Promise<Page<AppNotification>> {
  const { data, headers } = await client.request<AppNotification[]>('/notifications', { query: { ...params } })
  return { items: data ?? [], pagination: parsePagination(headers.get('X-Pagination')) }
}

export async function setRead(client: ApiClient, id: Uuid, read = true): Promise<AppNotification> {
  const path = `/notifications/${encodeURIComponent(id)}/read`
  return (await client.request<AppNotification>(path, { method: read ? 'PUT' : 'DELETE' })).data
}

export interface StreamOptions {
  /** Resume after this event id (the server's `Last-Event-ID`). */
  lastEventId?: string | null
  signal?: AbortSignal
  onNotification: (notification: AppNotification, eventId: string | null) => void
}

/**
 * Read the notification stream (`GET /notifications/stream`, Server-Sent Events) with `fetch`, since
 * EventSource cannot send the `Authorization` header the API requires; the client refreshes the
 * token on a 401 as for any request. Resolves with the last event id when the server ends the
 * stream (it does after at most 55 s); rejects with an ApiError when it is refused, or when the
 * connection breaks.
 */
export async function streamNotifications(client: ApiClient, options: StreamOptions): Promise<string | null> {
  const headers: Record<string, string> = { Accept: 'text/event-stream' }
  if (options.lastEventId) headers['Last-Event-ID'] = options.lastEventId
  const response = await client.open('/notifications/stream', { headers, signal: options.signal })
  const parser = new SseParser()
  parser.lastEventId = options.lastEventId ?? null
  const reader = response.body?.getReader()
  if (!reader) return parser.lastEventId
  const decoder = new TextDecoder()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true })
      for (const event of parser.push(text)) {
        if (event.event !== 'notification') continue
        try {
          options.onNotification(JSON.parse(event.data) as AppNotification, event.id)
        } catch (error) {
          console.warn('notification stream: unreadable event', error)
        }
      }
      if (done) return parser.lastEventId
    }
  } finally {
    reader.releaseLock()
  }
}
