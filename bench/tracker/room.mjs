// One room of 100,000 viewers across tracker pods on one machine (issue 31). Starts Redis,
// TRACKERS tracker processes with the chart's JVM flags, and config-service with their URLs
// (STREAMHUB_CONFIG_TRACKER_POD_URLS) and an app whose rooms are split into shards; asks the playback
// API for the room's announce URLs; load generators open PEERS WebSocket peers over those URLs (one
// 127.x source address each), announce with offers every ANNOUNCE_EVERY s and answer every offer.
// Then ROUNDS windows of steady state, and a tracker killed and restarted while its viewers come back
// by P2P Media Loader's reconnect rule. bench/tracker-room.sh runs it; bench/README.md lists the knobs.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chartJvmOptions } from './chart-jvm.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const env = (k, d) => process.env[k] ?? d
const PEERS = Number(env('PEERS', 100000))
const TRACKERS = Number(env('TRACKERS', 10))
const SHARDS = env('SHARDS', 'auto')
const EXPECTED = Number(env('EXPECTED_VIEWERS', PEERS))
const PER_GENERATOR = Number(env('PER_GENERATOR', 12500))
const EVERY = Number(env('ANNOUNCE_EVERY', 30))
const OFFERS = Number(env('OFFERS', 5))
const WARMUP = Number(env('WARMUP', 30))
const WINDOW = Number(env('WINDOW', 60))
const ROUNDS = Number(env('ROUNDS', 3))
const RESTART = env('RESTART', '1') === '1'
const KILL = Number(env('KILL', 0))
const RESTART_TIMEOUT = Number(env('RESTART_TIMEOUT', 900))
const JAVA = env('JAVA', 'java')
const CHART = chartJvmOptions(root)
const JVM_OPTS = [...(process.env.JVM_OPTS ? process.env.JVM_OPTS.split(' ') : CHART.options), ...env('JVM_EXTRA', '').split(' ')].filter(Boolean)
const TRACKER_JAR = path.join(root, 'p2p-tracker/target/quarkus-app/quarkus-run.jar')
const CONFIG_JAR = path.join(root, 'config-service/target/quarkus-app/quarkus-run.jar')
const OUT = path.join(root, 'bench/target/tracker-room')
const GOALS = { p99Ms: 50, maxOverMean: 1.25, rssKiBPerPeer: 4 }
const TICK = 100 // USER_HZ
const APP = 'arena'
const ROOM = 'final'

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)) })
})
const cpuSeconds = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(f[11]) + Number(f[12])) / TICK
}
const rssKiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1])
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)] }
const fmt = (n) => Math.round(n).toLocaleString('en-US')

async function until (what, fn, timeoutMs, everyMs = 200) {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (await fn()) return
    await sleep(everyMs)
  }
  throw new Error(`timed out waiting for ${what}`)
}

const ok = async (url) => { try { return (await fetch(url)).status === 200 } catch { return false } }

async function redisPing (port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => s.write('PING\r\n'))
    s.once('data', (d) => { s.end(); resolve(d.toString().includes('PONG')) })
    s.once('error', () => resolve(false))
  })
}

function lines (stream, onLine) {
  let buf = ''
  stream.on('data', (d) => {
    buf += d
    let i
    while ((i = buf.indexOf('\n')) >= 0) { onLine(buf.slice(0, i)); buf = buf.slice(i + 1) }
  })
}

const children = []
function track (proc) { children.push(proc); return proc }
function stopAll () { for (const c of children) { try { c.kill('SIGKILL') } catch {} } }
process.on('exit', stopAll)
process.on('SIGINT', () => process.exit(130))
process.on('SIGTERM', () => process.exit(143))

// A tracker "pod": its ports stay the same across a restart, as a pod's address does.
function trackerArgs (t, redisPort) {
  return [...JVM_OPTS, `-Dquarkus.http.port=${t.httpPort}`, '-Dquarkus.http.host=127.0.0.1',
    `-Dquarkus.management.port=${t.managementPort}`, '-Dquarkus.management.host=127.0.0.1',
    `-Dtracker.ws.port=${t.wsPort}`, '-Dtracker.ws.host=127.0.0.1',
    `-Dquarkus.redis.hosts=redis://127.0.0.1:${redisPort}`, '-Dquarkus.log.level=WARN', '-jar', TRACKER_JAR]
}

