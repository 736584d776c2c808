// Collapsed misses, hls-router (master) vs nginx proxy_cache_lock, side by side in one run: 500
// waiters, barrier-synchronised, on a cold 1 MiB segment that a slow origin (origin.mjs) sends over
// ~0.5 s. For each server, alternating, ROUNDS times (a new segment name each round): when the
// first waiter got its first byte, and the median waiter's first and last byte, all counted from
// the origin's first byte. Then the client's own ceiling: the same 500 reads of an object both
// caches already hold, so a figure near it says the client, not the server, was the bound.
//
//   node bench/collapsed-miss/run.mjs          (ROUNDS=5 WARMUP=2 WAITERS=500 WORKERS=2)
// Needs: java 17+, nginx, redis-server; the router jar (./mvnw install -DskipTests).
import { spawn } from 'node:child_process'
import { Worker } from 'node:worker_threads'
import net from 'node:net'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const work = path.join(root, 'bench/target/collapsed-miss')
const ROUNDS = Number(process.env.ROUNDS || 5)
// Rounds run first and not counted: the JVM compiles its hot paths in them (nginx needs none, but
// gets the same rounds, so both caches start the counted rounds in the same state).
const WARMUP = Number(process.env.WARMUP || 2)
const WAITERS = Number(process.env.WAITERS || 500)
const WORKERS = Number(process.env.WORKERS || 2)
const JAR = path.join(root, 'hls-router/target/quarkus-app/quarkus-run.jar')
const procs = []
const now = () => performance.timeOrigin + performance.now()
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

function freePort () {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)) })
  })
}
function start (cmd, args, opts = {}) {
  const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts })
  procs.push(p)
  return p
}
async function until (what, check, ms = 60000) {
  const end = Date.now() + ms
  while (Date.now() < end) { if (await check().catch(() => false)) return; await sleep(100) }
  throw new Error(what + ' did not come up')
}
function redis (port, ...args) {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(`*${args.length}\r\n` + args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')))
    s.once('data', (d) => { s.end(); resolve(d.toString()) })
    s.once('error', reject)
  })
}
function cleanup () { for (const p of procs) { try { p.kill('SIGTERM') } catch {} } }
process.on('exit', cleanup)
process.on('SIGINT', () => process.exit(130))

fs.rmSync(work, { recursive: true, force: true })
fs.mkdirSync(path.join(work, 'nginx/cache'), { recursive: true })
if (!fs.existsSync(JAR)) throw new Error(JAR + ' is missing: ./mvnw install -DskipTests')

const originPort = await freePort()
const origin = start('node', [path.join(here, 'origin.mjs'), String(originPort)])
const firstBytes = new Map()
const originFetches = new Map()
let buffered = ''
origin.stdout.on('data', (d) => {
  buffered += d
  let i
  while ((i = buffered.indexOf('\n')) >= 0) {
    const line = buffered.slice(0, i); buffered = buffered.slice(i + 1)
    if (line.startsWith('{')) {
      const m = JSON.parse(line)
      if (!firstBytes.has(m.path)) firstBytes.set(m.path, m.firstByteAt)
      originFetches.set(m.path, (originFetches.get(m.path) || 0) + 1)
    }
  }
})

const redisPort = await freePort()
start('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'])
await until('redis', async () => (await redis(redisPort, 'PING')).includes('PONG'))
// The room is claimed by a "node" whose HLS URL is the slow origin: the master fetches from it.
await redis(redisPort, 'HSET', 'sh:node:slow', 'hlsUrl', `http://127.0.0.1:${originPort}`)
await redis(redisPort, 'SET', 'sh:origin:bench:room', 'slow')

const routerPort = await freePort()
const managementPort = await freePort()
start(process.env.JAVA || 'java', [...(process.env.JVM_OPTS || '-Xms256m -Xmx1g -XX:+UseParallelGC').split(' '), '-jar', JAR], {
  env: { ...process.env, PORT: String(routerPort), MANAGEMENT_PORT: String(managementPort), QUARKUS_HTTP_HOST: '127.0.0.1',
    QUARKUS_MANAGEMENT_HOST: '127.0.0.1', REDIS_URL: `redis://127.0.0.1:${redisPort}`, ROUTER_ROLE: 'master', ROUTER_NODE_ID: 'bench-master',
    ROUTER_PROXY_CACHE_DIR: path.join(work, 'router-cache'), QUARKUS_LOG_LEVEL: 'WARN' }
})
await until('router', async () => (await fetch(`http://127.0.0.1:${managementPort}/q/health/ready`)).status === 200)

