// Side-by-side tracker benchmark: our p2p-tracker (JVM) and the npm bittorrent-tracker server,
// same generator, same parameters, alternating in one run. Prints per-run figures and ratios.
// Settings come from the environment (see bench/README.md); bench/tracker-vs-reference.sh runs it.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chartJvmOptions } from './chart-jvm.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const env = (k, d) => process.env[k] ?? d
const PEERS = Number(env('PEERS', 19000))
const PER_GENERATOR = Number(env('PER_GENERATOR', 4750))
const SWARMS = Number(env('SWARMS', 20))
const EVERY = Number(env('ANNOUNCE_EVERY', 20))
const OFFERS = Number(env('OFFERS', 5))
const WARMUP = Number(env('WARMUP', 15))
const DURATION = Number(env('DURATION', 30))
const ROUNDS = Number(env('ROUNDS', 1))
const JAVA = env('JAVA', 'java')
// By default the command line a tracker pod runs with (chart-jvm.mjs); JVM_OPTS replaces it.
const CHART = chartJvmOptions(path.resolve(here, '../..'))
// JVM_EXTRA is appended to either (e.g. -XX:NativeMemoryTracking=summary for HISTO's NMT report).
const JVM_OPTS = [...(process.env.JVM_OPTS ? process.env.JVM_OPTS.split(' ') : CHART.options), ...env('JVM_EXTRA', '').split(' ')].filter(Boolean)
// The memory goal of issue 31: what one more viewer costs a tracker pod, as RSS.
const RSS_GOAL_KIB = 4
// HISTO=1: after the ramp, a heap histogram of our tracker (jcmd GC.class_histogram, which runs a
// full GC first) into bench/target/tracker/, and the classes that grew most per peer are printed.
const HISTO = env('HISTO', '0') === '1'
const OUT = path.resolve(here, '../target/tracker')
const JAR = env('TRACKER_JAR', path.resolve(here, '../../p2p-tracker/target/quarkus-app/quarkus-run.jar'))
const ONLY = env('ONLY', '') // 'p2p-tracker' or 'bittorrent-tracker' to run one side (for tuning, no ratios)
const TICK = 100 // USER_HZ

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)) })
})
const cpuTimes = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return { user: Number(f[11]) / TICK, system: Number(f[12]) / TICK }
}
const rssKiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1])

function lines (child, onLine) {
  let buf = ''
  child.stdout.on('data', (d) => {
    buf += d
    let i
    while ((i = buf.indexOf('\n')) >= 0) { onLine(buf.slice(0, i)); buf = buf.slice(i + 1) }
  })
}

async function until (what, fn, timeoutMs) {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (await fn()) return
    await sleep(200)
  }
  throw new Error(`timed out waiting for ${what}`)
}

async function redisCommand (port, ...args) {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => {
      s.write(`*${args.length}\r\n` + args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join(''))
    })
    s.once('data', (d) => { s.end(); resolve(d.toString()) })
    s.once('error', reject)
  })
}

async function startRedis () {
  const port = await freePort()
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
  await until('redis', async () => (await redisCommand(port, 'PING').catch(() => '')).includes('PONG'), 10000)
  const config = { app: 'bench', distribution: { mode: 'p2p', p2p: { enabled: true, allowed_origins: [] } } }
  await redisCommand(port, 'SET', 'sh:config:bench', JSON.stringify(config))
  return { port, proc }
}

async function startOurs (redisPort) {
  const port = await freePort()
  const wsPort = await freePort()
  const managementPort = await freePort()
  const proc = spawn(JAVA, [...JVM_OPTS, `-Dquarkus.http.port=${port}`, '-Dquarkus.http.host=127.0.0.1',
    `-Dquarkus.management.port=${managementPort}`, '-Dquarkus.management.host=127.0.0.1',
    `-Dtracker.ws.port=${wsPort}`, '-Dtracker.ws.host=127.0.0.1',
    `-Dquarkus.redis.hosts=redis://127.0.0.1:${redisPort}`, '-Dquarkus.log.level=WARN', '-jar', JAR], { stdio: ['ignore', 'ignore', 'inherit'] })
  await until('p2p-tracker ready', async () => {
    try { return (await fetch(`http://127.0.0.1:${managementPort}/q/health/ready`)).status === 200 } catch { return false }
  }, 60000)
  return { name: 'p2p-tracker', url: `ws://127.0.0.1:${wsPort}/announce/bench/room`, proc }
}

