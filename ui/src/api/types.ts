/**
 * The API's types, derived from `schema.d.ts` (generated from the OpenAPI document by
 * `make ui-client`), so the UI and the API cannot drift: a changed schema changes these types and
 * `npm run typecheck` points at every place that no longer fits.
 *
 * What the document leaves loose is narrowed here, and only that:
 * - responses: marshmallow dumps every declared field, so response types make them all present;
 * - fields the document describes without a type (`status`, `tags` and `role` of dumps) take the
 *   type of the same field in the request schema;
 * - open objects (`{[key: string]: unknown}`: the interpreter's drafts, the plan's notes) get the
 *   shape the server's JSON functions write (`domain/language/model.py`,
 *   `domain/scheduling/json_format.py`).
 */
import type { components, paths } from './schema'

export type { components, paths } from './schema'

type Schemas = components['schemas']

/** A dumped object: every declared field is present (possibly null), none is read-only for us. */
export type Dumped<T> = { -readonly [K in keyof T]-?: Exclude<T[K], undefined> }

export type Uuid = string
/** ISO-8601 date-time string, e.g. `2026-11-27T17:00:00Z`. */
export type IsoDateTime = string

export type UserRole = 'user' | 'admin' | (string & {})

export type User = Omit<Dumped<Schemas['User']>, 'role' | 'display_name'> & {
  display_name: string | null
  role: UserRole
}

/** What sign-in and refresh answer; no `refresh_token` when it went into the HttpOnly cookie. */
export type Tokens = Pick<Schemas['Tokens'], 'access_token' | 'refresh_token'> &
  Partial<Pick<Schemas['Tokens'], 'token_type'>>

export type AuthResponse = Tokens & { user: User }

/** A calendar connection as the API shows it (never its password, tokens or feed address). */
export type CalendarConnection = Dumped<Schemas['CalendarConnection']>

/** What may change on a connection: its name, whether it blocks time, which calendars it reads and writes. */
export type CalendarChanges = Schemas['UpdateCalendar']

/** One calendar of a CalDAV or Google account (a connection may read one and write the plan to one). */
export type RemoteCalendar = Dumped<Schemas['RemoteCalendar']>

/** What a sync changed in the busy time; a failure is in `error`. */
export type SyncOutcome = Dumped<Schemas['SyncOutcome']>

/** Where to send the browser to connect a Google account. */
export type GoogleConsent = Dumped<Schemas['Consent']>

/** Whether the plan feed works now, and since when (its address is only ever answered when issued). */
export type FeedStatus = Dumped<Schemas['FeedStatus']>

/** A newly issued (or rotated) plan feed: its secret address, shown this once. */
export type IssuedFeed = Dumped<Schemas['IssuedFeed']>

export type RefreshTokenDelivery = NonNullable<Schemas['Login']['refresh_token_delivery']>
export type RegisterRequest = Schemas['Register']
/** An IANA zone name as the server lists them; the browser's own zone is sent as it is, and the server
 * answers a 422 on `timezone` for a name it does not know. */
export type TimeZone = NonNullable<RegisterRequest['timezone']>
/** What the sign-up form holds: any zone name the browser offers. */
export type RegisterInput = Omit<RegisterRequest, 'timezone'> & { timezone?: string }
export type LoginRequest = Schemas['Login']

/** 1 is the most urgent, 4 the least (the schema's integer 1..4). */
export type Priority = 1 | 2 | 3 | 4
export const PRIORITIES: readonly Priority[] = [1, 2, 3, 4]

export type TaskStatus = NonNullable<Schemas['Task']['status']>
export const TASK_STATUSES: readonly TaskStatus[] = ['todo', 'done', 'cancelled']

type LooseTaskFields = 'status' | 'tags' | 'depends_on' | 'priority' | 'notes' | 'min_chunk_minutes' | 'completed_at'

export type Task = Omit<Dumped<Schemas['TaskDump']>, LooseTaskFields> & {
  status: TaskStatus
  tags: NonNullable<Schemas['Task']['tags']>
  depends_on: NonNullable<Schemas['Task']['depends_on']>
  priority: Priority
  notes: string | null
  min_chunk_minutes: number | null
  completed_at: IsoDateTime | null
}

