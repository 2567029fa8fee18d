import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { User } from '@/api'
import type { FakeApi } from '@/test/fakeApi'
import { endSession, signedInWithFakeApi } from '@/test/session'

import { useInsightsStore } from './insights'

describe('insights store', () => {
  let server: FakeApi
  let user: User

  beforeEach(async () => {
    ;({ server, user } = await signedInWithFakeApi())
  })
  afterEach(endSession)

  it('loads the four reports of one range and keeps the range the server answered', async () => {
    server.insights.set(user.id, { weekly: { weeks: [{ week: '2026-11-02', done: 3 }] } })
    const insights = useInsightsStore()
    await insights.load()
    expect(insights.reports?.summary.done).toBe(0)
    expect(insights.reports?.weekly.weeks).toEqual([{ week: '2026-11-02', done: 3 }])
    expect(insights.range).toEqual({ from: '2026-10-28', to: '2026-11-26' })
    const paths = server.requests.filter((r) => r.path.startsWith('/analytics/')).map((r) => r.path)
    expect(paths.sort()).toEqual([
      '/analytics/categories',
      '/analytics/estimates',
      '/analytics/summary',
      '/analytics/weekly',
    ])
  })

  it('keeps the last good reports and shows the problem when a range is refused; a later load wins', async () => {
    const insights = useInsightsStore()
    await insights.load({ from: '2026-11-01', to: '2026-11-02' })
    await insights.load({ from: '2026-11-03', to: '2026-11-01' })
    expect(insights.error?.status).toBe(422)
    expect(insights.reports?.summary.from).toBe('2026-11-01')
    const first = insights.load({ from: '2026-01-01', to: '2026-01-31' })
    const second = insights.load({ from: '2026-02-01', to: '2026-02-28' })
    await Promise.all([first, second])
    expect(insights.range).toEqual({ from: '2026-02-01', to: '2026-02-28' })
    expect(insights.error).toBeNull()
    insights.reset()
    expect(insights.reports).toBeNull()
  })
})
