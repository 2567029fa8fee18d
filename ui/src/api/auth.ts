import type { ApiClient } from './client'
import type { AuthResponse, LoginRequest, RegisterRequest, TokenPair } from './types'

export async function register(client: ApiClient, body: RegisterRequest): Promise<AuthResponse> {
  const { data } = await client.request<AuthResponse>('/auth/register', { method: 'POST', body, auth: 'none' })
  return data
}

export async function login(client: ApiClient, body: LoginRequest): Promise<AuthResponse> {
  const { data } = await client.request<AuthResponse>('/auth/login', { method: 'POST', body, auth: 'none' })
  return data
}

/** Rotates the token pair (also done automatically by the client on a 401). */
export async function refresh(client: ApiClient): Promise<TokenPair | null> {
  const ok = await client.refresh()
  const { accessToken, refreshToken } = client.tokens
  return ok && accessToken && refreshToken ? { access_token: accessToken, refresh_token: refreshToken } : null
}

export async function logout(client: ApiClient): Promise<void> {
  await client.request<void>('/auth/logout', { method: 'POST' })
}
