import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { FakeApi } from '@/test/fakeApi'
import { fakeXhr } from '@/test/fakeXhr'

import * as authApi from './auth'
import { ApiClient } from './client'
import * as imagesApi from './images'
import { ApiError } from './problem'
import * as tasksApi from './tasks'
import { DocumentCookies, MemoryTokenStore } from './tokens'
import * as usersApi from './users'

describe('ApiClient', () => {
  let server: FakeApi
  let tokens: MemoryTokenStore
  let client: ApiClient
  let expired: number

  beforeEach(() => {
    server = new FakeApi()
    tokens = new MemoryTokenStore()
    client = new ApiClient({ baseUrl: '/api/v1', tokens, fetch: server.fetch })
    expired = 0
    client.onSessionExpired(() => (expired += 1))
  })

  async function signIn() {
    const user = server.seedUser('ada@example.com', 'analytical engine')
    const res = await authApi.login(client, { email: 'ada@example.com', password: 'analytical engine' })
    client.setTokens(res)
    return user
  }

  it('builds URLs under the base path and drops empty query values', () => {
    expect(client.url('/tasks', { status: 'todo', page: 2, sort: undefined, q: '' })).toBe(
      '/api/v1/tasks?status=todo&page=2',
    )
    expect(new ApiClient({ baseUrl: '/api/v1/', tokens }).url('users/me')).toBe('/api/v1/users/me')
    expect(client.url('/tasks', { status: ['todo', 'done', ''] })).toBe('/api/v1/tasks?status=todo&status=done')
  })

  it('registers without sending a token and asks for the refresh token in the cookie', async () => {
    tokens.set('stale')
    const res = await authApi.register(client, {
      email: 'new@example.com',
      password: 'long enough',
      timezone: 'Europe/Paris',
    })
    expect(res.user).toMatchObject({ email: 'new@example.com', timezone: 'Europe/Paris' })
    expect(res.access_token).toBeTruthy()
    expect(res).not.toHaveProperty('refresh_token') // in the HttpOnly cookie, out of the page's reach
    expect(server.refreshCookie).toMatch(/^refresh-/)
    const sent = server.requests[0]!
    expect(sent.headers.get('Authorization')).toBeNull()
    expect(sent.headers.get('Content-Type')).toBe('application/json')
    expect(sent.body).toMatchObject({ refresh_token_delivery: 'cookie' })
  })

  it('keeps nothing of the session in localStorage', async () => {
    localStorage.clear()
    await signIn()
    expect(localStorage.length).toBe(0)
    expect(client.hasSession).toBe(true)
  })

  it('sends the access token as a bearer token, and the refresh cookie only to the auth routes', async () => {
    const user = await signIn()
    expect(await usersApi.getMe(client)).toEqual(user)
    const me = server.requestsTo('GET', '/users/me')[0]!
    expect(me.headers.get('Authorization')).toBe(`Bearer ${tokens.accessToken}`)
    expect(me.refreshCookie).toBeNull()
  })

  it('turns problem details into an ApiError with field errors', async () => {
    const error = await authApi.register(client, { email: 'nope', password: 'short' }).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(422)
    expect(error.title).toBe('Unprocessable Entity')
    expect(error.fieldErrors('email')).toEqual(['Not a valid email address.'])
    expect(error.fieldErrors('password')).toEqual(['Shorter than minimum length 8.'])
    expect(error.fieldErrors('display_name')).toEqual([])
  })

  it('does not try to refresh when sign-in is refused', async () => {
    const error = await authApi.login(client, { email: 'who@example.com', password: 'x' }).catch((e) => e)
    expect(error).toMatchObject({ status: 401, detail: 'Wrong email or password.' })
    expect(server.requestsTo('POST', '/auth/refresh')).toHaveLength(0)
    expect(expired).toBe(0)
  })

  it('refreshes once on a 401 through the cookie with the CSRF header, and retries the request', async () => {
    const user = await signIn()
    const oldCookie = server.refreshCookie!
    server.expireAccessTokens()

    expect(await usersApi.getMe(client)).toEqual(user)
    const refreshes = server.requestsTo('POST', '/auth/refresh')
    expect(refreshes).toHaveLength(1)
    expect(refreshes[0]!.headers.get('Authorization')).toBeNull()
    expect(refreshes[0]!.refreshCookie).toBe(oldCookie)
    expect(refreshes[0]!.headers.get('X-CSRF-Token')).toBe(server.csrfOf.get(oldCookie))
    expect(server.refreshCookie).not.toBe(oldCookie) // rotated
    expect(client.cookies.csrfToken()).toBe(server.csrfOf.get(server.refreshCookie!))
    expect(server.requestsTo('GET', '/users/me')).toHaveLength(2)
    expect(expired).toBe(0)
  })

  it('resumes the session after a reload: no access token yet, the cookie gets one', async () => {
    const user = await signIn()
    const reloaded = new ApiClient({ tokens: new MemoryTokenStore(), fetch: server.fetch })
    expect(reloaded.hasSession).toBe(true)
    expect(await usersApi.getMe(reloaded)).toEqual(user)
    expect(server.requestsTo('POST', '/auth/refresh')).toHaveLength(1)
    expect(server.requestsTo('GET', '/users/me')).toHaveLength(1) // refreshed first: no 401 to earn
    expect(reloaded.tokens.accessToken).toMatch(/^access-/)
  })

  it('shares one refresh between concurrent 401s (a rotating token is spent once)', async () => {
    await signIn()
    server.expireAccessTokens()
    const results = await Promise.all([usersApi.getMe(client), tasksApi.listTasks(client), usersApi.getMe(client)])
    expect(results).toHaveLength(3)
    expect(server.requestsTo('POST', '/auth/refresh')).toHaveLength(1)
    expect(expired).toBe(0)
  })

  it('forgets the session and signals expiry when the refresh is refused', async () => {
    await signIn()
    server.expireAccessTokens()
    server.revokeRefreshTokens()

    const error = await usersApi.getMe(client).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(401)
    expect(tokens.accessToken).toBeNull()
    expect(client.cookies.csrfToken()).toBeNull()
    expect(client.hasSession).toBe(false)
    expect(expired).toBe(1)
    expect(server.requestsTo('GET', '/users/me')).toHaveLength(1)
  })

  it('retries only once: a second 401 after a refresh signs out', async () => {
    await signIn()
    server.expireAccessTokens()
    const realFetch = server.fetch
    // The server accepts the refresh but keeps rejecting the new access token.
    const client2 = new ApiClient({
      tokens,
      fetch: async (input, init) => {
        if (!input.endsWith('/auth/refresh')) server.expireAccessTokens()
        return realFetch(input, init)
      },
    })
    let expired2 = 0
    client2.onSessionExpired(() => (expired2 += 1))
    await expect(usersApi.getMe(client2)).rejects.toMatchObject({ status: 401 })
    expect(server.requestsTo('GET', '/users/me')).toHaveLength(2)
    expect(server.requestsTo('POST', '/auth/refresh')).toHaveLength(1)
    expect(expired2).toBe(1)
  })

  it('signals expiry on a 401 when there is no session cookie', async () => {
    await expect(usersApi.getMe(client)).rejects.toMatchObject({ status: 401 })
    expect(server.requestsTo('POST', '/auth/refresh')).toHaveLength(0)
    expect(expired).toBe(1)
  })

  it('reports network failures as status 0 without signing out', async () => {
    await signIn()
    server.offline = true
    const error = await usersApi.getMe(client).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.isNetworkError).toBe(true)
    expect(tokens.accessToken).not.toBeNull()
    expect(expired).toBe(0)
  })

  it('unsubscribes session-expired listeners', async () => {
    let calls = 0
    const off = client.onSessionExpired(() => (calls += 1))
    off()
    await usersApi.getMe(client).catch(() => undefined)
    expect(calls).toBe(0)
  })

  it('logs out with the access token (204, no body) and the cookies are gone', async () => {
    await signIn()
    await expect(authApi.logout(client)).resolves.toBeUndefined()
    expect(server.requestsTo('POST', '/auth/logout')[0]!.headers.get('Authorization')).toMatch(/^Bearer access-/)
    expect(server.refreshTokens.size).toBe(0)
    expect(server.refreshCookie).toBeNull()
    expect(client.cookies.csrfToken()).toBeNull()
  })

  it('exposes a refresh helper that gets a new access token', async () => {
    await signIn()
    const before = tokens.accessToken
    const access = await authApi.refresh(client)
    expect(access).toMatch(/^access-/)
    expect(access).not.toBe(before)
    expect(tokens.accessToken).toBe(access)
  })
})

