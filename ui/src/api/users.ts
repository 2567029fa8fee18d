import type { ApiClient } from './client'
import type { User } from './types'

export async function getMe(client: ApiClient): Promise<User> {
  const { data } = await client.request<User>('/users/me')
  return data
}