function launchTracker (t, redisPort) {
  t.proc = track(spawn(JAVA, trackerArgs(t, redisPort), { stdio: ['ignore', 'ignore', 'inherit'] }))
  return until(`tracker ${t.index} ready`, () => ok(`http://127.0.0.1:${t.managementPort}/q/health/ready`), 120000, 100)
}

async function trackerGauges (t) {
  try {
    const text = await (await fetch(`http://127.0.0.1:${t.managementPort}/q/metrics`)).text()
    const value = (name) => Number((new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text) || [])[1] ?? NaN)
    const sum = (name) => [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0)
    return { peers: value('streamhub_tracker_peers'), connections: value('streamhub_tracker_connections'), refusals: sum('streamhub_tracker_refusals_total') }
  } catch {
    return { peers: NaN, connections: NaN, refusals: NaN }
  }
}

function startGenerators (urls) {
  const gens = []
  for (let g = 0, left = PEERS; left > 0; g++, left -= PER_GENERATOR) {
    const n = Math.min(PER_GENERATOR, left)
    const proc = track(spawn('node', [path.join(here, 'load-generator.mjs'), urls.join('|'), String(n), '1', String(EVERY), String(OFFERS), String(g)],
      { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, RECONNECT: '1', RTTS: '1' } }))
    const gen = { proc, ready: null, window: null, status: null }
    lines(proc.stdout, (l) => {
      const m = JSON.parse(l)
      if (m.ready !== undefined) gen.ready = m
      if (m.window) gen.window = m.window
      if (m.status) gen.status = m.status
    })
    gens.push(gen)
  }
  return gens
}

const send = (gens, cmd) => gens.forEach((g) => g.proc.stdin.write(cmd + '\n'))

async function status (gens) {
  gens.forEach((g) => { g.status = null })
  send(gens, 'status')
  await until('generator status', () => gens.every((g) => g.status), 30000, 50)
  const total = gens.reduce((s, g) => ({ open: s.open + g.status.open, waiting: s.waiting + g.status.waiting, attempts: s.attempts + g.status.reconnectAttempts, failures: s.failures + g.status.reconnectFailures }), { open: 0, waiting: 0, attempts: 0, failures: 0 })
  total.errors = {}
  for (const g of gens) for (const [k, v] of Object.entries(g.status.errors ?? {})) total.errors[k] = (total.errors[k] ?? 0) + v
  return total
}

async function window (gens, seconds) {
  gens.forEach((g) => { g.window = null })
  send(gens, 'start')
  await sleep(seconds * 1000)
  send(gens, 'stop')
  await until('window reports', () => gens.every((g) => g.window), 60000)
  return gens.map((g) => g.window)
}

// ---------------------------------------------------------------------------------------------
const results = { settings: { PEERS, TRACKERS, SHARDS, EXPECTED, PER_GENERATOR, EVERY, OFFERS, WARMUP, WINDOW, ROUNDS, JVM_OPTS }, rounds: [] }
const java = spawnSync(JAVA, ['-version'], { encoding: 'utf8' }).stderr.trim().split('\n')
console.log(`room ${APP}/${ROOM}: ${fmt(PEERS)} peers, ${TRACKERS} tracker processes, swarm_shards ${SHARDS} (expected_viewers ${fmt(EXPECTED)}), ` +
  `${OFFERS} offers per announce every ${EVERY} s, ${Math.ceil(PEERS / PER_GENERATOR)} generators, warm-up ${WARMUP} s, ${ROUNDS} windows of ${WINDOW} s`)
console.log(`JVM: ${JAVA} ${JVM_OPTS.join(' ')}${process.env.JVM_OPTS ? ' (JVM_OPTS)' : ` (the chart's: image JDK_JAVA_OPTIONS, memory limit ${CHART.limitMiB} MiB as MaxRAM)`}`)
console.log(`     ${java[0]} / ${java[2] ?? ''}`)
console.log(`machine: ${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores, load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`)

const redisPort = await freePort()
track(spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }))
await until('redis', () => redisPing(redisPort), 10000)

