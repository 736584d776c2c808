// bench/hostile.sh's orchestrator (the script's header says what it measures). Starts Redis and the
// services from SUITE, the legitimate viewer (viewer.mjs), then each flood with its generator (wrk
// with distinct-paths.lua, flood.mjs, slow-readers.py), and prints per flood the live heaps, the
// viewer's failures and latencies, the goals met or not; results in OUT/results.json.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import readline from 'node:readline'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const env = (k, d) => process.env[k] ?? d
const SUITE = env('SUITE', path.resolve(here, '../..'))
const OUT = env('OUT', path.resolve(here, '../target/hostile'))
const FLOODS = env('FLOODS', 'a b c d d2 e f').split(/\s+/).filter(Boolean)
const DURATION = Number(env('DURATION', 60))
const SETTLE = Number(env('SETTLE', 5))
const TRACKER_CAP = Number(env('TRACKER_CAP', 256))
const CONNECTIONS = Number(env('CONNECTIONS', 3000))
const POLLS = Number(env('POLLS', 200))
const HISTO = env('HISTO', '1') === '1'
const JAVA = env('JAVA', 'java')
const JVM_OPTS = env('JVM_OPTS', '-Xmx256m').split(' ').filter(Boolean)
const APP = 'hostile'
const ROOM = 'main'
const FLOODER = '127.0.0.2'
const VIEWER = '127.0.0.3'
const GOALS = { heapGrowthMiB: 8, latencyMaxMs: 1000 }
const MiB = 1024 * 1024

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)) })
})
const fmt = (n, d = 0) => Number(n).toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d })
const mib = (b, signed = false) => `${signed && b >= 0 ? '+' : ''}${(b / MiB).toFixed(1)}`
const verdict = (ok) => (ok ? 'met' : 'NOT MET')

async function until (what, fn, timeoutMs, everyMs = 200) {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    try { if (await fn()) return } catch {}
    await sleep(everyMs)
  }
  throw new Error(`timed out waiting for ${what}`)
}

const children = []
const track = (proc) => { children.push(proc); return proc }
process.on('exit', () => { for (const c of children) { try { c.kill('SIGKILL') } catch {} } })
process.on('SIGINT', () => process.exit(130))
process.on('SIGTERM', () => process.exit(143))

// The live heap of a JVM: one jcmd run of GC.run (a full GC) then GC.heap_info, its generations'
// "used" summed (G1's one heap line; Parallel's and Serial's young and old) — what e2e's LiveHeap reads.
const JCMD_FILE = path.join(OUT, 'jcmd-live-heap.txt')
function liveHeap (pid) {
  const out = execFileSync('jcmd', [String(pid), '-f', JCMD_FILE], { encoding: 'utf8' })
  const used = [...out.matchAll(/\btotal \d+K, used (\d+)K/g)].map((m) => Number(m[1]))
  if (used.length === 0) throw new Error(`jcmd ${pid}: no heap in ${out}`)
  return used.reduce((a, b) => a + b, 0) * 1024
}

// What grew: jcmd GC.class_histogram (live objects, after its own full GC) by class, bytes.
function histogram (pid) {
  const out = execFileSync('jcmd', [String(pid), 'GC.class_histogram'], { encoding: 'utf8', maxBuffer: 64 << 20 })
  const bytes = new Map()
  for (const m of out.matchAll(/^\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)/gm)) bytes.set(m[3], { n: Number(m[1]), b: Number(m[2]) })
  return bytes
}
function grew (before, after, top = 6) {
  return [...after].map(([cls, a]) => ({ cls, n: a.n - (before.get(cls)?.n ?? 0), b: a.b - (before.get(cls)?.b ?? 0) }))
    .sort((x, y) => y.b - x.b).slice(0, top).filter((x) => x.b > 0)
    .map((x) => `${x.cls} ${x.b >= 0 ? '+' : ''}${(x.b / 1024).toFixed(0)} KiB (${x.n >= 0 ? '+' : ''}${x.n})`)
}

