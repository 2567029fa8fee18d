/**
 * The app's API surface. Stores import from here only; the types come from the generated
 * `schema.d.ts` through `types.ts`.
 */
import * as analyticsApi from './analytics'
import * as authApi from './auth'
import * as calendarsApi from './calendars'
import * as catalogApi from './catalog'
import { ApiClient } from './client'
import * as imagesApi from './images'
import * as languageApi from './language'
import * as notificationsApi from './notifications'
import * as scheduleApi from './schedule'
import * as tasksApi from './tasks'
import { MemoryTokenStore } from './tokens'
import * as usersApi from './users'

export * from './types'
export { ApiClient } from './client'
export type { ApiClientOptions, ApiResponse, FetchLike, RequestOptions } from './client'
export { ApiError, isApiError, toApiError } from './problem'
export { DocumentCookies, MemoryTokenStore } from './tokens'
export type { SessionCookies, TokenStore } from './tokens'
export { parsePagination } from './tasks'
export type { StreamOptions } from './notifications'
export type { UploadOptions } from './images'
export type { UploadProgress } from './upload'

/** The shared client: same origin, `/api/v1`, the access token in memory, the refresh token in a cookie. */
export const apiClient = new ApiClient({ baseUrl: '/api/v1', tokens: new MemoryTokenStore() })

export const api = {
  analytics: {
    summary: analyticsApi.getSummary.bind(null, apiClient),
    weekly: analyticsApi.getWeekly.bind(null, apiClient),
    categories: analyticsApi.getCategories.bind(null, apiClient),
    estimates: analyticsApi.getEstimates.bind(null, apiClient),
  },
  auth: {
    register: authApi.register.bind(null, apiClient),
    login: authApi.login.bind(null, apiClient),
    refresh: authApi.refresh.bind(null, apiClient),
    logout: authApi.logout.bind(null, apiClient),
    logoutAll: authApi.logoutAll.bind(null, apiClient),
  },
  calendars: {
    list: calendarsApi.listConnections.bind(null, apiClient),
    connectGoogle: calendarsApi.connectGoogle.bind(null, apiClient),
    get: calendarsApi.getConnection.bind(null, apiClient),
    update: calendarsApi.updateConnection.bind(null, apiClient),
    sync: calendarsApi.syncConnection.bind(null, apiClient),
    remoteCalendars: calendarsApi.remoteCalendars.bind(null, apiClient),
    disconnect: calendarsApi.disconnect.bind(null, apiClient),
    feedStatus: calendarsApi.feedStatus.bind(null, apiClient),
    issueFeed: calendarsApi.issueFeed.bind(null, apiClient),
    revokeFeed: calendarsApi.revokeFeed.bind(null, apiClient),
  },
  users: {
    me: usersApi.getMe.bind(null, apiClient),
    preferences: usersApi.getPreferences.bind(null, apiClient),
    savePreferences: usersApi.putPreferences.bind(null, apiClient),
  },
  tasks: {
    list: tasksApi.listTasks.bind(null, apiClient),
    get: tasksApi.getTask.bind(null, apiClient),
    create: tasksApi.createTask.bind(null, apiClient),
    update: tasksApi.updateTask.bind(null, apiClient),
    remove: tasksApi.deleteTask.bind(null, apiClient),
    occurrences: tasksApi.listOccurrences.bind(null, apiClient),
  },
  categories: {
    list: catalogApi.listCategories.bind(null, apiClient),
    create: catalogApi.createCategory.bind(null, apiClient),
    update: catalogApi.updateCategory.bind(null, apiClient),
    remove: catalogApi.deleteCategory.bind(null, apiClient),
  },
  tags: {
    list: catalogApi.listTags.bind(null, apiClient),
    create: catalogApi.createTag.bind(null, apiClient),
    rename: catalogApi.renameTag.bind(null, apiClient),
    remove: catalogApi.deleteTag.bind(null, apiClient),
  },
  notifications: {
    list: notificationsApi.listNotifications.bind(null, apiClient),
    setRead: notificationsApi.setRead.bind(null, apiClient),
    stream: notificationsApi.streamNotifications.bind(null, apiClient),
  },
  images: {
    list: imagesApi.listImages.bind(null, apiClient),
    get: imagesApi.getImage.bind(null, apiClient),
    upload: imagesApi.uploadImage.bind(null, apiClient),
    remove: imagesApi.deleteImage.bind(null, apiClient),
    accept: imagesApi.acceptDrafts.bind(null, apiClient),
    annotate: imagesApi.annotateImage.bind(null, apiClient),
    content: imagesApi.imageContent.bind(null, apiClient),
  },
  language: {
    parse: languageApi.parse.bind(null, apiClient),
    quickAdd: languageApi.quickAdd.bind(null, apiClient),
    command: languageApi.command.bind(null, apiClient),
  },
  schedule: {
    get: scheduleApi.getSchedule.bind(null, apiClient),
    replan: scheduleApi.replan.bind(null, apiClient),
    move: scheduleApi.moveBlock.bind(null, apiClient),
    setPinned: scheduleApi.setPinned.bind(null, apiClient),
    busy: scheduleApi.listBusy.bind(null, apiClient),
  },
}
