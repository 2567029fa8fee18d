import type { ProblemDetails } from './types'

const FALLBACK_TITLES: Record<number, string> = {
  0: 'Network error',
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  412: 'This item changed',
  422: 'Invalid input',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Normalise `errors` into `{field: [messages]}`, tolerating nested marshmallow shapes. */
function normaliseErrors(raw: unknown, prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  if (!isRecord(raw)) return out
  for (const [key, value] of Object.entries(raw)) {
    const field = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') {
      out[field] = [value]
    } else if (Array.isArray(value)) {
      const messages = value.filter((m): m is string => typeof m === 'string')
      if (messages.length) out[field] = messages
    } else if (isRecord(value)) {
      Object.assign(out, normaliseErrors(value, field))
    }
  }
  return out
}

/**
 * An error answered by the API (or a failure to reach it, `status === 0`).
 * Carries the problem-details body so views can show `title`, `detail` and field errors.
 */
export class ApiError extends Error implements ProblemDetails {
  readonly status: number
  readonly title: string
  readonly detail?: string
  readonly type?: string
  readonly errors: Record<string, string[]>

  constructor(problem: ProblemDetails) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title)
    this.name = 'ApiError'
    this.status = problem.status
    this.title = problem.title
    this.detail = problem.detail
    this.type = problem.type
    this.errors = problem.errors ?? {}
  }

  /** Messages for one field (`[]` when none). */
  fieldErrors(field: string): string[] {
    return this.errors[field] ?? []
  }

  get isNetworkError(): boolean {
    return this.status === 0
  }

  static network(cause?: unknown): ApiError {
    const error = new ApiError({
      status: 0,
      title: FALLBACK_TITLES[0]!,
      detail: 'Could not reach the Planloom server. Check your connection and try again.',
    })
    if (cause !== undefined) (error as { cause?: unknown }).cause = cause
    return error
  }

  /** Build from a problem-details-like body (or anything else) and an HTTP status. */
  static fromBody(status: number, body: unknown, statusText = ''): ApiError {
    const fallbackTitle = FALLBACK_TITLES[status] ?? (statusText || `HTTP ${status}`)
    if (!isRecord(body)) {
      return new ApiError({
        status,
        title: fallbackTitle,
        detail: typeof body === 'string' && body.trim() && body.length < 300 ? body.trim() : undefined,
      })
    }
    // flask-smorest nests field errors as {errors: {json: {field: [..]}}}; flatten the location.
    let errors = normaliseErrors(body.errors)
    const locations = ['json', 'query', 'headers', 'form', 'path']
    const nested = Object.keys(errors).every((k) => locations.some((l) => k.startsWith(`${l}.`)))
    if (nested && Object.keys(errors).length) {
      errors = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k.slice(k.indexOf('.') + 1), v]))
    }
    const title =
      typeof body.title === 'string' && body.title
        ? body.title
        : typeof body.message === 'string'
          ? body.message
          : fallbackTitle
    return new ApiError({
      status: typeof body.status === 'number' ? body.status : status,
      title,
      detail: typeof body.detail === 'string' ? body.detail : undefined,
      type: typeof body.type === 'string' ? body.type : undefined,
      errors,
    })
  }

  static async fromResponse(response: Response): Promise<ApiError> {
    let body: unknown = undefined
    try {
      const text = await response.text()
      if (text) {
        try {
          body = JSON.parse(text)
        } catch {
          body = text
        }
      }
    } catch {
      body = undefined
    }
    return ApiError.fromBody(response.status, body, response.statusText)
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError
}

/** Turn anything thrown into an ApiError so views have one shape to render. */
export function toApiError(value: unknown): ApiError {
  if (value instanceof ApiError) return value
  if (value instanceof Error) {
    return new ApiError({ status: -1, title: 'Something went wrong', detail: value.message })
  }
  return new ApiError({ status: -1, title: 'Something went wrong' })
}
