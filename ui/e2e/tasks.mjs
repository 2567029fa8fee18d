/**
 * Browser end-to-end for /tasks and the notification bell, against a real `planloom serve` on a
 * fresh data directory (set up by support.mjs): create tasks, search and filter, edit inline (a refused
 * value shows its error next to the field), complete several at once, report how long a task took when
 * marking it done (the API then has it reported) and change it on its page, manage categories, see a
 * routine's rule in words, and watch a notification arrive in the bell over the live stream; every page link
 * within a 360 and a 390 px phone's screen; the plan feed in settings (on, rotated, off, its address fetched).
 * Screenshots at 390x844 and 1440x900 go to ui/e2e-screenshots/ (tasks-*, bell-*, actual-*), two in dark mode.
 *
 *   node e2e/tasks.mjs      (npm run e2e:tasks; needs ui/dist built and ../.venv installed)
 */
import { apiSession, check, morningZone, shoot, withServerAndBrowser, workEveryDay } from './support.mjs'

/** Chromium logs every 4xx answer; the ones this journey provokes on purpose are not errors of the app. */
const PROVOKED = /status of (409|422) /

async function addTask(page, { title, tags = '' }) {
  const form = page.getByRole('region', { name: 'Add a task' })
  await form.getByLabel('Title').fill(title)
  await form.getByLabel('Tags').fill(tags)
  await form.getByRole('button', { name: 'Add task' }).click()
  await page.getByTestId('task-item').filter({ hasText: title }).first().waitFor()
}

async function titles(page) {
  return page.locator('[data-testid="task-item"] p[id$="-title"]').allTextContents()
}

async function listShows(page, expected, message) {
  const want = [...expected].sort().join(' | ')
  for (let i = 0; i < 50; i++) {
    const got = (await titles(page)).map((t) => t.trim())
    if ([...got].sort().join(' | ') === want && !(await page.locator('ul[aria-busy="true"]').count())) break
    await page.waitForTimeout(100)
  }
  const got = (await titles(page)).map((t) => t.trim())
  check([...got].sort().join(' | ') === want, `${message}: ${got.join(', ') || 'none'}`)
}

