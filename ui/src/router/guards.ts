import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** Only for signed-in users; others go to sign-in with `?redirect=`. */
    requiresAuth?: boolean
    /** Only for signed-out users (sign in / sign up); others go to their tasks. */
    guestOnly?: boolean
    /** Page title, shown as "<title> · Planloom". */
    title?: string
  }
}

/** Accept only same-app paths as a post-sign-in destination (no `//evil.example`). */
export function safeRedirect(value: unknown): string | null {
  const path = Array.isArray(value) ? value[0] : value
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return null
  return path
}

/** The navigation decision for a route, given whether a session exists. */
export function authGuard(to: RouteLocationNormalized, isAuthenticated: boolean): true | RouteLocationRaw {
  if (to.meta.requiresAuth && !isAuthenticated) {
    // The default landing page needs no `?redirect=`.
    const plain = to.fullPath === '/' || to.fullPath === '/tasks'
    return { name: 'sign-in', query: plain ? {} : { redirect: to.fullPath } }
  }
  if (to.meta.guestOnly && isAuthenticated) {
    return safeRedirect(to.query.redirect) ?? { name: 'tasks' }
  }
  return true
}
