import type { TokenPair } from './types'

/** Where the client keeps the access and refresh tokens. */
export interface TokenStore {
  readonly accessToken: string | null
  readonly refreshToken: string | null
  set(tokens: TokenPair): void
  clear(): void
}

export const ACCESS_TOKEN_KEY = 'planloom.access_token'
export const REFRESH_TOKEN_KEY = 'planloom.refresh_token'

function safeStorage(): Storage | null {
  try {
    return typeof window !== 'undefined' && window.localStorage ? window.localStorage : null
  } catch {
    return null // e.g. storage disabled by the browser
  }
}

/** Tokens persisted in `localStorage` so a reload keeps the session. */
export class LocalStorageTokenStore implements TokenStore {
  /** Fallback when storage is missing or throws (quota, privacy mode): keeps this tab working. */
  private readonly memory = new Map<string, string>()
  private storage: Storage | null

  constructor(storage: Storage | null = safeStorage()) {
    this.storage = storage
  }

  private read(key: string): string | null {
    if (this.storage) {
      try {
        return this.storage.getItem(key)
      } catch {
        this.storage = null
      }
    }
    return this.memory.get(key) ?? null
  }

  private write(key: string, value: string | null): void {
    if (value === null) this.memory.delete(key)
    else this.memory.set(key, value)
    if (!this.storage) return
    try {
      if (value === null) this.storage.removeItem(key)
      else this.storage.setItem(key, value)
    } catch {
      this.storage = null
    }
  }

  get accessToken(): string | null {
    return this.read(ACCESS_TOKEN_KEY)
  }

  get refreshToken(): string | null {
    return this.read(REFRESH_TOKEN_KEY)
  }

  set(tokens: TokenPair): void {
    this.write(ACCESS_TOKEN_KEY, tokens.access_token)
    this.write(REFRESH_TOKEN_KEY, tokens.refresh_token)
  }

  clear(): void {
    this.write(ACCESS_TOKEN_KEY, null)
    this.write(REFRESH_TOKEN_KEY, null)
  }
}

/** Non-persistent store, for tests and embedding. */
export class MemoryTokenStore implements TokenStore {
  accessToken: string | null = null
  refreshToken: string | null = null

  constructor(initial?: TokenPair) {
    if (initial) this.set(initial)
  }

  set(tokens: TokenPair): void {
    this.accessToken = tokens.access_token
    this.refreshToken = tokens.refresh_token
  }

  clear(): void {
    this.accessToken = null
    this.refreshToken = null
  }
}
