import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref } from 'vue'

import {
  api,
  apiClient,
  type AuthResponse,
  type LoginRequest,
  type RegisterInput,
  type RegisterRequest,
  type TimeZone,
  type User,
} from '@/api'

/** The browser's IANA time zone, sent on sign-up so plans land in local time. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  } catch {
    return 'UTC'
  }
}

/**
 * Who is signed in. The access token lives in the API client's memory and the refresh token in an
 * HttpOnly cookie (never in localStorage, out of reach of scripts); this store mirrors "is there a
 * session" reactively and holds the user. After a reload the session is resumed by the first
 * request, which refreshes through the cookie.
 */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<User | null>(null)
  const hasSession = ref(apiClient.hasSession)
  /** Set when the session ended because the refresh token was refused. */
  const sessionExpired = ref(false)

  const isAuthenticated = computed(() => hasSession.value)
  const displayName = computed(() => user.value?.display_name || user.value?.email || '')

  function startSession(result: AuthResponse): User {
    apiClient.setTokens(result)
    user.value = result.user
    hasSession.value = true
    sessionExpired.value = false
    return result.user
  }

  /** Forget the session locally (no request). */
  function clearSession(): void {
    apiClient.clearTokens()
    user.value = null
    hasSession.value = false
  }

  async function register(input: RegisterInput): Promise<User> {
    const payload: RegisterRequest = {
      email: input.email.trim(),
      password: input.password,
      timezone: (input.timezone || browserTimeZone()) as TimeZone,
    }
    const name = input.display_name?.trim()
    if (name) payload.display_name = name
    return startSession(await api.auth.register(payload))
  }

  async function login(input: LoginRequest): Promise<User> {
    return startSession(await api.auth.login({ email: input.email.trim(), password: input.password }))
  }

  /** Revoke the session on the server when possible; always forget it locally. */
  async function logout(): Promise<void> {
    try {
      if (apiClient.hasSession) await api.auth.logout()
    } catch {
      // already invalid or offline: signing out locally is what matters
    } finally {
      clearSession()
      sessionExpired.value = false
    }
  }

  /** Revoke every session of the account (every device), then forget this one. Resolves false
   * (keeping the session) when the server could not be told. */
  async function logoutEverywhere(): Promise<boolean> {
    try {
      await api.auth.logoutAll()
    } catch {
      return false
    }
    clearSession()
    sessionExpired.value = false
    return true
  }

  /** Load the current user once per session (`force` to reload). */
  async function fetchUser(force = false): Promise<User | null> {
    if (!hasSession.value) return null
    if (user.value && !force) return user.value
    user.value = await api.users.me()
    return user.value
  }

  // The client signals that the refresh token was refused: the session is over.
  const stop = apiClient.onSessionExpired(() => {
    user.value = null
    hasSession.value = false
    sessionExpired.value = true
  })
  onScopeDispose(stop)

  // Another tab signed in or out (the tabs share the cookies): noticed when this one comes back.
  if (typeof document !== 'undefined') {
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return
      const active = Boolean(apiClient.cookies.csrfToken()) // the cookie pair is the session
      if (active === hasSession.value) return
      if (active) hasSession.value = true
      else clearSession()
      user.value = null
    }
    document.addEventListener('visibilitychange', onVisible)
    onScopeDispose(() => document.removeEventListener('visibilitychange', onVisible))
  }

  return {
    user,
    hasSession,
    sessionExpired,
    isAuthenticated,
    displayName,
    register,
    login,
    logout,
    logoutEverywhere,
    fetchUser,
    clearSession,
  }
})