// A few Redis commands over RESP, for the WebRTC slot counts.
function redis (port, ...args) {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`))
    let buf = ''
    s.on('data', (d) => {
      buf += d
      if (buf.endsWith('\r\n')) { s.end(); resolve(buf.startsWith(':') ? Number(buf.slice(1)) : buf.trim()) }
    })
    s.on('error', reject)
  })
}

async function text (url) {
  const r = await fetch(url)
  return { status: r.status, body: await r.text() }
}

/** A counter summed over the samples whose labels contain `label`. */
function counter (metrics, name, label = '') {
  let sum = 0
  for (const m of metrics.matchAll(new RegExp(`^${name}(?:\\{([^}]*)\\})? (\\S+)$`, 'gm'))) {
    if ((m[1] ?? '').includes(label)) sum += Number(m[2])
  }
  return sum
}

function percentile (xs, p) {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]
}

// ---------------------------------------------------------------------------------------------------------
rmSync(path.join(OUT, 'run'), { recursive: true, force: true })
const RUN = path.join(OUT, 'run')
const LOGS = path.join(RUN, 'logs')
const DATA = path.join(RUN, 'data')
for (const d of [LOGS, DATA, path.join(RUN, 'apps')]) mkdirSync(d, { recursive: true })
writeFileSync(JCMD_FILE, 'GC.run\nGC.heap_info\n')
const java = spawnSync(JAVA, ['-version'], { encoding: 'utf8' }).stderr.trim().split('\n')
console.log(`hostile traffic: floods ${FLOODS.join(' ')}, ${DURATION} s each, ${SETTLE} s apart; flooder ${FLOODER}, viewer ${VIEWER}`)
console.log(`services: ${SUITE} (${existsSync(path.join(SUITE, 'BUILD-INFO.txt')) ? 'a copy of the built jars' : 'the repository\'s jars'}); JVM: ${JAVA} ${JVM_OPTS.join(' ')}; ${java[0]}`)
console.log(`machine: ${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores, load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`)

const redisPort = await freePort()
track(spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }))
await until('redis', async () => (await redis(redisPort, 'PING')) === '+PONG', 10000)
const REDIS_URL = `redis://127.0.0.1:${redisPort}`

async function service (name, module, extraEnv) {
  const port = await freePort()
  const management = await freePort()
  const env = {
    ...process.env, REDIS_URL, PORT: String(port), MANAGEMENT_PORT: String(management), QUARKUS_HTTP_HOST: '127.0.0.1',
    QUARKUS_MANAGEMENT_HOST: '127.0.0.1', ...(typeof extraEnv === 'function' ? extraEnv(port) : extraEnv)
  }
  const log = path.join(LOGS, `${name}.log`)
  const proc = track(spawn('sh', ['-c', `exec "$0" "$@" > "${log}" 2>&1`, JAVA, ...JVM_OPTS, '-jar',
    path.join(SUITE, module, 'target/quarkus-app/quarkus-run.jar')], { env, stdio: 'ignore' }))
  await until(`${name} ready`, async () => (await fetch(`http://127.0.0.1:${management}/q/health/ready`)).status === 200, 120000, 250)
  return { name, pid: proc.pid, port, url: (p) => `http://127.0.0.1:${p.startsWith('/q/') ? management : port}${p}` }
}

const wsPort = await freePort()
const origin = await service('origin', 'hls-router', (port) => ({
  ROUTER_ROLE: 'origin', ROUTER_NODE_ID: 'local', ROUTER_ADVERTISED_URL: `http://127.0.0.1:${port}`, ROUTER_ORIGIN_DATA_DIR: DATA,
  ROUTER_LIVEKIT_PUBLIC_URL: 'ws://127.0.0.1:1' // no LiveKit: the URL only has to exist for playback to grant WebRTC slots
}))
const master = await service('master', 'hls-router', (port) => ({
  ROUTER_ROLE: 'master', ROUTER_NODE_ID: 'master', ROUTER_ADVERTISED_URL: `http://127.0.0.1:${port}`
}))
const tracker = await service('tracker', 'p2p-tracker', {
  WS_PORT: String(wsPort), TRACKER_WS_HOST: '127.0.0.1', TRACKER_MAX_CONNECTIONS: String(TRACKER_CAP)
})
writeFileSync(path.join(RUN, 'apps', `${APP}.yaml`), [
  `app: ${APP}`, 'distribution:', '  mode: hybrid', '  cdn:', `    base_url: ${master.url('')}`, '  hls:', '    segment_seconds: 6',
  '    list_size: 6', '  webrtc:', '    enabled: true', '  p2p:', '    enabled: true', '    ice_servers: []',
  `    trackers: [ws://127.0.0.1:${wsPort}/announce]`, ''].join('\n'))
const config = await service('config', 'config-service', (port) => ({
  STREAMHUB_CONFIG_FOLDER: path.join(RUN, 'apps'), STREAMHUB_CONFIG_POLL_INTERVAL: '1s',
  STREAMHUB_CONFIG_LAST_GOOD_FILE: path.join(RUN, 'config-state/last-good.json'), STREAMHUB_CONFIG_PUBLIC_HLS_URL: master.url(''),
  STREAMHUB_CONFIG_PUBLIC_URL: `http://127.0.0.1:${port}`, STREAMHUB_CONFIG_WEBRTC_API_KEY: 'APIhostile',
  STREAMHUB_CONFIG_WEBRTC_API_SECRET: 'hostile-secret-of-enough-length-123', STREAMHUB_CONFIG_SIGNING_KEY: 'hostile-signing-key'
}))
await service('egress', 'egress-orchestrator', {
  ORCHESTRATOR_DRIVER: 'simulated', ORCHESTRATOR_SIMULATED_DATA_DIR: DATA, ORCHESTRATOR_SIMULATED_ROOMS: `${APP}:${ROOM}`,
  ORCHESTRATOR_LIVEKIT_DISCOVER: 'false', ORCHESTRATOR_RECONCILE_INTERVAL: '1s'
})
const PLAYLIST = master.url(`/hls/${APP}/${ROOM}/index.m3u8`)
const PLAYBACK = config.url(`/api/apps/${APP}/rooms/${ROOM}/playback`)
const STATS = config.url(`/api/apps/${APP}/rooms/${ROOM}/stats`)
const ANNOUNCE = `ws://127.0.0.1:${wsPort}/announce/${APP}/${ROOM}`
await until('the room plays through the master, with WebRTC slots', async () => (await text(PLAYLIST)).status === 200 &&
  JSON.parse((await text(PLAYBACK)).body).webrtc?.enabled === true, 90000, 500)
console.log('stack up: Redis, origin, master, tracker, config-service, orchestrator (simulated egress, 6-s segments)\n')

// --- the legitimate viewer, all run long ---------------------------------------------------------------
const viewerRecords = []
const viewer = track(spawn('node', [path.join(here, 'viewer.mjs'), PLAYLIST, PLAYBACK, ANNOUNCE],
  { env: { ...process.env, SOURCE: VIEWER }, stdio: ['ignore', 'pipe', 'inherit'] }))
readline.createInterface({ input: viewer.stdout }).on('line', (l) => viewerRecords.push(JSON.parse(l)))

// --- no file a playlist may serve is ever missing: the egress's live playlist and the master's, every second
const ROOM_DIR = path.join(DATA, 'apps', APP, 'hls', ROOM)
const disk = { checks: 0, listed: 0, missing: [] }
const diskTimer = setInterval(async () => {
  try {
    const lists = [readFileSync(path.join(ROOM_DIR, 'live.m3u8'), 'utf8'), (await text(PLAYLIST)).body]
    const names = new Set(lists.flatMap((l) => l.split('\n').filter((x) => x && !x.startsWith('#'))))
    disk.checks++
    disk.listed = Math.max(disk.listed, names.size)
    for (const n of names) if (!existsSync(path.join(ROOM_DIR, n))) disk.missing.push({ t: Date.now(), file: n })
  } catch {}
}, 1000)

// --- floods -----------------------------------------------------------------------------------------------
function wrk (args) {
  const proc = track(spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] }))
  let out = ''
  proc.stdout.on('data', (d) => { out += d })
  return new Promise((resolve) => proc.on('exit', () => {
    const statuses = JSON.parse((/STATUSES (\{.*\})/.exec(out) ?? [])[1] ?? '{}')
    const requests = Number((/(\d+) requests in/.exec(out) ?? [])[1] ?? 0)
    const errors = (/Socket errors: (.*)/.exec(out) ?? [])[1] ?? 'none'
    const samples = Object.fromEntries([...out.matchAll(/^SAMPLE (\d+) (.*)$/gm)].map((m) => [m[1], m[2]]))
    resolve({ requests, perSecond: Number((/Requests\/sec:\s+(\S+)/.exec(out) ?? [])[1] ?? 0), statuses, socketErrors: errors, samples })
  }))
}

