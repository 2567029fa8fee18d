import { ApiError } from './problem'
import type { TokenStore } from './tokens'
import type { TokenPair } from './types'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

type QueryValue = string | number | boolean | null | undefined

export interface RequestOptions {
  method?: HttpMethod
  query?: Record<string, QueryValue>
  /** Serialised as JSON. */
  body?: unknown
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
  tokens: TokenStore
  /** Defaults to the global `fetch`, looked up at call time. */
  fetch?: FetchLike
}

export const REFRESH_PATH = '/auth/refresh'

/**
 * Thin typed wrapper around `fetch` for the Planloom API.
 *
 * - Sends the access token, parses JSON, turns error answers into {@link ApiError}.
 * - On a 401 it refreshes the (rotating) token pair once — concurrent requests share a single
 *   refresh — and retries the request once. If the refresh is refused, the tokens are cleared
 *   and the `sessionExpired` listeners run (the app signs the user out).
 */
export class ApiClient {
  readonly baseUrl: string
  readonly tokens: TokenStore
  private readonly fetchImpl: FetchLike
  private refreshing: Promise<boolean> | null = null
  private readonly expiredListeners = new Set<() => void>()

  constructor(options: ApiClientOptions) {
    this.baseUrl = (options.baseUrl ?? '/api/v1').replace(/\/+$/, '')
    this.tokens = options.tokens
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  }

  /** Register a listener for "the session could not be refreshed"; returns an unsubscribe. */
  onSessionExpired(listener: () => void): () => void {
    this.expiredListeners.add(listener)
    return () => this.expiredListeners.delete(listener)
  }

  setTokens(tokens: TokenPair): void {
    this.tokens.set(tokens)
  }

  clearTokens(): void {
    this.tokens.clear()
  }

  get hasSession(): boolean {
    return Boolean(this.tokens.accessToken || this.tokens.refreshToken)
  }

  url(path: string, query?: Record<string, QueryValue>): string {
    const qs = new URLSearchParams()
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null && value !== '') qs.append(key, String(value))
    }
    const search = qs.toString()
    return `${this.baseUrl}${path.startsWith('/') ? path : `/${path}`}${search ? `?${search}` : ''}`
  }

  async request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const auth = options.auth ?? 'access'
    const sentWith = auth === 'access' ? this.tokens.accessToken : null
    let response = await this.send(path, options, sentWith)

    if (response.status === 401 && auth === 'access') {
      const current = this.tokens.accessToken
      let retry = false
      if (current && current !== sentWith) {
        retry = true // another request already rotated the tokens
      } else if (this.tokens.refreshToken) {
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
    return { data: (await this.parseBody(response)) as T, status: response.status, headers: response.headers }
  }

  /**
   * Exchange the refresh token for a new pair. Concurrent callers share one request, so a
   * rotating refresh token is only ever spent once. Resolves `false` when the server refuses it.
   */
  refresh(): Promise<boolean> {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh().finally(() => {
        this.refreshing = null
      })
    }
    return this.refreshing
  }

  private async doRefresh(): Promise<boolean> {
    const refreshToken = this.tokens.refreshToken
    if (!refreshToken) return false
    const response = await this.send(REFRESH_PATH, { method: 'POST' }, refreshToken)
    if (!response.ok) return false
    const body = (await this.parseBody(response)) as Partial<TokenPair> | undefined
    if (!body?.access_token || !body.refresh_token) return false
    this.tokens.set({ access_token: body.access_token, refresh_token: body.refresh_token })
    return true
  }

  private expire(): void {
    this.tokens.clear()
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
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json'
      init.body = JSON.stringify(options.body)
    }
    if (token) headers.Authorization = `Bearer ${token}`
    try {
      return await this.fetchImpl(this.url(path, options.query), init)
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