const trackers = []
for (let i = 0; i < TRACKERS; i++) {
  trackers.push({ index: i, httpPort: await freePort(), managementPort: await freePort(), wsPort: await freePort() })
}
// Started one at a time: two cores; each takes a few seconds.
for (const t of trackers) await launchTracker(t, redisPort)
await sleep(3000)
for (const t of trackers) t.rssIdle = rssKiB(t.proc.pid)

const apps = path.join(OUT, 'apps')
mkdirSync(apps, { recursive: true })
writeFileSync(path.join(apps, `${APP}.yaml`), [
  `app: ${APP}`, 'distribution:', '  mode: p2p', '  p2p:', '    enabled: true', `    swarm_shards: ${SHARDS}`,
  `    expected_viewers: ${EXPECTED}`, '    ice_servers: []', ''].join('\n'))
const configPort = await freePort()
const configManagement = await freePort()
track(spawn(JAVA, ['-Xmx256m', '-jar', CONFIG_JAR], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {
    ...process.env, REDIS_URL: `redis://127.0.0.1:${redisPort}`, PORT: String(configPort), QUARKUS_HTTP_HOST: '127.0.0.1',
    MANAGEMENT_PORT: String(configManagement), QUARKUS_MANAGEMENT_HOST: '127.0.0.1', STREAMHUB_CONFIG_FOLDER: apps,
    STREAMHUB_CONFIG_POLL_INTERVAL: '1s', STREAMHUB_CONFIG_TRACKER_POD_URLS: trackers.map((t) => `ws://127.0.0.1:${t.wsPort}/announce`).join(',')
  }
}))
await until('config-service ready', () => ok(`http://127.0.0.1:${configManagement}/q/health/ready`), 120000)
let playback
await until('the app is published', async () => {
  try {
    playback = await (await fetch(`http://127.0.0.1:${configPort}/api/apps/${APP}/rooms/${ROOM}/playback`)).json()
    return playback.p2p?.enabled === true
  } catch { return false }
}, 60000, 500)
const urls = playback.p2p.shards > 1 ? playback.p2p.announceShards.map((a) => a[0]) : playback.p2p.announce.slice(0, 1)
const podOf = (url) => trackers.findIndex((t) => url.startsWith(`ws://127.0.0.1:${t.wsPort}/`))
const shardsPerPod = trackers.map((t) => urls.filter((u) => podOf(u) === t.index).length)
console.log(`playback API: ${urls.length} shard(s); shards per tracker process ${shardsPerPod.join(' ')}` +
  ` (a process's expected share of the room: ${shardsPerPod.map((n) => (n / urls.length * 100).toFixed(0) + '%').join(' ')})`)
results.shardsPerPod = shardsPerPod

const t0 = Date.now()
const gens = startGenerators(urls)
await until('every peer connected and answered once', () => gens.every((g) => g.ready), 900000, 500)
const rampSeconds = (Date.now() - t0) / 1000
const failedAtRamp = gens.reduce((n, g) => n + g.ready.failed, 0)
console.log(`ramp: ${fmt(gens.reduce((n, g) => n + g.ready.ready, 0))} connected, ${fmt(failedAtRamp)} refused, in ${rampSeconds.toFixed(0)} s`)

await window(gens, WARMUP) // discarded: JIT, heap sizing, every peer's first periodic announce