/** A child that prints {"held": …} when its window is over, lets go on "release", then prints {"done": …}. */
function holder (command, args, extraEnv) {
  const proc = track(spawn(command, args, { env: { ...process.env, DURATION: String(DURATION), ...extraEnv }, stdio: ['pipe', 'pipe', 'inherit'] }))
  const lines = readline.createInterface({ input: proc.stdout })
  const next = (key) => new Promise((resolve, reject) => {
    const on = (l) => { const m = JSON.parse(l); if (m[key]) { lines.off('line', on); resolve(m[key]) } }
    lines.on('line', on)
    proc.once('exit', (code) => reject(new Error(`${command} ${args[0]} exited (${code}) before "${key}"`)))
  })
  const held = next('held')
  return {
    held,
    release: async () => { const done = next('done'); proc.stdin.write('release\n'); const d = await done; proc.stdin.end(); return d }
  }
}

const segmentPaths = async () => (await text(PLAYLIST)).body.split('\n').filter((l) => l && !l.startsWith('#')).map((u) => `/hls/${APP}/${ROOM}/${u}`)

const FLOOD_DEFS = {
  a: {
    title: 'a. unique segment URLs through the master, sessions nobody advertises (wrk -t2 -c64)',
    targets: [master, origin],
    run: async () => ({ generator: await wrk(['-t2', '-c64', `-d${DURATION}s`, '--timeout', '5s', '-s', path.join(here, 'distinct-paths.lua'),
      master.url('/'), '--', 'segments', APP, ROOM]) })
  },
  b: {
    title: 'b. unknown app names: playback API and master paths (two wrk -t1 -c32)',
    targets: [config, master],
    run: async () => {
      const [playback, playlists] = await Promise.all([
        wrk(['-t1', '-c32', `-d${DURATION}s`, '--timeout', '5s', '-s', path.join(here, 'distinct-paths.lua'), config.url('/'), '--', 'playback']),
        wrk(['-t1', '-c32', `-d${DURATION}s`, '--timeout', '5s', '-s', path.join(here, 'distinct-paths.lua'), master.url('/'), '--', 'playlists'])])
      return { generator: { playback, playlists } }
    }
  },
  c: {
    title: `c. ${fmt(CONNECTIONS)} tracker connections held from ${FLOODER} (tracker cap ${TRACKER_CAP})`,
    targets: [tracker],
    metrics: tracker,
    run: async () => {
      const h = holder('node', [path.join(here, 'flood.mjs'), 'tracker', ANNOUNCE], { SOURCE: FLOODER, CONNECTIONS: String(CONNECTIONS) })
      return { generator: await h.held, release: h.release }
    }
  },
  d: {
    title: `d. playback polled at ${POLLS}/s from ${FLOODER} (re-polls with tickets, one in ten a new viewer)`,
    targets: [config],
    slots: true,
    run: async () => {
      const h = holder('node', [path.join(here, 'flood.mjs'), 'playback', PLAYBACK], { SOURCE: FLOODER, RATE: String(POLLS), WORKERS: '32' })
      return { generator: await h.held, release: h.release }
    }
  },
  d2: {
    title: `d2. playback polled unpaced from ${FLOODER}, 32 in flight`,
    targets: [config],
    slots: true,
    run: async () => {
      const h = holder('node', [path.join(here, 'flood.mjs'), 'playback', PLAYBACK], { SOURCE: FLOODER, RATE: '0', WORKERS: '32' })
      return { generator: await h.held, release: h.release }
    }
  },
  e: {
    title: `e. forged player reports from ${FLOODER}, 16 in flight (no ticket, bad ticket, 2 GiB, 1 TiB claimed)`,
    targets: [config],
    metrics: config,
    run: async () => {
      const h = holder('node', [path.join(here, 'flood.mjs'), 'reports', STATS, PLAYBACK], { SOURCE: FLOODER, WORKERS: '16' })
      return { generator: await h.held, release: h.release }
    }
  },
  f: {
    title: `f. 200 slow readers of segments through the master from ${FLOODER} (4 KiB buffer, 256 B per 100 ms)`,
    targets: [master],
    metrics: master,
    run: async () => {
      const h = holder('python3', [path.join(here, 'slow-readers.py'), String(master.port), ...await segmentPaths()],
        { SOURCE: FLOODER, COUNT: '200', RCVBUF: '4096', BYTES: '256', TICK_MS: '100' })
      return { generator: await h.held, release: h.release }
    }
  }
}

