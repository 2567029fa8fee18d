/**
 * Browser end-to-end: a real `planloom serve` on a fresh data directory, Debian's Chromium driven by
 * playwright-core (no browser download). Sign up -> quick-add by keyboard -> the block in /week ->
 * complete it from /today; screenshots at 390x844 and 1440x900 go to ui/e2e-screenshots/.
 *
 *   node e2e/journey.mjs      (npm run e2e; needs ui/dist built and ../.venv installed)
 *
 * The browser's time zone is a fixed-offset zone where it is now about 08:00, and the account works
 * 08:00-20:00 every day, so the plan puts the new task on today's page whatever the hour or weekday.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { chromium } from 'playwright-core'

import {
  CHROMIUM,
  check,
  FIRST_SCREEN_BUDGET_KB,
  FLAGS,
  freePort,
  gzippedKb,
  morningZone,
  shoot,
  shots,
  startServer,
  VIEWPORTS,
  workEveryDay,
} from './support.mjs'

async function main() {
  mkdirSync(shots, { recursive: true })
  const dataDir = mkdtempSync(join(tmpdir(), 'planloom-e2e-'))
  const { server, base } = await startServer(dataDir, await freePort())
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS })
  const consoleErrors = []
  let page = null
  try {
    const timezoneId = morningZone()
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, timezoneId, locale: 'en-GB' })
    page = await context.newPage()
    page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(msg.text()))
    page.on('pageerror', (error) => consoleErrors.push(String(error)))
    page.setDefaultTimeout(20_000)

    const assets = new Set()
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname
      if (/^\/assets\/.+\.(js|css)$/.test(path)) assets.add(path.slice(1))
    })

    // Sign up.
    const email = `e2e-${Date.now()}@example.com`
    const password = 'a long enough password'
    await page.goto(`${base}/sign-up`)
    await page.getByRole('button', { name: 'Create account' }).waitFor()
    const firstScreen = gzippedKb(assets)
    check(firstScreen <= FIRST_SCREEN_BUDGET_KB, `first screen: ${firstScreen.toFixed(1)} KB of JS and CSS gzipped`)
    await shoot(page, 'sign-up')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.waitForURL(/\/tasks$/)
    check(true, `signed up as ${email} (browser time zone ${timezoneId})`)
    await workEveryDay(base, email, password)

    // Quick add by keyboard: q, type, the live reading, Enter.
    await page.getByRole('heading', { level: 1 }).click()
    await page.keyboard.press('q')
    const field = page.getByRole('combobox', { name: 'Quick add' })
    check(await field.evaluate((el) => el === document.activeElement), 'q focuses the field named "Quick add"')
    await page.keyboard.type('Write report tomorrow 2h p1 #work')
    await page.locator('mark[data-field="category"]').waitFor()
    const marks = await page.locator('mark').allTextContents()
    check(marks.join('|') === 'tomorrow|2h|p1|#work', `the reading highlights ${marks.join(', ')}`)
    await shoot(page, 'quick-add')
    await page.keyboard.press('Enter')
    await page.getByTestId('quick-add-outcome').getByText('Added “Write report”').waitFor()
    check((await field.inputValue()) === '', 'Enter creates the task and empties the field')

    // The block appears in /week (the plan follows the new task; re-plan if it is not there yet).
    await page.getByRole('link', { name: 'Week', exact: true }).click()
    const block = page.locator('[data-testid="week-block"]', { hasText: 'Write report' }).first()
    try {
      await block.waitFor({ timeout: 5_000 })
    } catch {
      await page.getByRole('button', { name: 'Re-plan' }).click()
      await block.waitFor()
    }
    check(await block.isVisible(), 'the block is in /week with its title')
    await shoot(page, 'week')

    // Complete it from /today.
    assets.clear()
    await page.goto(`${base}/today`) // a fresh load of the app's main screen, signed in through the cookie
    const today = gzippedKb(assets)
    check(today <= FIRST_SCREEN_BUDGET_KB, `/today loaded fresh: ${today.toFixed(1)} KB of JS and CSS gzipped`)
    const complete = page.getByRole('button', { name: 'Complete Write report' }).first()
    await complete.waitFor()
    await shoot(page, 'today')
    await complete.click()
    await page.getByText('Nothing planned today').waitFor()
    check(true, 'completed from /today')

    await page.getByRole('link', { name: 'Tasks', exact: true }).click()
    await page.getByRole('heading', { level: 1 }).waitFor()
    await shoot(page, 'tasks')
    check(consoleErrors.length === 0, `no console errors${consoleErrors.length ? ': ' + consoleErrors.join('; ') : ''}`)
  } catch (error) {
    await page?.screenshot({ path: join(shots, 'failure.png'), fullPage: true }).catch(() => undefined)
    throw error
  } finally {
    await browser.close()
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
    rmSync(dataDir, { recursive: true, force: true })
  }
  console.log(`e2e: passed; screenshots in ${shots}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
