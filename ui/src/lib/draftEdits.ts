import type { DraftEdit, ParsedDraft, Priority } from '@/api/types'
import { DEFAULT_PRIORITY, isoToLocalInput, localInputToIso, parseTags } from '@/composables/useFormat'

import type { Zone } from './time'

/** The API's cap on a task's duration (a week), as on `POST /tasks`. */
export const MAX_DURATION_MINUTES = 10080

/**
 * One draft of an image's review as the person edits it before accepting: the form's values, as strings
 * where an input holds them (the due as a `datetime-local` value in the account's zone; the tags
 * comma-separated, as the task forms write them).
 */
export interface DraftForm {
  title: string
  due: string
  duration: string
  priority: Priority
  /** A category by name ('' for none): the accept makes a new one. */
  category: string
  tags: string
}

/** The form a draft starts as: what was read (a priority not read shows as the one the task will get). */
export function draftForm(draft: ParsedDraft, zone?: Zone): DraftForm {
  return {
    title: draft.title,
    due: isoToLocalInput(draft.due, zone),
    duration: draft.duration_minutes ? String(draft.duration_minutes) : '',
    priority: draft.priority ?? DEFAULT_PRIORITY,
    category: draft.category ?? '',
    tags: draft.tags.join(', '),
  }
}

/** Why a field of the form cannot be sent, by the API's field name (`duration_minutes`); empty when it can. */
export function draftFormErrors(draft: ParsedDraft, form: DraftForm): Record<string, string[]> {
  const errors: Record<string, string[]> = {}
  const duration = form.duration.trim()
  if (duration === '') {
    // a task always has a duration: one read from the image can be changed, not taken away
    if (draft.duration_minutes) errors.duration_minutes = ['Enter the minutes it takes.']
  } else if (!/^\d+$/.test(duration) || Number(duration) < 1 || Number(duration) > MAX_DURATION_MINUTES) {
    errors.duration_minutes = [`Enter whole minutes, from 1 to ${MAX_DURATION_MINUTES}.`]
  }
  return errors
}

/**
 * The edit of the draft at `index`: only the fields the person changed from what was read, or null when
 * nothing changed. A due cleared is sent as null (no due); the title is trimmed.
 */
export function draftEdit(index: number, draft: ParsedDraft, form: DraftForm, zone?: Zone): DraftEdit | null {
  const edit: DraftEdit = { index }
  const title = form.title.trim()
  if (title !== draft.title) edit.title = title
  const due = localInputToIso(form.due, zone)
  const read = draft.due ? new Date(draft.due).toISOString() : null
  // compared at the minute the input shows: an unchanged due read with seconds is not an edit
  if (form.due !== isoToLocalInput(draft.due, zone) && due !== read) edit.due = due
  const duration = form.duration.trim()
  if (duration !== '' && Number(duration) !== draft.duration_minutes) edit.duration_minutes = Number(duration)
  if (form.priority !== (draft.priority ?? DEFAULT_PRIORITY)) edit.priority = form.priority
  const category = form.category.trim()
  if (category !== (draft.category ?? '')) edit.category = category || null
  const tags = parseTags(form.tags)
  if (tags.join(',') !== draft.tags.join(',')) edit.tags = tags
  return Object.keys(edit).length > 1 ? edit : null
}
