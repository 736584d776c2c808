// One measured run of bench/p2p-links.sh: N viewers of one /play page, each its own headless
// Chromium started inside its own network namespace (through a wrapper that runs
// `ip netns exec vN chromium`), so every viewer has its own shaped link into the bridge and peers
// connect over it. All browsers are launched first; navigations are STAGGER seconds apart. Counting
// starts when the last viewer plays and lasts WATCH seconds. At both ends of that window it reads the
// bridge-side veth counters (bytes each viewer sent and received on the wire), the tbf qdiscs'
// counters, the router's streamhub_router_hls_bytes* series (if it has them) and every numeric field
// of each page's window.streamhub, so fields the player adds show up without a change here.
// One raw JSON object goes to stdout; links-wire.mjs adds the origin bytes from the capture.
//
// Usage: node links.mjs <page-url> <viewers> <stagger-s> <watch-s> <segment-s> <label>
// Environment (set by p2p-links.sh; one word per viewer, in order):
//   LINKS_WRAPPERS  executables that start Chromium in viewer i's namespace
//   LINKS_NETNS     viewer i's namespace;  LINKS_PORTS  the bridge's end of viewer i's veth
//   LINKS_ADDRS     viewer i's address;    LINKS_RATES  viewer i's "down/up" in kbit/s, or "-/-"
//   LINKS_PROFILE, LINKS_BITRATE (kbit/s), LINKS_ROUND, METRICS_URL, P2P_DEBUG_DIR
import { chromium } from 'playwright-core'
import { readFileSync } from 'node:fs'
import { openViewer } from './viewer-page.mjs'
import { execFileSync } from 'node:child_process'

const [url, viewersArg, staggerArg, watchArg, segmentArg, label] = process.argv.slice(2)
const viewers = Number(viewersArg)
const stagger = Number(staggerArg) * 1000
const watch = Number(watchArg) * 1000
const segment = Number(segmentArg)
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const words = (name) => (process.env[name] || '').split(/\s+/).filter(Boolean)
const wrappers = words('LINKS_WRAPPERS')
const netns = words('LINKS_NETNS')
const ports = words('LINKS_PORTS')
const addrs = words('LINKS_ADDRS')
const rates = words('LINKS_RATES')
for (const [name, list] of [['LINKS_WRAPPERS', wrappers], ['LINKS_NETNS', netns], ['LINKS_PORTS', ports], ['LINKS_ADDRS', addrs], ['LINKS_RATES', rates]]) {
  if (list.length < viewers) throw new Error(`${name} names ${list.length} viewers, ${viewers} needed`)
}
const metricsUrl = process.env.METRICS_URL || 'http://127.0.0.1:9080/q/metrics'
const runStarted = Date.now()

// Same flags as swarm.mjs, but without --allow-loopback-in-peer-connection (peers meet on the
// bridge, not on loopback) and with real host candidates instead of mDNS names, which do not
// resolve across namespaces.
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-features=WebRtcHideLocalIpsWithMdns', '--autoplay-policy=no-user-gesture-required']

// Every numeric field of window.streamhub, nested objects flattened with dots (qoe.stalls, …).
const readPage = () => {
  const flat = {}
  const walk = (o, prefix, depth) => {
    for (const [k, v] of Object.entries(o || {})) {
      if (typeof v === 'number' && Number.isFinite(v)) flat[prefix + k] = v
      else if (v && typeof v === 'object' && !Array.isArray(v) && depth < 3) walk(v, `${prefix}${k}.`, depth + 1)
    }
  }
  walk(window.streamhub, '', 0)
  const s = window.streamhub || {}
  const b = window.__bench
  const stalledMs = b.stalledMs + (b.since != null ? performance.now() - b.since : 0)
  return { fields: flat, state: s.state, path: s.path, error: s.error, stalls: b.stalls, stalledMs, started: b.started, firstPlayingMs: b.firstPlayingMs }
}

// Bytes on each viewer's veth, read at the bridge's end: rx = what the viewer sent (its upload),
// tx = what it received (its download). Plus both tbf qdiscs' counters (drops, overlimits).
const json = (cmd, argv) => {
  try {
    return JSON.parse(execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }) || 'null')
  } catch {
    return null
  }
}
const qdisc = (list) => {
  const q = (list || []).find((x) => x.kind === 'tbf')
  return q ? { sent: q.bytes, drops: q.drops, overlimits: q.overlimits, backlog: q.backlog } : null
}
const readLinks = () => {
  const all = json('ip', ['-j', '-s', 'link', 'show']) || []
  return ports.slice(0, viewers).map((port, i) => {
    const l = all.find((x) => x.ifname === port)
    const s = l?.stats64 || l?.stats || {}
    return {
      upload: s.rx?.bytes ?? null,
      download: s.tx?.bytes ?? null,
      downQdisc: qdisc(json('tc', ['-j', '-s', 'qdisc', 'show', 'dev', port])),
      upQdisc: qdisc(json('tc', ['-n', netns[i], '-j', '-s', 'qdisc', 'show', 'dev', 'eth0']))
    }
  })
}

