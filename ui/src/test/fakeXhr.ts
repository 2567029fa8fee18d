/**
 * `XMLHttpRequest` over a fake `fetch`, for uploads with progress: it reports half the body sent,
 * then (once released, when held) the rest, and answers what the fake server answers.
 */
import type { FetchLike } from '@/api'

export interface FakeXhrControl {
  /** The class to stub as the global `XMLHttpRequest`. */
  Xhr: unknown
  /** Uploads wait at half-way until `release()`. */
  hold(): void
  release(): void
}

export function fakeXhr(fetchImpl: FetchLike): FakeXhrControl {
  let held: { promise: Promise<void>; resolve: () => void } | null = null

  class FakeXhr {
    upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null }
    onload: (() => void) | null = null
    onerror: (() => void) | null = null
    onabort: (() => void) | null = null
    status = 0
    statusText = ''
    responseText = ''
    private method = 'GET'
    private url = ''
    private readonly headers = new Headers()
    private answer = new Headers()
    private aborted = false

    open(method: string, url: string) {
      this.method = method
      this.url = url
    }
    setRequestHeader(name: string, value: string) {
      this.headers.set(name, value)
    }
    getAllResponseHeaders() {
      return [...this.answer].map(([name, value]) => `${name}: ${value}`).join('\r\n')
    }
    abort() {
      if (this.aborted) return
      this.aborted = true
      this.onabort?.()
    }
    send(body: FormData | null) {
      const total = body instanceof FormData ? ((body.get('file') as Blob | null)?.size ?? 0) : 0
      const progress = (loaded: number) =>
        this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent)
      void (async () => {
        progress(Math.floor(total / 2))
        if (held) await held.promise
        if (this.aborted) return
        progress(total)
        const response = await fetchImpl(this.url, { method: this.method, headers: this.headers, body })
        if (this.aborted) return
        this.status = response.status
        this.statusText = response.statusText
        this.answer = response.headers
        this.responseText = await response.text()
        this.onload?.()
      })()
    }
  }

  return {
    Xhr: FakeXhr,
    hold() {
      let resolve!: () => void
      held = { promise: new Promise<void>((r) => (resolve = r)), resolve }
    },
    release() {
      held?.resolve()
      held = null
    },
  }
}
