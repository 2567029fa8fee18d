import { describe, expect, it } from 'vitest'

import { checkImageFile, formatBytes, MAX_IMAGE_BYTES, sniffFormat } from './imageFile'

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]
const JPEG = [0xff, 0xd8, 0xff, 0xe0]
const WEBP = [...'RIFF']
  .map((c) => c.charCodeAt(0))
  .concat(
    [0, 0, 0, 0],
    [...'WEBP'].map((c) => c.charCodeAt(0)),
  )
const GIF = [...'GIF89a'].map((c) => c.charCodeAt(0))
const ftyp = (brand: string) => [0, 0, 0, 24, ...[...`ftyp${brand}`].map((c) => c.charCodeAt(0))]
const HEIC = ftyp('heic')
const AVIF = ftyp('avif')
const MP4 = ftyp('isom')

const file = (bytes: number[], name: string, type = 'image/png') => new File([new Uint8Array(bytes)], name, { type })

describe('image file checks', () => {
  it('reads the format from the bytes, not the name', () => {
    expect(sniffFormat(new Uint8Array(PNG))).toBe('png')
    expect(sniffFormat(new Uint8Array(JPEG))).toBe('jpeg')
    expect(sniffFormat(new Uint8Array(WEBP))).toBe('webp')
    expect(sniffFormat(new Uint8Array(HEIC))).toBe('heic')
    expect(sniffFormat(new Uint8Array(ftyp('mif1')))).toBe('heic')
    expect(sniffFormat(new Uint8Array(AVIF))).toBe('avif')
    expect(sniffFormat(new Uint8Array(ftyp('avis')))).toBeNull() // animated: the server reads still images
    expect(sniffFormat(new Uint8Array(MP4))).toBeNull()
    expect(sniffFormat(new Uint8Array(GIF))).toBeNull()
    expect(sniffFormat(new Uint8Array([...'RIFF....WAVE'].map((c) => c.charCodeAt(0))))).toBeNull()
  })

  it('accepts PNG, JPEG, WebP, HEIC and AVIF files up to the cap', async () => {
    expect(await checkImageFile(file(PNG, 'list.png'))).toBeNull()
    expect(await checkImageFile(file(JPEG, 'photo.jpg', 'image/jpeg'))).toBeNull()
    expect(await checkImageFile(file(WEBP, 'board.webp', 'image/webp'))).toBeNull()
    expect(await checkImageFile(file(HEIC, 'IMG_1.HEIC', 'image/heic'))).toBeNull()
    expect(await checkImageFile(file(AVIF, 'photo.avif', ''))).toBeNull()
    const atCap = new Uint8Array(MAX_IMAGE_BYTES)
    atCap.set(PNG)
    expect(await checkImageFile(new File([atCap], 'big.png'))).toBeNull()
  })

  it('refuses one byte past 10 MB, a GIF named .png, a video named .heic, an animated AVIF and an empty file, saying why', async () => {
    const over = new Uint8Array(MAX_IMAGE_BYTES + 1)
    over.set(PNG)
    expect(await checkImageFile(new File([over], 'huge.png'))).toBe(
      '“huge.png” is too large (10.0 MB): images may be at most 10 MB.',
    )
    expect(await checkImageFile(file(GIF, 'fake.png'))).toBe('“fake.png” is not a PNG, JPEG, WebP, HEIC or AVIF image.')
    expect(await checkImageFile(file(MP4, 'clip.heic', 'image/heic'))).toBe(
      '“clip.heic” is not a PNG, JPEG, WebP, HEIC or AVIF image.',
    )
    expect(await checkImageFile(file(ftyp('avis'), 'loop.avif', 'image/avif'))).toBe(
      '“loop.avif” is an animated AVIF: upload a still image.',
    )
    expect(await checkImageFile(file([], 'empty.png'))).toBe('“empty.png” is empty.')
  })

  it('formats sizes as people read them', () => {
    expect(formatBytes(512)).toBe('512 bytes')
    expect(formatBytes(2048)).toBe('2 KB')
    expect(formatBytes(3.4 * 1024 * 1024)).toBe('3.4 MB')
  })
})
