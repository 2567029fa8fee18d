import type { Span, SpanField, WarningCode, WarningSpan } from '@/api'

export interface Segment {
  text: string
  /** The field the interpreter read from this part, or null for plain text (the title). */
  field: SpanField | null
  /** Set when a warning is about this part (see `markWarnings`). */
  warning?: WarningCode
}

const FIELDS: readonly SpanField[] = ['due', 'start', 'duration', 'priority', 'tag', 'category', 'recurrence']

/**
 * Cut `text` into plain and understood parts from the parser's spans. Span offsets count Unicode
 * code points (Python string indices), so the text is walked by code point, not UTF-16 unit: an
 * emoji before a date still highlights the date. Overlapping or out-of-range spans are skipped.
 */
export function highlightSegments(text: string, spans: readonly Span[]): Segment[] {
  const points = Array.from(text)
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end)
  const out: Segment[] = []
  let at = 0
  const push = (from: number, to: number, field: SpanField | null) => {
    if (to <= from) return
    const piece = points.slice(from, to).join('')
    const last = out[out.length - 1]
    if (last && last.field === null && field === null) last.text += piece
    else out.push({ text: piece, field })
  }
  for (const span of sorted) {
    if (span.start < at || span.end > points.length || span.end <= span.start) continue
    push(at, span.start, null)
    push(span.start, span.end, (FIELDS as readonly string[]).includes(span.field) ? (span.field as SpanField) : null)
    at = span.end
  }
  push(at, points.length, null)
  return out
}

/**
 * Split `segments` (from `highlightSegments`) further where the interpreter's warnings start and
 * end, and mark the parts a warning is about with its code. Warnings without a span (about the
 * whole text) or out of range mark nothing; where two overlap, the first in the list wins.
 */
export function markWarnings(segments: readonly Segment[], warnings: readonly WarningSpan[]): Segment[] {
  const placed = warnings.filter((w) => w.start !== null && w.end !== null && w.end > w.start)
  if (!placed.length) return [...segments]
  const out: Segment[] = []
  let at = 0
  for (const segment of segments) {
    const points = Array.from(segment.text)
    const end = at + points.length
    const cuts = new Set([at, end])
    for (const w of placed) for (const cut of [w.start!, w.end!]) if (cut > at && cut < end) cuts.add(cut)
    const sorted = [...cuts].sort((a, b) => a - b)
    for (let i = 0; i + 1 < sorted.length; i += 1) {
      const from = sorted[i]!
      const to = sorted[i + 1]!
      const text = points.slice(from - at, to - at).join('')
      const hit = placed.find((w) => w.start! < to && w.end! > from)
      out.push(hit ? { ...segment, text, warning: hit.code } : { ...segment, text })
    }
    at = end
  }
  return out
}

export const FIELD_LABELS: Record<SpanField, string> = {
  due: 'Due',
  start: 'Start',
  duration: 'Duration',
  priority: 'Priority',
  tag: 'Tag',
  category: 'Category',
  recurrence: 'Repeats',
}
