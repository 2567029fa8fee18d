/**
 * The SPA's speed figures (issue "Speed"), printed, never asserted: a real `planloom serve` on the
 * embedded default (SQLite, memory:// events, a fresh data directory) and headless Chromium.
 *
 *   node e2e/speed.mjs [--runs 5]     (npm run speed; needs ui/dist built and ../.venv installed)
 *
 * - first screen: gzipped bytes of the JS and CSS that /sign-up and a fresh /today load;
 * - week with 200 tasks: a fresh load of /week (navigation start) until its 200 blocks are in the
 *   page and a frame has been painted after them (the grid answers input from then on);
 * - quick-add: a keystroke in the field (its keydown) until the live reading shows what it changed
 *   (the debounce of 60 ms included);
 * - Enter to block: Enter in the quick-add field on /week until the new task's block is in the grid
 *   (create, the re-plan the event triggers, the reload).
 * Each is the median of --runs runs (times in ms, measured inside the page with performance.now()).
 */
import { apiAccount, collectAssets, gzippedBytes, launchBrowser, median, morningZone, startServer } from './support.mjs'

const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5
const PASSWORD = 'a long enough password'
const NAMES = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliett']

/** A context signed in as `email` through the refresh cookie, as the SPA does after a reload. */
async function signedInContext(browser, base, email, timezoneId) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId, locale: 'en-GB' })
  const login = await context.request.post(`${base}/api/v1/auth/login`, {
    data: { email, password: PASSWORD, refresh_token_delivery: 'cookie' },
  })
  if (!login.ok()) throw new Error(`login: ${login.status()}`)
  return context
}

async function firstScreen(browser, base, email, timezoneId) {
  const context = await browser.newContext()
  const page = await context.newPage()
  const assets = collectAssets(page)
  await page.goto(`${base}/sign-up`)
  await page.getByRole('button', { name: 'Create account' }).waitFor()
  const signUp = gzippedBytes(assets)
  await context.close()
  const signedIn = await signedInContext(browser, base, email, timezoneId)
  const todayPage = await signedIn.newPage()
  const todayAssets = collectAssets(todayPage)
  await todayPage.goto(`${base}/today`)
  await todayPage.getByRole('heading', { name: 'Today', exact: true }).waitFor()
  // Not 'networkidle': the bell's live stream keeps a request open. Wait until no asset has arrived for 500 ms.
  for (let size = -1; size !== todayAssets.size;) {
    size = todayAssets.size
    await todayPage.waitForTimeout(500)
  }
  const today = gzippedBytes(todayAssets)
  await signedIn.close()
  return { signUp, today }
}

/** 200 tasks of 15 minutes, placed by a re-plan into working hours of 00:00-24:00: this week and next. */
async function weekOf200(base, timezoneId) {
  const email = `speed-week-${Date.now()}@example.com`
  const account = await apiAccount(base, {
    email,
    password: PASSWORD,
    timezone: timezoneId,
    hours: [['00:00', '24:00']],
  })
  for (let batch = 0; batch < 2; batch++) {
    const text = Array.from({ length: 100 }, (_, i) => `Speed task ${batch * 100 + i + 1} 15m`).join('\n')
    const made = await account.post('/tasks/quick-add', { text })
    if (!made.ok) throw new Error(`quick-add: ${made.status} ${await made.text()}`)
  }
  // Creating 200 tasks queued re-plans on the server's background threads: wait until they are done
  // (the stored plan unchanged for 2 s), so the figure is the page's, not the background's.
  let last = null
  for (let still = 0, i = 0; still < 4 && i < 240; i++) {
    await new Promise((r) => setTimeout(r, 500))
    const { plan } = await (await account.get('/schedule')).json()
    still = plan?.computed_at === last ? still + 1 : 0
    last = plan?.computed_at ?? null
  }
  return email
}

async function weekInteractive(browser, base, email, timezoneId, minBlocks) {
  const context = await signedInContext(browser, base, email, timezoneId)
  // In the page from its first byte: when the grid (loading or not, its blocks) last changed, and the first frame
  // painted after that (a task that follows a frame runs once the frame is done).
  await context.addInitScript(() => {
    new MutationObserver(() => {
      const grid = document.querySelector('[data-testid="week-grid"]')
      const state = `${grid?.getAttribute('aria-busy')}:${document.querySelectorAll('[data-testid="week-block"]').length}`
      if (state === window.__gridState) return
      window.__gridState = state
      requestAnimationFrame(() => setTimeout(() => (window.__paintedAt = performance.now()), 0))
    }).observe(document, { childList: true, subtree: true })
  })
  const times = []
  const apiDone = []
  let blocks = 0
  for (let run = 0; run < RUNS; run++) {
    const page = await context.newPage()
    await page.goto(`${base}/week`)
    if (minBlocks) await page.locator('[data-testid="week-block"]').first().waitFor({ timeout: 30_000 })
    else await page.locator('[data-testid="week-grid"]').waitFor({ timeout: 30_000 })
    await page.waitForFunction(
      () => {
        const loaded = document.querySelector('[data-testid="week-grid"]')?.getAttribute('aria-busy') === 'false'
        const settled = loaded && window.__lastState === window.__gridState && window.__paintedAt !== undefined
        window.__lastState = window.__gridState
        return settled
      },
      null,
      { polling: 100 },
    )
    const [at, api] = await page.evaluate(() => {
      const calls = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/'))
      return [window.__paintedAt, Math.max(...calls.map((e) => e.responseEnd))]
    })
    blocks = await page.locator('[data-testid="week-block"]').count()
    times.push(at)
    apiDone.push(api)
    await page.close()
  }
  await context.close()
  return { ms: median(times), api: median(apiDone), blocks, runs: times }
}

