/**
 * Polling with back-off: ask again after `first` ms, then each wait `factor` times longer, up to
 * `max`. The tick answers whether to go on; `stop()` ends it, a tick in flight included, so a page
 * that is left asks nothing more.
 */
export interface BackoffOptions {
  first?: number
  factor?: number
  max?: number
}

export function backoffDelay(attempt: number, { first = 1000, factor = 1.5, max = 15_000 }: BackoffOptions = {}) {
  return Math.min(max, Math.round(first * factor ** attempt))
}

export interface Poller {
  /** (Re)start from the first, shortest wait; a running poll starts over. */
  start(): void
  stop(): void
  readonly active: boolean
}

export function createPoller(tick: () => Promise<boolean>, options: BackoffOptions = {}): Poller {
  let timer: ReturnType<typeof setTimeout> | null = null
  let run = 0 // which start() a scheduled tick belongs to: a tick of an older run does not go on
  let attempt = 0

  function schedule(current: number) {
    timer = setTimeout(
      async () => {
        timer = null
        let again = false
        try {
          again = await tick()
        } catch {
          again = true // a failed look (offline a moment) is tried again, later
        }
        if (again && current === run) {
          attempt += 1
          schedule(current)
        }
      },
      backoffDelay(attempt, options),
    )
  }

  function stop() {
    run += 1
    if (timer !== null) clearTimeout(timer)
    timer = null
  }

  return {
    start() {
      stop()
      attempt = 0
      schedule(run)
    },
    stop,
    get active() {
      return timer !== null
    },
  }
}
