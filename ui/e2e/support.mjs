/**
 * What the browser scripts (journey.mjs, tasks.mjs) and the speed script share: a real `planloom serve`
 * on a fresh data directory, Debian's Chromium through playwright-core (no browser download), a
 * fixed-offset browser time zone where it is about 08:00 now, accounts and sessions through the API,
 * checks, screenshots at both sizes, and the gzipped size of the assets a page loaded.
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
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
export const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1440, height: 900 } }
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

function freePort() {
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
  // Chromium reports Etc/GMT as UTC (the zone the app then stores), so that is the name to expect.
  return offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`
}

/**
 * `planloom serve` on a fresh data directory and a free port; `stop()` ends it and removes the data.
 * `prepare(dataDir)` runs first, before the server holds the SQLite file (seeding, say).
 */
export async function startServer({ prepare } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'planloom-e2e-'))
  if (prepare) await prepare(dataDir)
  const port = await freePort()
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
        PLANLOOM_REGISTER_RATE_LIMIT: '1000 per hour',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  )
  const base = `http://localhost:${port}`
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM')
      await new Promise((r) => server.once('exit', r))
    }
    rmSync(dataDir, { recursive: true, force: true })
  }
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) {
      await stop()
      throw new Error(`planloom serve exited with ${server.exitCode}`)
    }
    try {
      if ((await fetch(`${base}/readyz`)).ok) return { base, stop }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  await stop()
  throw new Error('planloom serve did not become ready')
}

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS })
}

/** Paths of the built JS and CSS files a page loads, collected from its responses. */
export function collectAssets(page) {
  const assets = new Set()
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname
    if (/^\/assets\/.+\.(js|css)$/.test(path)) assets.add(path.slice(1))
  })
  return assets
}

/** Gzipped bytes of those built files (zlib defaults). */
export function gzippedBytes(paths) {
  return [...paths].reduce((sum, path) => sum + gzipSync(readFileSync(join(ui, 'dist', path))).length, 0)
}

/** An account through the API, every day 08:00-20:00 (or `hours`), and its access token. */
export async function apiAccount(base, { email, password, timezone, hours = [['08:00', '20:00']] }) {
  const post = (path, body, token) =>
    fetch(`${base}/api/v1${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    })
  const registered = await post('/auth/register', { email, password, timezone })
  if (!registered.ok) throw new Error(`register: ${registered.status} ${await registered.text()}`)
  const { access_token: token } = await registered.json()
  const put = await fetch(`${base}/api/v1/users/me/preferences`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ timezone, working_hours: Object.fromEntries(DAYS.map((d) => [d, hours])) }),
  })
  if (!put.ok) throw new Error(`preferences: ${put.status} ${await put.text()}`)
  const get = (path) => fetch(`${base}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } })
  return { token, post: (path, body) => post(path, body, token), get }
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export function check(condition, message) {
  if (!condition) throw new Error(`e2e: ${message}`)
  console.log(`e2e: ok - ${message}`)
}

/** Full-page screenshots of `page` at the phone and desktop sizes: `<name>-phone.png`, `<name>-desktop.png`. */
export async function shoot(page, name) {
  for (const [label, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size)
    await page.screenshot({ path: join(shots, `${name}-${label}.png`), fullPage: true })
  }
  await page.setViewportSize(VIEWPORTS.desktop)
}

/** A bearer-token session of an existing account, for API calls made beside the browser. */
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

/** Working hours 08:00-20:00 on every day for an existing account, through the API. */
export async function workEveryDay(base, email, password) {
  const call = await apiSession(base, email, password)
  const hours = Object.fromEntries(DAYS.map((d) => [d, [['08:00', '20:00']]]))
  const put = await call('PUT', '/users/me/preferences', { working_hours: hours })
  check(put.ok, `working hours set (${put.status})`)
}

/**
 * Run `journey(context)` against a fresh server and browser (`prepare`: see startServer), then tear both
 * down (a screenshot of the last page on failure). `context`: { base, browser, newPage(options) }; a page from `newPage` records
 * its console errors in `page.consoleErrors` and its HTTP error answers in `page.errorResponses`.
 */
export async function withServerAndBrowser(name, journey, { prepare } = {}) {
  mkdirSync(shots, { recursive: true })
  const browser = await launchBrowser() // first: a missing browser leaves no server behind
  let stop = null
  const pages = []
  try {
    const started = await startServer({ prepare })
    stop = started.stop
    await journey({
      base: started.base,
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
    await stop?.()
  }
  console.log(`e2e: ${name} passed; screenshots in ${shots}`)
}
