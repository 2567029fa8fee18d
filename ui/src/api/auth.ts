import type { ApiClient } from './client'
import type { AuthResponse, LoginRequest, RegisterRequest } from './types'

// The SPA asks for the refresh token in the HttpOnly cookie: its scripts never see it.

export async function register(client: ApiClient, body: RegisterRequest): Promise<AuthResponse> {
  const { data } = await client.request<AuthResponse>('/auth/register', {
    method: 'POST',
    body: { ...body, refresh_token_delivery: 'cookie' },
    auth: 'none',
  })
  return data
}

export async function login(client: ApiClient, body: LoginRequest): Promise<AuthResponse> {
  const { data } = await client.request<AuthResponse>('/auth/login', {
    method: 'POST',
    body: { ...body, refresh_token_delivery: 'cookie' },
    auth: 'none',
  })
  return data
}

/** Gets a new access token through the refresh cookie (also done automatically on a 401). */
export async function refresh(client: ApiClient): Promise<string | null> {
  return (await client.refresh()) ? client.tokens.accessToken : null
}

/** Revokes the session; the answer clears the cookies. */
export async function logout(client: ApiClient): Promise<void> {
  await client.request<void>('/auth/logout', { method: 'POST' })
}

/** Revokes every session of the account, on every device; the answer clears this browser's cookies. */
export async function logoutAll(client: ApiClient): Promise<void> {
  await client.request<void>('/auth/logout-all', { method: 'POST' })
}
