import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { UploadedImage, User } from '@/api'
import { DEFAULT_PREFERENCES, type FakeApi } from '@/test/fakeApi'
import { draft, line } from '@/test/fakeImages'
import { endSession, mountAt, settle, signedInWithFakeApi } from '@/test/session'
import { zoneUnlikeTheRunners } from '@/test/zones'

import ImageView from './ImageView.vue'

type Wrapper = Awaited<ReturnType<typeof mountAt>>

const LINES = [
  line('Saturday', 100, 40, 400, 60),
  line('- buy paint 2h', 100, 140, 700, 60),
  line('[x] call the plumber', 100, 240, 800, 60),
  line('- fix the gate p1', 100, 340, 600, 60),
]
const DRAFTS = [
  draft('buy paint', { duration_minutes: 120 }),
  draft('call the plumber'),
  draft('fix the gate', { priority: 1 }),
]

describe('ImageView', () => {
  let server: FakeApi
  let user: User

  beforeEach(async () => {
    ;({ server, user } = await signedInWithFakeApi())
  })
  afterEach(() => {
    vi.useRealTimers()
    endSession()
  })

  function readList(fields: Partial<UploadedImage> = {}) {
    const image = server.images.seed(user, { caption: 'Weekend', width: 2000, height: 1000, ...fields })
    server.images.finish(image.id, LINES, DRAFTS, [false, true, false])
    return image
  }
  const rows = (wrapper: Wrapper) => wrapper.findAll('[data-testid="draft"]')
  const boxes = (wrapper: Wrapper) => wrapper.findAll('[data-testid="image-boxes"] polygon')

  it('shows the image fetched with the token, with a box per line in the stored pixels', async () => {
    const image = readList()
    const wrapper = await mountAt(ImageView, `/images/${image.id}`)
    const [content] = server.requestsTo('GET', `/images/${image.id}/content`)
    expect(content!.headers.get('Authorization')).toMatch(/^Bearer /)
    expect(wrapper.get('img').attributes('src')).toMatch(/^blob:/)
    const svg = wrapper.get('[data-testid="image-boxes"]')
    expect(svg.attributes('viewBox')).toBe('0 0 2000 1000')
    expect(svg.attributes('preserveAspectRatio')).toBe('none')
    expect(boxes(wrapper).map((p) => p.attributes('points'))).toEqual([
      '100,40 500,40 500,100 100,100',
      '100,140 800,140 800,200 100,200',
      '100,240 900,240 900,300 100,300',
      '100,340 700,340 700,400 100,400',
    ])
    wrapper.unmount()
  })

  it('scales the boxes to the image as it loaded (its natural size), whatever the record says', async () => {
    const image = readList({ width: 1, height: 1 })
    const wrapper = await mountAt(ImageView, `/images/${image.id}`)
    expect(wrapper.get('[data-testid="image-boxes"]').attributes('viewBox')).toBe('0 0 1 1')
    const img = wrapper.get('img').element as HTMLImageElement
    Object.defineProperty(img, 'naturalWidth', { value: 2000 })
    Object.defineProperty(img, 'naturalHeight', { value: 1000 })
    await wrapper.get('img').trigger('load')
    expect(wrapper.get('[data-testid="image-boxes"]').attributes('viewBox')).toBe('0 0 2000 1000')
    wrapper.unmount()
  })

  it("lights exactly a draft's boxes from the server's link, and a box's draft, by pointer, focus and click", async () => {
    // a wrapped item, two items sharing their words, a title the interpreter rewrote: words would mislead
    const image = server.images.seed(user, { caption: 'Jobs', width: 2000, height: 1000 })
    const read = [
      line('Saturday', 100, 40, 400, 60),
      line('- call the plumber about', 100, 140, 800, 60),
      line('the leaking tap', 160, 240, 600, 60),
      line('- call the plumber', 100, 340, 700, 60),
      line('[x] mow 30m', 100, 440, 400, 60),
    ]
    const drafts = [draft('Call the plumber about the leaking tap'), draft('call the plumber'), draft('Mow the lawn')]
    server.images.finish(image.id, read, drafts, [false, false, true], [[1, 2], [3], [4]])
    const wrapper = await mountAt(ImageView, `/images/${image.id}`)
    const lit = () => boxes(wrapper).flatMap((p, i) => (p.attributes('data-active') ? [i] : []))
    const litRows = () => rows(wrapper).flatMap((r, i) => (r.attributes('data-lit') ? [i] : []))
    const current = () => rows(wrapper).flatMap((r, i) => (r.attributes('aria-current') ? [i] : []))
    expect(lit()).toEqual([])

    await rows(wrapper)[0]!.trigger('mouseenter')
    expect(lit()).toEqual([1, 2]) // both lines of the wrapped item
    await rows(wrapper)[0]!.trigger('mouseleave')
    expect(lit()).toEqual([])

    await boxes(wrapper)[4]!.trigger('mouseenter') // the rewritten title's line
    expect([litRows(), lit()]).toEqual([[2], [4]])
    await boxes(wrapper)[4]!.trigger('mouseleave')
    await boxes(wrapper)[0]!.trigger('mouseenter') // a heading: no draft
    expect([litRows(), lit()]).toEqual([[], []])

    await boxes(wrapper)[2]!.trigger('mouseenter') // the wrapped item's second line lights its draft and first line
    expect([litRows(), lit()]).toEqual([[0], [1, 2]])
    await boxes(wrapper)[2]!.trigger('click')
    await boxes(wrapper)[2]!.trigger('mouseleave')
    expect([current(), litRows(), lit()]).toEqual([[0], [0], [1, 2]])

    await rows(wrapper)[1]!.get('input[type="text"]').trigger('focusin') // the keyboard chooses too
    expect([current(), lit()]).toEqual([[1], [3]]) // the item sharing the words: its own line only
    await rows(wrapper)[2]!.trigger('mouseenter')
    expect([current(), litRows(), lit()]).toEqual([[1], [2], [4]])
    await rows(wrapper)[2]!.trigger('mouseleave')
    expect([current(), litRows(), lit()]).toEqual([[1], [1], [3]])
    wrapper.unmount()
  })

  it('says why a draft starts unticked: its item was crossed out, or ticked, on the image', async () => {
    const image = server.images.seed(user, { caption: 'Weekend', width: 2000, height: 1000 })
    const read = LINES.map((l) => ({ ...l }))
    read[1] = { ...read[1]!, struck: true } // "- buy paint 2h", a stroke through it
    server.images.finish(image.id, read, DRAFTS, [true, true, false], [[1], [2], [3]])
    const wrapper = await mountAt(ImageView, `/images/${image.id}`)
    const ticks = rows(wrapper).map((r) => (r.get('input[type="checkbox"]').element as HTMLInputElement).checked)
    expect(ticks).toEqual([false, false, true])
    expect([0, 1, 2].map((i) => wrapper.get(`#draft-${i}-meta`).text())).toEqual([
      'crossed out on the image · 2 h',
      'ticked on the image',
      'P1',
    ])
    wrapper.unmount()
  })

  it('links drafts to boxes by their words for an image read before the server kept the link', async () => {
    const image = readList()
    const wrapper = await mountAt(ImageView, `/images/${image.id}`)
    const titles = rows(wrapper).map((r) => (r.get('input[type="text"]').element as HTMLInputElement).value)
    expect(titles).toEqual(['buy paint', 'call the plumber', 'fix the gate'])
    const ticks = rows(wrapper).map((r) => (r.get('input[type="checkbox"]').element as HTMLInputElement).checked)
    expect(ticks).toEqual([true, false, true])
    expect(wrapper.get('#draft-0-meta').text()).toBe('2 h')
    expect(wrapper.get('#draft-2-meta').text()).toBe('P1')
    expect(wrapper.get('button[type="submit"]').text()).toBe('Create 2 tasks')

    await rows(wrapper)[2]!.trigger('click')
    expect(boxes(wrapper).map((p) => p.attributes('data-active'))).toEqual([undefined, undefined, undefined, 'true'])
    expect(rows(wrapper)[2]!.attributes('aria-current')).toBe('true')

    await boxes(wrapper)[2]!.trigger('click') // the plumber's line
    expect(rows(wrapper).map((r) => r.attributes('aria-current'))).toEqual([undefined, 'true', undefined])
    expect(boxes(wrapper)[2]!.attributes('data-active')).toBe('true')

    await boxes(wrapper)[0]!.trigger('click') // a heading: no draft, nothing changes
    expect(rows(wrapper)[1]!.attributes('aria-current')).toBe('true')

    await rows(wrapper)[0]!.trigger('mouseenter')
    expect(boxes(wrapper).map((p) => p.attributes('data-active'))).toEqual([undefined, 'true', undefined, undefined])
    await rows(wrapper)[0]!.trigger('mouseleave')
    await boxes(wrapper)[3]!.trigger('mouseenter')
    expect(rows(wrapper).map((r) => r.attributes('data-lit'))).toEqual([undefined, undefined, 'true'])
    wrapper.unmount()
  })

  it('creates the ticked drafts with an edited title in one request, and sends their indexes', async () => {
    const image = readList()
    const wrapper = await mountAt(ImageView, `/images/${image.id}`)
    await rows(wrapper)[0]!.get('input[type="checkbox"]').setValue(false)
    await rows(wrapper)[1]!.get('input[type="checkbox"]').setValue(true)
    await rows(wrapper)[2]!.get('input[type="text"]').setValue('Fix the garden gate')
    expect(wrapper.get('button[type="submit"]').text()).toBe('Create 2 tasks')
    await wrapper.get('[data-testid="draft-list"]').trigger('submit')
    await settle()

    const [accept] = server.requestsTo('POST', `/images/${image.id}/tasks`)
    expect(accept!.body).toEqual({ indexes: [1, 2], edits: [{ index: 2, title: 'Fix the garden gate' }] })
    const titles = [...server.tasks.values()].map((t) => t.title)
    expect(titles).toEqual(['call the plumber', 'Fix the garden gate'])
    expect(server.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0) // no rename afterwards
    const created = wrapper.get('[data-testid="created-tasks"]')
    expect(created.text()).toContain('2 tasks created')
    expect(created.findAll('a').map((a) => a.text())).toEqual(['call the plumber', 'Fix the garden gate'])
    expect(wrapper.get('button[type="submit"]').text()).toBe('Create 0 tasks') // made ones are unticked
    wrapper.unmount()
  })

  async function openDetails(wrapper: Wrapper, index: number) {
    const toggle = rows(wrapper)[index]!.get('[data-testid="draft-details-toggle"]')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    await toggle.trigger('click')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    expect(wrapper.get(`#${toggle.attributes('aria-controls')}`).isVisible()).toBe(true)
  }

  it("edits a draft's due in the account's zone, duration, priority, category and tags, and sends only those", async () => {
    const zone = zoneUnlikeTheRunners()
    server.preferences.set(user.id, { ...DEFAULT_PREFERENCES, timezone: zone })
    const home = { id: 'cat-home', name: 'Home', color: null, created_at: server.now, owner: user.id }
    server.categories.set(home.id, home)
    const image = readList()
    const wrapper = await mountAt(ImageView, `/images/${image.id}`)
    expect(wrapper.get('#draft-0-details').isVisible()).toBe(false) // closed until asked for

    await openDetails(wrapper, 0)
    const label = (id: string) => wrapper.get(`label[for="${id}"]`).text()
    expect(['due', 'duration', 'priority', 'category', 'tags'].map((f) => label(`draft-0-${f}`))).toEqual([
      'Due',
      'Duration (min)',
      'Priority',
      'Category',
      'Tags',
    ])
    expect((wrapper.get('#draft-0-duration').element as HTMLInputElement).value).toBe('120') // as read
    await wrapper.get('#draft-0-due').setValue('2026-11-28T10:00')
    await wrapper.get('#draft-0-duration').setValue('90')
    await wrapper.get('#draft-0-priority').setValue('2')
    await wrapper.get('#draft-0-tags').setValue('diy, #weekend')
    expect(wrapper.get('#draft-0-meta').text()).toContain('1 h 30 min · P2 · #diy · #weekend')
    await openDetails(wrapper, 2)
    await wrapper.get('#draft-2-category').setValue('Home')
    await wrapper.get('[data-testid="draft-list"]').trigger('submit')
    await settle()

    const due = zone === 'Pacific/Auckland' ? '2026-11-27T21:00:00.000Z' : '2026-11-28T18:00:00.000Z'
    const [accept] = server.requestsTo('POST', `/images/${image.id}/tasks`)
    expect(accept!.body).toEqual({
      indexes: [0, 2],
      edits: [
        { index: 0, due, duration_minutes: 90, priority: 2, tags: ['diy', 'weekend'] },
        { index: 2, category: 'Home' },
      ],
    })
    const made = [...server.tasks.values()].map((t) => [
      t.title,
      t.due,
      t.duration_minutes,
      t.priority,
      t.tags,
      t.category_id,
    ])
    expect(made).toEqual([
      ['buy paint', due, 90, 2, ['diy', 'weekend'], null],
      ['fix the gate', null, 30, 1, [], 'cat-home'],
    ])
    wrapper.unmount()
  })

  it('sends nothing for a field put back as read, null for a due cleared, and a category read from the image', async () => {
    const image = server.images.seed(user, { caption: 'Bills', width: 2000, height: 1000 })
    const drafts = [
      draft('pay rent', { due: '2026-11-30T17:00:00Z', priority: 2, category: 'Bills' }),
      draft('file taxes', { tags: ['admin'] }),
    ]
    server.images.finish(image.id, LINES.slice(0, 2), drafts)
    const wrapper = await mountAt(ImageView, `/images/${image.id}`)
    await openDetails(wrapper, 0)
    const category = wrapper.get('#draft-0-category')
    expect((category.element as HTMLSelectElement).value).toBe('Bills')
    expect(category.findAll('option').map((o) => o.text())).toContain('Bills (new)') // made when accepted
    await wrapper.get('#draft-0-priority').setValue('1')
    await wrapper.get('#draft-0-priority').setValue('2') // back as read
    await wrapper.get('#draft-0-due').setValue('')
    await openDetails(wrapper, 1)
    await wrapper.get('#draft-1-tags').setValue('admin, ') // the same tags, written otherwise
    await wrapper.get('[data-testid="draft-list"]').trigger('submit')
    await settle()

    const [accept] = server.requestsTo('POST', `/images/${image.id}/tasks`)
    expect(accept!.body).toEqual({ indexes: [0, 1], edits: [{ index: 0, due: null }] })
    const [rent] = [...server.tasks.values()]
    expect([rent!.due, rent!.priority]).toEqual([null, 2])
    expect([...server.categories.values()].map((c) => c.name)).toEqual(['Bills'])
    wrapper.unmount()
  })

  it("refuses a duration it cannot send before sending, and shows the server's refusal under its field", async () => {
    const image = readList()
    const wrapper = await mountAt(ImageView, `/images/${image.id}`)
    const submit = () => wrapper.get('button[type="submit"]')
    await openDetails(wrapper, 0)
    await wrapper.get('#draft-0-duration').setValue('') // read as 2 h: a task always has a duration
    expect(wrapper.get('#draft-0-duration').attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('#draft-0-duration-error').text()).toBe('Enter the minutes it takes.')
    expect(submit().attributes('disabled')).toBeDefined()
    await wrapper.get('#draft-0-duration').setValue('1h')
    expect(wrapper.get('#draft-0-duration-error').text()).toContain('whole minutes')
    await rows(wrapper)[0]!.get('input[type="checkbox"]').setValue(false) // an unticked draft is not checked
    expect(submit().attributes('disabled')).toBeUndefined()
    await rows(wrapper)[0]!.get('input[type="checkbox"]').setValue(true)
    await rows(wrapper)[0]!.get('[data-testid="draft-details-toggle"]').trigger('click')
    expect(wrapper.get('#draft-0-details').isVisible()).toBe(true) // kept open while a field is refused
    await wrapper.get('[data-testid="draft-list"]').trigger('submit')
    await settle()
    expect(server.requestsTo('POST', `/images/${image.id}/tasks`)).toHaveLength(0)

    await wrapper.get('#draft-0-duration').setValue('45')
    await openDetails(wrapper, 2)
    await wrapper.get('#draft-2-tags').setValue('two words')
    await wrapper.get('[data-testid="draft-list"]').trigger('submit')
    await settle()
    const [accept] = server.requestsTo('POST', `/images/${image.id}/tasks`)
    expect((accept!.body as { edits: unknown[] }).edits).toEqual([
      { index: 0, duration_minutes: 45 },
      { index: 2, tags: ['two words'] },
    ])
    expect(server.tasks.size).toBe(0)
    expect(wrapper.get('#draft-2-tags').attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('#draft-2-tags-error').text()).toContain('a tag is one word')
    expect(wrapper.find('#draft-0-duration-error').exists()).toBe(false)
    expect(rows(wrapper)[2]!.find('[data-testid="draft-errors"]').exists()).toBe(false) // under the field, not the title
    wrapper.unmount()
  })

  it('shows a refused edit under its draft, and nothing is created', async () => {
    const image = readList()
    const wrapper = await mountAt(ImageView, `/images/${image.id}`)
    await rows(wrapper)[1]!.get('input[type="checkbox"]').setValue(true)
    await rows(wrapper)[0]!.get('input[type="text"]').setValue('Shorter')
    await rows(wrapper)[2]!.get('input[type="text"]').setValue('x'.repeat(501)) // past the server's cap
    await wrapper.get('[data-testid="draft-list"]').trigger('submit')
    await settle()

    const [accept] = server.requestsTo('POST', `/images/${image.id}/tasks`)
    expect((accept!.body as { edits: unknown[] }).edits).toHaveLength(2)
    expect(server.tasks.size).toBe(0)
    expect(wrapper.find('[data-testid="created-tasks"]').exists()).toBe(false)
    expect(rows(wrapper)[0]!.find('[data-testid="draft-errors"]').exists()).toBe(false)
    const refused = rows(wrapper)[2]!.get('[data-testid="draft-errors"]')
    expect(refused.text()).toContain('Longer than maximum length 500.')
    expect(rows(wrapper)[2]!.get('input[type="text"]').attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('button[type="submit"]').text()).toBe('Create 3 tasks') // still ticked, to try again
    wrapper.unmount()
  })

  it('will not create a ticked draft without a title, nor nothing', async () => {
    const image = readList()
    const wrapper = await mountAt(ImageView, `/images/${image.id}`)
    await rows(wrapper)[0]!.get('input[type="text"]').setValue('   ')
    expect(wrapper.get('button[type="submit"]').attributes('disabled')).toBeDefined()
    expect(wrapper.text()).toContain('A ticked draft needs a title.')
    await rows(wrapper)[0]!.get('input[type="checkbox"]').setValue(false)
    await rows(wrapper)[2]!.get('input[type="checkbox"]').setValue(false)
    expect(wrapper.get('button[type="submit"]').text()).toBe('Create 0 tasks')
    await wrapper.get('[data-testid="draft-list"]').trigger('submit')
    await settle()
    expect(server.requestsTo('POST', `/images/${image.id}/tasks`)).toHaveLength(0)
    wrapper.unmount()
  })

  it('polls an unread image until it is read, then shows its drafts', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const image = server.images.seed(user, { width: 2000, height: 1000 })
    const wrapper = await mountAt(ImageView, `/images/${image.id}`)
    expect(wrapper.find('[data-testid="image-waiting"]').exists()).toBe(true)
    server.images.finish(image.id, LINES, DRAFTS)
    await vi.advanceTimersByTimeAsync(1000)
    expect(rows(wrapper)).toHaveLength(3)
    const gets = server.requestsTo('GET', `/images/${image.id}`).length
    await vi.advanceTimersByTimeAsync(120_000)
    expect(server.requestsTo('GET', `/images/${image.id}`)).toHaveLength(gets)
    wrapper.unmount()
  })

  it('shows the category and its confidence, and asks what the image is when unsure', async () => {
    const image = readList({ category: 'whiteboard', category_confidence: 0.42, category_needs_review: true })
    const wrapper = await mountAt(ImageView, `/images/${image.id}`)
    const section = wrapper.get('[data-testid="image-category"]')
    expect(section.text()).toContain('Whiteboard')
    expect(section.text()).toContain('42% sure')
    const receipt = wrapper
      .get('[data-testid="category-ask"]')
      .findAll('button')
      .find((b) => b.text() === 'Receipt')!
    await receipt.trigger('click')
    await settle()
    expect(server.requestsTo('POST', `/images/${image.id}/annotations`)[0]!.body).toEqual({ category: 'receipt' })
    expect(wrapper.get('[data-testid="image-category"]').text()).toContain('Receipt')
    expect(wrapper.find('[data-testid="category-ask"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('shows no category and asks nothing on a server without the categoriser', async () => {
    const image = readList()
    const wrapper = await mountAt(ImageView, `/images/${image.id}`)
    expect(wrapper.find('[data-testid="image-category"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('deletes the image after asking, then goes to the list', async () => {
    const image = readList()
    const wrapper = await mountAt(ImageView, `/images/${image.id}`)
    const button = (text: string) =>
      wrapper
        .findAll('[data-testid="image-actions"] button')
        .find((b) => b.text() === text)!
        .trigger('click')
    await button('Delete image')
    expect(server.images.images.has(image.id)).toBe(true)
    await button('Delete for good')
    await settle()
    expect(server.images.images.has(image.id)).toBe(false)
    await vi.waitFor(() => expect(wrapper.vm.$router.currentRoute.value.name).toBe('images'))
    wrapper.unmount()
  })

  it("answers another user's image as not found, like a missing one", async () => {
    const theirs = server.images.seed(server.seedUser('eve@example.com', 'another password'), { caption: 'Secret' })
    for (const id of [theirs.id, 'no-such-image']) {
      const wrapper = await mountAt(ImageView, `/images/${id}`)
      expect(wrapper.get('h1').text()).toBe('Image not found')
      expect(wrapper.text()).not.toContain('Secret')
      wrapper.unmount()
    }
  })
})
