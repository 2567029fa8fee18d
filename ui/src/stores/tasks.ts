import { defineStore } from 'pinia'
import { computed, reactive, ref, shallowRef } from 'vue'

import {
  api,
  ApiError,
  toApiError,
  type Pagination,
  type Task,
  type TaskCreateRequest,
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
}

export const DEFAULT_QUERY: Readonly<TaskQuery> = Object.freeze({ status: 'todo', sort: 'due', page: 1, pageSize: 50 })

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
    return query.status === 'all' || task.status === query.status
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
    if (
      (changes.status !== undefined && changes.status !== query.status) ||
      (changes.sort !== undefined && changes.sort !== query.sort)
    ) {
      changes = { page: 1, ...changes }
    }
    Object.assign(query, changes)
    const seq = ++loadSeq
    loading.value = true
    try {
      const page = await api.tasks.list({
        status: query.status === 'all' ? undefined : [query.status],
        sort: query.sort,
        page: query.page,
        page_size: query.pageSize,
      })
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

  async function createTask(input: TaskCreateRequest): Promise<Task> {
    const { data, etag } = await api.tasks.create(input)
    remember(data, etag)
    await fetchTasks() // reload to keep the server's order and paging (records its own error)
    return data
  }

  async function setStatus(id: Uuid, status: TaskStatus): Promise<Task> {
    setPending(id, true)
    try {
      const { data, etag } = await api.tasks.update(id, { status }, { ifMatch: etags.get(id) })
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

  const completeTask = (id: Uuid) => setStatus(id, 'done')
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
    createTask,
    setStatus,
    completeTask,
    reopenTask,
    deleteTask,
    reset,
  }
})