/** Resolves in the page with the time from the next keydown of `key` on the quick-add field to `done()`. */
function armKeystrokeTimer(page, key, doneSource, arg) {
  return page.evaluate(
    ([key, doneSource, arg]) => {
      const done = new Function('arg', `return (${doneSource})(arg)`)
      const field = document.getElementById('quick-add-input')
      window.__timing = new Promise((ok) => {
        let start = 0
        field.addEventListener('keydown', (e) => (e.key === key && !start ? (start = performance.now()) : undefined), {
          capture: true,
        })
        const check = () => {
          if (start && done(arg)) return ok(performance.now() - start)
          requestAnimationFrame(check)
        }
        requestAnimationFrame(check)
      })
    },
    [key, doneSource, arg],
  )
}

async function quickAddTimes(browser, base, email, timezoneId) {
  const context = await signedInContext(browser, base, email, timezoneId)
  const page = await context.newPage()
  await page.goto(`${base}/week`)
  await page.locator('[data-testid="week-grid"]').waitFor()
  const field = page.getByRole('combobox', { name: 'Quick add' })
  const reading = []
  const enter = []
  for (let run = 0; run < RUNS; run++) {
    // No digits in the title: the interpreter reads "check 1" as one o'clock, a fixed start.
    const title = `Speed check ${NAMES[run % NAMES.length]}${run >= NAMES.length ? ` ${NAMES[Math.floor(run / NAMES.length) % NAMES.length]}` : ''}`
    await field.click()
    await field.fill('')
    await page.keyboard.type(`${title} today 30m p2 #wor`)
    await page.locator('mark[data-field="category"]').waitFor()
    await page.waitForTimeout(200) // the reading of "#wor" has settled
    // Keystroke -> live reading: "k" turns the category "#wor" into "#work".
    await armKeystrokeTimer(
      page,
      'k',
      `() => document.querySelector('mark[data-field="category"]')?.textContent === '#work'`,
      null,
    )
    await page.keyboard.press('k')
    reading.push(await page.evaluate(() => window.__timing))
    // Enter -> the block of the new task is in the week grid.
    await armKeystrokeTimer(
      page,
      'Enter',
      `(title) => [...document.querySelectorAll('[data-testid="week-block"]')].some((b) => b.textContent.includes(title))`,
      title,
    )
    await page.keyboard.press('Enter')
    enter.push(
      await Promise.race([
        page.evaluate(() => window.__timing),
        new Promise((ok) => setTimeout(() => ok(Number.NaN), 15_000)),
      ]),
    )
  }
  await context.close()
  return { reading, enter }
}

const fmt = (values) => values.map((v) => (Number.isNaN(v) ? 'timeout' : v.toFixed(0))).join(', ')

async function main() {
  const { base, stop } = await startServer()
  const browser = await launchBrowser()
  try {
    const timezoneId = morningZone()
    const plain = `speed-${Date.now()}@example.com`
    await apiAccount(base, { email: plain, password: PASSWORD, timezone: timezoneId })

    const screen = await firstScreen(browser, base, plain, timezoneId)
    console.log(
      `speed: first screen (/sign-up): ${screen.signUp} bytes (${(screen.signUp / 1024).toFixed(1)} KB) of JS and CSS gzipped; /today fresh: ${screen.today} bytes (${(screen.today / 1024).toFixed(1)} KB) [budget 250 KB]`,
    )

    const small = await weekInteractive(browser, base, plain, timezoneId, 0)
    console.log(
      `speed: baseline, /week with no tasks, navigation start to interactive: median ${small.ms.toFixed(0)} ms over ${RUNS} runs (${fmt(small.runs)}), of which the API calls ended at ${small.api.toFixed(0)} ms`,
    )

    const weekUser = await weekOf200(base, timezoneId)
    const week = await weekInteractive(browser, base, weekUser, timezoneId, 1)
    console.log(
      `speed: /week with 200 tasks (${week.blocks} blocks in this week's grid), navigation start to interactive: median ${week.ms.toFixed(0)} ms over ${RUNS} runs (${fmt(week.runs)}), of which the API calls ended at ${week.api.toFixed(0)} ms; ${(week.ms / small.ms).toFixed(2)}x the empty week [budget 1000 ms]`,
    )

    const quick = await quickAddTimes(browser, base, plain, timezoneId)
    console.log(
      `speed: quick-add keystroke to live reading: median ${median(quick.reading).toFixed(0)} ms over ${RUNS} runs (${fmt(quick.reading)}) [budget 100 ms; 60 ms of it is the debounce]`,
    )
    const entered = quick.enter.filter((v) => !Number.isNaN(v))
    console.log(
      `speed: quick-add Enter to block visible in /week: median ${entered.length ? median(entered).toFixed(0) : 'n/a'} ms over ${RUNS} runs (${fmt(quick.enter)}) [budget 300 ms]`,
    )
  } finally {
    await browser.close()
    await stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