async function startReference () {
  const port = await freePort()
  const proc = spawn('node', [path.join(here, 'reference-server.mjs'), String(port)], { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise((resolve) => lines(proc, (l) => l.startsWith('LISTENING') && resolve()))
  return { name: 'bittorrent-tracker', url: `ws://127.0.0.1:${port}/announce/bench/room`, proc }
}

function startGenerators (url) {
  const gens = []
  for (let g = 0, left = PEERS; left > 0; g++, left -= PER_GENERATOR) {
    const n = Math.min(PER_GENERATOR, left)
    const proc = spawn('node', [path.join(here, 'load-generator.mjs'), url, String(n), String(SWARMS), String(EVERY), String(OFFERS), String(g)],
      { stdio: ['pipe', 'pipe', 'inherit'] })
    const gen = { proc, ready: null, window: null }
    lines(proc, (l) => {
      const m = JSON.parse(l)
      if (m.ready !== undefined) gen.ready = m
      if (m.window) gen.window = m.window
    })
    gens.push(gen)
  }
  return gens
}

const send = (gens, cmd) => gens.forEach((g) => g.proc.stdin.write(cmd + '\n'))

// jcmd's class histogram: class name -> bytes of live instances (the command runs a full GC).
function histogram (pid) {
  const text = execFileSync('jcmd', [String(pid), 'GC.class_histogram'], { encoding: 'utf8', maxBuffer: 64 << 20 })
  const bytes = new Map()
  for (const m of text.matchAll(/^\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)/gm)) bytes.set(m[3], { instances: Number(m[1]), bytes: Number(m[2]) })
  return { text, bytes }
}

let histoRun = 0
async function measure (start) {
  const tracker = await start()
  const pid = tracker.proc.pid
  await sleep(2000)
  const rss0 = rssKiB(pid)
  const ours = tracker.name === 'p2p-tracker'
  const nmt = ours && JVM_OPTS.some((o) => o.startsWith('-XX:NativeMemoryTracking='))
  const jcmd = (...args) => execFileSync('jcmd', [String(pid), ...args], { encoding: 'utf8' })
  if (nmt) jcmd('VM.native_memory', 'baseline')
  const histo0 = HISTO && ours ? histogram(pid) : null
  const gens = startGenerators(tracker.url)
  await until('generators connected', () => gens.every((g) => g.ready), 300000)
  await sleep(2000)
  const rss1 = rssKiB(pid)
  const connected = gens.reduce((n, g) => n + g.ready.ready, 0)
  const failed = gens.reduce((n, g) => n + g.ready.failed, 0)
  if (nmt) {
    // Where the RSS went (-XX:NativeMemoryTracking=summary in JVM_EXTRA): the heap's regions, and the
    // JVM's own accounting of what it committed since the idle baseline.
    console.log(`RSS ${(rssKiB(pid) / 1024).toFixed(0)} MiB; ${jcmd('GC.heap_info').split('\n').slice(1).filter(Boolean).join(' | ')}`)
    console.log(jcmd('VM.native_memory', 'summary.diff', 'scale=KB').split('\n').filter((l) => /^(Total|-)/.test(l.trim())).join('\n'))
  }
  if (histo0) {
    const histo1 = histogram(pid)
    const run = ++histoRun
    mkdirSync(OUT, { recursive: true })
    writeFileSync(path.join(OUT, `histogram-${run}-idle.txt`), histo0.text)
    writeFileSync(path.join(OUT, `histogram-${run}-peers.txt`), histo1.text)
    const grown = [...histo1.bytes].map(([cls, h]) => {
      const before = histo0.bytes.get(cls) ?? { instances: 0, bytes: 0 }
      return { cls, instances: (h.instances - before.instances) / connected, bytes: (h.bytes - before.bytes) / connected }
    }).sort((a, b) => b.bytes - a.bytes)
    const live = grown.reduce((n, g) => n + g.bytes, 0)
    console.log(`live heap per peer after a full GC: ${live.toFixed(0)} bytes; largest growth per peer (instances, bytes):`)
    for (const g of grown.slice(0, 25)) console.log(`  ${g.instances.toFixed(2).padStart(6)} ${g.bytes.toFixed(0).padStart(6)}  ${g.cls}`)
  }

  send(gens, 'start') // warm-up window, discarded
  await sleep(WARMUP * 1000)
  send(gens, 'stop')
  await until('warm-up report', () => gens.every((g) => g.window), 30000)
  gens.forEach((g) => { g.window = null })

  const cpu0 = cpuTimes(pid)
  const t0 = performance.now()
  send(gens, 'start')
  await sleep(DURATION * 1000)
  send(gens, 'stop')
  const cpu1 = cpuTimes(pid) // stop reports after a grace period; the window's CPU ends here
  const user = cpu1.user - cpu0.user
  const system = cpu1.system - cpu0.system
  const seconds = (performance.now() - t0) / 1000
  await until('window report', () => gens.every((g) => g.window), 30000)
  const w = gens.map((g) => g.window)
  const sum = (k) => w.reduce((n, x) => n + x[k], 0)
  const max = (k) => Math.max(...w.map((x) => x[k] ?? 0))
  send(gens, 'exit')
  tracker.proc.kill('SIGTERM')
  await sleep(1500)

  const responses = sum('frames')
  return {
    name: tracker.name,
    connected,
    failed,
    rssGrowthKiBPerPeer: (rss1 - rss0) / Math.max(1, connected),
    rssMiB: rss1 / 1024,
    responsesPerSec: responses / seconds,
    announces: sum('announces'),
    unanswered: sum('unanswered'),
    failures: sum('failures'),
    closed: sum('closedUnexpectedly'),
    offersIn: sum('offersIn'),
    answersIn: sum('answersIn'),
    p50: max('p50'),
    p99: max('p99'),
    cpuPer1000: (user + system) / responses * 1000,
    userPer1000: user / responses * 1000,
    kernelPer1000: system / responses * 1000,
    cpuSeconds: user + system,
    systemShare: system / Math.max(0.01, user + system)
  }
}

const redis = await startRedis()
const results = { 'p2p-tracker': [], 'bittorrent-tracker': [] }
console.log(`peers=${PEERS} swarms=${SWARMS} offers/announce=${OFFERS} re-announce every ${EVERY}s, warm-up ${WARMUP}s, window ${DURATION}s, rounds ${ROUNDS}`)
console.log(`JVM: ${JAVA} ${JVM_OPTS.join(' ')}${process.env.JVM_OPTS ? ' (JVM_OPTS)' : ` (the chart's: image JDK_JAVA_OPTIONS, memory limit ${CHART.limitMiB} MiB as MaxRAM)`}`)
console.log(spawnSync(JAVA, ['-version'], { encoding: 'utf8' }).stderr.trim())
try {
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? [() => startOurs(redis.port), startReference] : [startReference, () => startOurs(redis.port)]
    for (const start of order.filter((s) => !ONLY || (ONLY === 'p2p-tracker') === (s !== startReference))) {
      const m = await measure(start)
      results[m.name].push(m)
      console.log(`${m.name.padEnd(18)} connected ${m.connected} failed ${m.failed} unanswered ${m.unanswered} refusals ${m.failures} dropped ${m.closed}` +
        ` | ${m.responsesPerSec.toFixed(0)} responses/s p50 ${m.p50?.toFixed(1)} ms p99 ${m.p99?.toFixed(1)} ms` +
        ` | CPU ${m.cpuSeconds.toFixed(2)} s (${(m.systemShare * 100).toFixed(0)}% kernel) = ${(m.cpuPer1000 * 1000).toFixed(1)} ms per 1000 responses` +
        ` | RSS ${m.rssMiB.toFixed(0)} MiB, +${m.rssGrowthKiBPerPeer.toFixed(2)} KiB per peer`)
    }
  }
} finally {
  redis.proc.kill()
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)] }
const ours = results['p2p-tracker']
if (ours.length) {
  const perPeer = median(ours.map((m) => m.rssGrowthKiBPerPeer))
  console.log(`\np2p-tracker RSS growth per connected peer: ${perPeer.toFixed(2)} KiB, median of ${ours.length} round(s) ` +
    `(${ours.map((m) => m.rssGrowthKiBPerPeer.toFixed(2)).join(', ')}); goal <= ${RSS_GOAL_KIB} KiB: ${perPeer <= RSS_GOAL_KIB ? 'met' : 'NOT MET'}`)
}
if (ONLY) process.exit(0)
const ref = results['bittorrent-tracker']
const ratio = (k) => median(ours.map((m) => m[k])) / median(ref.map((m) => m[k]))
console.log('\nratios p2p-tracker / bittorrent-tracker (medians):')
console.log(`  CPU per response      ${ratio('cpuPer1000').toFixed(3)}  (goal <= 0.2)`)
// On loopback the sender is charged the receiving side's TCP work too; what the kernel alone costs
// us per response, next to the reference's whole cost, is the floor under the ratio above.
const refTotal = median(ref.map((m) => m.cpuPer1000))
console.log(`    of which kernel    ${(median(ours.map((m) => m.kernelPer1000)) / refTotal).toFixed(3)}  (our system time per response / the reference's total)`)
console.log(`    of which user      ${(median(ours.map((m) => m.userPer1000)) / refTotal).toFixed(3)}`)
console.log(`  user time only       ${ratio('userPer1000').toFixed(3)}  (ours / the reference's, user time each)`)
console.log(`  RSS growth per peer   ${ratio('rssGrowthKiBPerPeer').toFixed(3)}  (goal <= 1)`)
console.log(`  responses/s           ${ratio('responsesPerSec').toFixed(3)}`)
console.log(`  p50 / p99 round trip  ${ratio('p50').toFixed(3)} / ${ratio('p99').toFixed(3)}`)