await withServerAndBrowser('tasks', async ({ base, newPage }) => {
  const timezoneId = morningZone()
  const page = await newPage({ timezoneId })

  // Sign up, and work every hour of every day so that plans land now.
  const email = `tasks-${Date.now()}@example.com`
  const password = 'a long enough password'
  await page.goto(`${base}/sign-up`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Create account' }).click()
  await page.waitForURL(/\/tasks$/)
  await workEveryDay(base, email, password)
  const api = await apiSession(base, email, password)

  // The bell starts with nothing unread, and its stream is open.
  const bell = page.getByTestId('bell')
  await bell.waitFor()
  check((await bell.getAttribute('aria-label')) === 'Notifications, none unread', 'the bell shows no unread')

  // Create tasks with the form, and a routine with quick add.
  await addTask(page, { title: 'Quarterly report', tags: 'work' })
  await addTask(page, { title: 'Buy milk', tags: 'home' })
  await addTask(page, { title: 'Call plumber', tags: 'home' })
  await page.getByRole('heading', { level: 1 }).click()
  await page.keyboard.press('q')
  await page.keyboard.type('Water plants every monday')
  await page.locator('mark[data-field="recurrence"]').waitFor()
  await page.keyboard.press('Enter')
  await page.getByTestId('quick-add-outcome').getByText('Added “Water plants”').waitFor()
  const routine = page.getByRole('list', { name: 'Routines' }).getByRole('listitem').filter({ hasText: 'Water plants' })
  await routine.waitFor()
  const words = (await routine.textContent()).replace(/\s+/g, ' ').trim()
  check(words.includes('Every week on Monday'), `the routine is listed with its rule in words: "${words}"`)

  // Search, then filter by tag, then clear.
  const search = page.getByRole('searchbox', { name: 'Search' })
  await search.fill('report')
  await search.press('Enter')
  await listShows(page, ['Quarterly report'], 'search "report" finds')
  await search.fill('')
  await search.press('Enter')
  await page.getByLabel('Tag', { exact: true }).selectOption('home')
  await listShows(page, ['Buy milk', 'Call plumber'], 'tag #home shows')
  await shoot(page, 'tasks-filtered')
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await listShows(page, ['Quarterly report', 'Buy milk', 'Call plumber', 'Water plants'], 'no filter shows')

  // Inline edit: a duration the API refuses shows its message next to the field; then a good edit.
  await page.getByRole('button', { name: 'Edit “Call plumber”' }).click()
  const edit = page.getByRole('form', { name: 'Edit “Call plumber”' })
  await edit.getByLabel('Duration (min)').fill('20000')
  await edit.getByRole('button', { name: 'Save' }).click()
  const duration = edit.getByLabel('Duration (min)')
  await page.waitForFunction((el) => el.getAttribute('aria-invalid') === 'true', await duration.elementHandle())
  const errorId = (await duration.getAttribute('aria-describedby')).split(' ')[0]
  const message = await page.locator(`[id="${errorId}"]`).textContent()
  check(/10080/.test(message), `the refused duration shows "${message.trim()}" next to the field`)
  await shoot(page, 'tasks-edit-error')
  await edit.getByLabel('Title').fill('Call the plumber')
  await duration.fill('45')
  await edit.getByLabel('Priority').selectOption('1')
  await edit.getByRole('button', { name: 'Save' }).click()
  await edit.waitFor({ state: 'detached' })
  await listShows(page, ['Quarterly report', 'Buy milk', 'Call the plumber', 'Water plants'], 'the edit is saved')
  const saved = await (await api('GET', '/tasks?q=plumber')).json()
  check(saved[0].duration_minutes === 45 && saved[0].priority === 1, 'the server has the new duration and priority')

  // Bulk complete two tasks.
  await page.getByRole('checkbox', { name: 'Select “Buy milk”' }).check()
  await page.getByRole('checkbox', { name: 'Select “Quarterly report”' }).check()
  await page.getByRole('button', { name: 'Complete selected (2)' }).click()
  await listShows(page, ['Call the plumber', 'Water plants'], 'after completing two, to do shows')
  await page
    .locator('label')
    .filter({ hasText: /^\s*Done\s*$/ })
    .click()
  await listShows(page, ['Buy milk', 'Quarterly report'], 'the Done tab shows')
  await page
    .locator('label')
    .filter({ hasText: /^\s*To do\s*$/ })
    .click()

  // The task page, from the list: its details and actions; back to the list.
  await page.getByRole('link', { name: 'Call the plumber' }).click()
  await page.waitForURL(/\/tasks\/[0-9a-f-]+$/)
  await page.getByRole('heading', { level: 1, name: 'Call the plumber' }).waitFor()
  const details = (await page.getByTestId('task-details').textContent()).replace(/\s+/g, ' ')
  check(/45 min/.test(details) && /#home/.test(details), `the task page shows its details: "${details.trim()}"`)
  await page.getByRole('heading', { name: 'In the plan' }).waitFor()
  await shoot(page, 'task-page')
  await page.getByRole('link', { name: 'All tasks' }).click()
  await page.waitForURL(/\/tasks$/)
  await page.getByTestId('task-item').first().waitFor()

  // How long did it take: completing a task in the list asks, prefilled with its plan; "1h30" is reported.
  const plumber = saved[0].id
  await page.getByRole('button', { name: 'Mark “Call the plumber” complete' }).click()
  const prompt = page.getByRole('dialog', { name: 'Done: “Call the plumber”' })
  await prompt.waitFor()
  const taken = prompt.getByLabel('How long did it take?')
  check(
    (await taken.inputValue()) === '45',
    `the prompt is prefilled with the planned 45 (${await taken.inputValue()})`,
  )
  check(await taken.evaluate((el) => el === document.activeElement), 'the prompt takes the focus for the keyboard')
  await page.keyboard.type('1h30') // the prefilled value is selected: typing replaces it
  await prompt.getByText('1 h 30 min.').waitFor()
  await page.setViewportSize({ width: 360, height: 740 })
  const box = await prompt.boundingBox()
  check(box.x >= 0 && box.x + box.width <= 360, `at 360 px the prompt fits the screen (${box.x}..${box.x + box.width})`)
  await shoot(page, 'actual-prompt')
  await page.keyboard.press('Enter')
  await prompt.waitFor({ state: 'detached' })
  let reported = await (await api('GET', `/tasks/${plumber}`)).json()
  check(
    reported.status === 'done' && reported.actual_reported === true && reported.actual_minutes === 90,
    `the API has the reported time: ${reported.status}, actual_reported ${reported.actual_reported}, ${reported.actual_minutes} min`,
  )

  // Its page shows it against the plan and changes it later; a value out of range is refused in place.
  await page.goto(`${base}/tasks/${plumber}`)
  const actual = page.getByTestId('task-actual')
  await actual.getByText('1 h 30 min').waitFor()
  const against = (await actual.textContent()).replace(/\s+/g, ' ')
  check(/planned 45 min \(45 min over the plan\)/.test(against), `the task page shows "${against.trim()}"`)
  await actual.getByRole('button', { name: 'Change the time “Call the plumber” took' }).click()
  const change = actual.getByLabel('Time taken', { exact: true })
  await change.fill('200h')
  await change.press('Enter')
  await actual.getByText('Enter from 1 minute to 168 hours.').waitFor()
  await change.fill('80')
  await change.press('Enter')
  await actual.getByText('1 h 20 min').waitFor()
  reported = await (await api('GET', `/tasks/${plumber}`)).json()
  check(reported.actual_minutes === 80 && reported.actual_reported, `changed later: ${reported.actual_minutes} min`)
  await page.getByRole('link', { name: 'All tasks' }).click()
  await page.waitForURL(/\/tasks$/)
  await page.getByTestId('task-item').first().waitFor()

  // Categories: create one, and a second of the same name shows the conflict next to the field.
  const categories = page.getByRole('region', { name: 'Categories', exact: true })
  await categories.getByLabel('New category name').fill('Work')
  await categories.getByRole('button', { name: 'Add category' }).click()
  await categories.getByRole('button', { name: 'Rename category “Work”' }).waitFor()
  await categories.getByLabel('New category name').fill('Work')
  await categories.getByRole('button', { name: 'Add category' }).click()
  const conflict = categories.getByRole('alert')
  await conflict.waitFor()
  check(
    /already|exists|taken|in use/i.test(await conflict.textContent()),
    `a duplicate category: "${(await conflict.textContent()).trim()}"`,
  )

  // A notification arrives in the bell live: a task that cannot make its deadline puts it at risk.
  const soon = new Date(Date.now() + 60 * 60_000).toISOString()
  const late = await api('POST', '/tasks', { title: 'Tax return', due: soon, duration_minutes: 300 })
  check(late.ok, `a task due in an hour that needs five (${late.status})`)
  await page.waitForFunction(() => document.querySelector('[data-testid="bell-count"]'), null, { timeout: 30_000 })
  const label = await bell.getAttribute('aria-label')
  check(/^Notifications, [1-9]\d* unread$/.test(label), `the bell counts it without a reload: "${label}"`)
  await bell.click()
  const item = page.getByTestId('notification').filter({ hasText: 'Tax return' }).first()
  await item.waitFor()
  check(true, `the panel lists "${(await item.locator('p').first().textContent()).trim()}"`)
  await shoot(page, 'bell')
  await page.getByRole('button', { name: 'Mark all read' }).click()
  await page.waitForFunction(() => !document.querySelector('[data-testid="bell-count"]'))
  check((await bell.getAttribute('aria-label')) === 'Notifications, none unread', 'mark all read empties the count')
  await page.keyboard.press('Escape')
  check(await bell.evaluate((el) => el === document.activeElement), 'Escape closes the panel and focus returns')
  await shoot(page, 'tasks')

  // The narrowest phones: nothing wider than the screen, and every page link in view, with large text too.
  for (const [width, text] of [
    [360, '100%'],
    [390, '100%'],
    [360, '125%'],
  ]) {
    await page.setViewportSize({ width, height: 740 })
    await page.evaluate((size) => (document.documentElement.style.fontSize = size), text)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth)
    check(overflow <= width, `at ${width} px, text ${text}, the page is ${overflow} px wide (no sideways scrolling)`)
    const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link')
    const boxes = await Promise.all((await links.all()).map((link) => link.boundingBox()))
    const out = boxes.filter((box) => !box || box.x < 0 || box.x + box.width > width)
    const shown = `${boxes.length - out.length} of ${boxes.length}`
    check(boxes.length >= 5 && !out.length, `at ${width} px, text ${text}, ${shown} page links are within the screen`)
  }
  await page.evaluate(() => (document.documentElement.style.fontSize = ''))
  await page.setViewportSize({ width: 1440, height: 900 })

  // The plan feed in settings: on, its address works; a new address retires the old one; off retires it too.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
  const feed = page.getByRole('region', { name: 'Plan feed' })
  await feed.getByRole('button', { name: 'Turn the feed on' }).click()
  const first = await feed.getByLabel('Feed address').inputValue()
  const status = async (url) => (await fetch(url)).status
  const served = await fetch(first)
  const ics = await served.text()
  check(
    served.ok && ics.startsWith('BEGIN:VCALENDAR'),
    `the feed address shown once serves the plan (${served.status})`,
  )
  await feed.getByRole('button', { name: 'New address…' }).click()
  await feed.getByText('The current address stops working at once').waitFor()
  await feed.getByRole('button', { name: 'Get a new address' }).click()
  await page.waitForFunction((old) => document.querySelector('#plan-feed-url')?.value !== old, first)
  const second = await feed.getByLabel('Feed address').inputValue()
  check(
    (await status(first)) === 404 && (await status(second)) === 200,
    'after a confirmed rotation the old address is 404 and the new one serves',
  )
  await shoot(page, 'settings-feed')
  await feed.getByRole('button', { name: 'Turn off…' }).click()
  await feed.getByRole('button', { name: 'Turn the feed off' }).click()
  await feed.getByText('You have no plan feed.').waitFor()
  check((await status(second)) === 404, 'turned off, the address is 404')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click()
  await page.waitForURL(/\/tasks$/)

  // Sign out closes the stream.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.waitForURL(/\/sign-in/)

  // Dark mode, phone and desktop.
  const dark = await newPage({ timezoneId, colorScheme: 'dark' })
  await dark.goto(`${base}/sign-in`)
  await dark.getByLabel('Email').fill(email)
  await dark.getByLabel('Password').fill(password)
  await dark.getByRole('button', { name: 'Sign in' }).click()
  await dark.waitForURL(/\/tasks$/)
  await dark.getByRole('list', { name: 'Routines' }).getByText('Water plants').waitFor()
  await shoot(dark, 'tasks-dark')

  // Dark: the prompt after completing a task; Escape skips it and nothing is reported.
  const tax = (await (await api('GET', '/tasks?q=tax')).json())[0]
  await dark.getByRole('button', { name: 'Mark “Tax return” complete' }).click()
  const darkPrompt = dark.getByRole('dialog', { name: 'Done: “Tax return”' })
  await darkPrompt.waitFor()
  await shoot(dark, 'actual-prompt-dark')
  await darkPrompt.getByLabel('How long did it take?').press('Escape')
  await darkPrompt.waitFor({ state: 'detached' })
  const skipped = await (await api('GET', `/tasks/${tax.id}`)).json()
  check(
    skipped.status === 'done' && skipped.actual_reported === false,
    `skipped: the task is done, its time not reported (${skipped.actual_reported})`,
  )

  const errors = [...page.consoleErrors, ...dark.consoleErrors].filter((e) => !PROVOKED.test(e))
  const answers = `first page: ${page.errorResponses.join(', ')}; dark page: ${dark.errorResponses.join(', ')}`
  check(errors.length === 0, `no console errors${errors.length ? `: ${errors.join('; ')} (answers: ${answers})` : ''}`)
})
