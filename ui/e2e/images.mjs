/**
 * Browser end-to-end for /images, against a real `planloom serve` on a fresh data directory (RapidOCR
 * reads the image in the server's background consumers): a list is drawn on a canvas in the browser
 * and uploaded as a PNG; the page polls until it is read; the review screen shows the image with a box
 * per line, ticks the drafts, edits one's title and another's duration and priority (opened by keyboard),
 * creates the tasks with those edits in one request and deletes the image; a second list with an item
 * crossed out by hand comes back with that draft unticked, saying why. A file that is not an image is
 * refused in the browser before any upload. Screenshots go to ui/e2e-screenshots/images-*.
 *
 *   node e2e/images.mjs      (npm run e2e:images; needs ui/dist built and ../.venv installed)
 */
import { apiSession, check, shoot, withServerAndBrowser } from './support.mjs'

const ITEMS = ['- Buy milk', '- Call the plumber', '- Fix the garden gate']

/**
 * A white 900x500 PNG with the list in black, drawn by the browser itself; the items at `struck` crossed
 * out with a blue pen through their small letters, past both ends of the words.
 */
async function listPng(page, items = ITEMS, struck = []) {
  const dataUrl = await page.evaluate(
    ([items, struck]) => {
      const canvas = document.createElement('canvas')
      canvas.width = 900
      canvas.height = 500
      const ctx = canvas.getContext('2d')
      ctx.fillStyle = '#fff'
      ctx.fillRect(0, 0, canvas.width, canvas.height)
      ctx.fillStyle = '#111'
      ctx.font = '48px sans-serif'
      items.forEach((text, i) => ctx.fillText(text, 60, 120 + i * 120))
      ctx.strokeStyle = '#1a3a9a'
      ctx.lineWidth = 4
      for (const i of struck) {
        const start = 60 + ctx.measureText('- ').width - 6
        ctx.beginPath()
        ctx.moveTo(start, 120 + i * 120 - 10)
        ctx.lineTo(60 + ctx.measureText(items[i]).width + 10, 120 + i * 120 - 16)
        ctx.stroke()
      }
      return canvas.toDataURL('image/png')
    },
    [items, struck],
  )
  return Buffer.from(dataUrl.split(',')[1], 'base64')
}

