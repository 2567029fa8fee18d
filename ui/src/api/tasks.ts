import type { ApiClient } from './client'
import type {
  Occurrence,
  Page,
  Pagination,
  ScheduleRange,
  Task,
  TaskCreateRequest,
  TaskListParams,
  TaskPatchRequest,
  Uuid,
  Versioned,
} from './types'

/** Parse the flask-smorest `X-Pagination` header; `null` when absent or malformed. */
export function parsePagination(header: string | null): Pagination | null {
  if (!header) return null
  try {
    const value = JSON.parse(header) as Partial<Pagination>
    if (typeof value !== 'object' || value === null || typeof value.total !== 'number') return null
    return {
      total: value.total,
      total_pages: value.total_pages ?? 1,
      first_page: value.first_page ?? 1,
      last_page: value.last_page ?? value.total_pages ?? 1,
      page: value.page ?? 1,
      ...(value.previous_page !== undefined ? { previous_page: value.previous_page } : {}),
      ...(value.next_page !== undefined ? { next_page: value.next_page } : {}),
    }
  } catch {
    return null
  }
}

export async function listTasks(client: ApiClient, params: TaskListParams = {}): Promise<Page<Task>> {
  const { data, headers } = await client.request<Task[]>('/tasks', { query: { ...params } })
  return { items: data ?? [], pagination: parsePagination(headers.get('X-Pagination')) }
}

/** One of your own tasks; another user's id answers 404 like a missing one. */
export async function getTask(client: ApiClient, id: Uuid): Promise<Versioned<Task>> {
  const { data, headers } = await client.request<Task>(`/tasks/${encodeURIComponent(id)}`)
  return { data, etag: headers.get('ETag') }
}

export async function createTask(client: ApiClient, body: TaskCreateRequest): Promise<Versioned<Task>> {
  const { data, headers } = await client.request<Task>('/tasks', { method: 'POST', body })
  return { data, etag: headers.get('ETag') }
}

export async function updateTask(
  client: ApiClient,
  id: Uuid,
  body: TaskPatchRequest,
  options: { ifMatch?: string | null } = {},
): Promise<Versioned<Task>> {
  const { data, headers } = await client.request<Task>(`/tasks/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body,
    headers: options.ifMatch ? { 'If-Match': options.ifMatch } : undefined,
  })
  return { data, etag: headers.get('ETag') }
}

export async function deleteTask(client: ApiClient, id: Uuid): Promise<void> {
  await client.request<void>(`/tasks/${encodeURIComponent(id)}`, { method: 'DELETE' })
}

/** The occurrences of a routine in [from, to) (default: the next 28 days); 409 when it has no recurrence. */
export async function listOccurrences(client: ApiClient, id: Uuid, range: ScheduleRange = {}): Promise<Occurrence[]> {
  const { data } = await client.request<Occurrence[]>(`/tasks/${encodeURIComponent(id)}/occurrences`, {
    query: { ...range },
  })
  return data ?? []
}
