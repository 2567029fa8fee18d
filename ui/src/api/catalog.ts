import type { ApiClient } from './client'
import type { Category, CategoryInput, CategoryPatch, Tag, Uuid } from './types'

const one = (kind: 'categories' | 'tags', id: Uuid) => `/${kind}/${encodeURIComponent(id)}`

export async function listCategories(client: ApiClient): Promise<Category[]> {
  return (await client.request<Category[]>('/categories')).data ?? []
}

export async function createCategory(client: ApiClient, body: CategoryInput): Promise<Category> {
  return (await client.request<Category>('/categories', { method: 'POST', body })).data
}

export async function updateCategory(client: ApiClient, id: Uuid, body: CategoryPatch): Promise<Category> {
  return (await client.request<Category>(one('categories', id), { method: 'PATCH', body })).data
}

export async function deleteCategory(client: ApiClient, id: Uuid): Promise<void> {
  await client.request<void>(one('categories', id), { method: 'DELETE' })
}

export async function listTags(client: ApiClient): Promise<Tag[]> {
  return (await client.request<Tag[]>('/tags')).data ?? []
}

export async function createTag(client: ApiClient, name: string): Promise<Tag> {
  return (await client.request<Tag>('/tags', { method: 'POST', body: { name } })).data
}

export async function renameTag(client: ApiClient, id: Uuid, name: string): Promise<Tag> {
  return (await client.request<Tag>(one('tags', id), { method: 'PATCH', body: { name } })).data
}

export async function deleteTag(client: ApiClient, id: Uuid): Promise<void> {
  await client.request<void>(one('tags', id), { method: 'DELETE' })
}