describe('tasks API', () => {
  let server: FakeApi
  let client: ApiClient

  beforeEach(async () => {
    server = new FakeApi()
    const tokens = new MemoryTokenStore()
    client = new ApiClient({ tokens, fetch: server.fetch })
    server.seedUser('grace@example.com', 'compilers!')
    client.setTokens(await authApi.login(client, { email: 'grace@example.com', password: 'compilers!' }))
  })

  it('lists tasks with query parameters and parses X-Pagination', async () => {
    const owner = [...server.accounts.values()][0]!.user
    for (let i = 0; i < 3; i++) server.seedTask(owner, { title: `t${i}` })
    server.seedTask(owner, { title: 'finished', status: 'done' })

    const page = await tasksApi.listTasks(client, { status: ['todo'], sort: 'due', page: 1, page_size: 2 })
    expect(page.items.map((t) => t.title)).toHaveLength(2)
    expect(page.pagination).toMatchObject({ total: 3, total_pages: 2, page: 1 })
    const query = server.requestsTo('GET', '/tasks')[0]!.query
    expect(Object.fromEntries(query)).toEqual({ status: 'todo', sort: 'due', page: '1', page_size: '2' })
  })

  it('creates, completes with If-Match and deletes a task', async () => {
    const created = await tasksApi.createTask(client, {
      title: 'Draft Q3 report',
      duration_minutes: 180,
      priority: 1,
      tags: ['work'],
    })
    expect(created.data).toMatchObject({ title: 'Draft Q3 report', priority: 1, tags: ['work'], status: 'todo' })
    expect(created.etag).toBeTruthy()

    const done = await tasksApi.updateTask(client, created.data.id, { status: 'done' }, { ifMatch: created.etag })
    expect(done.data.status).toBe('done')
    expect(server.requestsTo('PATCH', `/tasks/${created.data.id}`)[0]!.headers.get('If-Match')).toBe(created.etag)

    const stale = await tasksApi
      .updateTask(client, created.data.id, { status: 'todo' }, { ifMatch: created.etag })
      .catch((e) => e)
    expect(stale).toMatchObject({ status: 412 })

    await tasksApi.deleteTask(client, created.data.id)
    expect(server.tasks.size).toBe(0)
  })

  it('parses pagination headers defensively', () => {
    expect(tasksApi.parsePagination(null)).toBeNull()
    expect(tasksApi.parsePagination('not json')).toBeNull()
    expect(tasksApi.parsePagination('{"page":1}')).toBeNull()
    expect(tasksApi.parsePagination('{"total":7,"total_pages":1}')).toEqual({
      total: 7,
      total_pages: 1,
      first_page: 1,
      last_page: 1,
      page: 1,
    })
  })
})

