import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { backoffDelay, createPoller } from './polling'

describe('polling with back-off', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }))
  afterEach(() => vi.useRealTimers())

  it('waits longer each time, up to the cap', () => {
    const delays = [0, 1, 2, 3, 10].map((n) => backoffDelay(n, { first: 1000, factor: 2, max: 5000 }))
    expect(delays).toEqual([1000, 2000, 4000, 5000, 5000])
  })

  it('asks until the tick says done, on the back-off schedule', async () => {
    let left = 3
    const tick = vi.fn(async () => --left > 0)
    const poller = createPoller(tick, { first: 100, factor: 2, max: 1000 })
    poller.start()
    await vi.advanceTimersByTimeAsync(99)
    expect(tick).toHaveBeenCalledTimes(0)
    await vi.advanceTimersByTimeAsync(1) // 100
    expect(tick).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(200) // 300
    expect(tick).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(400) // 700: the third says done
    expect(tick).toHaveBeenCalledTimes(3)
    expect(poller.active).toBe(false)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(tick).toHaveBeenCalledTimes(3)
  })

  it('stops at once, even with a tick in flight', async () => {
    let answer!: (again: boolean) => void
    const tick = vi.fn(() => new Promise<boolean>((resolve) => (answer = resolve)))
    const poller = createPoller(tick, { first: 100 })
    poller.start()
    await vi.advanceTimersByTimeAsync(100)
    expect(tick).toHaveBeenCalledTimes(1)
    poller.stop()
    answer(true) // the answer comes back after the page was left: nothing more is asked
    await vi.advanceTimersByTimeAsync(60_000)
    expect(tick).toHaveBeenCalledTimes(1)
    expect(poller.active).toBe(false)
  })

  it('keeps asking after a failed tick', async () => {
    const tick = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce(false)
    const poller = createPoller(tick, { first: 100, factor: 1 })
    poller.start()
    await vi.advanceTimersByTimeAsync(200)
    expect(tick).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(1000)
    expect(tick).toHaveBeenCalledTimes(2)
  })
})
