/**
 * What the browser end-to-end scripts share: a real `planloom serve` on a fresh data directory,
 * Debian's Chromium through playwright-core (never a browser download), checks, screenshots.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

import { chromium } from 'playwright-core'

export const ui = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const shots = join(ui, 'e2e-screenshots')
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
export const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
export const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1440, height: 900 } }
export const FIRST_SCREEN_BUDGET_KB = 250

export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => ok(port))
    })
    srv.on('error', fail)
  })
}

/** Etc/GMT zones have inverted signs: Etc/GMT+9 is UTC-9. Picks the one where it is 08:xx now. */
export function morningZone(now = new Date()) {
  let offset = 8 - now.getUTCHours()
  if (offset > 14) offset -= 24
  if (offset < -12) offset += 24
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`
}

export async function startServer(dataDir, port) {
  const server = spawn(
    resolve(ui, '../.venv/bin/planloom'),
    ['serve', '--port', String(port), '--workers', '1', '--migrate'],
    {
      env: {
        ...process.env,
        PLANLOOM_DATA_DIR: dataDir,
        PLANLOOM_UI_DIST: join(ui, 'dist'),
        PLANLOOM_ARGON2_TIME_COST: '1',
        PLANLOOM_ARGON2_MEMORY_KIB: '1024',
        PLANLOOM_LOG_LEVEL: 'WARNING',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  )
  const base = `http://localhost:${port}`
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`planloom serve exited with ${server.exitCode}`)
    try {
      if ((await fetch(`${base}/readyz`)).ok) return { server, base }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error('planloom serve did not become ready')
}

/** Gzipped size of the built JS and CSS files a page loaded (from its responses). */
export function gzippedKb(paths) {
  const bytes = [...paths].reduce((sum, path) => sum + gzipSync(readFileSync(join(ui, 'dist', path))).length, 0)
  return bytes / 1024
}

export function check(condition, message) {
  if (!condition) throw new Error(`e2e: ${message}`)
  console.log(`e2e: ok - ${message}`)
}

export async function shoot(page, name) {
  for (const [label, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size)
    await page.screenshot({ path: join(shots, `${name}-${label}.png`), fullPage: true })
  }
  await page.setViewportSize(VIEWPORTS.desktop)
}

/** A bearer-token session for API calls made beside the browser (set-up the UI does not cover). */
export async function apiSession(base, email, password) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  const { access_token: token } = await login.json()
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }
  return (method, path, body) =>
    fetch(`${base}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
}

/** Every working hour of every day, through the API (the settings screen is still to come). */
export async function workEveryDay(base, email, password) {
  const call = await apiSession(base, email, password)
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
  const hours = Object.fromEntries(days.map((d) => [d, [['08:00', '20:00']]]))
  const put = await call('PUT', '/users/me/preferences', { working_hours: hours })
  check(put.ok, `working hours set (${put.status})`)
}

/**
 * Run `journey(context)` against a fresh server and browser, then tear both down.
 * `context`: { base, browser, newPage(options) } where newPage records console errors into `errors`.
 */
export async function withServerAndBrowser(name, journey) {
  mkdirSync(shots, { recursive: true })
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS }) // first: a missing browser leaves no server behind
  const dataDir = mkdtempSync(join(tmpdir(), 'planloom-e2e-'))
  let server = null
  const pages = []
  try {
    const started = await startServer(dataDir, await freePort())
    server = started.server
    const { base } = started
    await journey({
      base,
      browser,
      async newPage(options = {}) {
        const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB', ...options })
        const page = await context.newPage()
        page.consoleErrors = []
        page.on('console', (msg) => msg.type() === 'error' && page.consoleErrors.push(msg.text()))
        page.on('pageerror', (error) => page.consoleErrors.push(String(error)))
        page.errorResponses = [] // which requests the browser's "Failed to load resource" lines were about
        page.on('response', (r) => {
          if (r.status() >= 400)
            page.errorResponses.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`)
        })
        page.setDefaultTimeout(20_000)
        pages.push(page)
        return page
      },
    })
  } catch (error) {
    await pages
      .at(-1)
      ?.screenshot({ path: join(shots, `${name}-failure.png`), fullPage: true })
      .catch(() => undefined)
    throw error
  } finally {
    await browser.close()
    if (server && server.exitCode === null) {
      server.kill('SIGTERM')
      await new Promise((r) => server.once('exit', r))
    }
    rmSync(dataDir, { recursive: true, force: true })
  }
  console.log(`e2e: ${name} passed; screenshots in ${shots}`)
}
