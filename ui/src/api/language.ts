import type { ApiClient } from './client'
import type { CommandResult, ParseRequest, ParseResult, QuickAddResult } from './types'

/** The interpreter's reading of a quick-add line (or a slash command); stores nothing. */
export async function parse(client: ApiClient, body: ParseRequest, signal?: AbortSignal): Promise<ParseResult> {
  const { data } = await client.request<ParseResult>('/ai/parse', { method: 'POST', body, signal })
  return data
}

/** Create the tasks a quick-add line describes; the key makes a retried request create them once. */
export async function quickAdd(client: ApiClient, text: string, idempotencyKey?: string): Promise<QuickAddResult> {
  const headers = idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined
  const { data } = await client.request<QuickAddResult>('/tasks/quick-add', { method: 'POST', body: { text }, headers })
  return data
}

/** Run a slash command (`/done report`, `/snooze gym tomorrow`, `/help`, ...). */
export async function command(client: ApiClient, text: string): Promise<CommandResult> {
  const { data } = await client.request<CommandResult>('/ai/command', { method: 'POST', body: { text } })
  return data
}