for (let r = 0; r < ROUNDS; r++) {
  const cpu0 = trackers.map((t) => cpuSeconds(t.proc.pid))
  const started = performance.now()
  const w = await window(gens, WINDOW)
  const seconds = (performance.now() - started) / 1000
  const cpu = trackers.map((t, i) => cpuSeconds(t.proc.pid) - cpu0[i])
  const gauges = await Promise.all(trackers.map(trackerGauges))
  const rss = trackers.map((t) => rssKiB(t.proc.pid))
  const st = await status(gens)
  const rtts = w.flatMap((x) => x.rtts).sort((a, b) => a - b)
  const q = (p) => rtts.length ? rtts[Math.min(rtts.length - 1, Math.floor(p * rtts.length))] : NaN
  const sum = (k) => w.reduce((n, x) => n + x[k], 0)
  const responses = sum('frames')
  const peers = gauges.map((g) => g.peers)
  const mean = peers.reduce((a, b) => a + b, 0) / peers.length
  // A process without peers (a pod no shard maps to) has no per-peer figure.
  const growth = trackers.map((t, i) => peers[i] > 0 ? (rss[i] - t.rssIdle) / peers[i] : NaN)
  const round = {
    connected: st.open,
    refused: failedAtRamp + sum('failures'),
    unanswered: sum('unanswered'),
    announces: sum('announces'),
    responses,
    responsesPerSec: responses / seconds,
    p50: q(0.5),
    p99: q(0.99),
    cpuMsPer1000: cpu.reduce((a, b) => a + b, 0) / responses * 1e6,
    cpuCores: cpu.reduce((a, b) => a + b, 0) / seconds,
    // The generators' own lag (their event loops' delay, p99 of the worst one) and the share of the
    // announces they meant to send: a saturated generator measures its own delay into every round trip.
    generatorLagP99: Math.max(...w.map((x) => x.loopDelayP99)),
    announceShare: sum('announces') / (PEERS * seconds / EVERY),
    peers,
    maxOverMean: Math.max(...peers) / mean,
    rssMiB: rss.map((k) => k / 1024),
    rssTotalMiB: rss.reduce((a, b) => a + b, 0) / 1024,
    rssKiBPerPeer: growth,
    rssKiBPerPeerTotal: rss.reduce((n, k, i) => n + k - trackers[i].rssIdle, 0) / Math.max(1, peers.reduce((a, b) => a + b, 0)),
    refusalsAtTrackers: gauges.reduce((n, g) => n + g.refusals, 0)
  }
  results.rounds.push(round)
  console.log(`round ${r + 1}: connected ${fmt(round.connected)} refused ${fmt(round.refused)} unanswered ${fmt(round.unanswered)}` +
    ` | ${fmt(round.announces)} announces, ${fmt(round.responsesPerSec)} responses/s, p50 ${round.p50.toFixed(1)} ms p99 ${round.p99.toFixed(1)} ms` +
    ` | trackers' CPU ${round.cpuMsPer1000.toFixed(1)} ms per 1000 responses (${round.cpuCores.toFixed(2)} cores)`)
  console.log(`         generators: ${(round.announceShare * 100).toFixed(0)}% of the announces due were sent; event-loop lag p99 ${round.generatorLagP99.toFixed(0)} ms (the worst generator)`)
  console.log(`         peers per process ${peers.map(fmt).join(' ')} (max/mean ${round.maxOverMean.toFixed(3)})`)
  console.log(`         RSS per process MiB ${round.rssMiB.map((m) => m.toFixed(0)).join(' ')} (total ${round.rssTotalMiB.toFixed(0)} MiB);` +
    ` growth per peer KiB ${growth.map((k) => Number.isNaN(k) ? '-' : k.toFixed(2)).join(' ')} (all processes ${round.rssKiBPerPeerTotal.toFixed(2)})`)
}

