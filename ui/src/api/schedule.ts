import type { ApiClient } from './client'
import type { Block, BlockMove, BusyInterval, Schedule, ScheduleRange, Uuid } from './types'

/** Blocks overlapping [from, to) with their tasks, and the last plan's notes. */
export async function getSchedule(client: ApiClient, range: ScheduleRange = {}): Promise<Schedule> {
  const { data } = await client.request<Schedule>('/schedule', { query: { ...range } })
  return data
}

/** Re-plan the open tasks now; answers the new schedule. */
export async function replan(client: ApiClient): Promise<Schedule> {
  const { data } = await client.request<Schedule>('/schedule', { method: 'POST' })
  return data
}

/** Move a block by hand, which pins it. */
export async function moveBlock(client: ApiClient, id: Uuid, move: BlockMove): Promise<Block> {
  const { data } = await client.request<Block>(`/schedule/blocks/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: move,
  })
  return data
}

export async function setPinned(client: ApiClient, id: Uuid, pinned: boolean): Promise<Block> {
  const { data } = await client.request<Block>(`/schedule/blocks/${encodeURIComponent(id)}/pin`, {
    method: pinned ? 'PUT' : 'DELETE',
  })
  return data
}

/** Busy time (calendars and hand-made) overlapping [from, to). */
export async function listBusy(client: ApiClient, range: ScheduleRange = {}): Promise<BusyInterval[]> {
  const { data } = await client.request<BusyInterval[]>('/busy', { query: { ...range } })
  return data ?? []
}
