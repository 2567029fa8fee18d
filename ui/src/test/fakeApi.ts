/**
 * An in-memory stand-in for the Planloom API, speaking the same contract over `fetch`.
 * Tests drive the real client and stores against it and assert on its state, not on calls.
 *
 * It plays the browser's part for the session cookies too: the HttpOnly refresh cookie is kept here
 * (scripts cannot read it) and sent with same-origin requests under `/auth/`; the readable CSRF
 * cookie is written to `document.cookie`, as the browser would on `Set-Cookie`.
 */
import type {
  AppNotification,
  Block,
  BusyInterval,
  CalendarConnection,
  RemoteCalendar,
  Category,
  Occurrence,
  PlanSummary,
  Preferences,
  Priority,
  Tag,
  Task,
  TaskStatus,
  User,
  WeekOverload,
} from '@/api/types'

import { FakeImages, type DraftTaskFields } from './fakeImages'
import { fakeParse } from './fakeLanguage'
import { fakeReplan } from './fakeSchedule'

interface Account {
  user: User
  password: string
}

export interface RecordedRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: Headers
  body: unknown
  /** The refresh cookie the browser sent with it, if any. */
  refreshCookie: string | null
}

const CSRF_COOKIE = 'planloom_csrf'

function writeCsrfCookie(value: string | null): void {
  if (typeof document === 'undefined') return
  document.cookie = value === null ? `${CSRF_COOKIE}=; Max-Age=0; Path=/` : `${CSRF_COOKIE}=${value}; Path=/`
}

const NINE_TO_FIVE: [string, string][] = [['09:00', '17:00']]
export const DEFAULT_PREFERENCES: Preferences = {
  timezone: 'UTC',
  default_time: '17:00',
  working_hours: {
    mon: NINE_TO_FIVE,
    tue: NINE_TO_FIVE,
    wed: NINE_TO_FIVE,
    thu: NINE_TO_FIVE,
    fri: NINE_TO_FIVE,
    sat: [],
    sun: [],
  },
  default_duration_minutes: 30,
  buffer_minutes: 0,
  daily_cap_minutes: null,
  date_order: 'MDY',
  reminder_lead_minutes: 10,
  ask_actual_minutes: true,
  notifications: {},
}