await withServerAndBrowser('images', async ({ base, newPage }) => {
  const page = await newPage()
  const email = `images-${Date.now()}@example.com`
  const password = 'a long enough password'
  await page.goto(`${base}/sign-up`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Create account' }).click()
  await page.waitForURL(/\/tasks$/)
  const api = await apiSession(base, email, password)

  await page.getByRole('link', { name: 'Images' }).first().click()
  await page.waitForURL(/\/images$/)
  await page.getByText('No images yet').waitFor()

  // Not an image: refused in the browser, nothing sent.
  const posts = []
  page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/api/v1/images') && posts.push(r))
  await page.getByTestId('file-input').setInputFiles({
    name: 'anim.png',
    mimeType: 'image/png',
    buffer: Buffer.from('GIF89a not a png'),
  })
  await page.getByTestId('file-error').waitFor()
  check(
    (await page.getByTestId('file-error').innerText()).includes('not a PNG, JPEG, WebP, HEIC or AVIF image'),
    'a GIF named .png is refused before upload',
  )

  // A real PNG: uploaded, listed, read in the background.
  const png = await listPng(page)
  await page.getByTestId('file-input').setInputFiles({ name: 'list.png', mimeType: 'image/png', buffer: png })
  await page.getByTestId('chosen-file').waitFor()
  await page.getByLabel('Caption').fill('Weekend jobs')
  await page.getByRole('button', { name: 'Upload' }).click()
  const item = page.getByTestId('image-list').locator('li').filter({ hasText: 'Weekend jobs' })
  await item.waitFor()
  check(posts.length === 1, 'one upload was sent')
  await item.locator('[data-status="done"]').waitFor({ timeout: 180_000 })
  check((await item.innerText()).includes('3 drafts'), `the list shows the image read: ${await item.innerText()}`)

  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' }) // no colour transition caught mid-way
  await shoot(page, 'images-list-dark')
  await page.emulateMedia({ colorScheme: 'light' })

  // The review screen: the image, a box per line in its pixel space, the drafts linked to the boxes.
  await item.getByRole('link').click()
  await page.waitForURL(/\/images\/[0-9a-f-]{36}$/)
  await page.getByTestId('draft-list').waitFor()
  await page.waitForFunction(() => document.querySelector('figure img')?.naturalWidth > 0)
  const viewBox = await page.getByTestId('image-boxes').getAttribute('viewBox')
  check(viewBox === '0 0 900 500', `the boxes are in the image's pixels (${viewBox})`)
  const boxes = page.getByTestId('image-boxes').locator('polygon')
  check((await boxes.count()) === 3, `a box per line (${await boxes.count()})`)
  const drafts = page.getByTestId('draft')
  check((await drafts.count()) === 3, 'three drafts')
  const imageId = page.url().split('/').pop()
  const read = await (await api('GET', `/images/${imageId}`)).json()
  check(
    JSON.stringify(read.line_indexes) === '[[0],[1],[2]]',
    `each draft names its line (${JSON.stringify(read.line_indexes)})`,
  )
  const lit = () =>
    page
      .getByTestId('image-boxes')
      .evaluate((svg) =>
        [...svg.querySelectorAll('polygon')].flatMap((p, i) => (p.dataset.active ? [i] : [])).join(','),
      )
  await drafts.nth(1).click()
  check((await lit()) === '1', `choosing a draft lights its line's box and only it (${await lit()})`)
  await boxes.nth(2).hover()
  check((await drafts.nth(2).getAttribute('data-lit')) === 'true', 'pointing at a box lights its draft')
  check((await lit()) === '2', `and that draft's box only (${await lit()})`)
  await page.mouse.move(0, 0)
  const figure = await page.locator('figure img').boundingBox()
  const svg = await page.getByTestId('image-boxes').boundingBox()
  check(
    Math.abs(figure.width - svg.width) < 1 && Math.abs(figure.height - svg.height) < 1,
    `the overlay covers the displayed image (${Math.round(svg.width)}x${Math.round(svg.height)})`,
  )
  await shoot(page, 'images-review')

  await drafts.nth(2).locator('input[type="checkbox"]').uncheck()
  await drafts.nth(0).getByRole('textbox', { name: 'Title of draft 1' }).fill('Buy oat milk')
  // The plumber's details, opened from the keyboard: a duration and a priority of the person's own.
  const plumber = drafts.nth(1)
  const details = plumber.getByRole('button', { name: 'Details of draft 2' })
  await details.focus()
  await page.keyboard.press('Enter')
  check((await details.getAttribute('aria-expanded')) === 'true', 'Enter opens the draft details')
  await plumber.getByLabel('Duration (min)').fill('45')
  await plumber.getByLabel('Priority').selectOption({ label: 'P1 · Urgent' })
  check(
    (await plumber.locator('[id$="-meta"]').innerText()).includes('45 min · P1'),
    `the draft's summary follows the edits: ${await plumber.locator('[id$="-meta"]').innerText()}`,
  )
  await shoot(page, 'images-review-details')
  const sent = []
  const record = (request) => {
    if (request.method() === 'PATCH' || (request.method() === 'POST' && request.url().endsWith('/tasks')))
      sent.push({ method: request.method(), body: request.postDataJSON() })
  }
  page.on('request', record)
  await page.getByRole('button', { name: 'Create 2 tasks' }).click()
  await page.getByTestId('created-tasks').waitFor()
  page.off('request', record)
  const tasks = await (await api('GET', '/tasks')).json()
  const titles = tasks.map((t) => t.title).sort()
  check(titles.length === 2 && titles.includes('Buy oat milk'), `two tasks made, one renamed: ${titles.join(', ')}`)
  const called = tasks.find((t) => t.title !== 'Buy oat milk')
  check(
    called?.duration_minutes === 45 && called?.priority === 1,
    `the other task has the edited duration and priority: ${JSON.stringify(called)}`,
  )
  const edits = sent[0]?.body.edits ?? []
  check(
    sent.length === 1 &&
      sent[0].method === 'POST' &&
      JSON.stringify(edits) ===
        JSON.stringify([
          { index: 0, title: 'Buy oat milk' },
          { index: 1, duration_minutes: 45, priority: 1 },
        ]),
    `the edits went with the accept, in one request, only the fields changed: ${JSON.stringify(sent)}`,
  )

  await page.getByRole('button', { name: 'Delete image' }).click()
  await page.getByRole('button', { name: 'Delete for good' }).click()
  await page.waitForURL(/\/images$/)
  await page.getByText('No images yet').waitFor()
  check((await (await api('GET', '/images')).json()).length === 0, 'the image is deleted')

  // A done item crossed out by hand: its draft starts unticked and says why.
  const done = await listPng(page, ['- Buy milk', '- Return the library books', '- Water the plants'], [1])
  await page.getByTestId('file-input').setInputFiles({ name: 'done.png', mimeType: 'image/png', buffer: done })
  await page.getByTestId('chosen-file').waitFor()
  await page.getByLabel('Caption').fill('Crossed out')
  await page.getByRole('button', { name: 'Upload' }).click()
  const second = page.getByTestId('image-list').locator('li').filter({ hasText: 'Crossed out' })
  await second.locator('[data-status="done"]').waitFor({ timeout: 180_000 })
  await second.getByRole('link').click()
  await page.getByTestId('draft-list').waitFor()
  await page.waitForFunction(() => document.querySelector('figure img')?.naturalWidth > 0)
  const struckId = page.url().split('/').pop()
  const struckRead = await (await api('GET', `/images/${struckId}`)).json()
  check(
    JSON.stringify(struckRead.lines.map((l) => l.struck)) === '[false,true,false]' &&
      JSON.stringify(struckRead.checked) === '[false,true,false]',
    `the struck line is struck and its draft checked: ${JSON.stringify(struckRead.lines)} ${struckRead.checked}`,
  )
  const ticks = await page
    .getByTestId('draft')
    .evaluateAll((rows) => rows.map((r) => r.querySelector('input[type="checkbox"]').checked))
  check(JSON.stringify(ticks) === '[true,false,true]', `the crossed-out draft starts unticked (${ticks})`)
  const why = await page.getByTestId('draft').nth(1).locator('[id$="-meta"]').innerText()
  check(why.includes('crossed out on the image'), `its row says why: ${why}`)
  check(
    (await page.getByRole('button', { name: 'Create 2 tasks' }).count()) === 1,
    'two tasks offered, the crossed-out one left out',
  )
  await shoot(page, 'images-review-crossed-out')
  await page.getByRole('button', { name: 'Delete image' }).click()
  await page.getByRole('button', { name: 'Delete for good' }).click()
  await page.waitForURL(/\/images$/)
  await page.getByText('No images yet').waitFor()
  check(page.consoleErrors.length === 0, `no console errors (${page.consoleErrors.join('; ')})`)
})