const results = { settings: { FLOODS, DURATION, SETTLE, TRACKER_CAP, CONNECTIONS, POLLS, JVM_OPTS, java: java[0] }, floods: [] }
const slotKey = `sh:webrtc:room:${APP}:${ROOM}`
for (const id of FLOODS) {
  const def = FLOOD_DEFS[id]
  if (!def) throw new Error(`unknown flood ${id}: ${Object.keys(FLOOD_DEFS).join(' ')}`)
  await sleep(SETTLE * 1000)
  await until('the viewer answered in its last three rounds', () => {
    const last = viewerRecords.slice(-9)
    return last.length === 9 && last.every((r) => r.ok)
  }, 60000)
  const histoBefore = HISTO ? Object.fromEntries(def.targets.map((t) => [t.name, histogram(t.pid)])) : {}
  const before = Object.fromEntries(def.targets.map((t) => [t.name, liveHeap(t.pid)]))
  const metricsBefore = def.metrics ? (await text(def.metrics.url('/q/metrics'))).body : ''
  const slotsBefore = def.slots ? await redis(redisPort, 'ZCARD', slotKey) : 0
  const t0 = Date.now()
  const flood = await def.run()
  const t1 = Date.now()
  const after = Object.fromEntries(def.targets.map((t) => [t.name, liveHeap(t.pid)]))
  const histoGrowth = HISTO ? Object.fromEntries(def.targets.map((t) => [t.name, grew(histoBefore[t.name], histogram(t.pid))])) : {}
  const metricsAfter = def.metrics ? (await text(def.metrics.url('/q/metrics'))).body : ''
  const slotsAfter = def.slots ? await redis(redisPort, 'ZCARD', slotKey) : 0
  const flooderSlots = def.slots ? await redis(redisPort, 'ZCARD', `${slotKey}:${FLOODER}`) : 0
  const released = flood.release ? await flood.release() : null
  const during = viewerRecords.filter((r) => r.t >= t0 && r.t < t1)
  const byKind = {}
  for (const kind of ['playlist', 'playback', 'announce']) {
    const rs = during.filter((r) => r.kind === kind)
    const ms = rs.filter((r) => r.ok).map((r) => r.ms)
    const failures = rs.filter((r) => !r.ok)
    byKind[kind] = {
      requests: rs.length, failures: failures.length, p99: percentile(ms, 0.99), max: ms.length ? Math.max(...ms) : NaN,
      why: [...new Set(failures.map((r) => r.why))].slice(0, 3)
    }
  }
  const delta = (name, label) => counter(metricsAfter, name, label) - counter(metricsBefore, name, label)
  const extra = {}
  if (id === 'c') {
    Object.assign(extra, {
      evicted: delta('streamhub_tracker_refusals_total', 'reason="evicted"'),
      addressLimit: delta('streamhub_tracker_refusals_total', 'reason="address_limit"'),
      connectionLimit: delta('streamhub_tracker_refusals_total', 'reason="connection_limit"')
    })
    extra.secondAddressAdmitted = byKind.announce.requests > 0 && byKind.announce.failures === 0 && flood.generator.openNow >= TRACKER_CAP - 1
  }
  if (def.slots) Object.assign(extra, { slotsBefore, slotsAfter, flooderSlots })
  if (id === 'e') {
    Object.assign(extra, {
      clampedBytes: delta('streamhub_player_clamped_bytes_total', `app="${APP}"`),
      countedBytes: delta('streamhub_player_bytes_total', `app="${APP}"`),
      acceptedReports: delta('streamhub_player_reports_total', `app="${APP}"`)
    })
  }
  if (id === 'f') {
    Object.assign(extra, {
      collapsed: delta('streamhub_router_cache_lookups_total', 'result="collapsed"'),
      pausedWrites: delta('streamhub_router_stream_paused_total', ''),
      drained: released
    })
  }
  const heaps = def.targets.map((t) => ({
    process: t.name, before: before[t.name], after: after[t.name], growth: after[t.name] - before[t.name], grewMost: histoGrowth[t.name]
  }))
  const result = { id, title: def.title, seconds: (t1 - t0) / 1000, generator: flood.generator, heaps, viewer: byKind, ...extra }
  results.floods.push(result)
  report(result)
}
clearInterval(diskTimer)