const nginxPort = await freePort()
fs.writeFileSync(path.join(work, 'nginx/nginx.conf'), `
worker_processes auto;
pid ${work}/nginx/nginx.pid;
error_log ${work}/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  proxy_cache_path ${work}/nginx/cache levels=1:2 keys_zone=hls:10m max_size=2g inactive=1h use_temp_path=off;
  upstream origin { server 127.0.0.1:${originPort}; keepalive 64; }
  server {
    listen 127.0.0.1:${nginxPort} backlog=4096;
    location /hls/ {
      proxy_pass http://origin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache hls;
      proxy_cache_lock on;
      proxy_cache_lock_timeout 10s;
      proxy_cache_valid 200 365d;
      proxy_cache_valid 404 1s;
    }
  }
}
`)
start('nginx', ['-c', path.join(work, 'nginx/nginx.conf'), '-p', path.join(work, 'nginx'), '-g', 'daemon off;'])
await until('nginx', async () => (await fetch(`http://127.0.0.1:${nginxPort}/hls/bench/room/warm-x.ts`)).status === 404)

async function round (port, segment) {
  const at = now() + 1500 // every worker's connections are open by then
  const per = Math.ceil(WAITERS / WORKERS)
  const parts = await Promise.all(Array.from({ length: WORKERS }, (_, w) => new Promise((resolve, reject) => {
    const worker = new Worker(path.join(here, 'waiters.mjs'),
      { workerData: { host: '127.0.0.1', port, count: Math.min(per, WAITERS - w * per), path: segment, at, worker: w } })
    worker.once('message', resolve)
    worker.once('error', reject)
  })))
  return parts.flat()
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] }

for (let r = 0; r < WARMUP; r++) {
  for (const [name, port] of [['router', routerPort], ['nginx', nginxPort]]) {
    const waiters = await round(port, `/hls/bench/room/warmup-${r}-${name}.ts`)
    console.log(`warm-up ${r + 1} ${name.padEnd(6)} (not counted): ${waiters.filter((w) => w.error || w.status !== 200).length} failed`)
  }
}

const rows = { router: [], nginx: [] }
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, port] of (r % 2 === 0 ? [['router', routerPort], ['nginx', nginxPort]] : [['nginx', nginxPort], ['router', routerPort]])) {
    const segment = `/hls/bench/room/seg-${r}-${name}.ts`
    const waiters = await round(port, segment)
    await sleep(200)
    const upstream = firstBytes.get(segment)
    const bad = waiters.filter((w) => w.error || w.status !== 200 || w.bytes !== 1 << 20).length
    const fetches = originFetches.get(segment) || 0
    const row = {
      firstWaiterFirstByte: Math.min(...waiters.map((w) => w.first)) - upstream,
      medianFirstByte: median(waiters.map((w) => w.first)) - upstream,
      medianLastByte: median(waiters.map((w) => w.last)) - upstream,
      bad, fetches
    }
    rows[name].push(row)
    console.log(`round ${r + 1} ${name.padEnd(6)} first waiter's first byte ${row.firstWaiterFirstByte.toFixed(1)} ms, median first byte ` +
      `${row.medianFirstByte.toFixed(0)} ms, median last byte ${row.medianLastByte.toFixed(0)} ms after the origin's first byte; ${bad} incomplete; ${fetches} origin fetch(es)`)
  }
}
// The client's own ceiling: the same reads of an object the cache already holds.
const warm = await round(nginxPort, '/hls/bench/room/seg-0-nginx.ts')
const warmSpan = Math.max(...warm.map((w) => w.last)) - Math.min(...warm.map((w) => w.first))
console.log(`client ceiling: ${WAITERS} reads of a cached 1 MiB object from nginx took ${warmSpan.toFixed(0)} ms first byte to last`)

const m = (name, k) => median(rows[name].map((x) => x[k]))
console.log('\n| | router | nginx | router / nginx |\n|---|---|---|---|')
for (const [k, label] of [['firstWaiterFirstByte', "first waiter's first byte (ms)"], ['medianFirstByte', 'median first byte (ms)'], ['medianLastByte', 'median last byte (ms)']]) {
  console.log(`| ${label} | ${m('router', k).toFixed(1)} | ${m('nginx', k).toFixed(1)} | ${(m('router', k) / m('nginx', k)).toFixed(2)} |`)
}
process.exit(0)
