/**
 * The images part of the fake API (`/images...`), with the server's caps: 10 MB, PNG, JPEG, WebP, HEIC or
 * AVIF read from the bytes (else 413 / 415; HEIC and AVIF are stored as JPEG), and owner-only access (another user's image is a 404).
 * An upload is `pending` until a test says what was read (`finish`) or that it failed.
 */
import type { DraftEdit, ParsedDraft, Task, TextLine, UploadedImage, User } from '@/api/types'
import { MAX_IMAGE_BYTES, sniffFormat } from '@/lib/imageFile'

interface AcceptBody {
  indexes?: number[]
  edits?: DraftEdit[]
}

/** What a task is made with: the draft's fields, an edit's replacing them (the category by name). */
export interface DraftTaskFields {
  title: string
  due: string | null
  duration_minutes: number | null
  priority: number | null
  tags: string[]
  category: string | null
}

let counter = 0
const newId = () => `img-${++counter}-${Math.random().toString(36).slice(2, 8)}`

type Stored = UploadedImage & { owner: string; bytes: Uint8Array<ArrayBuffer> }

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

function problem(status: number, title: string, detail: string, errors?: Record<string, string[]>): Response {
  return new Response(JSON.stringify({ status, title, detail, ...(errors ? { errors } : {}) }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  })
}

/** A draft as the interpreter writes it, with only a title read. */
export function draft(title: string, fields: Partial<ParsedDraft> = {}): ParsedDraft {
  const plain = { due: null, start: null, duration_minutes: null, priority: null, category: null, recurrence: null }
  return { title, ...plain, tags: [], spans: [], ...fields }
}

/** A line of text with an axis-aligned box (left, top, width, height in stored pixels). */
export function line(text: string, left: number, top: number, width: number, height: number): TextLine {
  const box = [
    [left, top],
    [left + width, top],
    [left + width, top + height],
    [left, top + height],
  ]
  return { text, confidence: 0.98, box, struck: false }
}

const MEDIA = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' } as const
const STORED = { png: 'png', jpeg: 'jpeg', webp: 'webp', heic: 'jpeg', avif: 'jpeg' } as const

export class FakeImages {
  readonly images = new Map<string, Stored>()
  /** The pixel size the next uploads are given (the fake does not decode). */
  size = { width: 800, height: 600 }

  constructor(
    private readonly now: () => string,
    private readonly makeTask: (owner: string, fields: DraftTaskFields) => Task,
  ) {}

  seed(owner: User, fields: Partial<UploadedImage> = {}): UploadedImage {
    const image: Stored = {
      id: newId(),
      status: 'pending',
      error: '',
      format: 'png',
      media_type: 'image/png',
      width: 800,
      height: 600,
      size_bytes: 4,
      caption: '',
      category: null,
      engine: '',
      text: '',
      lines: [],
      labels: [],
      drafts: [],
      checked: [],
      line_indexes: null,
      task_ids: [],
      created_at: this.now(),
      processed_at: null,
      ...fields,
      owner: owner.id,
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    }
    this.images.set(image.id, image)
    return this.public(image)
  }

  /**
   * The image is read: its lines and drafts (`checked`: ticked on the image, default none; `lineIndexes`:
   * per draft, its lines, default `null` as for an image read before the server kept that link).
   */
  finish(
    id: string,
    lines: TextLine[],
    drafts: ParsedDraft[],
    checked?: boolean[],
    lineIndexes: number[][] | null = null,
  ): void {
    Object.assign(this.images.get(id)!, {
      status: 'done',
      lines,
      text: lines.map((l) => l.text).join('\n'),
      drafts,
      checked: checked ?? drafts.map(() => false),
      line_indexes: lineIndexes,
      engine: 'rapidocr',
      processed_at: this.now(),
    })
  }

  private public(image: Stored): UploadedImage {
    const { owner: _, bytes: __, ...rest } = image
    return structuredClone(rest)
  }

