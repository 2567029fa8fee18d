import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { apiClient } from '@/api'
import { FakeApi } from '@/test/fakeApi'

import { useAuthStore } from './auth'

describe('auth store', () => {
  let server: FakeApi

  beforeEach(() => {
    localStorage.clear()
    server = new FakeApi()
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

  it('starts signed in when tokens are in localStorage', () => {
    localStorage.setItem('planloom.access_token', 'a')
    localStorage.setItem('planloom.refresh_token', 'r')
    expect(useAuthStore().isAuthenticated).toBe(true)
  })

  it('registers, keeps the tokens in localStorage and sends the browser time zone', async () => {
    const auth = useAuthStore()
    const user = await auth.register({
      email: '  lin@example.com ',
      password: 'a long password',
      display_name: ' Lin ',
    })

    expect(user.email).toBe('lin@example.com')
    expect(auth.isAuthenticated).toBe(true)
    expect(auth.displayName).toBe('Lin')
    expect(localStorage.getItem('planloom.access_token')).toMatch(/^access-/)
    expect(localStorage.getItem('planloom.refresh_token')).toMatch(/^refresh-/)
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
    expect(localStorage.getItem('planloom.access_token')).toBeNull()
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
    expect(localStorage.getItem('planloom.access_token')).toBeNull()
  })

  it('still signs out locally when the server cannot be reached', async () => {
    server.seedUser('kim@example.com', 'right password')
    const auth = useAuthStore()
    await auth.login({ email: 'kim@example.com', password: 'right password' })
    server.offline = true
    await auth.logout()
    expect(auth.isAuthenticated).toBe(false)
    expect(apiClient.tokens.refreshToken).toBeNull()
  })

  it('keeps the session through an access-token expiry (refresh + retry)', async () => {
    server.seedUser('kim@example.com', 'right password')
    const auth = useAuthStore()
    await auth.login({ email: 'kim@example.com', password: 'right password' })
    const firstRefresh = localStorage.getItem('planloom.refresh_token')
    server.expireAccessTokens()

    await auth.fetchUser(true)
    expect(auth.isAuthenticated).toBe(true)
    expect(localStorage.getItem('planloom.refresh_token')).not.toBe(firstRefresh)
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
    expect(localStorage.getItem('planloom.access_token')).toBeNull()
  })

  it('follows a sign-out or sign-in made in another tab', async () => {
    server.seedUser('kim@example.com', 'right password')
    const auth = useAuthStore()
    await auth.login({ email: 'kim@example.com', password: 'right password' })

    // the other tab rotates the tokens: still signed in
    localStorage.setItem('planloom.access_token', 'rotated')
    window.dispatchEvent(new StorageEvent('storage', { key: 'planloom.access_token', newValue: 'rotated' }))
    expect(auth.isAuthenticated).toBe(true)
    expect(auth.user).not.toBeNull()

    localStorage.clear()
    window.dispatchEvent(new StorageEvent('storage', { key: null }))
    expect(auth.isAuthenticated).toBe(false)
    expect(auth.user).toBeNull()

    localStorage.setItem('planloom.access_token', 'a')
    localStorage.setItem('planloom.refresh_token', 'r')
    window.dispatchEvent(new StorageEvent('storage', { key: 'planloom.refresh_token', newValue: 'r' }))
    expect(auth.isAuthenticated).toBe(true)
  })
})
