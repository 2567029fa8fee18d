import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'

import { api, ApiError, toApiError, type CommandResult, type ParseResult, type Task } from '@/api'
import { isSlashCommand } from '@/lib/slashCommands'

import { useActualPromptStore } from './actualPrompt'

/** Pause after a keystroke before asking for a reading (keeps keystroke-to-reading well under 100 ms). */
export const PARSE_DELAY_MS = 60

export interface QuickAddOutcome {
  kind: 'added' | 'command'
  message: string
  /** The command's status (`done`, `info`, `ambiguous`, `not_found`); `done` for an add. */
  status: string
  tasks: Task[]
  candidates: Task[]
}

function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`
}

/**
 * The quick-add line: its text, the interpreter's live reading (debounced, the stale request
 * cancelled, a late answer for older text dropped), and Enter: quick-add or a slash command.
 * `changes` counts successful changes so views showing tasks or the plan know to reload.
 */
export const useQuickAddStore = defineStore('quickAdd', () => {
  const text = ref('')
  const reading = shallowRef<ParseResult | null>(null)
  /** The text `reading` belongs to. */
  const readingText = ref('')
  const readingError = shallowRef<ApiError | null>(null)
  const submitting = ref(false)
  const submitError = shallowRef<ApiError | null>(null)
  const outcome = shallowRef<QuickAddOutcome | null>(null)
  const changes = ref(0)

  let timer: ReturnType<typeof setTimeout> | null = null
  let inFlight: AbortController | null = null
  let idempotencyKey: string | null = null

  const isCommand = computed(() => isSlashCommand(text.value))
  const currentReading = computed(() => (readingText.value === text.value ? reading.value : null))

  function cancelParse(): void {
    if (timer !== null) clearTimeout(timer)
    timer = null
    inFlight?.abort()
    inFlight = null
  }

  function setText(value: string): void {
    if (value === text.value) return
    text.value = value
    submitError.value = null
    idempotencyKey = null // a different line is a different request
    cancelParse()
    if (!value.trim()) {
      reading.value = null
      readingError.value = null
      return
    }
    timer = setTimeout(() => void readNow(), PARSE_DELAY_MS)
  }

  async function readNow(): Promise<void> {
    cancelParse()
    const sent = text.value
    if (!sent.trim()) return
    const controller = new AbortController()
    inFlight = controller
    try {
      const result = await api.language.parse({ text: sent }, controller.signal)
      if (controller.signal.aborted || sent !== text.value) return // stale
      reading.value = result
      readingText.value = sent
      readingError.value = null
    } catch (error) {
      if (controller.signal.aborted || sent !== text.value) return
      readingError.value = toApiError(error)
    } finally {
      if (inFlight === controller) inFlight = null
    }
  }

  function fromCommand(result: CommandResult): QuickAddOutcome {
    return {
      kind: 'command',
      message: result.message ?? '',
      status: result.status,
      tasks: result.tasks ?? [],
      candidates: result.candidates ?? [],
    }
  }

  /** Enter: run the line. Resolves true when it did something (the line is then cleared). */
  async function submit(): Promise<boolean> {
    const line = text.value.trim()
    if (!line || submitting.value) return false
    submitting.value = true
    submitError.value = null
    cancelParse()
    try {
      if (isSlashCommand(line)) {
        const result = await api.language.command(line)
        outcome.value = fromCommand(result)
        if (outcome.value.status !== 'done' && outcome.value.status !== 'info') return false
        // `/done TASK` completed one: ask how long it took (a routine's occurrence leaves it open: not asked).
        if (result.command === 'done' && outcome.value.tasks.length === 1) {
          void useActualPromptStore().offer(outcome.value.tasks[0]!)
        }
      } else {
        idempotencyKey ??= newKey() // a retry of the same line after a failure creates it once
        const result = await api.language.quickAdd(line, idempotencyKey)
        const titles = result.tasks.map((t) => `“${t.title}”`).join(', ')
        outcome.value = {
          kind: 'added',
          message: `Added ${titles}`,
          status: 'done',
          tasks: result.tasks,
          candidates: [],
        }
      }
      changes.value += 1
      text.value = ''
      reading.value = null
      readingError.value = null
      idempotencyKey = null
      return true
    } catch (error) {
      submitError.value = toApiError(error)
      return false
    } finally {
      submitting.value = false
    }
  }

  function dismissOutcome(): void {
    outcome.value = null
  }

  function reset(): void {
    cancelParse()
    text.value = ''
    reading.value = null
    readingError.value = null
    submitError.value = null
    outcome.value = null
    idempotencyKey = null
  }

  return {
    text,
    reading: currentReading,
    readingError,
    submitting,
    submitError,
    outcome,
    changes,
    isCommand,
    setText,
    readNow,
    submit,
    dismissOutcome,
    reset,
  }
})
