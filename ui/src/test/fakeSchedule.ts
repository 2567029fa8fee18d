/**
 * A small stand-in for the server's planner, for the fake API: open tasks by priority then due,
 * one after another from 09:00 UTC of "now"'s day within 09:00-17:00, around pinned blocks.
 */
import type { Block, Task, UnscheduledNote } from '@/api/types'

import { randomId } from './fakeApi'

const DAY_START = 9
const DAY_END = 17
const HOUR = 3_600_000

export interface FakePlan {
  blocks: Block[]
  unscheduled: UnscheduledNote[]
}

function overlaps(start: number, end: number, blocks: Block[]): Block | undefined {
  return blocks.find((b) => Date.parse(b.start) < end && start < Date.parse(b.end))
}

export function fakeReplan(tasks: Task[], pinned: Block[], now: string): FakePlan {
  const open = tasks
    .filter((t) => t.status === 'todo' && !pinned.some((b) => b.task_id === t.id))
    .sort((a, b) => a.priority - b.priority || (a.due ?? '~').localeCompare(b.due ?? '~'))
  const day = new Date(now)
  day.setUTCHours(0, 0, 0, 0)
  let cursor = day.getTime() + DAY_START * HOUR
  const blocks: Block[] = [...pinned]
  const unscheduled: UnscheduledNote[] = []
  for (const task of open) {
    const length = task.duration_minutes * 60_000
    if (length > (DAY_END - DAY_START) * HOUR) {
      unscheduled.push({ task_id: task.id, reason: 'longer than a working day and not splittable', code: 'too_long' })
      continue
    }
    if (task.earliest_start) cursor = Math.max(cursor, Date.parse(task.earliest_start))
    for (;;) {
      const dayStart = new Date(cursor).setUTCHours(DAY_START, 0, 0, 0)
      const dayEnd = new Date(cursor).setUTCHours(DAY_END, 0, 0, 0)
      if (cursor < dayStart) cursor = dayStart
      if (cursor + length > dayEnd) {
        cursor = dayStart + 24 * HOUR
        continue
      }
      const clash = overlaps(cursor, cursor + length, blocks)
      if (!clash) break
      cursor = Date.parse(clash.end)
    }
    blocks.push({
      id: randomId('b'),
      task_id: task.id,
      start: new Date(cursor).toISOString(),
      end: new Date(cursor + length).toISOString(),
      pinned: false,
      reason: `P${task.priority}${task.due ? ', due ' + task.due.slice(0, 10) : ''}`,
    })
    cursor += length
  }
  return { blocks, unscheduled }
}
