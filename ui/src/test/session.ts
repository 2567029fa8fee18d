import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { vi } from 'vitest'
import type { Component } from 'vue'
import { createMemoryHistory } from 'vue-router'

import type { User } from '@/api'
import { createAppRouter } from '@/router'
import { useAuthStore } from '@/stores/auth'

import { FakeApi } from './fakeApi'

/** A fresh fake server as `fetch`, a fresh Pinia, and a user signed in through the real auth store. */
export async function signedInWithFakeApi(): Promise<{ server: FakeApi; user: User }> {
  const server = new FakeApi()
  vi.stubGlobal('fetch', server.fetch)
  setActivePinia(createPinia())
  server.seedUser('ada@example.com', 'analytical engine')
  const user = await useAuthStore().login({ email: 'ada@example.com', password: 'analytical engine' })
  return { server, user }
}

export function endSession(): void {
  useAuthStore().$dispose()
  vi.unstubAllGlobals()
}

/** Mount a routed view at `path` with the app's router (memory history), settled. */
export async function mountAt(view: Component, path: string) {
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  const wrapper = mount(view, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

/** Let streams, fetches and renders settle: several rounds of pending promises. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await flushPromises()
}
