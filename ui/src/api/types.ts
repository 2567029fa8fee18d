/**
 * Types mirroring the Planloom REST API (`/api/v1`).
 *
 * Kept deliberately close to the wire format (snake_case, ISO-8601 strings) so that a
 * client generated from the OpenAPI document can later replace `src/api/` without
 * touching the stores or views.
 */

export type Uuid = string
/** ISO-8601 date-time string, e.g. `2026-11-27T17:00:00Z`. */
export type IsoDateTime = string

export type UserRole = 'user' | 'admin' | (string & {})

export interface User {
  id: Uuid
  email: string
  display_name: string | null
  timezone: string
  role: UserRole
}

/**
 * What sign-in and refresh answer. `refresh_token` is absent when it went into the HttpOnly cookie
 * (`refresh_token_delivery: 'cookie'`, what the SPA asks for).
 */
export interface Tokens {
  access_token: string
  refresh_token?: string
  token_type?: string
}

export interface AuthResponse extends Tokens {
  user: User
}

export type RefreshTokenDelivery = 'body' | 'cookie'

export interface RegisterRequest {
  email: string
  password: string
  display_name?: string
  timezone?: string
  refresh_token_delivery?: RefreshTokenDelivery
}

export interface LoginRequest {
  email: string
  password: string
  refresh_token_delivery?: RefreshTokenDelivery
}

/** 1 is the most urgent, 4 the least. */
export type Priority = 1 | 2 | 3 | 4

export const PRIORITIES: readonly Priority[] = [1, 2, 3, 4]

export type TaskStatus = 'todo' | 'scheduled' | 'done' | 'cancelled'

export const TASK_STATUSES: readonly TaskStatus[] = ['todo', 'scheduled', 'done', 'cancelled']

export interface Task {
  id: Uuid
  title: string
  notes: string | null
  duration_minutes: number
  due: IsoDateTime | null
  earliest_start: IsoDateTime | null
  priority: Priority
  status: TaskStatus
  category_id: Uuid | null
  tags: string[]
  splittable: boolean
  min_chunk_minutes: number | null
  depends_on: Uuid[]
  recurrence: string | Record<string, unknown> | null
  created_at: IsoDateTime
  updated_at: IsoDateTime
  version: number
}

export interface TaskCreateRequest {
  title: string
  duration_minutes?: number
  due?: IsoDateTime | null
  priority?: Priority
  tags?: string[]
  notes?: string
}

export type TaskPatchRequest = Partial<
  Pick<Task, 'title' | 'notes' | 'duration_minutes' | 'due' | 'priority' | 'status' | 'tags'>
>

export type TaskSort = 'due' | '-due' | 'priority' | '-priority' | 'created_at' | '-created_at' | (string & {})

export interface TaskListParams {
  status?: TaskStatus
  sort?: TaskSort
  page?: number
  page_size?: number
}

/** Parsed `X-Pagination` response header (flask-smorest format). */
export interface Pagination {
  total: number
  total_pages: number
  first_page: number
  last_page: number
  page: number
  previous_page?: number
  next_page?: number
}

export interface Page<T> {
  items: T[]
  pagination: Pagination | null
}

/** A resource together with the `ETag` the server sent for it (if any). */
export interface Versioned<T> {
  data: T
  etag: string | null
}

/** RFC 7807 problem details, as sent by the API with `application/problem+json`. */
export interface ProblemDetails {
  status: number
  title: string
  detail?: string
  type?: string
  instance?: string
  errors?: Record<string, string[]>
}
