// One viewer's page for the browser benches (swarm.mjs, links.mjs): a fresh context with camera and
// microphone granted (so Chromium offers its host addresses as ICE candidates), rebuffer
// instrumentation, and with P2P_DEBUG_DIR P2P Media Loader's own log, one file per viewer.
import { appendFileSync, mkdirSync } from 'node:fs'

// window.__bench: rebuffers are a 'waiting' after the first 'playing'; stalled time runs until the
// next 'playing'; firstPlayingMs is performance.now() at the first 'playing' (ms since navigation).
const instrument = () => {
  const b = { started: false, stalls: 0, stalledMs: 0, since: null, firstPlayingMs: null }
  window.__bench = b
  document.addEventListener('DOMContentLoaded', () => {
    const v = document.getElementById('video')
    v.addEventListener('playing', () => {
      if (b.since != null) b.stalledMs += performance.now() - b.since
      b.since = null
      if (!b.started) b.firstPlayingMs = performance.now()
      b.started = true
    })
    v.addEventListener('waiting', () => {
      if (b.started && b.since == null) {
        b.stalls++
        b.since = performance.now()
      }
    })
  })
}

// Opens viewer i's page in `browser`, instrumented, not yet navigated.
export async function openViewer (browser, i) {
  const context = await browser.newContext()
  await context.grantPermissions(['camera', 'microphone'])
  await context.addInitScript(instrument)
  const debugDir = process.env.P2P_DEBUG_DIR
  if (debugDir) await context.addInitScript(() => localStorage.setItem('debug', 'p2pml-core:*'))
  const page = await context.newPage()
  if (debugDir) {
    mkdirSync(debugDir, { recursive: true })
    // Wall-clock seconds, so the viewers' logs line up with each other.
    page.on('console', (m) => appendFileSync(`${debugDir}/v${i}.log`, `${(Date.now() / 1000).toFixed(3)} ${m.text()}\n`))
  }
  page.on('pageerror', (e) => process.stderr.write(`viewer ${i}: ${e.message}\n`))
  return page
}
