import { ApiError } from './problem'
import { sendWithProgress, type UploadProgress } from './upload'
import { CSRF_HEADER, DocumentCookies, type SessionCookies, type TokenStore } from './tokens'
import type { Tokens } from './types'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

type QueryScalar = string | number | boolean | null | undefined
type QueryValue = QueryScalar | readonly QueryScalar[]

export interface RequestOptions {
  method?: HttpMethod
  query?: Record<string, QueryValue>
  /** Serialised as JSON. */
  body?: unknown
  /** A multipart body, sent as it is (the browser writes its Content-Type); takes the place of `body`. */
  form?: FormData
  /** Progress of the request body, for a `form` (sent through XMLHttpRequest when the browser has it). */
  onUploadProgress?: UploadProgress
  headers?: Record<string, string>
  /**
   * Which token goes in `Authorization`:
   * `access` (default) retries once after a token refresh on 401,
   * `none` sends no token (sign in / sign up).
   */
  auth?: 'access' | 'none'
  signal?: AbortSignal
}

export interface ApiResponse<T> {
  data: T
  status: number
  headers: Headers
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

export interface ApiClientOptions {
  /** Prefix of every path; the API lives on the same origin. */
  baseUrl?: string
  /** The access token, in memory. */
  tokens: TokenStore
  /** The readable CSRF cookie of the refresh cookie; defaults to `document.cookie`. */
  cookies?: SessionCookies
  /** Defaults to the global `fetch`, looked up at call time. */
  fetch?: FetchLike
}

/** Serialises refreshes across the tabs of this browser (they share the refresh cookie), when it can. */
function acrossTabs<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
  return locks ? locks.request('planloom-refresh', task).then((result) => result) : task()
}

export const REFRESH_PATH = '/auth/refresh'

/**
 * Thin typed wrapper around `fetch` for the Planloom API.
 *
 * - Sends the access token (kept in memory), parses JSON, turns error answers into {@link ApiError}.
 * - On a 401 it refreshes once through the HttpOnly refresh cookie (with the CSRF header) —
 *   concurrent requests share a single refresh, and tabs take turns — and retries the request
 *   once. If the refresh is refused, the session is forgotten and the `sessionExpired` listeners
 *   run (the app signs the user out). After a reload the first request does exactly that.
 */
export class ApiClient {
  readonly baseUrl: string
  readonly tokens: TokenStore
  readonly cookies: SessionCookies
  private readonly fetchImpl: FetchLike
  private refreshing: Promise<boolean> | null = null
  private readonly expiredListeners = new Set<() => void>()

  constructor(options: ApiClientOptions) {
    this.baseUrl = (options.baseUrl ?? '/api/v1').replace(/\/+$/, '')
    this.tokens = options.tokens
    this.cookies = options.cookies ?? new DocumentCookies()
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  }

  /** Register a listener for "the session could not be refreshed"; returns an unsubscribe. */
  onSessionExpired(listener: () => void): () => void {
    this.expiredListeners.add(listener)
    return () => this.expiredListeners.delete(listener)
  }

  /** Keep the access token of a sign-in (the refresh token is in the cookie). */
  setTokens(tokens: Tokens): void {
    this.tokens.set(tokens.access_token)
  }

  clearTokens(): void {
    this.tokens.clear()
    this.cookies.forget()
  }

  /** An access token in memory, or a refresh cookie to get one with. */
  get hasSession(): boolean {
    return Boolean(this.tokens.accessToken || this.cookies.csrfToken())
  }

  url(path: string, query?: Record<string, QueryValue>): string {
    const qs = new URLSearchParams()
    for (const [key, raw] of Object.entries(query ?? {})) {
      for (const value of Array.isArray(raw) ? raw : [raw]) {
        if (value !== undefined && value !== null && value !== '') qs.append(key, String(value))
      }
    }
    const search = qs.toString()
    return `${this.baseUrl}${path.startsWith('/') ? path : `/${path}`}${search ? `?${search}` : ''}`
  }

  async request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const response = await this.open(path, options)
    return { data: (await this.parseBody(response)) as T, status: response.status, headers: response.headers }
  }

  /**
   * Send a request with the session's token (refreshing once on a 401, as `request` does) and answer
   * the successful response unread, for bodies read as a stream (Server-Sent Events).
   * Error answers become an {@link ApiError}.
   */
  async open(path: string, options: RequestOptions = {}): Promise<Response> {
    const auth = options.auth ?? 'access'
    if (auth === 'access' && !this.tokens.accessToken && this.cookies.csrfToken()) {
      await this.refresh() // after a reload: get an access token first rather than earn a 401
    }
    const sentWith = auth === 'access' ? this.tokens.accessToken : null
    let response = await this.send(path, options, sentWith)

    if (response.status === 401 && auth === 'access') {
      const current = this.tokens.accessToken
      let retry = false
      if (current && current !== sentWith) {
        retry = true // another request already rotated the tokens
      } else if (this.cookies.csrfToken()) {
        retry = await this.refresh()
      }
      if (retry) {
        response = await this.send(path, options, this.tokens.accessToken)
      }
      if (response.status === 401) {
        const error = await ApiError.fromResponse(response)
        this.expire()
        throw error
      }
    }

    if (!response.ok) throw await ApiError.fromResponse(response)
    return response
  }

  /**
   * Exchange the refresh cookie for a new access token (and a new cookie). Concurrent callers share
   * one request, and other tabs wait for it, so a rotating refresh token is only ever spent once.
   * Resolves `false` when the server refuses it.
   */
  refresh(): Promise<boolean> {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh().finally(() => {
        this.refreshing = null
      })
    }
    return this.refreshing
  }

  private doRefresh(): Promise<boolean> {
    return acrossTabs(async () => {
      const csrf = this.cookies.csrfToken() // read now: another tab may have just rotated the cookie
      if (!csrf) return false
      const response = await this.send(REFRESH_PATH, { method: 'POST', headers: { [CSRF_HEADER]: csrf } }, null)
      if (!response.ok) return false
      const body = (await this.parseBody(response)) as Partial<Tokens> | undefined
      if (!body?.access_token) return false
      this.tokens.set(body.access_token)
      return true
    })
  }

  private expire(): void {
    this.clearTokens()
    for (const listener of [...this.expiredListeners]) {
      try {
        listener()
      } catch (error) {
        console.error('sessionExpired listener failed', error)
      }
    }
  }

  private async send(path: string, options: RequestOptions, token: string | null): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers }
    const init: RequestInit = {
      method: options.method ?? 'GET',
      headers,
      signal: options.signal,
      credentials: 'same-origin',
    }
    if (options.form !== undefined) {
      init.body = options.form
    } else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json'
      init.body = JSON.stringify(options.body)
    }
    if (token) headers.Authorization = `Bearer ${token}`
    try {
      const url = this.url(path, options.query)
      if (options.onUploadProgress && typeof XMLHttpRequest !== 'undefined') {
        return await sendWithProgress(url, init, options.onUploadProgress)
      }
      return await this.fetchImpl(url, init)
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error
      throw ApiError.network(error)
    }
  }

  private async parseBody(response: Response): Promise<unknown> {
    if (response.status === 204 || response.status === 205) return undefined
    const text = await response.text()
    if (!text) return undefined
    const type = response.headers.get('Content-Type') ?? ''
    if (type.includes('json')) return JSON.parse(text)
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
}