  async route(user: User, method: string, path: string, body: unknown): Promise<Response> {
    if (path === '/images' && method === 'GET') {
      const mine = [...this.images.values()].filter((i) => i.owner === user.id).reverse()
      return json(
        200,
        mine.map((i) => this.public(i)),
      )
    }
    if (path === '/images' && method === 'POST') return this.upload(user, body)
    const match = /^\/images\/([^/]+)(\/tasks|\/content|\/annotations)?$/.exec(path)
    const image = match ? this.images.get(decodeURIComponent(match[1]!)) : undefined
    if (!image || image.owner !== user.id) return problem(404, 'Not Found', 'no such image')
    const rest = match![2] ?? ''
    if (rest === '' && method === 'GET') return json(200, this.public(image))
    if (rest === '' && method === 'DELETE') {
      this.images.delete(image.id)
      return new Response(null, { status: 204 })
    }
    if (rest === '/content' && method === 'GET') {
      return new Response(image.bytes, { status: 200, headers: { 'Content-Type': image.media_type } })
    }
    if (rest === '/tasks' && method === 'POST') return this.accept(image, body as AcceptBody)
    if (rest === '/annotations' && method === 'POST') {
      const category = (body as { category?: unknown })?.category
      if (typeof category !== 'string' || !category) {
        return problem(422, 'Unprocessable Entity', 'Invalid input.', {
          category: ['Missing data for required field.'],
        })
      }
      Object.assign(image, { category, category_source: 'user', category_confidence: 1, category_needs_review: false })
      return json(201, this.public(image))
    }
    return problem(405, 'Method Not Allowed', 'not here')
  }

  private async upload(user: User, body: unknown): Promise<Response> {
    const file = body instanceof FormData ? body.get('file') : null
    if (!(file instanceof Blob)) {
      return problem(422, 'Unprocessable Entity', 'Invalid input.', { file: ['Missing data for required field.'] })
    }
    if (file.size > MAX_IMAGE_BYTES)
      return problem(413, 'Payload Too Large', `images are limited to ${MAX_IMAGE_BYTES} bytes`)
    const bytes = new Uint8Array(await file.arrayBuffer())
    const sniffed = sniffFormat(bytes.subarray(0, 12))
    if (!sniffed) return problem(415, 'Unsupported Media Type', 'not a PNG, JPEG, WebP, HEIC/HEIF or AVIF image')
    const format = STORED[sniffed]
    const caption = String((body as FormData).get('caption') ?? '')
    const image = this.seed(user, {
      format,
      media_type: MEDIA[format],
      size_bytes: bytes.length,
      caption,
      category: /#(\w+)/.exec(caption)?.[1]?.toLowerCase() ?? null,
      ...this.size,
    })
    this.images.get(image.id)!.bytes = bytes
    return json(202, image)
  }

  private accept(image: Stored, body: AcceptBody): Response {
    if (image.status !== 'done') return problem(409, 'Conflict', `the image is ${image.status}`)
    const indexes = body?.indexes ?? image.checked.flatMap((done, i) => (done ? [] : [i]))
    const wrong = indexes.find((i) => !(i >= 0 && i < image.drafts.length))
    if (wrong !== undefined)
      return problem(422, 'Unprocessable Entity', 'Invalid input.', { indexes: [`no draft ${wrong}`] })
    const edited = new Map<number, DraftEdit>()
    for (const [n, edit] of (body?.edits ?? []).entries()) {
      const refuse = (field: string, message: string) =>
        problem(422, 'Unprocessable Entity', 'Invalid input.', { [`edits[${n}].${field}`]: [message] })
      if (!indexes.includes(edit.index)) return refuse('index', `draft ${edit.index} is not accepted`)
      if (edit.title !== undefined && (!edit.title.trim() || edit.title.length > 500))
        return refuse('title', edit.title.trim() ? 'Longer than maximum length 500.' : 'must not be blank')
      const minutes = edit.duration_minutes
      if (minutes !== undefined && !(Number.isInteger(minutes) && minutes >= 1 && minutes <= 10080))
        return refuse('duration_minutes', 'Must be greater than or equal to 1 and less than or equal to 10080.')
      if (edit.priority !== undefined && ![1, 2, 3, 4].includes(edit.priority))
        return refuse('priority', 'Must be greater than or equal to 1 and less than or equal to 4.')
      const badTag = (edit.tags ?? []).findIndex((tag) => /[\s,#@]/.test(tag) || !tag)
      if (badTag >= 0) return refuse(`tags.${badTag}`, 'a tag is one word without spaces, commas, # or @')
      if (edit.due && Number.isNaN(Date.parse(edit.due))) return refuse('due', 'Not a valid datetime.')
      edited.set(edit.index, edit)
    }
    const tasks = indexes.map((i) => {
      const { title, due, duration_minutes, priority, tags, category } = image.drafts[i]!
      const { index: _, ...changes } = edited.get(i) ?? { index: i }
      return this.makeTask(image.owner, { title, due, duration_minutes, priority, tags, category, ...changes })
    })
    image.task_ids = [...image.task_ids, ...tasks.map((t) => t.id)]
    return json(201, { image: this.public(image), tasks })
  }
}
