import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'

import {
  api,
  ApiError,
  toApiError,
  type BusyInterval,
  type PlanSummary,
  type ScheduledBlock,
  type Task,
  type Uuid,
} from '@/api'

import { useActualPromptStore } from './actualPrompt'
import { usePreferencesStore } from './preferences'

/** What failed where: a block's id, or `replan`, so the message shows beside that control. */
export type ActionKey = Uuid | 'replan'

/**
 * The plan for a range of time (a day or a week): its blocks with their tasks, busy time, the
 * last plan's notes (unscheduled and late tasks, shortfalls), the tasks those notes name, and the
 * working hours. Actions (complete, snooze, move, re-plan) reload the range afterwards, because a
 * change re-plans the rest on the server.
 */
export const useScheduleStore = defineStore('schedule', () => {
  const range = shallowRef<{ from: Date; to: Date; overdue: boolean } | null>(null)
  const blocks = ref<ScheduledBlock[]>([])
  const busy = ref<BusyInterval[]>([])
  const plan = shallowRef<PlanSummary | null>(null)
  const prefs = usePreferencesStore()
  /** The account's preferences (working hours, time zone), shared with the settings page. */
  const preferences = computed(() => prefs.preferences)
  /** The account's time zone: the plan is shown in it, whatever the browser's zone. */
  const zone = computed(() => prefs.zone)
  /** Open tasks by id, to name the plan's notes. */
  const openTasks = ref<Record<Uuid, Task>>({})
  const overdue = ref<Task[]>([])
  const loading = ref(false)
  const loaded = ref(false)
  const error = shallowRef<ApiError | null>(null)
  const pending = ref<Partial<Record<ActionKey, true>>>({})
  const actionErrors = ref<Partial<Record<ActionKey, ApiError>>>({})
  let seq = 0

  const unscheduled = computed(() =>
    (plan.value?.unscheduled ?? []).map((note) => ({ ...note, task: openTasks.value[note.task_id] ?? null })),
  )
  const late = computed(() =>
    (plan.value?.lateness ?? []).map((note) => ({ ...note, task: openTasks.value[note.task_id] ?? null })),
  )
  /** Weeks whose dated work cannot all be on time: the missing hours, and who is late. */
  const overload = computed(() =>
    (plan.value?.metrics?.overload ?? []).map((week) => ({
      ...week,
      late: week.late.map((l) => ({ ...l, task: openTasks.value[l.task_id] ?? null })),
    })),
  )

  /** Load the plan of [from, to); `overdue: false` skips the overdue tasks (the week does not show them: one request less). */
  async function load(from: Date, to: Date, { overdue: withOverdue = true } = {}): Promise<void> {
    range.value = { from, to, overdue: withOverdue }
    const mine = ++seq
    loading.value = true
    const span = { from: from.toISOString(), to: to.toISOString() }
    const now = new Date().toISOString()
    try {
      const [schedule, busyTimes, open, late] = await Promise.all([
        api.schedule.get(span),
        api.schedule.busy(span),
        api.tasks.list({ status: ['todo'], sort: 'due', page_size: 100 }),
        withOverdue
          ? api.tasks.list({ status: ['todo'], due_before: now, sort: 'due', page_size: 100 })
          : { items: [], pagination: null },
        prefs.load(),
      ])
      if (mine !== seq) return
      blocks.value = [...schedule.blocks].sort((a, b) => a.start.localeCompare(b.start))
      plan.value = schedule.plan
      busy.value = busyTimes
      openTasks.value = Object.fromEntries(open.items.map((t) => [t.id, t]))
      overdue.value = late.items
      error.value = prefs.error // the plan shows without its working hours when they failed to load
    } catch (e) {
      if (mine === seq) error.value = toApiError(e)
    } finally {
      if (mine === seq) {
        loading.value = false
        loaded.value = true
      }
    }
  }

  async function reload(): Promise<void> {
    if (range.value) await load(range.value.from, range.value.to, { overdue: range.value.overdue })
  }

  /** The stored plan is older than a change to an open task: the server's re-plan is still running. */
  const stale = computed(() => {
    const computedAt = Date.parse(plan.value?.computed_at ?? '')
    return Object.values(openTasks.value).some((t) => !(Date.parse(t.updated_at) <= computedAt))
  })

  /**
   * After a change elsewhere (quick add): ask for the re-plan now (`POST /schedule`) and reload. The
   * server re-plans on the change's event by itself, but only after waiting 200 ms for more edits and
   * for its outbox relay, which put the new block on screen about half a second after Enter; the plan
   * asked for here covers the change, so that background re-plan then finds nothing to do. When the
   * request fails (a rate limit, say), or with `replan: false`, reload, and while the plan has not
   * caught up with the change yet, look again a little later.
   */
  async function follow({
    delays = [100, 200, 400, 800, 1600, 3200],
    replan = true,
  }: { delays?: number[]; replan?: boolean } = {}): Promise<void> {
    if (replan) await api.schedule.replan().catch(() => null)
    await reload()
    let mine = seq // another load since (another week, a reset) ends the following
    for (const delay of delays) {
      if (!stale.value || seq !== mine) return
      await new Promise((r) => setTimeout(r, delay))
      if (seq !== mine) return
      await reload()
      mine = seq
    }
  }

  /** Run an action keyed to a control; its error stays beside that control. Resolves true on success. */
  async function act(key: ActionKey, action: () => Promise<unknown>): Promise<boolean> {
    pending.value = { ...pending.value, [key]: true }
    const { [key]: _, ...others } = actionErrors.value
    actionErrors.value = others
    try {
      await action()
      await reload()
      return true
    } catch (e) {
      actionErrors.value = { ...actionErrors.value, [key]: toApiError(e) }
      return false
    } finally {
      const { [key]: _done, ...rest } = pending.value
      pending.value = rest
    }
  }

  const replan = () => act('replan', () => api.schedule.replan())

  /** Complete a task from the plan, then ask how long it took (the prompt decides whether to). */
  const completing = async (id: Uuid) =>
    void useActualPromptStore().offer((await api.tasks.update(id, { status: 'done' })).data)

  const complete = (block: ScheduledBlock) => act(block.id, () => completing(block.task_id))

  /** Not before `until`; the re-plan moves its blocks out of the way. */
  const snooze = (block: ScheduledBlock, until: Date) =>
    act(block.id, async () => {
      await api.tasks.update(block.task_id, { earliest_start: until.toISOString() })
      await api.schedule.replan()
    })

  /** Move a block to start at `start`, keeping its length; the server pins it. */
  const move = (block: ScheduledBlock, start: Date) => {
    const length = Date.parse(block.end) - Date.parse(block.start)
    const end = new Date(start.getTime() + length)
    return act(block.id, () => api.schedule.move(block.id, { start: start.toISOString(), end: end.toISOString() }))
  }

  /** Change a block's length, keeping its start (at least 15 minutes); the server pins it. */
  const resize = (block: ScheduledBlock, minutes: number) => {
    const start = Date.parse(block.start)
    const end = new Date(start + Math.max(15, minutes) * 60_000)
    return act(block.id, () => api.schedule.move(block.id, { start: block.start, end: end.toISOString() }))
  }

  const setPinned = (block: ScheduledBlock, pinned: boolean) =>
    act(block.id, () => api.schedule.setPinned(block.id, pinned))

  const completeTask = (task: Task) => act(task.id, () => completing(task.id))

  function reset(): void {
    seq++
    range.value = null
    blocks.value = []
    busy.value = []
    plan.value = null
    openTasks.value = {}
    overdue.value = []
    loading.value = false
    loaded.value = false
    error.value = null
    pending.value = {}
    actionErrors.value = {}
  }

  return {
    range,
    blocks,
    busy,
    plan,
    preferences,
    zone,
    overdue,
    overload,
    unscheduled,
    late,
    loading,
    loaded,
    error,
    pending,
    actionErrors,
    stale,
    load,
    reload,
    follow,
    replan,
    complete,
    snooze,
    move,
    resize,
    setPinned,
    completeTask,
    reset,
  }
})