// The router's HLS byte counters, if it has them (streamhub_router_hls_bytes*): series -> value.
const readMetrics = async () => {
  try {
    const text = await (await fetch(metricsUrl, { signal: AbortSignal.timeout(5000) })).text()
    const series = {}
    for (const line of text.split('\n')) {
      if (!line.startsWith('streamhub_router_hls_bytes')) continue
      const m = line.match(/^(\S+(?:\{.*\})?)\s+(\S+)/)
      if (m && Number.isFinite(Number(m[2]))) series[m[1]] = Number(m[2])
    }
    return series
  } catch {
    return null
  }
}

// The machine's CPU use over the window (all cores, /proc/stat): 1 means saturated.
const readCpu = () => {
  try {
    const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/)
    const n = f.map(Number)
    return { idle: n[3] + (n[4] || 0), total: n.slice(0, 8).reduce((a, b) => a + b, 0) }
  } catch {
    return null
  }
}

// A run that hangs (a page that never answers) ends here rather than holding the bench.
const limit = viewers * stagger + watch + 300000
setTimeout(() => {
  process.stderr.write(`links.mjs: no result after ${limit / 1000} s, giving up\n`)
  process.exit(1)
}, limit).unref()

const browsers = []
const pages = []
try {
  // Launch every viewer's browser first, so the stagger is between navigations, not launches.
  for (let i = 0; i < viewers; i++) {
    browsers.push(await chromium.launch({ executablePath: wrappers[i], args }))
  }
  const navigated = []
  for (let i = 0; i < viewers; i++) {
    if (i > 0) await sleep(stagger)
    const page = await openViewer(browsers[i], i)
    navigated.push(Date.now())
    await page.goto(url)
    pages.push(page)
  }
  const read = () => Promise.all(pages.map((p) => p.evaluate(readPage)))
  const deadline = Date.now() + 120000
  while (!(await read()).every((v) => v.started)) {
    if (Date.now() > deadline) throw new Error(`not every viewer started playing: ${JSON.stringify(await read())}`)
    await sleep(500)
  }
  const windowStart = Date.now()
  const cpu0 = readCpu()
  const links0 = readLinks()
  const metrics0 = await readMetrics()
  const start = await read()
  const latencies = pages.map(() => [])
  const end = Date.now() + watch
  while (Date.now() < end) {
    await sleep(Math.min(2000, Math.max(0, end - Date.now())))
    ;(await read()).forEach((v, i) => { if (v.fields.latency != null) latencies[i].push(v.fields.latency) })
  }
  const last = await read()
  const links1 = readLinks()
  const cpu1 = readCpu()
  const metrics1 = await readMetrics()
  const windowEnd = Date.now()

  const diff = (a, b) => (a == null || b == null ? null : b - a)
  const perViewer = last.map((v, i) => {
    const fields = {}
    for (const [k, x] of Object.entries(v.fields)) fields[k] = diff(start[i].fields[k] ?? 0, x)
    const lat = latencies[i]
    const q = (a, b) => (a && b ? { sent: b.sent - a.sent, drops: b.drops - a.drops, overlimits: b.overlimits - a.overlimits } : null)
    return {
      viewer: i, addr: addrs[i], port: ports[i], rates: rates[i],
      // Page counters: deltas over the window, and every numeric field as it was at the end.
      page: fields,
      pageEnd: v.fields,
      state: v.state, path: v.path, error: v.error || null,
      stalls: v.stalls - start[i].stalls,
      stalledSeconds: (v.stalledMs - start[i].stalledMs) / 1000,
      behindLiveSeconds: lat.length ? lat.reduce((a, b) => a + b, 0) / lat.length : null,
      startupSeconds: v.firstPlayingMs == null ? null : v.firstPlayingMs / 1000,
      navigatedAt: navigated[i],
      wire: {
        upload: diff(links0[i].upload, links1[i].upload),
        download: diff(links0[i].download, links1[i].download),
        downQdisc: q(links0[i].downQdisc, links1[i].downQdisc),
        upQdisc: q(links0[i].upQdisc, links1[i].upQdisc)
      }
    }
  })
  let routerMetrics = null
  if (metrics0 && metrics1 && Object.keys(metrics1).length) {
    routerMetrics = {}
    for (const [k, x] of Object.entries(metrics1)) routerMetrics[k] = x - (metrics0[k] ?? 0)
  }
  process.stdout.write(JSON.stringify({
    label, profile: process.env.LINKS_PROFILE || null, round: Number(process.env.LINKS_ROUND || 1),
    bitrateKbit: Number(process.env.LINKS_BITRATE || 0) || null,
    segmentSeconds: segment, viewers, staggerSeconds: stagger / 1000, watchSeconds: (windowEnd - windowStart) / 1000,
    url, runStarted, windowStart, windowEnd,
    routerMetrics,
    cpuBusy: cpu0 && cpu1 && cpu1.total > cpu0.total ? 1 - (cpu1.idle - cpu0.idle) / (cpu1.total - cpu0.total) : null,
    perViewer
  }) + '\n')
} finally {
  for (const b of browsers) await b.close().catch(() => {})
}
