import { defineStore } from 'pinia'
import { computed, readonly, ref, shallowRef } from 'vue'

import type { Task, Uuid } from '@/api'

const STOP_KEY = 'planloom.askActualMinutes'

function storedAsking(): boolean {
  try {
    return globalThis.localStorage?.getItem(STOP_KEY) !== 'off'
  } catch {
    return true // storage blocked: ask, the person can still skip
  }
}

/**
 * "How long did it take?" after a task is marked done: the one task the prompt asks about (a newer
 * completion replaces an unanswered one). It asks once per task: a skipped task is not asked about
 * again this session, and "stop asking" holds in this browser until turned back on. Only done tasks
 * with no reported actual are asked about (a routine's occurrence leaves the routine open: nothing to ask).
 */
export const useActualPromptStore = defineStore('actualPrompt', () => {
  const task = shallowRef<Task | null>(null)
  /** The last task whose time was reported here (a page showing it takes the new value). */
  const reported = shallowRef<Task | null>(null)
  const asking = ref(storedAsking())
  const skipped = new Set<Uuid>()

  /** Whether to ask about a task just completed: done, nothing reported yet, not skipped, asking on. */
  function wants(completed: Task): boolean {
    return asking.value && completed.status === 'done' && !completed.actual_reported && !skipped.has(completed.id)
  }

  /** Ask about a task the person just completed, if there is anything to ask. */
  function offer(completed: Task): void {
    if (wants(completed)) task.value = completed
  }

  /** Close without an answer; this task (or the one named) is not asked about again. */
  function skip(id: Uuid | undefined = task.value?.id): void {
    if (id !== undefined) skipped.add(id)
    if (task.value?.id === id) task.value = null
  }

  /** The answer was saved (here or on the task's page). */
  function answered(updated: Task): void {
    reported.value = updated
    if (task.value?.id === updated.id) task.value = null
  }

  /** Forget a task that changed elsewhere (reopened, deleted, reported from its page). */
  function withdraw(id: Uuid): void {
    if (task.value?.id === id) task.value = null
  }

  function setAsking(on: boolean): void {
    asking.value = on
    try {
      if (on) globalThis.localStorage?.removeItem(STOP_KEY)
      else globalThis.localStorage?.setItem(STOP_KEY, 'off')
    } catch {
      // storage blocked: the choice holds for this session
    }
    if (!on) skip()
  }

  function reset(): void {
    task.value = null
    reported.value = null
    skipped.clear()
  }

  return {
    task: computed(() => task.value),
    reported: computed(() => reported.value),
    asking: readonly(asking),
    wants,
    offer,
    skip,
    answered,
    withdraw,
    setAsking,
    reset,
  }
})