describe('ApiError.fromBody', () => {
  it('flattens flask-smorest nested field errors', () => {
    const error = ApiError.fromBody(422, {
      code: 422,
      status: 422,
      title: 'Unprocessable Entity',
      errors: { json: { title: ['Missing data for required field.'], due: ['Not a valid datetime.'] } },
    })
    expect(error.errors).toEqual({ title: ['Missing data for required field.'], due: ['Not a valid datetime.'] })
  })

  it('falls back to a readable title for non-JSON bodies', () => {
    const error = ApiError.fromBody(502, '<html>bad gateway</html>')
    expect(error.title).toBe('Bad gateway')
    expect(error.status).toBe(502)
  })
})

describe('DocumentCookies', () => {
  it('reads the CSRF cookie among others and forgets it', () => {
    const cookies = new DocumentCookies()
    document.cookie = 'planloom_csrf=; Max-Age=0; Path=/'
    expect(cookies.csrfToken()).toBeNull()
    document.cookie = 'other=1; Path=/'
    document.cookie = 'planloom_csrf=abc%3D%3D; Path=/'
    expect(cookies.csrfToken()).toBe('abc==')
    cookies.forget()
    expect(cookies.csrfToken()).toBeNull()
    expect(document.cookie).toContain('other=1')
  })
})

describe('ApiClient uploads', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('sends a form through XMLHttpRequest with progress, and sends it again after refreshing on a 401', async () => {
    const server = new FakeApi()
    const client = new ApiClient({ baseUrl: '/api/v1', tokens: new MemoryTokenStore(), fetch: server.fetch })
    server.seedUser('ada@example.com', 'analytical engine')
    client.setTokens(await authApi.login(client, { email: 'ada@example.com', password: 'analytical engine' }))
    vi.stubGlobal('XMLHttpRequest', fakeXhr(server.fetch).Xhr)
    server.expireAccessTokens()

    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
    const progress: number[] = []
    const image = await imagesApi.uploadImage(client, new File([png], 'list.png'), {
      caption: 'Errands',
      onProgress: (loaded, total) => progress.push(loaded / total),
    })
    expect(image).toMatchObject({ status: 'pending', caption: 'Errands', size_bytes: png.length })
    const posts = server.requestsTo('POST', '/images')
    expect(posts).toHaveLength(2) // refused with the old token, then sent again with the new one
    expect(server.requestsTo('POST', '/auth/refresh')).toHaveLength(1)
    expect((posts[1]!.body as FormData).get('caption')).toBe('Errands')
    expect(posts[1]!.headers.get('Content-Type')).toBeNull() // the browser writes the multipart boundary
    expect(progress.at(-1)).toBe(1)
  })
})