function report (r) {
  console.log(`${r.title} — ${r.seconds.toFixed(0)} s`)
  console.log(`  generator: ${JSON.stringify(r.generator)}`)
  const { id, title, seconds, generator, heaps, viewer, ...rest } = r
  if (Object.keys(rest).length > 0) console.log(`  also: ${JSON.stringify(rest)}`)
  for (const h of r.heaps) {
    const ok = h.growth <= GOALS.heapGrowthMiB * MiB
    console.log(`  ${h.process.padEnd(7)} live heap ${mib(h.before)} -> ${mib(h.after)} MiB, growth ${mib(h.growth, true)} MiB` +
      `   goal <= ${GOALS.heapGrowthMiB} MiB: ${verdict(ok)}`)
    if (h.grewMost?.length) console.log(`          grew most: ${h.grewMost.join(', ')}`)
  }
  for (const [kind, v] of Object.entries(r.viewer)) {
    const ok = v.requests > 0 && v.failures === 0
    const fast = v.max < GOALS.latencyMaxMs
    console.log(`  viewer ${kind.padEnd(8)} ${String(v.requests).padStart(4)} requests, ${v.failures} failed` +
      `${v.why.length ? ` (${v.why.join('; ')})` : ''}, p99 ${fmt(v.p99)} ms, max ${fmt(v.max)} ms` +
      `   goals: all served ${verdict(ok)}, max < ${GOALS.latencyMaxMs} ms ${verdict(fast)}`)
  }
  if (r.secondAddressAdmitted !== undefined) {
    console.log(`  second address at the cap: ${r.secondAddressAdmitted ? 'admitted' : 'NOT admitted'} (its ${r.viewer.announce.requests} announces` +
      ` answered: ${r.viewer.announce.failures === 0 ? 'all' : 'not all'}; evictions ${r.evicted}, 429s ${r.addressLimit}, 503s ${r.connectionLimit})` +
      `   goal: ${verdict(r.secondAddressAdmitted)}`)
  }
  console.log('')
}

