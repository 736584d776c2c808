// Opens N viewers of one player page in headless Chromium (one browser context each, so they are
// separate peers), then every 5 s prints one JSON line: [{state, http, p2p, peers, currentTime}, …].
// On "flush" from stdin every page reports its bytes; on "quit" (or stdin end) the browser closes.
// Usage: node viewers.mjs <page-url>[|<page-url>…] <viewers>   (viewer i opens url i, or the last one)
// METERED=0,2: those viewers see a cellular link with Save-Data on (navigator.connection).
// P2P_DEBUG_DIR=dir: P2P Media Loader's own log, one file per viewer (v0.log, …), for a failure's post-mortem.
// TAMPER=0: those viewers are hostile peers: every segment chunk they send over WebRTC has a byte flipped.
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
for (let i = 0; i < count; i++) {
  if (i > 0) await new Promise((resolve) => setTimeout(resolve, stagger))
  const context = await browser.newContext()
  await context.grantPermissions(['camera', 'microphone'])
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
  await page.goto(urls[Math.min(i, urls.length - 1)])
  pages.push(page)
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
    } else if (cmd === 'quit') {
      await quit()
    }
  }
})
process.stdin.on('end', quit)
