import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { User } from '@/api'
import { MAX_IMAGE_BYTES } from '@/lib/imageFile'
import type { FakeApi } from '@/test/fakeApi'
import { draft, line } from '@/test/fakeImages'
import { fakeXhr, type FakeXhrControl } from '@/test/fakeXhr'
import { endSession, mountAt, settle, signedInWithFakeApi } from '@/test/session'

import ImagesView from './ImagesView.vue'

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3, 4])
const png = (name = 'list.png') => new File([PNG], name, { type: 'image/png' })

type Wrapper = Awaited<ReturnType<typeof mountAt>>

async function choose(wrapper: Wrapper, file: File, input = '[data-testid="file-input"]') {
  const el = wrapper.get(input).element as HTMLInputElement
  Object.defineProperty(el, 'files', { value: [file], configurable: true })
  await wrapper.get(input).trigger('change')
  await settle()
}

describe('ImagesView', () => {
  let server: FakeApi
  let user: User
  let xhr: FakeXhrControl

  beforeEach(async () => {
    ;({ server, user } = await signedInWithFakeApi())
    xhr = fakeXhr(server.fetch)
    vi.stubGlobal('XMLHttpRequest', xhr.Xhr)
  })
  afterEach(() => {
    vi.useRealTimers()
    endSession()
  })

  it('offers a file picker and a phone camera, both for images', async () => {
    const wrapper = await mountAt(ImagesView, '/images')
    // HEIC and AVIF by name too: a desktop without their codecs does not count .heic or .avif files as images
    expect(wrapper.get('[data-testid="file-input"]').attributes('accept')).toBe('image/*,.heic,.heif,.avif')
    const camera = wrapper.get('[data-testid="camera-input"]')
    expect(camera.attributes('accept')).toBe('image/*')
    expect(camera.attributes('capture')).toBe('environment')
    expect(wrapper.text()).toContain('No images yet')
    wrapper.unmount()
  })

  it('refuses a file over 10 MB or not an image before sending anything', async () => {
    const wrapper = await mountAt(ImagesView, '/images')
    const big = new Uint8Array(MAX_IMAGE_BYTES + 1)
    big.set(PNG)
    await choose(wrapper, new File([big], 'huge.png', { type: 'image/png' }))
    expect(wrapper.get('[data-testid="file-error"]').text()).toContain('images may be at most 10 MB')
    expect(wrapper.get('button[type="submit"]').attributes('disabled')).toBeDefined()

    const gif = new File([new TextEncoder().encode('GIF89a....')], 'anim.png', { type: 'image/png' })
    await choose(wrapper, gif, '[data-testid="camera-input"]')
    expect(wrapper.get('[data-testid="file-error"]').text()).toBe(
      '“anim.png” is not a PNG, JPEG, WebP, HEIC or AVIF image.',
    )

    await wrapper.get('form').trigger('submit')
    await settle()
    expect(server.requestsTo('POST', '/images')).toHaveLength(0)
    wrapper.unmount()
  })

  it('uploads a dropped image with its caption, showing progress, and lists it', async () => {
    const wrapper = await mountAt(ImagesView, '/images')
    const zone = wrapper.get('[data-testid="drop-zone"]')
    await zone.trigger('dragenter')
    await zone.trigger('dragenter') // over a child of the zone
    await zone.trigger('dragleave') // off the child, still over the zone
    expect(zone.classes()).toContain('border-indigo-500')
    await zone.trigger('drop', { dataTransfer: { files: [png()] } })
    expect(zone.classes()).not.toContain('border-indigo-500')
    await settle()
    expect(wrapper.get('[data-testid="chosen-file"]').text()).toContain('list.png')
    await wrapper.get('#image-caption').setValue('Groceries #shopping')
    xhr.hold()
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(wrapper.get('[data-testid="upload-progress"]').text()).toContain('50%')
    expect(wrapper.get('progress').attributes('value')).toBe('50')
    xhr.release()
    await settle()

    const [sent] = server.requestsTo('POST', '/images')
    expect(sent!.headers.get('Authorization')).toMatch(/^Bearer /)
    expect((sent!.body as FormData).get('caption')).toBe('Groceries #shopping')
    expect(((sent!.body as FormData).get('file') as File).size).toBe(PNG.length)
    expect(wrapper.find('[data-testid="upload-progress"]').exists()).toBe(false)
    const items = wrapper.findAll('[data-testid="image-list"] li')
    expect(items).toHaveLength(1)
    expect(items[0]!.text()).toContain('Groceries #shopping')
    expect(items[0]!.get('[data-status]').attributes('data-status')).toBe('pending')
    expect(items[0]!.get('a').attributes('href')).toMatch(/^\/images\/img-/)
    wrapper.unmount()
  })

  it('uploads an iPhone HEIC photo as it is: the server reads it', async () => {
    const wrapper = await mountAt(ImagesView, '/images')
    const heic = new Uint8Array([0, 0, 0, 24, ...[...'ftypheicmif1'].map((c) => c.charCodeAt(0)), 0, 0])
    await choose(wrapper, new File([heic], 'IMG_0001.HEIC', { type: 'image/heic' }), '[data-testid="camera-input"]')
    expect(wrapper.find('[data-testid="file-error"]').exists()).toBe(false)
    await wrapper.get('form').trigger('submit')
    await settle()
    const [sent] = server.requestsTo('POST', '/images')
    expect(((sent!.body as FormData).get('file') as File).name).toBe('IMG_0001.HEIC')
    expect(wrapper.findAll('[data-testid="image-list"] li')).toHaveLength(1)
    wrapper.unmount()
  })

  it('cancels an upload in flight without an error or an image', async () => {
    const wrapper = await mountAt(ImagesView, '/images')
    await choose(wrapper, png())
    xhr.hold()
    await wrapper.get('form').trigger('submit')
    await settle()
    const cancel = wrapper.findAll('button').find((b) => b.text() === 'Cancel')!
    await cancel.trigger('click')
    xhr.release()
    await settle()
    expect(server.requestsTo('POST', '/images')).toHaveLength(0)
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="upload-progress"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it("shows the server's problem when it refuses the upload", async () => {
    const wrapper = await mountAt(ImagesView, '/images')
    await choose(wrapper, png())
    server.failNext('POST', '/images', 409)
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(wrapper.get('[role="alert"]').text()).toContain('Refused')
    expect(wrapper.find('[data-testid="image-list"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('polls the list with back-off while an image is unread, and stops once it is read', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const image = server.images.seed(user, { caption: 'Whiteboard' })
    const wrapper = await mountAt(ImagesView, '/images')
    const lists = () => server.requestsTo('GET', '/images').length
    expect(lists()).toBe(1)
    await vi.advanceTimersByTimeAsync(1000)
    expect(lists()).toBe(2)
    await vi.advanceTimersByTimeAsync(1000) // the next wait is longer (1.5 s)
    expect(lists()).toBe(2)
    server.images.finish(image.id, [line('- call Bob', 10, 10, 200, 30)], [draft('call Bob')])
    await vi.advanceTimersByTimeAsync(500)
    expect(lists()).toBe(3)
    expect(wrapper.get('[data-status]').attributes('data-status')).toBe('done')
    expect(wrapper.get('[data-testid="image-list"]').text()).toContain('1 draft')
    await vi.advanceTimersByTimeAsync(120_000)
    expect(lists()).toBe(3)
    wrapper.unmount()
  })

  it('stops polling when the page is left', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    server.images.seed(user)
    const wrapper = await mountAt(ImagesView, '/images')
    await vi.advanceTimersByTimeAsync(1000)
    expect(server.requestsTo('GET', '/images')).toHaveLength(2)
    wrapper.unmount()
    await vi.advanceTimersByTimeAsync(120_000)
    expect(server.requestsTo('GET', '/images')).toHaveLength(2)
  })

  it("lists only the user's own images", async () => {
    server.images.seed(user, { caption: 'Mine', status: 'done' })
    server.images.seed(server.seedUser('eve@example.com', 'another password'), { caption: 'Theirs' })
    const wrapper = await mountAt(ImagesView, '/images')
    expect(wrapper.get('[data-testid="image-list"]').text()).toContain('Mine')
    expect(wrapper.text()).not.toContain('Theirs')
    wrapper.unmount()
  })
})
