import type { ApiClient } from './client'
import type { CalendarConnection, FeedStatus, GoogleConsent, IssuedFeed } from './types'

/** The user's calendar connections, oldest first (never their secrets). */
export async function listConnections(client: ApiClient): Promise<CalendarConnection[]> {
  const { data } = await client.request<CalendarConnection[]>('/calendar/connections')
  return data
}

/** The Google consent address (OAuth 2.0 with PKCE); the browser goes there, Google brings it back. */
export async function connectGoogle(client: ApiClient, name?: string): Promise<GoogleConsent> {
  const { data } = await client.request<GoogleConsent>('/calendar/google/connect', {
    query: name ? { name } : undefined,
  })
  return data
}

/** Disconnect: the credentials (a Google grant is revoked) and the busy time it brought go. */
export async function disconnect(client: ApiClient, id: string): Promise<void> {
  await client.request<void>(`/calendar/connections/${encodeURIComponent(id)}`, { method: 'DELETE' })
}

/** Whether the plan feed exists and since when (never its address: that is shown only when issued). */
export async function feedStatus(client: ApiClient): Promise<FeedStatus> {
  const { data } = await client.request<FeedStatus>('/calendar/feed')
  return data
}

/** Issue the plan feed, or rotate it: a new secret address; the previous one stops working at once. */
export async function issueFeed(client: ApiClient): Promise<IssuedFeed> {
  const { data } = await client.request<IssuedFeed>('/calendar/feed', { method: 'POST' })
  return data
}

/** Revoke the plan feed: its address stops working. */
export async function revokeFeed(client: ApiClient): Promise<void> {
  await client.request<void>('/calendar/feed', { method: 'DELETE' })
}
