import type { ApiClient } from './client'
import type { UploadProgress } from './upload'
import type { AcceptedTasks, DraftEdit, UploadedImage, Uuid } from './types'

const path = (id: Uuid, rest = '') => `/images/${encodeURIComponent(id)}${rest}`

/** Your images, newest first. */
export async function listImages(client: ApiClient, limit = 50): Promise<UploadedImage[]> {
  const { data } = await client.request<UploadedImage[]>('/images', { query: { limit } })
  return data ?? []
}

/** One of your images (another user's answers 404, like a missing one). */
export async function getImage(client: ApiClient, id: Uuid): Promise<UploadedImage> {
  const { data } = await client.request<UploadedImage>(path(id))
  return data
}

export interface UploadOptions {
  caption?: string
  onProgress?: UploadProgress
  signal?: AbortSignal
}

/** Upload an image (multipart `file`, optional `caption`); the server answers 202 with it `pending`. */
export async function uploadImage(client: ApiClient, file: File, options: UploadOptions = {}): Promise<UploadedImage> {
  const form = new FormData()
  form.append('file', file, file.name)
  if (options.caption) form.append('caption', options.caption)
  const { data } = await client.request<UploadedImage>('/images', {
    method: 'POST',
    form,
    onUploadProgress: options.onProgress,
    signal: options.signal,
  })
  return data
}

export async function deleteImage(client: ApiClient, id: Uuid): Promise<void> {
  await client.request<void>(path(id), { method: 'DELETE' })
}

/**
 * Make tasks of the drafts at `indexes` (all of them or none), with the person's `edits` of some of them
 * (a field error names the edit: `edits[0].title`); the tasks come back in the order of `indexes`.
 */
export async function acceptDrafts(
  client: ApiClient,
  id: Uuid,
  indexes: number[],
  edits: DraftEdit[] = [],
): Promise<AcceptedTasks> {
  const body = edits.length ? { indexes, edits } : { indexes }
  const { data } = await client.request<AcceptedTasks>(path(id, '/tasks'), { method: 'POST', body })
  return data
}

/** Say what the image is (a category); the per-user categoriser learns from it. */
export async function annotateImage(client: ApiClient, id: Uuid, category: string): Promise<UploadedImage> {
  const { data } = await client.request<UploadedImage>(path(id, '/annotations'), {
    method: 'POST',
    body: { category },
  })
  return data
}

/** The stored image's bytes (owner only: the request carries the token, so an `<img src>` cannot fetch it). */
export async function imageContent(client: ApiClient, id: Uuid, signal?: AbortSignal): Promise<Blob> {
  const response = await client.open(path(id, '/content'), { signal })
  return response.blob()
}