type Writable<T> = { -readonly [K in keyof T]: T[K] }
type WritableKeys<T> = {
  [K in keyof T]-?: (<U>() => U extends { [Q in K]: T[K] } ? 1 : 2) extends <U>() => U extends {
    -readonly [Q in K]: T[K]
  }
    ? 1
    : 2
    ? K
    : never
}[keyof T]

export type TaskCreateRequest = Writable<Pick<Schemas['Task'], WritableKeys<Schemas['Task']>>>
export type TaskPatchRequest = Writable<Pick<Schemas['TaskPatch'], WritableKeys<Schemas['TaskPatch']>>>

type TaskListQuery = NonNullable<paths['/api/v1/tasks']['get']['parameters']['query']>
export type TaskSort = NonNullable<TaskListQuery['sort']>
export type TaskListParams = TaskListQuery

/** Parsed `X-Pagination` response header (flask-smorest format). */
export type Pagination = Required<Pick<Schemas['PaginationMetadata'], 'total' | 'total_pages'>> &
  Required<Pick<Schemas['PaginationMetadata'], 'first_page' | 'last_page' | 'page'>> &
  Pick<Schemas['PaginationMetadata'], 'previous_page' | 'next_page'>

export interface Page<T> {
  items: T[]
  pagination: Pagination | null
}

/** A resource together with the `ETag` the server sent for it (if any). */
export interface Versioned<T> {
  data: T
  etag: string | null
}

// --- Language -----------------------------------------------------------------------------------

export type SpanField = 'due' | 'start' | 'duration' | 'priority' | 'tag' | 'category' | 'recurrence'

/** One understood part of the input; offsets count Unicode code points (Python's `str` indices). */
export interface Span {
  field: SpanField | (string & {})
  start: number
  end: number
  text: string
}

/** A reading the interpreter is unsure of, over the part of the text it is about (code points). */
export type WarningSpan = Dumped<Schemas['WarningSpan']>
export type WarningCode = WarningSpan['code']

/** One task the interpreter read (`draft_to_json`). */
export interface ParsedDraft {
  title: string
  due: IsoDateTime | null
  start: IsoDateTime | null
  duration_minutes: number | null
  priority: Priority | null
  tags: string[]
  category: string | null
  recurrence: string | null
  spans: Span[]
}

/** A slash command the interpreter read (`command_to_json`). */
export interface ParsedCommand {
  name: string
  argument: string
  task_query: string | null
  when: IsoDateTime | null
  priority: Priority | null
  tags: string[]
}

export type ParseRequest = Schemas['ParseArgs']
export type ParseResult = Omit<Dumped<Schemas['ParseResult']>, 'tasks' | 'command'> & {
  tasks: ParsedDraft[]
  command: ParsedCommand | null
}
export type QuickAddResult = Omit<Dumped<Schemas['QuickAddResult']>, 'tasks'> & { tasks: Task[] }
export type CommandResult = Omit<Dumped<Schemas['CommandResult']>, 'tasks' | 'candidates' | 'blocks'> & {
  tasks: Task[]
  candidates: Task[]
  blocks: Block[]
}

// --- Schedule -----------------------------------------------------------------------------------

export type Block = Dumped<Schemas['Block']>
export type BlockTask = Omit<Dumped<Schemas['BlockTask']>, 'status' | 'priority'> & {
  status: TaskStatus
  priority: Priority
}
export type ScheduledBlock = Omit<Dumped<Schemas['BlockWithTask']>, 'task'> & { task: BlockTask | null }

export interface UnscheduledNote {
  task_id: Uuid
  reason: string
  code: string
}
export interface LatenessNote {
  task_id: Uuid
  due: IsoDateTime
  finish: IsoDateTime
  late_minutes: number
}
export interface ShortfallNote {
  deadline: IsoDateTime
  missing_minutes: number
  task_ids: Uuid[]
}
/** One week (Monday, in the account's zone) whose dated work cannot all be on time (`metrics.overload`). */
export interface WeekOverload {
  week_start: string
  missing_minutes: number
  late: { task_id: Uuid; late_minutes: number | null }[]
  fix: { add_hours: number; defer: Uuid[]; move_deadlines: { task_id: Uuid; to: IsoDateTime }[] }
}
export interface PlanMetrics {
  late_tasks: number
  scheduled_tasks: number
  unscheduled_tasks: number
  truncated: boolean
  overload: WeekOverload[]
  [key: string]: unknown
}
export type PlanSummary = Omit<
  Dumped<Schemas['PlanSummary']>,
  'unscheduled' | 'lateness' | 'shortfalls' | 'metrics'
