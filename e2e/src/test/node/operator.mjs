// The operator page in headless Chromium, as an operator uses it: the page first asks for the
// admin token, then shows the config, the apps and the live rooms; the advisor and the estimator
// answer their forms. Prints one JSON line of what the page showed and saves a screenshot.
// Usage: node operator.mjs <page-url> <admin-token> <room app/room> <screenshot.png>
import { chromium } from 'playwright-core'

const [url, token, room, screenshot] = process.argv.slice(2)
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync']
})
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(url)
  await page.waitForFunction(() => document.getElementById('message').textContent.includes('admin token'), null, { timeout: 15000 })
  const askedForToken = await page.textContent('#message')
  await page.fill('#token', token)
  await page.click('#login button')
  // The room's row, once its origin has claimed it.
  await page.waitForFunction((r) => {
    const row = document.querySelector(`#rooms tr[data-room="${r}"]`)
    return row && row.cells[4].textContent !== 'not claimed' && row.cells[2].textContent === 'live'
  }, room, { timeout: 60000 })
  await page.fill('#advice input[name=audience]', '100000')
  await page.click('#advice button')
  await page.waitForFunction(() => document.getElementById('advice-result').textContent.includes('mode:'), null, { timeout: 15000 })
  await page.fill('#estimate input[name=viewers]', 'many')
  await page.click('#estimate button')
  await page.waitForFunction(() => document.getElementById('estimate-result').textContent.length > 0, null, { timeout: 15000 })
  const badEstimate = await page.textContent('#estimate-result')
  await page.fill('#estimate input[name=viewers]', '100000')
  await page.click('#estimate button')
  await page.waitForFunction(() => document.getElementById('estimate-result').textContent.includes('GB in all'), null, { timeout: 15000 })
  const rows = (table) => page.$$eval(`#${table} tbody tr`, (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)))
  const shown = {
    askedForToken,
    revision: await page.textContent('#revision'),
    apps: await rows('apps'),
    rooms: await rows('rooms'),
    advice: await page.textContent('#advice-result'),
    badEstimate,
    estimate: await page.textContent('#estimate-result'),
    errors
  }
  await page.screenshot({ path: screenshot, fullPage: true })
  process.stdout.write(JSON.stringify(shown) + '\n')
} finally {
  await browser.close()
}
