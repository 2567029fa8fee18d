import type { ApiClient } from './client'
import type { InsightsCategories, InsightsEstimates, InsightsRange, InsightsSummary, InsightsWeekly } from './types'

async function report<T>(client: ApiClient, name: string, range: InsightsRange): Promise<T> {
  const { data } = await client.request<T>(`/analytics/${name}`, { query: { ...range } })
  return data
}

/** Planned vs. done, on-time rate, lateness, estimate accuracy, streaks, busiest hours over local days. */
export const getSummary = (client: ApiClient, range: InsightsRange = {}) =>
  report<InsightsSummary>(client, 'summary', range)
/** Planned vs. done minutes per week (Monday), empty weeks included. */
export const getWeekly = (client: ApiClient, range: InsightsRange = {}) =>
  report<InsightsWeekly>(client, 'weekly', range)
/** Time per category and per tag. */
export const getCategories = (client: ApiClient, range: InsightsRange = {}) =>
  report<InsightsCategories>(client, 'categories', range)
/** Estimate accuracy by category and duration, with the correction factor. */
export const getEstimates = (client: ApiClient, range: InsightsRange = {}) =>
  report<InsightsEstimates>(client, 'estimates', range)
