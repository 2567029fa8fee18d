import { defineStore } from 'pinia'
import { readonly, ref, shallowRef } from 'vue'

import {
  api,
  ApiError,
  toApiError,
  type InsightsCategories,
  type InsightsEstimates,
  type InsightsRange,
  type InsightsSummary,
  type InsightsWeekly,
} from '@/api'

export interface InsightsReports {
  summary: InsightsSummary
  weekly: InsightsWeekly
  categories: InsightsCategories
  estimates: InsightsEstimates
}

/**
 * The four insights reports of one range of local days (`from`/`to`, YYYY-MM-DD; the server's
 * defaults when empty), loaded together. A later load wins over an earlier one still running.
 */
export const useInsightsStore = defineStore('insights', () => {
  const reports = shallowRef<InsightsReports | null>(null)
  const range = ref<InsightsRange>({})
  const loading = ref(false)
  const error = shallowRef<ApiError | null>(null)
  let seq = 0

  async function load(wanted: InsightsRange = range.value): Promise<void> {
    const mine = ++seq
    const query = Object.fromEntries(Object.entries(wanted).filter(([, v]) => v)) as InsightsRange
    range.value = query
    loading.value = true
    try {
      const [summary, weekly, categories, estimates] = await Promise.all([
        api.analytics.summary(query),
        api.analytics.weekly(query),
        api.analytics.categories(query),
        api.analytics.estimates(query),
      ])
      if (mine !== seq) return
      reports.value = { summary, weekly, categories, estimates }
      range.value = { from: summary.from, to: summary.to }
      error.value = null
    } catch (e) {
      if (mine === seq) error.value = toApiError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function reset(): void {
    seq++
    reports.value = null
    range.value = {}
    loading.value = false
    error.value = null
  }

  return { reports: readonly(reports), range: readonly(range), loading: readonly(loading), error, load, reset }
})
