import { defineStore } from 'pinia'
import { computed, reactive, ref, shallowRef } from 'vue'

import {
  api,
  ApiError,
  toApiError,
  type Pagination,
  type Task,
  type TaskCreateRequest,
  type TaskListParams,
  type TaskPatchRequest,
  type TaskSort,
  type TaskStatus,
  type Uuid,
} from '@/api'

export type StatusFilter = TaskStatus | 'all'

export interface TaskQuery {
  status: StatusFilter
  sort: TaskSort
  page: number
  pageSize: number
  /** Text searched in titles and notes ('' for none). */
  q: string
  categoryId: Uuid | ''
  tag: string
  /** Local calendar days, `YYYY-MM-DD` ('' for open): due on or after `dueFrom`, on or before `dueTo`. */
  dueFrom: string
  dueTo: string
}

/** The query fields that filter the list (a change of any of them goes back to page 1). */
export const FILTER_KEYS = ['status', 'sort', 'q', 'categoryId', 'tag', 'dueFrom', 'dueTo'] as const

export const DEFAULT_QUERY: Readonly<TaskQuery> = Object.freeze({
  status: 'todo',
  sort: 'due',
  page: 1,
  pageSize: 50,
  q: '',
  categoryId: '',
  tag: '',
  dueFrom: '',
  dueTo: '',
})

/** Start of a local calendar day (`YYYY-MM-DD`, plus `days`) as an ISO instant; undefined for ''. */
export function localDayStart(day: string, days = 0): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) return undefined
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days).toISOString()
}

/** The API's list parameters for a query. */
export function listParams(query: TaskQuery): TaskListParams {
  const q = query.q.trim().slice(0, 200)
  return {
    status: query.status === 'all' ? undefined : [query.status],
    sort: query.sort,
    page: query.page,
    page_size: query.pageSize,
    q: q || undefined,
    category_id: query.categoryId || undefined,
    tag: query.tag || undefined,
    due_after: localDayStart(query.dueFrom),
    due_before: localDayStart(query.dueTo, 1), // the whole of the last day
  }
}

/** What a bulk action did: the tasks it changed, and the ones it could not, with the reason. */
export interface BulkResult {
  done: Task[]
  failed: { id: Uuid; title: string; error: ApiError }[]
}

