import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'

import type { Task, Uuid } from '@/api'
import { fromForm, toForm } from '@/lib/preferencesForm'

import { usePreferencesStore } from './preferences'

/** Where earlier versions kept "stop asking" in the browser; moved to the account on first use. */
const LEGACY_KEY = 'planloom.askActualMinutes'

function legacyOff(): boolean {
  try {
    return globalThis.localStorage?.getItem(LEGACY_KEY) === 'off'
  } catch {
    return false
  }
}

function forgetLegacy(): void {
  try {
    globalThis.localStorage?.removeItem(LEGACY_KEY)
  } catch {
    // storage blocked: nothing was kept there either
  }
}

/**
 * "How long did it take?" after a task is marked done: the one task the prompt asks about (a newer
 * completion replaces an unanswered one). It asks once per task: a skipped task is not asked about
 * again this session. "Stop asking" is the account's preference `ask_actual_minutes`, so it holds on
 * every device (Settings turns it back on). Only done tasks with no reported actual are asked about
 * (a routine's occurrence leaves the routine open: nothing to ask).
 */
export const useActualPromptStore = defineStore('actualPrompt', () => {
  const prefs = usePreferencesStore()
  const task = shallowRef<Task | null>(null)
  /** The last task whose time was reported here (a page showing it takes the new value). */
  const reported = shallowRef<Task | null>(null)
  /** A choice made here and not yet confirmed by the server (shown at once). */
  const pending = ref<boolean | null>(null)
  const skipped = new Set<Uuid>()

  const asking = computed(() => pending.value ?? prefs.preferences?.ask_actual_minutes ?? !legacyOff())

  /** Whether to ask about a task just completed: done, nothing reported yet, not skipped, asking on. */
  function wants(completed: Task): boolean {
    return asking.value && completed.status === 'done' && !completed.actual_reported && !skipped.has(completed.id)
  }

  /**
   * Ask about a task the person just completed, if there is anything to ask. The account's choice is
   * loaded first when no page has loaded it yet; a browser that said "stop" before the choice moved to
   * the account passes that on once.
   */
  async function offer(completed: Task): Promise<void> {
    if (!prefs.preferences) await prefs.load()
    if (prefs.preferences?.ask_actual_minutes && legacyOff()) await setAsking(false)
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

  /**
   * Ask or stop asking, for the account (every other preference kept as stored: read again first, so
   * a change made on another device since this page loaded is not undone). Shown at once; resolves
   * true when the server took it, false (and the stored choice shown again) when not.
   */
  async function setAsking(on: boolean): Promise<boolean> {
    pending.value = on
    if (!on) skip()
    const current = await prefs.load(true)
    let saved = false
    if (current) saved = await prefs.save({ ...fromForm(toForm(current)), ask_actual_minutes: on })
    if (saved) forgetLegacy()
    pending.value = null
    return saved
  }

  function reset(): void {
    task.value = null
    reported.value = null
    pending.value = null
    skipped.clear()
  }

  return {
    task: computed(() => task.value),
    reported: computed(() => reported.value),
    asking,
    wants,
    offer,
    skip,
    answered,
    withdraw,
    setAsking,
    reset,
  }
})
