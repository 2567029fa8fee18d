import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'

import { apiClient } from '@/api'
import { useAuthStore } from '@/stores/auth'
import { FakeApi } from '@/test/fakeApi'

import { safeRedirect } from './guards'
import { createAppRouter } from './index'

describe('safeRedirect', () => {
  it('accepts in-app paths only', () => {
    expect(safeRedirect('/tasks?status=done')).toBe('/tasks?status=done')
    expect(safeRedirect(['/tasks'])).toBe('/tasks')
    expect(safeRedirect('//evil.example')).toBeNull()
    expect(safeRedirect('/\\evil.example')).toBeNull()
    expect(safeRedirect('https://evil.example')).toBeNull()
    expect(safeRedirect(undefined)).toBeNull()
  })
})

describe('router auth guard', () => {
  let server: FakeApi

  beforeEach(() => {
    apiClient.tokens.clear() // the shared client's access token lives in memory
    server = new FakeApi() // and clears the session cookies
    vi.stubGlobal('fetch', server.fetch)
    setActivePinia(createPinia())
  })

  afterEach(() => {
    useAuthStore().$dispose()
    vi.unstubAllGlobals()
  })

  it('sends signed-out visitors of private pages to sign in', async () => {
    const router = createAppRouter(createMemoryHistory())
    await router.push('/tasks')
    expect(router.currentRoute.value.name).toBe('sign-in')
    expect(router.currentRoute.value.query).toEqual({})

    await router.push('/tasks?page=2')
    expect(router.currentRoute.value.name).toBe('sign-in')
    expect(router.currentRoute.value.query.redirect).toBe('/tasks?page=2')
  })

  it('sends / to the tasks page, and signed-in users away from sign-in', async () => {
    server.seedUser('a@example.com', 'a long password')
    await useAuthStore().login({ email: 'a@example.com', password: 'a long password' })
    const router = createAppRouter(createMemoryHistory())

    await router.push('/')
    expect(router.currentRoute.value.name).toBe('tasks')
    await router.push('/sign-in')
    expect(router.currentRoute.value.name).toBe('tasks')
    await router.push('/sign-up')
    expect(router.currentRoute.value.name).toBe('tasks')
  })

  it('sets the document title from the route', async () => {
    const router = createAppRouter(createMemoryHistory())
    await router.push('/sign-up')
    expect(document.title).toBe('Create your account · Planloom')
    await router.push('/no/such/page')
    expect(router.currentRoute.value.name).toBe('not-found')
    expect(document.title).toBe('Page not found · Planloom')
  })
})
