/**
 * Generates `src/api/schema.d.ts` from the app's OpenAPI document, or checks that it is current.
 *
 *   node scripts/api-client.mjs          # regenerate (make ui-client)
 *   node scripts/api-client.mjs --check  # exit 1 when the committed file differs (make ui-test)
 *
 * The document comes from `planloom openapi`, which builds the Flask app without serving it, so no
 * server or database is needed. PLANLOOM_CLI overrides the command (default: ../.venv/bin/planloom).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import openapiTS, { astToString } from 'openapi-typescript'
import * as prettier from 'prettier'

const ui = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const target = join(ui, 'src/api/schema.d.ts')
const cli = process.env.PLANLOOM_CLI ?? resolve(ui, '../.venv/bin/planloom')
const HEADER = `/**
 * GENERATED from the Planloom OpenAPI document by \`make ui-client\` (ui/scripts/api-client.mjs).
 * Do not edit: change the API's schemas and regenerate. \`make ui-test\` fails when this is stale.
 */

`

async function generate() {
  const dir = mkdtempSync(join(tmpdir(), 'planloom-openapi-'))
  try {
    const specPath = join(dir, 'openapi.json')
    execFileSync(cli, ['openapi', '--output', specPath], { stdio: ['ignore', 'inherit', 'inherit'] })
    const spec = JSON.parse(readFileSync(specPath, 'utf8'))
    const ast = await openapiTS(spec, { alphabetize: false, exportType: false, defaultNonNullable: false })
    const options = { ...(await prettier.resolveConfig(target)), filepath: target }
    return prettier.format(HEADER + astToString(ast), options)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const fresh = await generate()
if (process.argv.includes('--check')) {
  let committed = ''
  try {
    committed = readFileSync(target, 'utf8')
  } catch {
    // missing: reported below
  }
  if (committed !== fresh) {
    console.error(
      "src/api/schema.d.ts is out of date with the API's OpenAPI document: run `make ui-client` and commit it.",
    )
    process.exit(1)
  }
  console.log('api client: src/api/schema.d.ts matches the OpenAPI document')
} else {
  writeFileSync(target, fresh)
  console.log(`api client: wrote ${target}`)
}
