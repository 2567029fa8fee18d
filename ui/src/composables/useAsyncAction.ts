import { ref, shallowRef } from 'vue'

import { toApiError, type ApiError } from '@/api'

/**
 * Run an async action with `pending` and `problem` state, for forms and buttons.
 * The problem is an {@link ApiError}, so views can render title, detail and field errors.
 */
export function useAsyncAction() {
  const pending = ref(false)
  const problem = shallowRef<ApiError | null>(null)

  async function run<T>(action: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: ApiError }> {
    pending.value = true
    problem.value = null
    try {
      return { ok: true, value: await action() }
    } catch (e) {
      const error = toApiError(e)
      problem.value = error
      return { ok: false, error }
    } finally {
      pending.value = false
    }
  }

  /** Messages for one field of the last problem. */
  function fieldErrors(field: string): string[] {
    return problem.value?.fieldErrors(field) ?? []
  }

  function clear(): void {
    problem.value = null
  }

  return { pending, problem, run, fieldErrors, clear }
}
