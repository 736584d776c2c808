// One measured run: N headless Chromium viewers (one browser context each, so each is its own peer)
// of one /play page, started STAGGER seconds apart. Counting starts when the last viewer plays and
// lasts WATCH seconds; then one JSON line goes to stdout with, per viewer and in total: bytes by
// source, P2P share, rebuffer events and stalled seconds, and the distance behind live.
// Usage: node swarm.mjs <page-url> <viewers> <stagger-s> <watch-s> <segment-s> <label>
import { chromium } from 'playwright-core'
import { openViewer } from './viewer-page.mjs'

const [url, viewersArg, staggerArg, watchArg, segmentArg, label] = process.argv.slice(2)
const viewers = Number(viewersArg)
const stagger = Number(staggerArg) * 1000
const watch = Number(watchArg) * 1000
const segment = Number(segmentArg)
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  // Loopback ICE needs --allow-loopback-in-peer-connection and camera/microphone permission.
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required']
})

const pages = []
try {
  for (let i = 0; i < viewers; i++) {
    if (i > 0) await sleep(stagger)
    const page = await openViewer(browser, i)
    await page.goto(url)
    pages.push(page)
  }
  const read = () => Promise.all(pages.map((p) => p.evaluate(() => {
    const s = window.streamhub
    const b = window.__bench
    const stalledMs = b.stalledMs + (b.since != null ? performance.now() - b.since : 0)
    return { state: s.state, http: s.http, p2p: s.p2p, peers: s.peers, latency: s.latency, liveSync: s.liveSync, breaks: s.lockstepBreaks || 0, stalls: b.stalls, stalledMs, started: b.started }
  })))
  const deadline = Date.now() + 90000
  while (!(await read()).every((v) => v.started)) {
    if (Date.now() > deadline) throw new Error(`not every viewer started playing: ${JSON.stringify(await read())}`)
    await sleep(500)
  }
  const start = await read()
  const latencies = pages.map(() => [])
  const end = Date.now() + watch
  while (Date.now() < end) {
    await sleep(Math.min(2000, Math.max(0, end - Date.now())))
    ;(await read()).forEach((v, i) => { if (v.latency != null) latencies[i].push(v.latency) })
  }
  const last = await read()
  const per = last.map((v, i) => {
    const http = v.http - start[i].http
    const p2p = v.p2p - start[i].p2p
    const lat = latencies[i]
    return {
      http, p2p, share: http + p2p ? p2p / (http + p2p) : 0, peers: v.peers, liveSync: v.liveSync, breaks: v.breaks,
      stalls: v.stalls - start[i].stalls, stalledSeconds: (v.stalledMs - start[i].stalledMs) / 1000,
      behindLiveSeconds: lat.length ? lat.reduce((a, b) => a + b, 0) / lat.length : null
    }
  })
  const sum = (k) => per.reduce((a, v) => a + v[k], 0)
  const http = sum('http')
  const p2p = sum('p2p')
  const behind = per.filter((v) => v.behindLiveSeconds != null).map((v) => v.behindLiveSeconds)
  process.stdout.write(JSON.stringify({
    label, segmentSeconds: segment, viewers, watchSeconds: watch / 1000,
    total: {
      http, p2p, share: http + p2p ? p2p / (http + p2p) : 0, ceiling: (viewers - 1) / viewers,
      stalls: sum('stalls'), stalledSeconds: sum('stalledSeconds'),
      behindLiveSeconds: behind.length ? behind.reduce((a, b) => a + b, 0) / behind.length : null
    },
    perViewer: per
  }) + '\n')
} finally {
  await browser.close()
}
