import type { ApiClient } from './client'
import type {
  CalendarChanges,
  CalendarConnection,
  FeedStatus,
  GoogleConsent,
  IssuedFeed,
  RemoteCalendar,
  SyncOutcome,
} from './types'

const connectionPath = (id: string) => `/calendar/connections/${encodeURIComponent(id)}`

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

/** One connection, with its sync status and last error. */
export async function getConnection(client: ApiClient, id: string): Promise<CalendarConnection> {
  const { data } = await client.request<CalendarConnection>(connectionPath(id))
  return data
}

/** Change whether it blocks time, or which of its calendars receives the plan; the API syncs it again. */
export async function updateConnection(
  client: ApiClient,
  id: string,
  changes: CalendarChanges,
): Promise<CalendarConnection> {
  const { data } = await client.request<CalendarConnection>(connectionPath(id), { method: 'PATCH', body: changes })
  return data
}

/** Read this calendar again now (a failure is in the outcome's `error` and on the connection). */
export async function syncConnection(client: ApiClient, id: string): Promise<SyncOutcome> {
  const { data } = await client.request<SyncOutcome>(`${connectionPath(id)}/sync`, { method: 'POST' })
  return data
}

/** The calendars of a CalDAV or Google account (empty for ICS kinds). */
export async function remoteCalendars(client: ApiClient, id: string): Promise<RemoteCalendar[]> {
  const { data } = await client.request<RemoteCalendar[]>(`${connectionPath(id)}/calendars`)
  return data
}

/** Disconnect: the credentials (a Google grant is revoked) and the busy time it brought go. */
export async function disconnect(client: ApiClient, id: string): Promise<void> {
  await client.request<void>(connectionPath(id), { method: 'DELETE' })
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
