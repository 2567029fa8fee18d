import { nextTick } from 'vue'
import { createRouter, createWebHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router'

import { documentTitle } from '@/composables/useDocumentTitle'
import { useAuthStore } from '@/stores/auth'

import { authGuard } from './guards'

export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: { name: 'tasks' } },
  {
    path: '/sign-in',
    name: 'sign-in',
    component: () => import('@/views/SignInView.vue'),
    meta: { guestOnly: true, title: 'Sign in' },
  },
  {
    path: '/sign-up',
    name: 'sign-up',
    component: () => import('@/views/SignUpView.vue'),
    meta: { guestOnly: true, title: 'Create your account' },
  },
  {
    path: '/today',
    name: 'today',
    component: () => import('@/views/TodayView.vue'),
    meta: { requiresAuth: true, title: 'Today' },
  },
  {
    path: '/week',
    name: 'week',
    component: () => import('@/views/WeekView.vue'),
    meta: { requiresAuth: true, title: 'Week' },
  },
  {
    path: '/tasks',
    name: 'tasks',
    component: () => import('@/views/TasksView.vue'),
    meta: { requiresAuth: true, title: 'Tasks' },
  },
  {
    path: '/tasks/:id',
    name: 'task',
    component: () => import('@/views/TaskView.vue'),
    meta: { requiresAuth: true, title: 'Task' },
  },
  {
    path: '/images',
    name: 'images',
    component: () => import('@/views/ImagesView.vue'),
    meta: { requiresAuth: true, title: 'Images' },
  },
  {
    path: '/images/:id',
    name: 'image',
    component: () => import('@/views/ImageView.vue'),
    meta: { requiresAuth: true, title: 'Image' },
  },
  {
    path: '/insights',
    name: 'insights',
    component: () => import('@/views/InsightsView.vue'),
    meta: { requiresAuth: true, title: 'Insights' },
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('@/views/SettingsView.vue'),
    meta: { requiresAuth: true, title: 'Settings' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/NotFoundView.vue'),
    meta: { title: 'Page not found' },
  },
]

export function createAppRouter(history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)) {
  const router = createRouter({
    history,
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })

  router.beforeEach((to) => authGuard(to, useAuthStore().isAuthenticated))

  let first = true
  router.afterEach((to, _from, failure) => {
    if (failure) return
    if (typeof document !== 'undefined') document.title = documentTitle(to.meta.title)
    // Move focus to the new page's heading so screen-reader and keyboard users land on it.
    if (!first) void nextTick(() => document.getElementById('page-heading')?.focus({ preventScroll: true }))
    first = false
  })

  return router
}

export { authGuard, safeRedirect } from './guards'
