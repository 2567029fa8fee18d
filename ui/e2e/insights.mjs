/**
 * Browser end-to-end for /insights, against a real `planloom serve` on a fresh data directory: the demo
 * user (`planloom demo`: a month of history played through the real use cases) signs in, opens
 * Insights, sees the charts, and the numbers in the tables match the API's. Screenshots (light and dark)
 * go to ui/e2e-screenshots/insights-*.
 *
 *   node e2e/insights.mjs      (npm run e2e:insights; needs ui/dist built and ../.venv installed)
 */
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'

import { apiSession, check, shoot, ui, withServerAndBrowser } from './support.mjs'

const EMAIL = 'demo@planloom.local'
const PASSWORD = 'planloom-demo'

let seeded = null

/** Migrate and seed the demo before the server starts (its consumers would contend for SQLite meanwhile). */
function seedDemo(dataDir) {
  const planloom = (command) =>
    spawnSync(resolve(ui, '../.venv/bin/planloom'), [command], {
      env: { ...process.env, PLANLOOM_DATA_DIR: dataDir, PLANLOOM_LOG_LEVEL: 'WARNING' },
      encoding: 'utf8',
      timeout: 180_000,
    })
  check(planloom('migrate').status === 0, 'the data directory is migrated')
  const run = planloom('demo')
  check(run.status === 0, `planloom demo seeded a month (${run.stdout.trim() || run.stderr.trim()})`)
  seeded = JSON.parse(run.stdout)
}

async function rowsOf(page, testId) {
  return page
    .getByTestId(testId)
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent.trim())))
}

await withServerAndBrowser(
  'insights',
  async ({ base, newPage }) => {
    check(seeded.history_done > 20, `the demo finished ${seeded.history_done} tasks in its month`)
    const api = await apiSession(base, EMAIL, PASSWORD)

    for (const colorScheme of ['light', 'dark']) {
      const page = await newPage({ colorScheme })
      await page.goto(`${base}/sign-in`)
      await page.getByLabel('Email').fill(EMAIL)
      await page.getByLabel('Password').fill(PASSWORD)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.waitForURL(/\/tasks$/)
      await page.getByRole('link', { name: 'Insights' }).click()
      await page.waitForURL(/\/insights$/)
      await page.getByTestId('tiles').waitFor()

      const summary = await (await api('GET', '/analytics/summary')).json()
      const categories = await (await api('GET', '/analytics/categories')).json()
      const weekly = await (await api('GET', '/analytics/weekly')).json()
      const tiles = await page.getByTestId('tiles').innerText()
      check(tiles.includes(String(summary.done)), `the Done tile shows the API's ${summary.done}`)
      check(
        (await page.locator('canvas').count()) === 4 && (await page.locator('canvas').first().isVisible()),
        'four charts are drawn',
      )
      const table = await rowsOf(page, 'categories-table')
      const expected = categories.categories.map((c) => [c.name, String(c.done), String(c.minutes)])
      check(
        JSON.stringify(table) === JSON.stringify(expected),
        `the category table matches the API: ${JSON.stringify(table)}`,
      )
      const weeks = await rowsOf(page, 'weekly-table')
      check(
        weeks.length === weekly.weeks.length &&
          weeks.every((row, i) => row[2] === `${weekly.weeks[i].done_minutes} min`),
        'the weekly table matches the API',
      )
      const quick = summary.quick_add
      const fixed = Object.fromEntries((await rowsOf(page, 'quick-add-table')).map((row) => [row[0], Number(row[1])]))
      check(
        quick.corrected > 0 &&
          (await page.getByTestId('quick-add-rate').innerText()).includes(`${quick.corrected} of ${quick.made}`) &&
          fixed['Due date'] === quick.fields.due &&
          fixed['Duration'] === quick.fields.duration_minutes &&
          fixed['Priority'] === quick.fields.priority,
        `the quick-add card matches the API: ${quick.corrected} of ${quick.made} corrected, ${JSON.stringify(fixed)}`,
      )
      await shoot(page, `insights-${colorScheme}`)
      check(page.consoleErrors.length === 0, `no console errors (${page.consoleErrors.join('; ')})`)
    }
  },
  { prepare: seedDemo },
)
