/**
 * Which OCR lines each task draft was read from, for the review screen's boxes. The server says so
 * (`line_indexes`: per draft, its lines, several when the item wraps) for images read since it keeps that
 * link; for an image read before (`line_indexes: null`) the lines are guessed from the words: a draft's
 * title is its line without the parts the interpreter took out (dates, durations, priorities, the
 * bullet), so each draft takes, from the lines after the previous draft's, the one holding most of its
 * title's words.
 */
const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []

/** Per draft, the index of its line in `lines`, or null when no line holds at least half its words. */
export function matchDraftsToLines(drafts: { title: string }[], lines: { text: string }[]): (number | null)[] {
  const lineWords = lines.map((line) => new Set(words(line.text)))
  let next = 0
  return drafts.map((draft) => {
    const title = [...new Set(words(draft.title))]
    let best: number | null = null
    let bestScore = 0
    for (let i = next; i < lines.length && title.length; i++) {
      const score = title.filter((w) => lineWords[i]!.has(w)).length / title.length
      if (score > bestScore) {
        best = i
        bestScore = score
      }
      if (score === 1) break
    }
    if (best === null || bestScore < 0.5) return null
    next = best + 1
    return best
  })
}

/** Per draft, the indexes in `lines` of the lines it was read from (none when not known). */
export function linesOfDrafts(image: {
  drafts: { title: string }[]
  lines: { text: string }[]
  line_indexes: number[][] | null
}): number[][] {
  const known = image.line_indexes
  if (known) {
    return image.drafts.map((_, draft) =>
      (known[draft] ?? []).filter((line) => Number.isInteger(line) && line >= 0 && line < image.lines.length),
    )
  }
  return matchDraftsToLines(image.drafts, image.lines).map((line) => (line === null ? [] : [line]))
}

/** The draft each line was read from (a line of no draft is absent), from `linesOfDrafts`' answer. */
export function draftOfLines(linesOfDraft: number[][]): Map<number, number> {
  const map = new Map<number, number>()
  linesOfDraft.forEach((lines, draft) => lines.forEach((line) => map.has(line) || map.set(line, draft)))
  return map
}

/** An SVG `points` attribute for a box of four [x, y] corners (in the stored image's pixels). */
export function boxPoints(box: number[][]): string {
  return box.map(([x, y]) => `${x},${y}`).join(' ')
}
