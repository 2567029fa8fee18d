import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'

import { api, ApiError, toApiError, type Preferences, type PreferencesInput } from '@/api'

/**
 * The account's preferences (`/users/me/preferences`): loaded once per session and shared, because
 * the week and today views read their time zone and working hours from here, and the settings page
 * edits them. A save answers what the server stored, which replaces the copy here.
 */
export const usePreferencesStore = defineStore('preferences', () => {
  const preferences = shallowRef<Preferences | null>(null)
  const error = shallowRef<ApiError | null>(null)
  const saving = ref(false)
  /** The last save's error, with its field errors (`buffer_minutes`, `notifications.webhook_url`...). */
  const saveError = shallowRef<ApiError | null>(null)
  let loading: Promise<Preferences | null> | null = null
  let seq = 0

  /** The account's IANA time zone, once loaded. */
  const zone = computed(() => preferences.value?.timezone)

  /** Load once (`force` to reload); concurrent callers share the request. Null when it failed. */
  function load(force = false): Promise<Preferences | null> {
    if (preferences.value && !force) return Promise.resolve(preferences.value)
    if (loading && !force) return loading
    const mine = ++seq
    loading = api.users
      .preferences()
      .then((prefs) => {
        if (mine === seq) {
          preferences.value = prefs
          error.value = null
        }
        return prefs
      })
      .catch((e) => {
        if (mine === seq) error.value = toApiError(e)
        return null
      })
      .finally(() => {
        if (mine === seq) loading = null
      })
    return loading
  }

  /** Save every field; resolves true when the server took them. */
  async function save(values: PreferencesInput): Promise<boolean> {
    saving.value = true
    saveError.value = null
    try {
      seq++
      preferences.value = await api.users.savePreferences(values)
      return true
    } catch (e) {
      saveError.value = toApiError(e)
      return false
    } finally {
      saving.value = false
    }
  }

  function reset(): void {
    seq++
    loading = null
    preferences.value = null
    error.value = null
    saveError.value = null
    saving.value = false
  }

  return {
    // Read-only views of the state: only the actions change it.
    preferences: computed(() => preferences.value),
    zone,
    error: computed(() => error.value),
    saving: computed(() => saving.value),
    saveError: computed(() => saveError.value),
    load,
    save,
    reset,
  }
})
