import { beforeEach, describe, expect, it } from 'vitest'

import { FakeApi } from '@/test/fakeApi'

import * as authApi from './auth'
import { ApiClient } from './client'
import { ApiError } from './problem'
import * as tasksApi from './tasks'
import { LocalStorageTokenStore, MemoryTokenStore } from './tokens'
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
  })

  it('registers without sending a token and returns user and tokens', async () => {
    tokens.set({ access_token: 'stale', refresh_token: 'stale' })
    const res = await authApi.register(client, {
      email: 'new@example.com',
      password: 'long enough',
      timezone: 'Europe/Paris',
    })
    expect(res.user).toMatchObject({ email: 'new@example.com', timezone: 'Europe/Paris' })
    expect(res.access_token).toBeTruthy()
    expect(server.requests[0]!.headers.get('Authorization')).toBeNull()
    expect(server.requests[0]!.headers.get('Content-Type')).toBe('application/json')
  })

  it('sends the access token as a bearer token', async () => {
    const user = await signIn()
    expect(await usersApi.getMe(client)).toEqual(user)
    expect(server.requestsTo('GET', '/users/me')[0]!.headers.get('Authorization')).toBe(`Bearer ${tokens.accessToken}`)
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

  it('refreshes once on a 401, stores the rotated pair and retries the request', async () => {
    const user = await signIn()
    const oldRefresh = tokens.refreshToken
    server.expireAccessTokens()

    expect(await usersApi.getMe(client)).toEqual(user)
    expect(server.requestsTo('POST', '/auth/refresh')).toHaveLength(1)
    expect(server.requestsTo('POST', '/auth/refresh')[0]!.headers.get('Authorization')).toBe(`Bearer ${oldRefresh}`)
    expect(tokens.refreshToken).not.toBe(oldRefresh)
    expect(server.requestsTo('GET', '/users/me')).toHaveLength(2)
    expect(expired).toBe(0)
  })

  it('shares one refresh between concurrent 401s (a rotating token is spent once)', async () => {
    await signIn()
    server.expireAccessTokens()
    const results = await Promise.all([usersApi.getMe(client), tasksApi.listTasks(client), usersApi.getMe(client)])
    expect(results).toHaveLength(3)
    expect(server.requestsTo('POST', '/auth/refresh')).toHaveLength(1)
    expect(expired).toBe(0)
  })

  it('clears the tokens and signals expiry when the refresh is refused', async () => {
    await signIn()
    server.expireAccessTokens()
    server.revokeRefreshTokens()

    const error = await usersApi.getMe(client).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(401)
    expect(tokens.accessToken).toBeNull()
    expect(tokens.refreshToken).toBeNull()
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

  it('signals expiry on a 401 when there is no refresh token', async () => {
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

  it('logs out with the access token (204, no body)', async () => {
    await signIn()
    await expect(authApi.logout(client)).resolves.toBeUndefined()
    expect(server.requestsTo('POST', '/auth/logout')[0]!.headers.get('Authorization')).toMatch(/^Bearer access-/)
    expect(server.refreshTokens.size).toBe(0)
  })

  it('exposes a refresh helper that rotates the pair', async () => {
    await signIn()
    const before = tokens.refreshToken
    const pair = await authApi.refresh(client)
    expect(pair?.refresh_token).toBeTruthy()
    expect(pair?.refresh_token).not.toBe(before)
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

    const page = await tasksApi.listTasks(client, { status: 'todo', sort: 'due', page: 1, page_size: 2 })
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

describe('LocalStorageTokenStore', () => {
  it('persists tokens in localStorage and clears them', () => {
    localStorage.clear()
    const store = new LocalStorageTokenStore(localStorage)
    store.set({ access_token: 'a1', refresh_token: 'r1' })
    expect(new LocalStorageTokenStore(localStorage).accessToken).toBe('a1')
    expect(localStorage.getItem('planloom.refresh_token')).toBe('r1')
    store.clear()
    expect(store.accessToken).toBeNull()
    expect(localStorage.getItem('planloom.access_token')).toBeNull()
  })

  it('falls back to memory when storage throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied')
      },
      setItem: () => {
        throw new Error('denied')
      },
      removeItem: () => undefined,
    } as unknown as Storage
    const store = new LocalStorageTokenStore(broken)
    store.set({ access_token: 'a', refresh_token: 'r' })
    expect(store.accessToken).toBe('a')
    expect(store.refreshToken).toBe('r')
  })
})
