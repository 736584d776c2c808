// Flood generators of bench/hostile.sh that wrk cannot be: they keep state per client (tickets) or
// hold connections. All from SOURCE (127.0.0.2). Runs for DURATION s, prints {"held": {...}} (what it
// did; what it holds is still held), waits for "release" on stdin, lets go, prints {"done": {...}}.
//   node flood.mjs tracker  <announce-url>  CONNECTIONS (3000) held, a refused or closed one retried after RETRY_MS (1000)
//   node flood.mjs playback <playback-url>  RATE polls/s (200; 0: unpaced), WORKERS in flight at most (32);
//                                            each worker one viewer re-polling with its ticket, one poll in ten a new viewer
//   node flood.mjs reports  <stats-url> <playback-url>  WORKERS (16) unpaced: no ticket, a bad ticket, 2 GiB claimed
//                                            with a real ticket, 1 TiB claimed with a real ticket, in turn
import http from 'node:http'
import readline from 'node:readline'
import WebSocket from 'ws'

const [KIND, URL_A, URL_B] = process.argv.slice(2)
const env = (k, d) => Number(process.env[k] ?? d)
const SOURCE = process.env.SOURCE ?? '127.0.0.2'
const DURATION_MS = env('DURATION', 60) * 1000
const started = Date.now()
const deadline = started + DURATION_MS
const bump = (map, key) => { map[key] = (map[key] ?? 0) + 1 }

function request (url, { method = 'GET', body, agent } = {}) {
  return new Promise((resolve) => {
    const req = http.request(url, {
      method, agent, localAddress: SOURCE, timeout: 10000, headers: body ? { 'Content-Type': 'application/json' } : {}
    }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString(), headers: res.headers }))
      res.on('error', () => resolve({ status: -1 }))
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', () => resolve({ status: -1 }))
    req.end(body)
  })
}

async function released () {
  const rl = readline.createInterface({ input: process.stdin })
  for await (const line of rl) if (line.trim() === 'release') break
  rl.close()
}

// --- tracker: one address holding CONNECTIONS WebSockets ------------------------------------------------
async function tracker (url) {
  const TARGET = env('CONNECTIONS', 3000)
  const RETRY_MS = env('RETRY_MS', 1000)
  const s = { attempts: 0, opened: 0, answered: 0, mostOpen: 0, refusedByStatus: {}, closedByCode: {}, otherErrors: {} }
  const open = new Set()
  let retrying = true
  let peers = 0
  const connect = () => {
    if (!retrying) return
    s.attempts++
    const ws = new WebSocket(url, { localAddress: SOURCE, handshakeTimeout: 10000 })
    let wasOpen = false
    ws.on('open', () => {
      wasOpen = true
      s.opened++
      open.add(ws)
      s.mostOpen = Math.max(s.mostOpen, open.size)
      ws.send(JSON.stringify({
        action: 'announce', info_hash: 'hostilebenchinfohash', peer_id: `-HF0001-${String(++peers).padStart(12, '0')}`,
        numwant: 0, uploaded: 0, downloaded: 0, left: 1000
      }))
    })
    ws.on('message', () => s.answered++)
    ws.on('error', (e) => {
      const m = /Unexpected server response: (\d+)/.exec(e.message)
      if (m) bump(s.refusedByStatus, m[1])
      else bump(s.otherErrors, e.code ?? e.message)
    })
    ws.on('close', (code) => {
      if (wasOpen) {
        open.delete(ws)
        if (retrying) bump(s.closedByCode, code)
      }
      if (retrying) setTimeout(connect, RETRY_MS)
    })
  }
  for (let i = 0; i < TARGET; i++) connect()
  await new Promise((resolve) => setTimeout(resolve, DURATION_MS))
  retrying = false
  console.log(JSON.stringify({ held: { ...s, openNow: open.size, target: TARGET, retryMs: RETRY_MS } }))
  await released()
  for (const ws of open) ws.terminate()
  console.log(JSON.stringify({ done: {} }))
}

// --- playback: re-polls with tickets, paced or not --------------------------------------------------------
async function playback (url) {
  const RATE = env('RATE', 200)
  const WORKERS = env('WORKERS', 32)
  const agent = new http.Agent({ keepAlive: true, maxSockets: WORKERS })
  const s = { polls: 0, byStatus: {}, webrtcTokens: 0, rate: RATE, workers: WORKERS }
  const tickets = new Array(WORKERS).fill(null)
  let issued = 0
  const poll = async (w, slot) => {
    const ticket = slot % 10 === 9 ? null : tickets[w]
    const r = await request(ticket ? `${url}?viewer=${encodeURIComponent(ticket)}` : url, { agent })
    s.polls++
    bump(s.byStatus, r.status)
    if (r.status === 200) {
      const answer = JSON.parse(r.body)
      tickets[w] = answer.viewer
      if (answer.webrtc?.token) s.webrtcTokens++
    }
  }
  const worker = async (w) => {
    while (Date.now() < deadline) {
      const slot = issued++ // the next slot of the schedule all workers share
      if (RATE > 0) {
        const due = started + slot * 1000 / RATE
        if (due >= deadline) return
        if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()))
      }
      await poll(w, slot)
    }
  }
  await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)))
  console.log(JSON.stringify({ held: { ...s, perSecond: s.polls / ((Date.now() - started) / 1000) } }))
  await released()
  agent.destroy()
  console.log(JSON.stringify({ done: {} }))
}

// --- reports: forged player reports ------------------------------------------------------------------------
async function reports (statsUrl, playbackUrl) {
  const WORKERS = env('WORKERS', 16)
  const agent = new http.Agent({ keepAlive: true, maxSockets: WORKERS })
  const tickets = []
  for (let i = 0; i < 8; i++) tickets.push(JSON.parse((await request(playbackUrl, { agent })).body).viewer)
  const kinds = ['no ticket', 'bad ticket', '2 GiB claimed', '1 TiB claimed']
  const s = { reports: 0, byKind: Object.fromEntries(kinds.map((k) => [k, {}])), claimedByAccepted: 0 }
  let n = 0
  const worker = async () => {
    while (Date.now() < deadline) {
      const i = n++
      const kind = kinds[i % 4]
      const real = tickets[i % tickets.length]
      const report = { httpBytes: 2 ** 30, p2pBytes: 2 ** 30 }
      if (kind === 'bad ticket') report.ticket = real.slice(0, -2) + (real.endsWith('AA') ? 'BB' : 'AA')
      if (kind === '2 GiB claimed') report.ticket = real
      if (kind === '1 TiB claimed') Object.assign(report, { ticket: real, httpBytes: 2 ** 40 })
      const r = await request(statsUrl, { method: 'POST', body: JSON.stringify(report), agent })
      s.reports++
      bump(s.byKind[kind], r.status)
      if (r.status === 204) s.claimedByAccepted += report.httpBytes + report.p2pBytes
    }
  }
  await Promise.all(Array.from({ length: WORKERS }, worker))
  console.log(JSON.stringify({ held: { ...s, perSecond: s.reports / ((Date.now() - started) / 1000) } }))
  await released()
  agent.destroy()
  console.log(JSON.stringify({ done: {} }))
}

const kinds = { tracker, playback, reports }
if (!kinds[KIND]) throw new Error(`unknown flood ${KIND}: tracker, playback or reports`)
await kinds[KIND](URL_A, URL_B)
process.exit(0)
