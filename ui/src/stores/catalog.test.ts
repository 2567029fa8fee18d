import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { User } from '@/api'
import type { FakeApi } from '@/test/fakeApi'
import { endSession, signedInWithFakeApi } from '@/test/session'

import { useCatalogStore } from './catalog'

describe('catalog store', () => {
  let server: FakeApi
  let me: User

  beforeEach(async () => {
    ;({ server, user: me } = await signedInWithFakeApi())
  })
  afterEach(endSession)

  it('creates, renames and deletes categories, sorted by name', async () => {
    const catalog = useCatalogStore()
    await catalog.load()
    const work = await catalog.createCategory('  Work ')
    await catalog.createCategory('Home')
    expect(catalog.categories.map((c) => c.name)).toEqual(['Home', 'Work'])
    expect(catalog.categoryName(work.id)).toBe('Work')

    await catalog.updateCategory(work.id, { name: 'Admin' })
    expect(catalog.categories.map((c) => c.name)).toEqual(['Admin', 'Home'])
    await catalog.deleteCategory(work.id)
    expect(catalog.categories.map((c) => c.name)).toEqual(['Home'])
    expect([...server.categories.values()].map((c) => c.name)).toEqual(['Home'])
  })

  it('throws the API’s conflict and validation errors, keeping the lists as they were', async () => {
    const catalog = useCatalogStore()
    await catalog.createTag('#work')
    expect(catalog.tags.map((t) => t.name)).toEqual(['work'])
    await expect(catalog.createTag('work')).rejects.toMatchObject({ status: 409 })
    await expect(catalog.createTag('two words')).rejects.toMatchObject({
      status: 422,
      errors: { name: [expect.stringContaining('one word')] },
    })
    expect(catalog.tags).toHaveLength(1)
  })

  it('renaming a tag renames it on the tasks that carry it', async () => {
    const task = server.seedTask(me, { tags: ['errands'] })
    const catalog = useCatalogStore()
    const tag = await catalog.createTag('errands')
    await catalog.renameTag(tag.id, 'shopping')
    expect(server.tasks.get(task.id)!.tags).toEqual(['shopping'])
    await catalog.deleteTag(tag.id)
    expect(server.tasks.get(task.id)!.tags).toEqual([])
  })
})
