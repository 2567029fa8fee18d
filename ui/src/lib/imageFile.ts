/**
 * The checks the server makes of an upload, made before sending it so a wrong file fails at once with
 * a plain message: at most 10 MB, and a PNG, JPEG, WebP, HEIC/HEIF (iPhone photos) or AVIF image as read
 * from its first bytes (the server, too, reads the content and never trusts the name or the declared
 * type). The pixel cap (25 MP) and damaged files are left to the server, whose problem the page shows.
 */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024
export const MAX_CAPTION = 500
/** What an upload may be; the server stores HEIC and AVIF as JPEG (WebP when transparent). */
export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'heic' | 'avif'

/** ISO BMFF brands (bytes 8-12, after `ftyp`) the server reads: HEIF's, AVIF's and their generic ones. */
const HEIF_BRANDS = ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']
const AVIF_BRANDS = ['avif']
/** An AVIF image sequence: the server reads still images only (a list or a whiteboard is one). */
const ANIMATED_AVIF = 'avis'

const startsWith = (head: Uint8Array, bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b)
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0))

/** The format of an image from its first 12 bytes, or null when it is none of the accepted ones. */
export function sniffFormat(head: Uint8Array): ImageFormat | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'webp'
  if (!startsWith(head, ascii('ftyp'), 4)) return null
  const brand = String.fromCharCode(...head.subarray(8, 12))
  if (AVIF_BRANDS.includes(brand)) return 'avif'
  return HEIF_BRANDS.includes(brand) ? 'heic' : null
}

/** "3.4 MB", "820 KB": sizes as people read them (1 MB = 1024 × 1024 bytes, as the cap). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} bytes`
}

/** Why `file` cannot be uploaded, or null when it passes the checks the browser can make. */
export async function checkImageFile(file: File): Promise<string | null> {
  const name = `“${file.name || 'The file'}”`
  if (file.size === 0) return `${name} is empty.`
  if (file.size > MAX_IMAGE_BYTES) {
    return `${name} is too large (${formatBytes(file.size)}): images may be at most 10 MB.`
  }
  const head = new Uint8Array(await file.slice(0, 12).arrayBuffer())
  if (startsWith(head, ascii('ftyp'), 4) && String.fromCharCode(...head.subarray(8, 12)) === ANIMATED_AVIF) {
    return `${name} is an animated AVIF: upload a still image.`
  }
  return sniffFormat(head) ? null : `${name} is not a PNG, JPEG, WebP, HEIC or AVIF image.`
}
