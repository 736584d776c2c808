// Opens N viewers of one player page in headless Chromium (one browser context each, so they are
// separate peers), then every 5 s prints one JSON line: [{state, http, p2p, peers, currentTime}, …].
// On "flush" from stdin every page reports its bytes; on "quit" (or stdin end) the browser closes.
// Usage: node viewers.mjs <page-url>[|<page-url>…] <viewers>   (viewer i opens url i, or the last one)
// METERED=0,2: those viewers see a cellular link with Save-Data on (navigator.connection).
// P2P_DEBUG_DIR=dir: P2P Media Loader's own log, one file per viewer (v0.log, …), for a failure's post-mortem.
// TAMPER=0: those viewers are hostile peers: every segment chunk they send over WebRTC has a byte flipped.
// TRACKER_RECONNECT_SCALE=10: the tracker client's reconnect wait runs that many times faster (below).
// "open <page-url>" on stdin opens one more viewer (the next index) while the others play.
import { appendFileSync, mkdirSync } from 'node:fs'
import { chromium } from 'playwright-core'

const [urlArg, countArg] = process.argv.slice(2)
const urls = urlArg.split('|')
const count = Number(countArg || 2)
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  // Flags the issue prescribes for this machine; loopback ICE needs camera/mic permission below.
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required']
})
const indexes = (name) => new Set((process.env[name] || '').split(',').filter(Boolean).map(Number))
const metered = indexes('METERED')
const tamper = indexes('TAMPER')
// Viewers arrive STAGGER_MS apart (default 1 s, half a 2-s segment), as real ones do.
const stagger = Number(process.env.STAGGER_MS || 1000)
const pages = []
// P2P Media Loader reconnects to a lost tracker by bittorrent-tracker's rule: after 10 s x 2^retries
// (at most 1 h) plus a uniform 0-5 min, so that a restarted tracker is not met by all its viewers at
// once. A test that waits for a viewer to come back would wait up to 5 min 10 s; with a scale of
// 10 the same rule (same shape, same randomness) waits 1 s x 2^retries + 0-30 s. Only the timer set
// by that method is scaled; every other timer of the page runs as it is.
const reconnectScale = Number(process.env.TRACKER_RECONNECT_SCALE || 1)

async function openViewer (i, url) {
  const context = await browser.newContext()
  await context.grantPermissions(['camera', 'microphone'])
  if (reconnectScale !== 1) {
    await context.addInitScript((scale) => {
      const setTimeoutAsIs = window.setTimeout
      window.setTimeout = function (fn, ms, ...rest) {
        if (typeof ms === 'number' && ms >= 10000 && /_startReconnectTimer/.test(new Error().stack)) ms = ms / scale
        return setTimeoutAsIs.call(this, fn, ms, ...rest)
      }
    }, reconnectScale)
  }
  if (metered.has(i)) {
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'connection',
      { get: () => ({ saveData: true, type: 'cellular', effectiveType: '4g', addEventListener () {} }) }))
  }
  if (tamper.has(i)) {
    // P2P Media Loader sends segment data as raw chunks and its commands as small framed messages:
    // corrupt only the large ones, so the protocol still works and only the video is poisoned.
    await context.addInitScript(() => {
      // An attacker wants to be the one others fetch from: it draws no latency jitter (player.js uses
      // Math.random for it), so it plays ahead of the honest viewer and gets asked for every segment.
      Math.random = () => 0.001
      const send = RTCDataChannel.prototype.send
      RTCDataChannel.prototype.send = function (data) {
        if (typeof data !== 'string' && data.byteLength > 4096) {
          const view = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data)
          const copy = new Uint8Array(view)
          copy[copy.length >> 1] ^= 0xff
          return send.call(this, copy)
        }
        return send.call(this, data)
      }
    })
  }
  const debugDir = process.env.P2P_DEBUG_DIR
  if (debugDir) {
    mkdirSync(debugDir, { recursive: true })
    await context.addInitScript(() => localStorage.setItem('debug', 'p2pml-core:*'))
  }
  const page = await context.newPage()
  if (debugDir) page.on('console', (m) => appendFileSync(`${debugDir}/v${i}.log`, `${(Date.now() / 1000).toFixed(3)} ${m.text()}\n`))
  page.on('pageerror', (e) => process.stderr.write(`viewer ${i}: ${e.message}\n`))
  await page.goto(url)
  pages.push(page)
}

for (let i = 0; i < count; i++) {
  if (i > 0) await new Promise((resolve) => setTimeout(resolve, stagger))
  await openViewer(i, urls[Math.min(i, urls.length - 1)])
}

const sample = () => Promise.all(pages.map((p) => p.evaluate(() => {
  const s = window.streamhub
  return { state: s.state, http: s.http, p2p: s.p2p, uploaded: s.uploaded, seeded: s.seeded, uploadDisabled: s.uploadDisabled, rejected: s.rejected, peers: s.peers, shard: s.shard, p2pEnabled: s.p2pEnabled, error: s.error, path: s.path, webrtcError: s.webrtcError, currentTime: document.getElementById('video').currentTime }
})))

const timer = setInterval(async () => {
  try {
    process.stdout.write(JSON.stringify(await sample()) + '\n')
  } catch (e) {
    process.stderr.write(`sample failed: ${e.message}\n`)
  }
}, 5000)

async function quit () {
  clearInterval(timer)
  await browser.close()
  process.exit(0)
}

process.stdin.setEncoding('utf8')
process.stdin.on('data', async (chunk) => {
  for (const cmd of chunk.split('\n').map((s) => s.trim()).filter(Boolean)) {
    if (cmd === 'flush') {
      await Promise.all(pages.map((p) => p.evaluate(() => window.streamhubFlush())))
      process.stdout.write(JSON.stringify({ flushed: await sample() }) + '\n')
    } else if (cmd.startsWith('open ')) {
      await openViewer(pages.length, cmd.slice('open '.length))
    } else if (cmd === 'quit') {
      await quit()
    }
  }
})
process.stdin.on('end', quit)
