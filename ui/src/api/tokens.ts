/**
 * Where the client keeps its credentials. The access token lives in memory only; the refresh token
 * lives in an HttpOnly cookie that scripts cannot read (the browser sends it to `/api/v1/auth`).
 * What a script can read is the CSRF cookie that goes with it: its presence says "there is a
 * session to resume", and its value goes back in `X-CSRF-Token` when refreshing or signing out.
 */

/** The access token, in memory. */
export interface TokenStore {
  readonly accessToken: string | null
  set(accessToken: string): void
  clear(): void
}

export class MemoryTokenStore implements TokenStore {
  accessToken: string | null = null

  constructor(initial?: string) {
    if (initial) this.set(initial)
  }

  set(accessToken: string): void {
    this.accessToken = accessToken
  }

  clear(): void {
    this.accessToken = null
  }
}

export const CSRF_COOKIE = 'planloom_csrf'
export const CSRF_HEADER = 'X-CSRF-Token'

/** The readable half of the session cookies. */
export interface SessionCookies {
  /** The CSRF token of the current refresh cookie; null when there is no session to resume. */
  csrfToken(): string | null
  /** Forget the session locally (the server clears the HttpOnly cookie itself). */
  forget(): void
}

/** `document.cookie` of this page. */
export class DocumentCookies implements SessionCookies {
  csrfToken(): string | null {
    if (typeof document === 'undefined') return null
    for (const part of document.cookie.split(';')) {
      const [name, ...value] = part.trim().split('=')
      if (name === CSRF_COOKIE) return decodeURIComponent(value.join('=')) || null
    }
    return null
  }

  forget(): void {
    if (typeof document !== 'undefined') document.cookie = `${CSRF_COOKIE}=; Max-Age=0; Path=/`
  }
}