> & {
  unscheduled: UnscheduledNote[]
  lateness: LatenessNote[]
  shortfalls: ShortfallNote[]
  metrics: PlanMetrics | null
}
export type Schedule = { blocks: ScheduledBlock[]; plan: PlanSummary | null }
export type ScheduleRange = NonNullable<paths['/api/v1/schedule']['get']['parameters']['query']>

/** One occurrence of a routine: its name (local wall time), window and what became of it. */
export type Occurrence = Dumped<Schemas['Occurrence']>
export type BlockMove = Pick<Schemas['Block'], 'start' | 'end'>

export type BusyInterval = Dumped<Schemas['Busy']>
type PreferencesSchema = Schemas['Preferences']
export type NotificationSettings = Dumped<Schemas['NotificationSettings']>
/** What GET answers: every field present; the zone as any name (the server lists them). */
export type Preferences = Omit<Dumped<PreferencesSchema>, 'timezone' | 'notifications'> & {
  timezone: string
  notifications: Partial<NotificationSettings>
}
/** What PUT takes: the zone as one of the server's names (it answers a 422 on `timezone` otherwise). */
export type PreferencesInput = Omit<PreferencesSchema, 'timezone'> & { timezone?: TimeZone }
export type WorkingHours = Preferences['working_hours']

/** RFC 7807 problem details, as sent by the API with `application/problem+json`. */
export interface ProblemDetails {
  status: number
  title: string
  detail?: string
  type?: string
  instance?: string
  errors?: Record<string, string[]>
}

// --- Catalog and notifications ------------------------------------------------------------------

export type Category = Dumped<Schemas['Category']>
export type CategoryInput = Pick<Schemas['Category'], 'name' | 'color'>
export type CategoryPatch = Pick<Schemas['CategoryPatch'], 'name' | 'color'>
export type Tag = Dumped<Schemas['Tag']>

export type AppNotification = Omit<Dumped<Schemas['Notification']>, 'data'> & { data: Record<string, unknown> }
export type NotificationListParams = NonNullable<paths['/api/v1/notifications']['get']['parameters']['query']>

// --- Insights ------------------------------------------------------------------------------------

/** A dumped object all the way down (the reports nest lists of objects). */
type DeepDumped<T> = T extends readonly (infer U)[]
  ? DeepDumped<U>[]
  : T extends object
    ? { -readonly [K in keyof T]-?: DeepDumped<Exclude<T[K], undefined>> }
    : T

export type InsightsRange = NonNullable<paths['/api/v1/analytics/summary']['get']['parameters']['query']>
export type InsightsSummary = DeepDumped<Schemas['Summary']>
export type InsightsWeekly = DeepDumped<Schemas['Weekly']>
export type InsightsCategories = DeepDumped<Schemas['Categories']>
export type InsightsEstimates = DeepDumped<Schemas['Estimates']>
export type Accuracy = DeepDumped<Schemas['Accuracy']>

// --- Images --------------------------------------------------------------------------------------

/** `pending` until read, then `done` or `failed`; `processing` is tolerated for servers that report it. */
export type ImageStatus = NonNullable<Schemas['Image']['status']> | 'processing'
export type TextLine = Dumped<Schemas['TextLine']>

/** Fields the categoriser adds to the image resource; absent on a server without it. */
export interface ImageCategoryFields {
  category_confidence?: number | null
  /** Where the category came from: the caption, the model, the user's own annotation. */
  category_source?: string | null
  /** The prediction is below the threshold: the UI asks the user what the image is. */
  category_needs_review?: boolean | null
}

export type UploadedImage = Omit<Dumped<Schemas['Image']>, 'status' | 'lines' | 'drafts' | keyof ImageCategoryFields> &
  ImageCategoryFields & {
    status: ImageStatus
    lines: TextLine[]
    drafts: ParsedDraft[]
  }

export type AcceptedTasks = { image: UploadedImage; tasks: Task[] }

/** What the person changed of one draft before accepting it (the fields given replace the draft's). */
export type DraftEdit = Schemas['DraftEdit']
