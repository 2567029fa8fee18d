import type { ApiClient } from './client'
import type { CalendarConnection, GoogleConsent } from './types'

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