// --- the tables ---------------------------------------------------------------------------------------------
console.log(`no segment file a playlist may serve missing (${disk.checks} checks of the egress's and the master's playlists, ` +
  `up to ${disk.listed} names): ${disk.missing.length === 0 ? 'met' : `NOT MET: ${disk.missing.length} misses, e.g. ${JSON.stringify(disk.missing.slice(0, 3))}`}`)
console.log('\n| flood | process | live heap before → after (MiB) | growth | viewer failures (playlist / playback / announce) | viewer p99 / max ms (playlist, playback, announce) |')
console.log('|---|---|---|---|---|---|')
for (const r of results.floods) {
  for (const h of r.heaps) {
    const v = r.viewer
    console.log(`| ${r.id} | ${h.process} | ${mib(h.before)} → ${mib(h.after)} | ${mib(h.growth, true)} | ${v.playlist.failures} / ${v.playback.failures} / ` +
      `${v.announce.failures} | ${['playlist', 'playback', 'announce'].map((k) => `${fmt(v[k].p99)} / ${fmt(v[k].max)}`).join(', ')} |`)
  }
}
results.disk = { checks: disk.checks, listed: disk.listed, missing: disk.missing.length, examples: disk.missing.slice(0, 10) }
writeFileSync(path.join(OUT, `results-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify(results, null, 2))
console.log(`\nresults: ${OUT}/results-*.json; logs: ${LOGS}`)
process.exit(0)