export const useTasksStore = defineStore('tasks', () => {
  const items = ref<Task[]>([])
  const pagination = ref<Pagination | null>(null)
  const query = reactive<TaskQuery>({ ...DEFAULT_QUERY })
  const loading = ref(false)
  const loaded = ref(false)
  /** Error of the last list load (shown in place of the list). */
  const error = shallowRef<ApiError | null>(null)
  /** Ids of tasks with a request in flight. */
  const pending = ref<Record<Uuid, true>>({})
  const etags = new Map<Uuid, string>()
  let loadSeq = 0

  const total = computed(() => pagination.value?.total ?? items.value.length)
  const isEmpty = computed(() => loaded.value && !error.value && items.value.length === 0)
  const totalPages = computed(() => pagination.value?.total_pages ?? 1)

  function isPending(id: Uuid): boolean {
    return Boolean(pending.value[id])
  }

  function setPending(id: Uuid, on: boolean): void {
    if (on) pending.value = { ...pending.value, [id]: true }
    else {
      const { [id]: _, ...rest } = pending.value
      pending.value = rest
    }
  }

  function matchesFilter(task: Task): boolean {
    return (
      (query.status === 'all' || task.status === query.status) &&
      (!query.categoryId || task.category_id === query.categoryId) &&
      (!query.tag || task.tags.includes(query.tag.toLowerCase()))
    )
  }

  function remember(task: Task, etag: string | null): void {
    if (etag) etags.set(task.id, etag)
    else etags.delete(task.id)
  }

  function dropLocally(id: Uuid): void {
    const before = items.value.length
    items.value = items.value.filter((t) => t.id !== id)
    etags.delete(id)
    if (pagination.value && items.value.length < before) {
      pagination.value = { ...pagination.value, total: Math.max(0, pagination.value.total - 1) }
    }
  }

  /** The page emptied locally but other pages hold tasks: load the page that now fits. */
  async function refillIfEmpty(): Promise<void> {
    if (items.value.length > 0 || (pagination.value?.total_pages ?? 1) <= 1) return
    await fetchTasks({ page: query.page > 1 ? query.page - 1 : 1 })
  }

  /** Load the current page; `changes` update the query first (a filter change resets to page 1). */
  async function fetchTasks(changes: Partial<TaskQuery> = {}): Promise<void> {
    if (FILTER_KEYS.some((key) => changes[key] !== undefined && changes[key] !== query[key])) {
      changes = { page: 1, ...changes }
    }
    Object.assign(query, changes)
    const seq = ++loadSeq
    loading.value = true
    try {
      const page = await api.tasks.list(listParams(query))
      if (seq !== loadSeq) return // a newer load superseded this one
      // Past the last page (e.g. after deleting its only task): step back.
      if (page.items.length === 0 && page.pagination && query.page > 1 && query.page > page.pagination.total_pages) {
        query.page = Math.max(1, page.pagination.total_pages)
        return fetchTasks()
      }
      items.value = page.items
      pagination.value = page.pagination
      error.value = null
      loaded.value = true
    } catch (e) {
      if (seq !== loadSeq) return
      const err = toApiError(e)
      if (err.status === 404 && query.page > 1) {
        query.page = 1 // a page past the end may be answered with 404
        return fetchTasks()
      }
      error.value = err
      loaded.value = true
    } finally {
      if (seq === loadSeq) loading.value = false
    }
  }

  /** One task by id, its ETag kept for the next edit (a task page may show one that is not in the list). */
  async function loadTask(id: Uuid): Promise<Task> {
    const { data, etag } = await api.tasks.get(id)
    remember(data, etag)
    return data
  }

  async function createTask(input: TaskCreateRequest): Promise<Task> {
    const { data, etag } = await api.tasks.create(input)
    remember(data, etag)
    await fetchTasks() // reload to keep the server's order and paging (records its own error)
    return data
  }

  /** PATCH a task (guarded by its ETag); the list follows. Errors are thrown for the caller to show. */
  function updateTask(id: Uuid, changes: TaskPatchRequest): Promise<Task> {
    return patch(id, changes, true)
  }

  /**
   * Report how long a done task took (null forgets it). Unguarded: it sets the one value the person
   * states, and the task may have been completed elsewhere (the plan, a slash command) with an ETag
   * this store never saw, which would refuse it for no one's benefit.
   */
  function reportActual(id: Uuid, minutes: number | null): Promise<Task> {
    return patch(id, { actual_minutes: minutes }, false)
  }

  async function patch(id: Uuid, changes: TaskPatchRequest, guarded: boolean): Promise<Task> {
    setPending(id, true)
    try {
      const { data, etag } = await api.tasks.update(id, changes, { ifMatch: guarded ? etags.get(id) : null })
      remember(data, etag)
      if (matchesFilter(data)) {
        items.value = items.value.map((t) => (t.id === id ? data : t))
      } else {
        dropLocally(id)
        await refillIfEmpty()
      }
      return data
    } catch (e) {
      const err = toApiError(e)
      if (err.status === 404) dropLocally(id)
      if (err.status === 412 || err.status === 428) {
        etags.delete(id)
        await fetchTasks()
      }
      throw err
    } finally {
      setPending(id, false)
    }
  }

  const setStatus = (id: Uuid, status: TaskStatus) => updateTask(id, { status })
  const completeTask = (id: Uuid) => setStatus(id, 'done')

  /**
   * Complete several tasks: one request per task (the API has no bulk endpoint), two at a time.
   * Every task is tried; the result says which failed and why.
   */
  async function completeMany(ids: readonly Uuid[]): Promise<BulkResult> {
    const result: BulkResult = { done: [], failed: [] }
    const titles = new Map(items.value.map((t) => [t.id, t.title]))
    const queue = [...new Set(ids)]
    async function worker() {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        try {
          result.done.push(await completeTask(id))
        } catch (e) {
          result.failed.push({ id, title: titles.get(id) ?? id, error: toApiError(e) })
        }
      }
    }
    await Promise.all([worker(), worker()])
    return result
  }
  const reopenTask = (id: Uuid) => setStatus(id, 'todo')

  async function deleteTask(id: Uuid): Promise<void> {
    setPending(id, true)
    try {
      await api.tasks.remove(id)
      dropLocally(id)
    } catch (e) {
      const err = toApiError(e)
      if (err.status !== 404) throw err
      dropLocally(id) // already gone: that is what the user wanted
    } finally {
      setPending(id, false)
    }
    await refillIfEmpty()
  }

  function reset(): void {
    items.value = []
    pagination.value = null
    Object.assign(query, DEFAULT_QUERY)
    loading.value = false
    loaded.value = false
    error.value = null
    pending.value = {}
    etags.clear()
    loadSeq++
  }

  return {
    items,
    pagination,
    query,
    loading,
    loaded,
    error,
    total,
    totalPages,
    isEmpty,
    isPending,
    fetchTasks,
    loadTask,
    createTask,
    setStatus,
    updateTask,
    reportActual,
    completeTask,
    completeMany,
    reopenTask,
    deleteTask,
    reset,
  }
})
