/**
 * A small stand-in for the server's quick-add interpreter, for the fake API: it understands
 * `today`/`tomorrow`, `2h`/`30m`, `p1`..`p4`, `#category`, `@tag` and `every day|week`, and reports
 * spans with code-point offsets like the real one.
 */
import type { ParsedCommand, ParsedDraft, ParseResult, Priority, Span } from '@/api/types'

const RULES: { field: Span['field']; re: RegExp }[] = [
  { field: 'recurrence', re: /^every (day|week)\b/i },
  { field: 'due', re: /^(today|tomorrow)\b/i },
  { field: 'duration', re: /^(\d+)(h|m)\b/i },
  { field: 'priority', re: /^p([1-4])\b/i },
  { field: 'category', re: /^#(\w+)/ },
  { field: 'tag', re: /^@(\w+)/ },
]

function dayAt(now: string, days: number, time = '17:00:00'): string {
  const d = new Date(now)
  d.setUTCDate(d.getUTCDate() + days)
  return `${d.toISOString().slice(0, 10)}T${time}+00:00`
}

export function fakeParse(text: string, now: string): ParseResult {
  const trimmed = text.trim()
  if (trimmed.startsWith('/')) {
    const [word, ...rest] = trimmed.slice(1).split(/\s+/)
    const command: ParsedCommand = {
      name: /^p[1-4]$/.test(word!) ? 'priority' : word!,
      argument: rest.join(' '),
      task_query: rest.join(' ') || null,
      when: null,
      priority: /^p[1-4]$/.test(word!) ? (Number(word!.slice(1)) as Priority) : null,
      tags: [],
    }
    return { engine: 'fake', tasks: [], command, warnings: [], warning_spans: [] }
  }
  const draft: ParsedDraft = {
    title: '',
    due: null,
    start: null,
    duration_minutes: null,
    priority: null,
    tags: [],
    category: null,
    recurrence: null,
    spans: [],
  }
  const warnings: string[] = []
  const points = Array.from(text)
  const title: string[] = []
  let i = 0
  while (i < points.length) {
    if (/\s/.test(points[i]!)) {
      i += 1
      continue
    }
    const rest = points.slice(i).join('')
    const rule = RULES.find((r) => r.re.test(rest))
    if (rule) {
      const m = rule.re.exec(rest)!
      const length = Array.from(m[0]).length
      draft.spans.push({ field: rule.field, start: i, end: i + length, text: m[0] })
      if (rule.field === 'due') draft.due = dayAt(now, m[1]!.toLowerCase() === 'tomorrow' ? 1 : 0)
      if (rule.field === 'duration') draft.duration_minutes = Number(m[1]) * (m[2]!.toLowerCase() === 'h' ? 60 : 1)
      if (rule.field === 'priority') draft.priority = Number(m[1]) as Priority
      if (rule.field === 'category') draft.category = m[1]!
      if (rule.field === 'tag') draft.tags.push(m[1]!)
      if (rule.field === 'recurrence') draft.recurrence = m[1] === 'day' ? 'FREQ=DAILY' : 'FREQ=WEEKLY'
      i += length
      continue
    }
    const word = /^\S+/.exec(rest)![0]
    if (/^p\d$/i.test(word)) warnings.push(`"${word}" is not a priority (p1 to p4); kept in the title`)
    title.push(word)
    i += Array.from(word).length
  }
  draft.title = title.join(' ')
  if (!draft.title) return { engine: 'fake', tasks: [], command: null, warnings: ['nothing to add'], warning_spans: [] }
  // the fake's notes are free text, like a language model's: in `warnings` only
  return { engine: 'fake', tasks: [draft], command: null, warnings, warning_spans: [] }
}
