import './style.css'

import { createPinia } from 'pinia'
import { createApp, watch } from 'vue'

import App from '@/App.vue'
import { createAppRouter, safeRedirect } from '@/router'
import { useAuthStore } from '@/stores/auth'
import { usePreferencesStore } from '@/stores/preferences'
import { useQuickAddStore } from '@/stores/quickAdd'
import { useScheduleStore } from '@/stores/schedule'
import { useTasksStore } from '@/stores/tasks'

const app = createApp(App)
const pinia = createPinia()
const router = createAppRouter()
app.use(pinia)
app.use(router)

// The session ended (sign-out, refresh token refused, or another tab signed out) or began in
// another tab: drop private data and move to the page that fits, coming back afterwards.
const auth = useAuthStore(pinia)
watch(
  () => auth.isAuthenticated,
  (signedIn) => {
    const current = router.currentRoute.value
    if (signedIn) {
      if (current.meta.guestOnly) void router.replace(safeRedirect(current.query.redirect) ?? { name: 'tasks' })
      return
    }
    useTasksStore(pinia).reset()
    useScheduleStore(pinia).reset()
    useQuickAddStore(pinia).reset()
    usePreferencesStore(pinia).reset()
    if (current.meta.requiresAuth) {
      const plain = current.fullPath === '/tasks'
      void router.replace({ name: 'sign-in', query: plain ? {} : { redirect: current.fullPath } })
    }
  },
)

// A session resumed after a reload: ask for the preferences at once (the plan views read their time
// zone from them), so the token refresh and that call run while the page's own code is loading
// instead of after it (the views share this request: the store loads once).
if (auth.isAuthenticated) void usePreferencesStore(pinia).load()

app.mount('#app')