let counter = 0
export function randomId(prefix = 'id'): string {
  counter += 1
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 8)}`
}

/** What the server answers for a user with nothing finished. */
export function emptyReport(name: string): unknown {
  const accuracy = {
    tasks: 0,
    planned_minutes: 0,
    actual_minutes: 0,
    ratio: null,
    mean_abs_error_minutes: null,
    over: 0,
    under: 0,
    exact: 0,
  }
  if (name === 'weekly') return { weeks: [] }
  if (name === 'categories') return { categories: [], tags: [], other_tags_minutes: 0 }
  if (name === 'estimates') return { overall: accuracy, correction_factor: null, by_category: [], by_duration: [] }
  return {
    done: 0,
    cancelled: 0,
    planned_minutes: 0,
    done_minutes: 0,
    on_time: 0,
    late: 0,
    without_due: 0,
    on_time_rate: null,
    lateness: [],
    estimates: accuracy,
    plan_changes: 0,
    moved_blocks: 0,
    missed_blocks: 0,
    busiest_hours: [],
    hours: [],
    streaks: { current: 0, longest: 0, active_days: 0 },
    quick_add: {
      made: 0,
      corrected: 0,
      rate: null,
      fields: Object.fromEntries(
        ['title', 'due', 'start', 'duration_minutes', 'priority', 'tags', 'category', 'recurrence'].map((f) => [f, 0]),
      ),
    },
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}

function problem(status: number, title: string, detail?: string, errors?: Record<string, string[]>): Response {
  return new Response(JSON.stringify({ status, title, detail, ...(errors ? { errors } : {}) }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  })
}

const etagOf = (task: Task) => `"${task.id}-v${task.version}"`

export class FakeApi {
  readonly accounts = new Map<string, Account>()
  readonly accessTokens = new Map<string, string>() // token -> user id
  readonly refreshTokens = new Map<string, string>() // token -> user id
  readonly csrfOf = new Map<string, string>() // refresh token -> its CSRF value
  /** The browser's HttpOnly refresh cookie (what the server last set). */
  refreshCookie: string | null = null
  readonly tasks = new Map<string, Task & { owner: string }>()
  readonly blocks = new Map<string, Block & { owner: string }>()
  readonly plans = new Map<string, PlanSummary>()
  readonly busy = new Map<string, BusyInterval & { owner: string }>()
  readonly calendars = new Map<string, CalendarConnection & { owner: string }>()
  /** Whether the server has an OAuth client at Google (else connecting one is a 422). */
  googleConfigured = true
  /** Plan feeds by user id: the live token and when it was issued (rotating replaces it). */
  readonly feeds = new Map<string, { token: string; issued_at: string }>()
  private feedSerial = 0
  /** The calendars of a CalDAV or Google connection, by connection id (what `/calendars` lists). */
  readonly remoteCalendars = new Map<string, RemoteCalendar[]>()
  /** Connections whose next syncs fail with this message. */
  readonly failSync = new Map<string, string>()
  readonly categories = new Map<string, Category & { owner: string }>()
  readonly tags = new Map<string, Tag & { owner: string }>()
  readonly notifications = new Map<string, AppNotification & { owner: string }>()
  /** Open notification streams: their owner and the controller to write SSE text to. */
  readonly streams = new Set<{ owner: string; controller: ReadableStreamDefaultController<Uint8Array> }>()
  /** When set, the notification stream answers this status (429, 503...) instead of opening. */
  refuseStreams: number | null = null
  /** The signal of the request being answered (a stream ends when its request is aborted). */
  private signal: AbortSignal | null = null
  /** Task ids whose PATCH answers this problem (to show errors next to fields). */
  readonly failPatch = new Map<string, { status: number; errors?: Record<string, string[]>; detail?: string }>()
  /** Saved preferences by user id (defaults until saved, in the account's zone). */
  readonly preferences = new Map<string, Preferences>()
  /** Insights reports by user id and report name; a report not set answers the fake's empty one. */
  readonly insights = new Map<string, Partial<Record<string, unknown>>>()
  /** What the next re-plan reports as `metrics.overload`. */
  overload: WeekOverload[] = []
  readonly requests: RecordedRequest[] = []
  /** A routine's occurrences by task id, as `GET /tasks/{id}/occurrences` lists them (seeded by tests). */
  readonly occurrences = new Map<string, Occurrence[]>()
  /** `METHOD path` -> the status its next request answers instead (once). */
  private readonly failures = new Map<string, number>()
  /** When set, every request rejects like a network failure. */
  offline = false
  /** Fixed "now" for created_at/updated_at. */
  now = '2026-11-26T09:00:00Z'
  /** Uploaded images (`/images...`). */
  readonly images = new FakeImages(
    () => this.now,
    (owner, draft) => this.draftTask(owner, draft),
  )

  constructor() {
    writeCsrfCookie(null) // a new browser profile: no cookies
  }

  readonly fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    if (this.offline) throw new TypeError('Failed to fetch')
    const url = new URL(input, 'http://planloom.test')
    const method = (init.method ?? 'GET').toUpperCase()
    const headers = new Headers(init.headers)
    const body =
      typeof init.body === 'string' ? JSON.parse(init.body) : init.body instanceof FormData ? init.body : undefined
    const path = url.pathname.replace(/^\/api\/v1/, '')
    const sendsCookies = (init.credentials ?? 'same-origin') !== 'omit' && path.startsWith('/auth/')
    const refreshCookie = sendsCookies ? this.refreshCookie : null
    this.requests.push({ method, path, query: url.searchParams, headers, body, refreshCookie })
    this.signal = init.signal ?? null
    const failure = this.failures.get(`${method} ${path}`)
    if (failure) {
      this.failures.delete(`${method} ${path}`)
      return problem(failure, 'Refused', 'The fake server was told to refuse this request.')
    }
    return this.route(method, path, url.searchParams, headers, body, refreshCookie)
  }

  /** The next `method path` request answers `status` (a problem) instead of doing anything. */
  failNext(method: string, path: string, status: number): void {
    this.failures.set(`${method} ${path}`, status)
  }

  requestsTo(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path === path)
  }

  /** Create an account directly (bypassing HTTP) and return its user. */
  seedUser(email = `${randomId('user')}@example.com`, password = 'correct horse battery'): User {
    const user: User = {
      id: randomId('u'),
      email,
      display_name: null,
      timezone: 'UTC',
      role: 'user',
      created_at: this.now,
    }
    this.accounts.set(email, { user, password })
    return user
  }

  seedTask(owner: User, fields: Partial<Task> = {}): Task {
    const task: Task & { owner: string } = {
      id: randomId('t'),
      title: 'A task',
      notes: null,
      duration_minutes: 30,
      due: null,
      earliest_start: null,
      priority: 3,
      status: 'todo',
      category_id: null,
      tags: [],
      splittable: false,
      min_chunk_minutes: null,
      depends_on: [],
      recurrence: null,
      completed_at: null,
      actual_minutes: null,
      actual_reported: false,
      created_at: this.now,
      updated_at: this.now,
      version: 1,
      ...fields,
      owner: owner.id,
    }
    this.tasks.set(task.id, task)
    return this.public(task)
  }

  issueTokens(userId: string): { access_token: string; refresh_token: string } {
    const access = randomId('access')
    const refresh = randomId('refresh')
    this.accessTokens.set(access, userId)
    this.refreshTokens.set(refresh, userId)
    this.csrfOf.set(refresh, randomId('csrf'))
    return { access_token: access, refresh_token: refresh }
  }

  /** The answer's tokens, the refresh token in the cookie when the client asked for that. */
  private deliver(tokens: { access_token: string; refresh_token: string }, cookie: boolean) {
    if (!cookie) return tokens
    this.setCookies(tokens.refresh_token)
    return { access_token: tokens.access_token, token_type: 'Bearer' }
  }

  private setCookies(refreshToken: string | null): void {
    this.refreshCookie = refreshToken
    writeCsrfCookie(refreshToken === null ? null : this.csrfOf.get(refreshToken)!)
  }

  /** Simulate every access token expiring. */
  expireAccessTokens(): void {
    this.accessTokens.clear()
  }

  /** Simulate the refresh tokens being revoked (or expiring). */
  revokeRefreshTokens(): void {
    this.refreshTokens.clear()
  }

  private public(task: Task & { owner?: string }): Task {
    const { owner, ...rest } = task as Task & { owner: string }
    return structuredClone(rest)
  }

  private bearer(headers: Headers): string | null {
    const value = headers.get('Authorization') ?? ''
    return value.startsWith('Bearer ') ? value.slice(7) : null
  }

  private feedRoute(user: User, method: string): Response {
    const feed = this.feeds.get(user.id)
    if (method === 'GET') return json(200, { active: !!feed, issued_at: feed?.issued_at ?? null })
    if (method === 'POST') {
      const issued = { token: `feed-token-${++this.feedSerial}`, issued_at: this.now }
      this.feeds.set(user.id, issued)
      const url = `https://planloom.test/api/v1/calendar/feed/${issued.token}.ics`
      return json(201, { url, issued_at: issued.issued_at })
    }
    if (method === 'DELETE' && feed) {
      this.feeds.delete(user.id)
      return new Response(null, { status: 204 })
    }
    return problem(404, 'Not Found', 'You have no plan feed.')
  }

  /** A connection's status after a sync that failed with `error` (or worked, when it is empty). */
  private synced(held: CalendarConnection, error: string): Partial<CalendarConnection> {
    if (!error) return { status: 'ok', last_error: '', failures: 0, failing_since: null, last_synced_at: this.now }
    return {
      status: 'error',
      last_error: error,
      failures: held.failures + 1,
      failing_since: held.failing_since ?? this.now,
    }
  }

  private calendarRoute(user: User, method: string, path: string, body: unknown): Response {
    if (path === '/calendar/feed') return this.feedRoute(user, method)
    if (method === 'GET' && path === '/calendar/connections') {
      return json(
        200,
        [...this.calendars.values()].filter((c) => c.owner === user.id).map(({ owner: _, ...c }) => c),
      )
    }
    if (method === 'GET' && path === '/calendar/google/connect') {
      if (!this.googleConfigured) {
        const message = 'google calendars are not available on this server'
        return problem(422, 'Unprocessable Entity', `kind: ${message}`, { kind: [message] })
      }
      return json(200, { authorization_url: `https://accounts.google.test/o/oauth2/v2/auth?state=for-${user.id}` })
    }
    const [, id, sub] = /^\/calendar\/connections\/([^/]+)(\/sync|\/calendars)?$/.exec(path) ?? []
    const held = id ? this.calendars.get(id) : undefined
    if (!held || held.owner !== user.id) return problem(404, 'Not Found', 'No such calendar connection.')
    const { owner: _, ...shown } = held
    if (method === 'GET' && !sub) return json(200, shown)
    if (method === 'GET' && sub === '/calendars') {
      const listed = this.remoteCalendars.get(held.id) ?? []
      const read = listed.find((c) => c.url === held.calendar_url && /^#[0-9a-fA-F]{6}/.test(c.color))
      if (read) held.color = read.color.slice(0, 7).toLowerCase() // the API remembers the read calendar's colour
      return json(200, listed)
    }
    if (method === 'POST' && sub === '/sync') {
      const error = this.failSync.get(held.id) ?? ''
      Object.assign(held, this.synced(held, error))
      const outcome = { added: 0, updated: 0, removed: 0, events: 0, blocks_pinned: 0, blocks_unscheduled: 0 }
      return json(200, { connection_id: held.id, ...outcome, error })
    }
    if (method === 'PATCH' && !sub) {
      Object.assign(held, body as Partial<CalendarConnection>, this.synced(held, this.failSync.get(held.id) ?? ''))
      const { owner: __, ...changed } = held
      return json(200, changed)
    }
    if (method === 'DELETE' && !sub) {
      this.calendars.delete(held.id)
      return new Response(null, { status: 204 })
    }
    return problem(404, 'Not Found', 'No such calendar connection.')
  }

  private userFor(headers: Headers): User | null {
    const token = this.bearer(headers)
    const id = token ? this.accessTokens.get(token) : undefined
    if (!id) return null
    return [...this.accounts.values()].find((a) => a.user.id === id)?.user ?? null
  }

  private insightsReport(user: User, name: string, query: URLSearchParams): Response {
    const from = query.get('from') ?? '2026-10-28'
    const to = query.get('to') ?? '2026-11-26'
    if (from > to) return problem(422, 'Unprocessable Entity', 'from: must not be after to')
    const stored = this.insights.get(user.id)?.[name]
    return json(200, { ...((stored as object) ?? emptyReport(name)), from, to })
  }

  private route(
    method: string,
    path: string,
    query: URLSearchParams,
    headers: Headers,
    body: any,
    refreshCookie: string | null,
  ): Response | Promise<Response> {
    if (method === 'POST' && path === '/auth/register') return this.register(body)
    if (method === 'POST' && path === '/auth/login') return this.login(body)
    if (method === 'POST' && path === '/auth/refresh') return this.refresh(headers, refreshCookie)
    if (method === 'POST' && path === '/auth/logout' && !headers.has('Authorization')) {
      const userId = this.cookieUser(headers, refreshCookie)
      if (!userId) return problem(401, 'Unauthorized', 'The refresh cookie or its CSRF token is missing.')
      return this.logout(userId)
    }

    const user = this.userFor(headers)
    if (!user) return problem(401, 'Unauthorized', 'The access token is missing, invalid or expired.')

    if (method === 'POST' && path === '/auth/logout') {
      this.accessTokens.delete(this.bearer(headers)!)
      return this.logout(user.id)
    }
    if (method === 'GET' && path === '/users/me') return json(200, user)
    if (method === 'POST' && path === '/auth/logout-all') {
      for (const [token, owner] of [...this.accessTokens]) if (owner === user.id) this.accessTokens.delete(token)
      for (const [token, owner] of [...this.refreshTokens]) if (owner === user.id) this.refreshTokens.delete(token)
      return this.logout(user.id)
    }
    if (method === 'GET' && path === '/users/me/preferences') return json(200, this.preferencesOf(user))
    if (method === 'PUT' && path === '/users/me/preferences') return this.savePreferences(user, body)
    if (method === 'GET' && path === '/busy') {
      return json(
        200,
        [...this.busy.values()].filter((b) => b.owner === user.id).map(({ owner: _, ...b }) => b),
      )
    }
    if (path.startsWith('/calendar/')) return this.calendarRoute(user, method, path, body)
    if (path === '/images' || path.startsWith('/images/')) return this.images.route(user, method, path, body)
    const report = /^\/analytics\/(summary|weekly|categories|estimates)$/.exec(path)
    if (report && method === 'GET') return this.insightsReport(user, report[1]!, query)
    if (path.startsWith('/categories') || path.startsWith('/tags')) return this.catalog(user, method, path, body)
    if (path.startsWith('/notifications')) return this.notificationRoute(user, method, path, query, headers)
    if (path === '/tasks' && method === 'GET') return this.listTasks(user, query)
    if (path === '/tasks' && method === 'POST') return this.createTask(user, body)
    if (path === '/ai/parse' && method === 'POST')
      return this.withText(body, () => json(200, fakeParse(body.text, this.now)))
    if (path === '/tasks/quick-add' && method === 'POST')
      return this.withText(body, () => this.quickAdd(user, body.text))
    if (path === '/ai/command' && method === 'POST') return this.withText(body, () => this.command(user, body.text))
    if (path === '/schedule' && method === 'GET') return this.schedule(user, query)
    if (path === '/schedule' && method === 'POST') {
      this.replan(user)
      return this.schedule(user, new URLSearchParams())
    }
    const blockMatch = /^\/schedule\/blocks\/([^/]+)(\/pin)?$/.exec(path)
    if (blockMatch)
      return this.blockRoute(user, method, decodeURIComponent(blockMatch[1]!), Boolean(blockMatch[2]), body)

    const occurrences = /^\/tasks\/([^/]+)\/occurrences$/.exec(path)
    if (occurrences && method === 'GET') {
      const task = this.tasks.get(decodeURIComponent(occurrences[1]!))
      if (!task || task.owner !== user.id) return problem(404, 'Not Found', 'No such task.')
      if (!task.recurrence) return problem(409, 'Conflict', 'The task has no recurrence.')
      return json(200, this.occurrences.get(task.id) ?? [])
    }

    const match = /^\/tasks\/([^/]+)$/.exec(path)
    if (match) {
      const task = this.tasks.get(decodeURIComponent(match[1]!))
      if (!task || task.owner !== user.id) return problem(404, 'Not Found', 'No such task.')
      if (method === 'GET') return json(200, this.public(task), { ETag: etagOf(task) })
      if (method === 'DELETE') {
        this.tasks.delete(task.id)
        return new Response(null, { status: 204 })
      }
      if (method === 'PATCH') {
        const ifMatch = headers.get('If-Match')
        if (ifMatch && ifMatch !== etagOf(task)) {
          return problem(412, 'Precondition Failed', 'The task was changed by someone else.')
        }
        const failure = this.failPatch.get(task.id)
        if (failure)
          return problem(
            failure.status,
            failure.status === 409 ? 'Conflict' : 'Unprocessable Entity',
            failure.detail ?? 'Invalid input.',
            failure.errors,
          )
        if (body.title !== undefined && !String(body.title).trim()) {
          return problem(422, 'Unprocessable Entity', 'Invalid input.', { title: ['must not be blank'] })
        }
        if (body.duration_minutes !== undefined && !(body.duration_minutes >= 1 && body.duration_minutes <= 10080)) {
          return problem(422, 'Unprocessable Entity', 'Invalid input.', {
            duration_minutes: ['Must be greater than or equal to 1 and less than or equal to 10080.'],
          })
        }
        if (body.status !== undefined && !['todo', 'done', 'cancelled'].includes(body.status)) {
          return problem(422, 'Unprocessable Entity', 'Invalid input.', {
            status: ['Must be one of: todo, done, cancelled.'],
          })
        }
        const { actual_minutes: actual, ...changes } = body
        if (actual !== undefined) {
          if ((changes.status ?? task.status) !== 'done')
            return problem(422, 'Unprocessable Entity', 'Invalid input.', {
              actual_minutes: ['only a done task has actual minutes'],
            })
          if (actual !== null && !(Number.isInteger(actual) && actual >= 1 && actual <= 10080))
            return problem(422, 'Unprocessable Entity', 'Invalid input.', {
              actual_minutes: ['Must be greater than or equal to 1 and less than or equal to 10080.'],
            })
        }
        Object.assign(task, changes, { version: task.version + 1, updated_at: this.now })
        if (task.status !== 'done') Object.assign(task, { actual_minutes: null, actual_reported: false })
        if (actual !== undefined) Object.assign(task, { actual_minutes: actual, actual_reported: actual !== null })
        return json(200, this.public(task), { ETag: etagOf(task) })
      }
    }
    return problem(404, 'Not Found')
  }

  private register(body: any): Response {
    const errors: Record<string, string[]> = {}
    if (!body?.email || !String(body.email).includes('@')) errors.email = ['Not a valid email address.']
    if (!body?.password || String(body.password).length < 8) errors.password = ['Shorter than minimum length 8.']
    if (Object.keys(errors).length) return problem(422, 'Unprocessable Entity', 'The request was invalid.', errors)
    if (this.accounts.has(body.email)) return problem(409, 'Conflict', 'An account with this email already exists.')
    const user: User = {
      id: randomId('u'),
      email: body.email,
      display_name: body.display_name ?? null,
      timezone: body.timezone ?? 'UTC',
      role: 'user',
      created_at: this.now,
    }
    this.accounts.set(body.email, { user, password: body.password })
    return json(201, { user, ...this.deliver(this.issueTokens(user.id), body.refresh_token_delivery === 'cookie') })
  }

  private login(body: any): Response {
    const account = this.accounts.get(body?.email)
    if (!account || account.password !== body?.password) {
      return problem(401, 'Unauthorized', 'Wrong email or password.')
    }
    const cookie = body.refresh_token_delivery === 'cookie'
    return json(200, { user: account.user, ...this.deliver(this.issueTokens(account.user.id), cookie) })
  }

  /** The user of the refresh cookie when the CSRF header repeats its value (double submit). */
  private cookieUser(headers: Headers, refreshCookie: string | null): string | undefined {
    if (!refreshCookie || headers.get('X-CSRF-Token') !== this.csrfOf.get(refreshCookie)) return undefined
    return this.refreshTokens.get(refreshCookie)
  }

  private refresh(headers: Headers, refreshCookie: string | null): Response {
    const viaCookie = !headers.has('Authorization')
    const token = viaCookie ? refreshCookie : this.bearer(headers)
    const userId = viaCookie ? this.cookieUser(headers, refreshCookie) : token && this.refreshTokens.get(token)
    if (!token || !userId) {
      if (viaCookie && refreshCookie && headers.get('X-CSRF-Token') === this.csrfOf.get(refreshCookie)) {
        this.setCookies(null) // refused, from the page itself: the server clears the cookies
      }
      return problem(401, 'Unauthorized', 'The refresh token is invalid or was already used.')
    }
    this.refreshTokens.delete(token) // rotation: a refresh token works once
    return json(200, this.deliver(this.issueTokens(userId), viaCookie))
  }

  private logout(userId: string): Response {
    for (const [t, owner] of this.refreshTokens) if (owner === userId) this.refreshTokens.delete(t)
    this.setCookies(null)
    return new Response(null, { status: 204 })
  }

  private listTasks(user: User, query: URLSearchParams): Response {
    const statuses = query.getAll('status') as TaskStatus[]
    const sort = query.get('sort') ?? 'due'
    const page = Number(query.get('page') ?? 1)
    const pageSize = Number(query.get('page_size') ?? 50)
    const dueBefore = query.get('due_before')
    const dueAfter = query.get('due_after')
    const text = (query.get('q') ?? '').toLowerCase()
    const category = query.get('category_id')
    const tag = query.get('tag')?.toLowerCase()
    const recurring = query.get('recurring')
    let items = [...this.tasks.values()].filter(
      (t) =>
        t.owner === user.id &&
        (!statuses.length || statuses.includes(t.status)) &&
        (!dueBefore || (t.due !== null && Date.parse(t.due) < Date.parse(dueBefore))) &&
        (!dueAfter || (t.due !== null && Date.parse(t.due) >= Date.parse(dueAfter))) &&
        (!text || t.title.toLowerCase().includes(text) || (t.notes ?? '').toLowerCase().includes(text)) &&
        (!category || t.category_id === category) &&
        (!tag || t.tags.includes(tag)) &&
        (recurring === null || Boolean(t.recurrence) === (recurring === 'true')),
    )
    const key = sort.replace(/^-/, '')
    const dir = sort.startsWith('-') ? -1 : 1
    items.sort((a, b) => {
      const av = (a as any)[key]
      const bv = (b as any)[key]
      if (av === bv) return 0
      if (av === null) return 1
      if (bv === null) return -1
      return av < bv ? -dir : dir
    })
    const total = items.length
    const totalPages = Math.max(1, Math.ceil(total / pageSize))
    items = items.slice((page - 1) * pageSize, page * pageSize)
    const pagination = { total, total_pages: totalPages, first_page: 1, last_page: totalPages, page }
    return json(
      200,
      items.map((t) => this.public(t)),
      { 'X-Pagination': JSON.stringify(pagination) },
    )
  }

  /** A task made of an image's draft, as the server makes it: its category by name (made if new). */
  private draftTask(owner: string, draft: DraftTaskFields): Task {
    const user = [...this.accounts.values()].find((a) => a.user.id === owner)!.user
    let category = draft.category
      ? [...this.categories.values()].find(
          (c) => c.owner === owner && c.name.toLowerCase() === draft.category!.toLowerCase(),
        )
      : undefined
    if (draft.category && !category) {
      category = { id: randomId('categories'), name: draft.category, color: null, created_at: this.now, owner }
      this.categories.set(category.id, category)
    }
    return this.seedTask(user, {
      title: draft.title,
      due: draft.due,
      duration_minutes: draft.duration_minutes ?? 30,
      priority: (draft.priority ?? 4) as Priority,
      tags: draft.tags,
      category_id: category?.id ?? null,
    })
  }

  private createTask(user: User, body: any): Response {
    if (!body?.title || !String(body.title).trim()) {
      return problem(422, 'Unprocessable Entity', 'The request was invalid.', {
        title: ['Missing data for required field.'],
      })
    }
    const task = this.seedTask(user, {
      title: body.title,
      duration_minutes: body.duration_minutes ?? 30,
      due: body.due ?? null,
      priority: body.priority ?? 4,
      tags: body.tags ?? [],
      notes: body.notes ?? null,
      category_id: body.category_id ?? null,
      recurrence: body.recurrence ?? null,
    })
    return json(201, task, { ETag: etagOf(task) })
  }

  private withText(body: any, then: () => Response): Response {
    if (typeof body?.text !== 'string' || !body.text.trim()) {
      return problem(422, 'Unprocessable Entity', 'The request was invalid.', {
        text: ['Shorter than minimum length 1.'],
      })
    }
    return then()
  }

  private quickAdd(user: User, text: string): Response {
    const reading = fakeParse(text, this.now)
    if (!reading.tasks.length) {
      return problem(422, 'Unprocessable Entity', 'The request was invalid.', { text: ['No task found in the text.'] })
    }
    const tasks = reading.tasks.map((d) =>
      this.seedTask(user, {
        title: d.title,
        due: d.due,
        duration_minutes: d.duration_minutes ?? 30,
        priority: d.priority ?? 3,
        tags: d.tags,
        recurrence: d.recurrence,
      }),
    )
    return json(201, {
      engine: reading.engine,
      tasks,
      warnings: reading.warnings,
      warning_spans: reading.warning_spans,
    })
  }

  private command(user: User, text: string): Response {
    const command = fakeParse(text, this.now).command
    if (!command)
      return problem(422, 'Unprocessable Entity', 'Invalid input.', { text: ['not a slash command; try /help'] })
    const base = { command: command.name, warnings: [], warning_spans: [], tasks: [], candidates: [], blocks: [] }
    if (command.name === 'help')
      return json(200, { ...base, status: 'info', message: 'Commands: /done TASK: mark a task done' })
    const query = (command.task_query ?? '').toLowerCase()
    const found = [...this.tasks.values()].filter(
      (t) => t.owner === user.id && t.status !== 'done' && query && t.title.toLowerCase().includes(query),
    )
    if (found.length !== 1) {
      const status = found.length ? 'ambiguous' : 'not_found'
      const message = found.length ? 'Which task did you mean?' : `No open task matches '${command.task_query ?? ''}'.`
      return json(200, { ...base, status, message, candidates: found.map((t) => this.public(t)) })
    }
    const task = found[0]!
    if (command.name === 'done') task.status = 'done'
    if (command.priority) task.priority = command.priority
    task.version += 1
    return json(200, { ...base, status: 'done', message: `${command.name}: ${task.title}`, tasks: [this.public(task)] })
  }

  private catalog(user: User, method: string, path: string, body: any): Response {
    const [, kind, id] = path.split('/') as [string, 'categories' | 'tags', string | undefined]
    const store = (kind === 'categories' ? this.categories : this.tags) as Map<string, any>
    const mine = () => [...store.values()].filter((x) => x.owner === user.id)
    const strip = ({ owner: _, ...x }: any) => x
    const invalid = (name: unknown) =>
      typeof name !== 'string' || !name.trim()
        ? 'must not be blank'
        : kind === 'tags' && /[\s,#@]/.test(name)
          ? 'a tag is one word without spaces, commas, # or @'
          : null
    const taken = (name: string, except?: string) =>
      mine().some((x) => x.name.toLowerCase() === name.toLowerCase() && x.id !== except)
    if (!id && method === 'GET') return json(200, mine().map(strip))
    if (!id && method === 'POST') {
      const why = invalid(body?.name)
      if (why) return problem(422, 'Unprocessable Entity', 'Invalid input.', { name: [why] })
      if (taken(body.name)) return problem(409, 'Conflict', `'${body.name}' already exists`)
      const made = {
        id: randomId(kind),
        name: body.name,
        created_at: this.now,
        owner: user.id,
        ...(kind === 'categories' ? { color: body.color ?? null } : {}),
      }
      store.set(made.id, made)
      return json(201, strip(made))
    }
    const item = id ? store.get(decodeURIComponent(id)) : undefined
    if (!item || item.owner !== user.id) return problem(404, 'Not Found')
    if (method === 'DELETE') {
      store.delete(item.id)
      for (const t of this.tasks.values()) {
        if (kind === 'tags') t.tags = t.tags.filter((name) => name !== item.name)
        else if (t.category_id === item.id) t.category_id = null
      }
      return new Response(null, { status: 204 })
    }
    if (method === 'PATCH') {
      if (body?.name !== undefined) {
        const why = invalid(body.name)
        if (why) return problem(422, 'Unprocessable Entity', 'Invalid input.', { name: [why] })
        if (taken(body.name, item.id)) return problem(409, 'Conflict', `'${body.name}' already exists`)
        if (kind === 'tags')
          for (const t of this.tasks.values()) t.tags = t.tags.map((n) => (n === item.name ? body.name : n))
      }
      Object.assign(item, body)
      return json(200, strip(item))
    }
    return problem(405, 'Method Not Allowed')
  }

  /** Store a notification for a user and push it to their open streams, as the server's hub does. */
  notify(owner: User, fields: Partial<AppNotification> = {}): AppNotification {
    const n: AppNotification & { owner: string } = {
      id: randomId('n'),
      kind: 'reminder',
      title: 'Starting soon',
      body: '',
      data: {},
      created_at: new Date(Date.parse(this.now) + this.notifications.size * 1000).toISOString(),
      read_at: null,
      ...fields,
      owner: owner.id,
    }
    this.notifications.set(n.id, n)
    const { owner: _, ...plain } = n
    const text = `id: ${n.created_at}\nevent: notification\ndata: ${JSON.stringify(plain)}\n\n`
    for (const s of this.streams) if (s.owner === owner.id) s.controller.enqueue(new TextEncoder().encode(text))
    return structuredClone(plain)
  }

  /** End every open stream, as the server does after 55 s. */
  endStreams(): void {
    for (const s of this.streams) s.controller.close()
    this.streams.clear()
  }

  /** Break every open stream, as a dropped connection does. */
  breakStreams(): void {
    for (const s of this.streams) s.controller.error(new TypeError('network error'))
    this.streams.clear()
  }

  private notificationRoute(
    user: User,
    method: string,
    path: string,
    query: URLSearchParams,
    headers: Headers,
  ): Response {
    const mine = [...this.notifications.values()]
      .filter((n) => n.owner === user.id)
      .sort((a, b) => b.created_at.localeCompare(a.created_at))
    const strip = ({ owner: _, ...n }: AppNotification & { owner: string }) => n
    if (path === '/notifications' && method === 'GET') {
      const unread = query.get('unread') === 'true'
      const size = Number(query.get('page_size') ?? 50)
      const found = mine.filter((n) => !unread || !n.read_at)
      const pages = Math.max(1, Math.ceil(found.length / size))
      const pagination = { total: found.length, total_pages: pages, first_page: 1, last_page: pages, page: 1 }
      return json(200, found.slice(0, size).map(strip), { 'X-Pagination': JSON.stringify(pagination) })
    }
    if (path === '/notifications/stream' && method === 'GET') {
      if (this.refuseStreams) return problem(this.refuseStreams, 'Too many streams')
      const after = headers.get('Last-Event-ID')
      const backlog = after ? mine.filter((n) => n.created_at > after).reverse() : []
      let entry: { owner: string; controller: ReadableStreamDefaultController<Uint8Array> }
      const signal = this.signal
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => {
          entry = { owner: user.id, controller }
          this.streams.add(entry)
          signal?.addEventListener('abort', () => {
            if (!this.streams.delete(entry)) return
            controller.error(new DOMException('The user aborted a request.', 'AbortError'))
          })
          controller.enqueue(new TextEncoder().encode('retry: 3000\n\n'))
          for (const n of backlog) {
            const text = `id: ${n.created_at}\nevent: notification\ndata: ${JSON.stringify(strip(n))}\n\n`
            controller.enqueue(new TextEncoder().encode(text))
          }
        },
        cancel: () => void this.streams.delete(entry),
      })
      return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } })
    }
    const match = /^\/notifications\/([^/]+)\/read$/.exec(path)
    const n = match ? this.notifications.get(decodeURIComponent(match[1]!)) : undefined
    if (!n || n.owner !== user.id) return problem(404, 'Not Found')
    if (method === 'PUT') n.read_at = n.read_at ?? this.now
    else if (method === 'DELETE') n.read_at = null
    else return problem(405, 'Method Not Allowed')
    return json(200, strip(n))
  }

  /** Re-plan the user's open tasks, keeping pinned blocks. */
  replan(user: User): void {
    const mine = [...this.blocks.values()].filter((b) => b.owner === user.id)
    const pinned = mine.filter((b) => b.pinned).map(({ owner: _, ...b }) => b)
    const tasks = [...this.tasks.values()].filter((t) => t.owner === user.id).map((t) => this.public(t))
    const plan = fakeReplan(tasks, pinned, this.now)
    for (const b of mine) this.blocks.delete(b.id)
    for (const b of plan.blocks) this.blocks.set(b.id, { ...b, owner: user.id })
    this.plans.set(user.id, {
      computed_at: this.now,
      unscheduled: plan.unscheduled,
      lateness: [],
      shortfalls: [],
      metrics: {
        late_tasks: 0,
        scheduled_tasks: plan.blocks.length,
        unscheduled_tasks: plan.unscheduled.length,
        truncated: false,
        overload: this.overload,
      },
    })
  }

  preferencesOf(user: User): Preferences {
    return this.preferences.get(user.id) ?? { ...DEFAULT_PREFERENCES, timezone: user.timezone }
  }

  /** PUT: the server's main rules (ranges, HH:MM, an http(s) webhook, ordered intervals), field by field. */
  private savePreferences(user: User, body: any): Response {
    const errors: Record<string, string[]> = {}
    const clock = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/
    const range = (field: string, low: number, high: number, nullable = false) => {
      const value = body?.[field]
      if (value === undefined || (nullable && value === null)) return
      if (!Number.isInteger(value) || value < low || value > high)
        errors[field] = [`Must be greater than or equal to ${low} and less than or equal to ${high}.`]
    }
    range('buffer_minutes', 0, 240)
    range('default_duration_minutes', 5, 1440)
    range('daily_cap_minutes', 15, 1440, true)
    range('reminder_lead_minutes', 0, 1440)
    if (body?.timezone !== undefined && ![...Intl.supportedValuesOf('timeZone'), 'UTC'].includes(body.timezone))
      errors.timezone = ['Must be one of the IANA time zones.']
    for (const [day, ranges] of Object.entries(body?.working_hours ?? {}) as [string, string[][]][]) {
      for (const [i, [from, to]] of ranges.entries()) {
        if (!clock.test(from ?? '') || !clock.test(to ?? '')) errors[`working_hours.${day}.${i}`] = ['must be HH:MM']
        else if (from! >= to!) errors[`working_hours.${day}[${i}]`] = ['end must be after start']
      }
    }
    const url = body?.notifications?.webhook_url
    if (url !== undefined && url !== null && !/^https?:\/\/[^\s/]/.test(url))
      errors['notifications.webhook_url'] = ['must be an http(s) URL']
    if (Object.keys(errors).length) return problem(422, 'Unprocessable Entity', 'The request was invalid.', errors)
    const saved: Preferences = {
      ...DEFAULT_PREFERENCES,
      timezone: user.timezone,
      ...body,
      notifications: { ...body?.notifications },
    }
    this.preferences.set(user.id, saved)
    user.timezone = saved.timezone
    return json(200, saved)
  }

  private schedule(user: User, query: URLSearchParams): Response {
    const from = Date.parse(query.get('from') ?? this.now)
    const to = query.get('to') ? Date.parse(query.get('to')!) : from + 7 * 86_400_000
    if (!(to > from)) return problem(422, 'Unprocessable Entity', 'Invalid input.', { to: ['must be after from'] })
    const blocks = [...this.blocks.values()]
      .filter((b) => b.owner === user.id && Date.parse(b.start) < to && from < Date.parse(b.end))
      .sort((a, b) => a.start.localeCompare(b.start))
      .map(({ owner: _, ...b }) => {
        const t = this.tasks.get(b.task_id)
        const open = t && t.status === 'todo' // like the server: open tasks only
        const task = open ? { id: t.id, title: t.title, priority: t.priority, due: t.due, status: t.status } : null
        return { ...b, task }
      })
    return json(200, { blocks, plan: this.plans.get(user.id) ?? null })
  }

  private blockRoute(user: User, method: string, id: string, pin: boolean, body: any): Response {
    const block = this.blocks.get(id)
    if (!block || block.owner !== user.id) return problem(404, 'Not Found', 'No such block.')
    if (pin && (method === 'PUT' || method === 'DELETE')) block.pinned = method === 'PUT'
    else if (!pin && method === 'PATCH') {
      if (!(Date.parse(body?.end) > Date.parse(body?.start))) {
        return problem(422, 'Unprocessable Entity', 'Invalid input.', { end: ['must be after start'] })
      }
      Object.assign(block, { start: body.start, end: body.end, pinned: true })
    } else return problem(405, 'Method Not Allowed')
    const { owner: _, ...rest } = block
    return json(200, rest)
  }
}