if (RESTART) {
  // Kill one process as a crash would, start it again on the same ports, and watch its viewers come back.
  const victim = trackers[KILL]
  const others = trackers.filter((t) => t !== victim)
  const before = await Promise.all(trackers.map(trackerGauges))
  gens.forEach((g) => { g.window = null })
  send(gens, 'start')
  await sleep(5000)
  victim.proc.kill('SIGKILL')
  const killedAt = Date.now()
  await launchTracker(victim, redisPort)
  const readyAfter = (Date.now() - killedAt) / 1000
  const target = before[KILL].peers
  const marks = {}
  let othersMaxChange = 0
  let othersMinPeers = Infinity
  let polls = 0
  const deadline = killedAt + RESTART_TIMEOUT * 1000
  while (Date.now() < deadline) {
    const g = await Promise.all(trackers.map(trackerGauges))
    others.forEach((t) => {
      othersMaxChange = Math.max(othersMaxChange, Math.abs(g[t.index].peers - before[t.index].peers))
      othersMinPeers = Math.min(othersMinPeers, g[t.index].peers)
    })
    const back = g[KILL].peers / target
    const elapsed = (Date.now() - killedAt) / 1000
    for (const p of [0.5, 0.9, 0.99, 1]) if (back >= p && marks[p] === undefined) marks[p] = elapsed
    if (back >= 1) break
    if (++polls % 30 === 0) {
      const st = await status(gens)
      const line = { seconds: Math.round(elapsed), peers: g[KILL].peers, open: st.open, waiting: st.waiting }
      results.restartProgress = [...(results.restartProgress ?? []), line]
      console.log(`         ${line.seconds} s after the kill: ${fmt(line.peers)} peers on the restarted process; generators: ${fmt(st.open)} open, ${fmt(st.waiting)} waiting to reconnect,` +
        ` ${fmt(st.attempts)} attempts, ${fmt(st.failures)} failed ${JSON.stringify(st.errors)}`)
    }
    await sleep(1000)
  }
  send(gens, 'stop')
  await until('window reports', () => gens.every((g) => g.window), 60000)
  const st = await status(gens)
  const mark = (p) => marks[p] === undefined ? `not within ${RESTART_TIMEOUT} s` : `${marks[p].toFixed(0)} s`
  results.restart = { killed: KILL, peersBefore: target, readyAfter, marks, othersMaxChange, connectedAfter: st.open, waitingAfter: st.waiting }
  console.log(`restart: killed tracker ${KILL} (${fmt(target)} peers), ready again after ${readyAfter.toFixed(1)} s;` +
    ` its peers back: 50% ${mark(0.5)}, 90% ${mark(0.9)}, 99% ${mark(0.99)}, all ${mark(1)} after the kill`)
  console.log(`         the other ${others.length} processes: largest change in their peer counts ${othersMaxChange}; connected at the end ${fmt(st.open)} of ${fmt(PEERS)}`)
}

// ---------------------------------------------------------------------------------------------
const rs = results.rounds
const m = (k) => median(rs.map((x) => x[k]))
const worstPerPeer = median(rs.map((x) => Math.max(...x.rssKiBPerPeer.filter((k) => !Number.isNaN(k)))))
const verdict = (okay) => okay ? 'met' : 'NOT MET'
console.log(`\nsteady state, medians of ${rs.length} windows (goals of issue 31):`)
console.log(`  connected            ${fmt(m('connected'))} of ${fmt(PEERS)}, refused ${fmt(m('refused'))}          goal: all connected   ${verdict(rs.every((x) => x.connected === PEERS && x.refused === 0))}`)
console.log(`  unanswered           ${fmt(m('unanswered'))}                          goal: 0               ${verdict(rs.every((x) => x.unanswered === 0))}`)
console.log(`  announce p50 / p99   ${m('p50').toFixed(1)} / ${m('p99').toFixed(1)} ms                 goal: p99 <= ${GOALS.p99Ms} ms  ${verdict(m('p99') <= GOALS.p99Ms)}`)
console.log(`  CPU per 1,000 responses  ${m('cpuMsPer1000').toFixed(1)} ms (all trackers, ${m('cpuCores').toFixed(2)} cores)`)
console.log(`  peers max/mean       ${m('maxOverMean').toFixed(3)}                      goal: <= ${GOALS.maxOverMean}        ${verdict(m('maxOverMean') <= GOALS.maxOverMean)}`)
console.log(`  RSS growth per peer  ${m('rssKiBPerPeerTotal').toFixed(2)} KiB all processes, ${worstPerPeer.toFixed(2)} KiB the worst process   goal: <= ${GOALS.rssKiBPerPeer} KiB  ${verdict(m('rssKiBPerPeerTotal') <= GOALS.rssKiBPerPeer && worstPerPeer <= GOALS.rssKiBPerPeer)}`)
console.log(`  RSS total            ${m('rssTotalMiB').toFixed(0)} MiB for ${TRACKERS} processes`)
mkdirSync(OUT, { recursive: true })
const file = path.join(OUT, `results-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
writeFileSync(file, JSON.stringify(results, null, 2))
console.log(`results: ${path.relative(root, file)}`)
send(gens, 'exit')
await sleep(1000)
process.exit(0)
