import { defineStore } from 'pinia'
import { computed, readonly, ref, shallowRef } from 'vue'

import { api, toApiError, type ApiError, type Category, type CategoryPatch, type Tag, type Uuid } from '@/api'

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name)

/**
 * The user's categories and tags (`/categories`, `/tags`): loaded once per session, kept sorted by
 * name. Actions throw the API's errors (a 409 for a name in use, a 422 naming the field) for the
 * form that caused them to show.
 */
export const useCatalogStore = defineStore('catalog', () => {
  const categories = ref<Category[]>([])
  const tags = ref<Tag[]>([])
  const loaded = ref(false)
  const error = shallowRef<ApiError | null>(null)
  let loading: Promise<void> | null = null

  const categoryName = computed(() => {
    const names = new Map(categories.value.map((c) => [c.id, c.name]))
    return (id: Uuid | null) => (id ? (names.get(id) ?? null) : null)
  })

  /** Load both lists (once; `force` reloads). */
  function load(force = false): Promise<void> {
    if (loaded.value && !force) return Promise.resolve()
    loading ??= (async () => {
      try {
        const [c, t] = await Promise.all([api.categories.list(), api.tags.list()])
        categories.value = [...c].sort(byName)
        tags.value = [...t].sort(byName)
        error.value = null
        loaded.value = true
      } catch (e) {
        error.value = toApiError(e)
      } finally {
        loading = null
      }
    })()
    return loading
  }

  async function createCategory(name: string, color: string | null = null): Promise<Category> {
    const made = await api.categories.create({ name: name.trim(), color })
    categories.value = [...categories.value, made].sort(byName)
    return made
  }

  async function updateCategory(id: Uuid, changes: CategoryPatch): Promise<Category> {
    const changed = await api.categories.update(id, changes)
    categories.value = categories.value.map((c) => (c.id === id ? changed : c)).sort(byName)
    return changed
  }

  async function deleteCategory(id: Uuid): Promise<void> {
    try {
      await api.categories.remove(id)
    } catch (e) {
      if (toApiError(e).status !== 404) throw e // already gone is what was asked
    }
    categories.value = categories.value.filter((c) => c.id !== id)
  }

  async function createTag(name: string): Promise<Tag> {
    const made = await api.tags.create(name.trim().replace(/^[#@]/, ''))
    tags.value = [...tags.value, made].sort(byName)
    return made
  }

  async function renameTag(id: Uuid, name: string): Promise<Tag> {
    const renamed = await api.tags.rename(id, name.trim().replace(/^[#@]/, ''))
    tags.value = tags.value.map((t) => (t.id === id ? renamed : t)).sort(byName)
    return renamed
  }

  async function deleteTag(id: Uuid): Promise<void> {
    try {
      await api.tags.remove(id)
    } catch (e) {
      if (toApiError(e).status !== 404) throw e
    }
    tags.value = tags.value.filter((t) => t.id !== id)
  }

  function reset(): void {
    categories.value = []
    tags.value = []
    loaded.value = false
    error.value = null
  }

  return {
    categories: readonly(categories),
    tags: readonly(tags),
    loaded: readonly(loaded),
    error: computed(() => error.value),
    categoryName,
    load,
    createCategory,
    updateCategory,
    deleteCategory,
    createTag,
    renameTag,
    deleteTag,
    reset,
  }
})
