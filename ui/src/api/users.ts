import type { ApiClient } from './client'
import type { Preferences, PreferencesInput, User } from './types'

export async function getMe(client: ApiClient): Promise<User> {
  const { data } = await client.request<User>('/users/me')
  return data
}

export async function getPreferences(client: ApiClient): Promise<Preferences> {
  const { data } = await client.request<Preferences>('/users/me/preferences')
  return data
}

/** Replace the preferences (absent fields take their defaults); answers what was stored. */
export async function putPreferences(client: ApiClient, body: PreferencesInput): Promise<Preferences> {
  const { data } = await client.request<Preferences>('/users/me/preferences', { method: 'PUT', body })
  return data
}
