import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { apiClient } from '@/api'
import { FakeApi } from '@/test/fakeApi'

import { useAuthStore } from './auth'

describe('auth store', () => {
  let server: FakeApi

  beforeEach(() => {
    localStorage.clear()
    apiClient.tokens.clear() // the shared client's access token lives in memory
    server = new FakeApi() // and clears the session cookies, as a new browser profile
    vi.stubGlobal('fetch', server.fetch)
    setActivePinia(createPinia())
  })

  afterEach(() => {
    useAuthStore().$dispose()
    vi.unstubAllGlobals()
  })

  it('starts signed out without tokens', () => {
    const auth = useAuthStore()
    expect(auth.isAuthenticated).toBe(false)
    expect(auth.user).toBeNull()
  })

  it('starts signed in after a reload when the session cookie is there, and resumes it', async () => {
    const seeded = server.seedUser('kim@example.com', 'right password')
    await useAuthStore().login({ email: 'kim@example.com', password: 'right password' })
    useAuthStore().$dispose()
    apiClient.tokens.clear() // a reload: the access token lived in memory only
    setActivePinia(createPinia())

    const auth = useAuthStore()
    expect(auth.isAuthenticated).toBe(true)
    expect(await auth.fetchUser()).toEqual(seeded)
    expect(server.requestsTo('POST', '/auth/refresh')).toHaveLength(1)
  })

  it('registers, keeps the access token in memory and nothing in localStorage, and sends the time zone', async () => {
    const auth = useAuthStore()
    const user = await auth.register({
      email: '  lin@example.com ',
      password: 'a long password',
      display_name: ' Lin ',
    })

    expect(user.email).toBe('lin@example.com')
    expect(auth.isAuthenticated).toBe(true)
    expect(auth.displayName).toBe('Lin')
    expect(apiClient.tokens.accessToken).toMatch(/^access-/)
    expect(server.refreshCookie).toMatch(/^refresh-/)
    expect(localStorage.length).toBe(0)
    const sent = server.requestsTo('POST', '/auth/register')[0]!.body as Record<string, string>
    expect(sent.timezone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone)
    expect(sent.display_name).toBe('Lin')
  })

  it('omits an empty display name', async () => {
    await useAuthStore().register({ email: 'x@example.com', password: 'a long password', display_name: '  ' })
    expect(server.requestsTo('POST', '/auth/register')[0]!.body).not.toHaveProperty('display_name')
  })

  it('rejects a bad sign-in with the problem details and stays signed out', async () => {
    server.seedUser('kim@example.com', 'right password')
    const auth = useAuthStore()
    await expect(auth.login({ email: 'kim@example.com', password: 'wrong' })).rejects.toMatchObject({
      status: 401,
      detail: 'Wrong email or password.',
    })
    expect(auth.isAuthenticated).toBe(false)
    expect(apiClient.tokens.accessToken).toBeNull()
  })

  it('signs in and loads the current user once', async () => {
    const seeded = server.seedUser('kim@example.com', 'right password')
    const auth = useAuthStore()
    await auth.login({ email: 'kim@example.com', password: 'right password' })
    auth.user = null
    expect(await auth.fetchUser()).toEqual(seeded)
    await auth.fetchUser()
    expect(server.requestsTo('GET', '/users/me')).toHaveLength(1)
    await auth.fetchUser(true)
    expect(server.requestsTo('GET', '/users/me')).toHaveLength(2)
  })

  it('logs out on the server and forgets the tokens', async () => {
    server.seedUser('kim@example.com', 'right password')
    const auth = useAuthStore()
    await auth.login({ email: 'kim@example.com', password: 'right password' })
    await auth.logout()

    expect(server.requestsTo('POST', '/auth/logout')).toHaveLength(1)
    expect(server.refreshTokens.size).toBe(0)
    expect(auth.isAuthenticated).toBe(false)
    expect(auth.user).toBeNull()
    expect(apiClient.tokens.accessToken).toBeNull()
    expect(server.refreshCookie).toBeNull()
    expect(apiClient.hasSession).toBe(false)
  })

  it('still signs out locally when the server cannot be reached', async () => {
    server.seedUser('kim@example.com', 'right password')
    const auth = useAuthStore()
    await auth.login({ email: 'kim@example.com', password: 'right password' })
    server.offline = true
    await auth.logout()
    expect(auth.isAuthenticated).toBe(false)
    expect(apiClient.hasSession).toBe(false)
  })

  it('keeps the session through an access-token expiry (refresh once through the cookie + retry)', async () => {
    server.seedUser('kim@example.com', 'right password')
    const auth = useAuthStore()
    await auth.login({ email: 'kim@example.com', password: 'right password' })
    const firstCookie = server.refreshCookie
    server.expireAccessTokens()

    await auth.fetchUser(true)
    expect(auth.isAuthenticated).toBe(true)
    const refreshes = server.requestsTo('POST', '/auth/refresh')
    expect(refreshes).toHaveLength(1)
    expect(refreshes[0]!.refreshCookie).toBe(firstCookie)
    expect(refreshes[0]!.headers.get('X-CSRF-Token')).toBeTruthy()
    expect(server.refreshCookie).not.toBe(firstCookie)
  })

  it('ends the session when the refresh token is refused', async () => {
    server.seedUser('kim@example.com', 'right password')
    const auth = useAuthStore()
    await auth.login({ email: 'kim@example.com', password: 'right password' })
    server.expireAccessTokens()
    server.revokeRefreshTokens()

    await expect(auth.fetchUser(true)).rejects.toMatchObject({ status: 401 })
    expect(auth.isAuthenticated).toBe(false)
    expect(auth.sessionExpired).toBe(true)
    expect(auth.user).toBeNull()
    expect(apiClient.hasSession).toBe(false)
  })

  it('follows a sign-out or sign-in made in another tab when this one becomes visible', async () => {
    server.seedUser('kim@example.com', 'right password')
    const auth = useAuthStore()
    await auth.login({ email: 'kim@example.com', password: 'right password' })
    const visible = () => document.dispatchEvent(new Event('visibilitychange'))

    visible() // the other tab refreshed: the cookies rotated, still signed in
    expect(auth.isAuthenticated).toBe(true)
    expect(auth.user).not.toBeNull()

    server.revokeRefreshTokens()
    document.cookie = 'planloom_csrf=; Max-Age=0; Path=/' // the other tab signed out: cookies cleared
    visible()
    expect(auth.isAuthenticated).toBe(false)
    expect(auth.user).toBeNull()
    expect(apiClient.tokens.accessToken).toBeNull()

    document.cookie = 'planloom_csrf=c; Path=/' // and signed in again
    visible()
    expect(auth.isAuthenticated).toBe(true)
  })
})
