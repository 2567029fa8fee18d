/**
 * A request sent through `XMLHttpRequest`, answered as a `Response`: `fetch` cannot report how much
 * of a request body has gone out, and an upload of a few megabytes over a phone's connection needs a
 * progress bar.
 */

/** Called as the body goes out: bytes sent so far and in all. */
export type UploadProgress = (loaded: number, total: number) => void

function responseHeaders(raw: string): Headers {
  const headers = new Headers()
  for (const line of raw.split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim())
  }
  return headers
}

export function sendWithProgress(url: string, init: RequestInit, onProgress: UploadProgress): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    const signal = init.signal
    const abort = () => xhr.abort()
    xhr.open(init.method ?? 'GET', url)
    for (const [name, value] of new Headers(init.headers)) xhr.setRequestHeader(name, value)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total)
    }
    xhr.onload = () => {
      signal?.removeEventListener('abort', abort)
      const empty = xhr.status === 204 || xhr.status === 205
      resolve(
        new Response(empty ? null : xhr.responseText, {
          status: xhr.status,
          statusText: xhr.statusText,
          headers: responseHeaders(xhr.getAllResponseHeaders()),
        }),
      )
    }
    xhr.onerror = () => reject(new TypeError('Network request failed'))
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'))
    if (signal?.aborted) {
      reject(new DOMException('The upload was cancelled.', 'AbortError'))
      return
    }
    signal?.addEventListener('abort', abort, { once: true })
    xhr.send((init.body ?? null) as XMLHttpRequestBodyInit | null)
  })
}
