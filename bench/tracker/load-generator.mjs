// WebTorrent-tracker load generator: one process drives `connections` peers spread over `swarms`
// swarms, speaking the protocol the way P2P Media Loader does (announce with offers, answer every
// offer received). Controlled by the orchestrator over stdin/stdout, one JSON object per line:
//   -> {"ready": n, "failed": f}        once every peer is connected and its first announce answered
//   <- "start"                          begin periodic re-announces, counting from zero
//   <- "stop"                           stop announcing; after a grace period report the window:
//   -> {"window": {...}}
//   <- "status"                         -> {"status": {"open": n, "reconnects": r, ...}}
//   <- "exit"                           close everything
// Usage: node load-generator.mjs <ws-url>[|<ws-url>…] <connections> <swarms> <announce-every-s> <offers> <id>
// Several URLs (a room's shards, as config-service hands them out): each peer takes one by a hash of
// its index, as a player hashes its stable viewer id, and the URL's index is its swarm.
// RECONNECT=1: a peer whose socket closes reconnects by P2P Media Loader's rule, which is
// bittorrent-tracker's WebSocket client's (lib/client/websocket-tracker.js, 11.2.x): after
// 10 s x 2^retries (at most 1 h) plus a uniform 0-5 min, retries counted since the last success,
// then announces at once. RTTS=1: the window report carries every round trip (for merging).
// Each peer connects from its own loopback address, 127.<16 + id>.<i / 256>.<i % 256> (Linux routes
// all of 127.0.0.0/8 to lo), so the tracker's per-address limits see one viewer per address, as on
// the Internet, and every address has its own ephemeral ports. SPREAD_SOURCES=0: all from 127.0.0.1.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import WebSocket from 'ws'

const [urlArg, connArg, swarmArg, everyArg, offersArg, idArg] = process.argv.slice(2)
const URLS = urlArg.split('|')
const RECONNECT = process.env.RECONNECT === '1'
const RECONNECT_MINIMUM = 10 * 1000
const RECONNECT_MAXIMUM = 60 * 60 * 1000
const RECONNECT_VARIANCE = 5 * 60 * 1000
const CONNECTIONS = Number(connArg)
const SWARMS = Number(swarmArg)
const EVERY_MS = Number(everyArg) * 1000
const OFFERS = Number(offersArg)
const GEN = Number(idArg)
const RAMP_CONCURRENCY = 200
const SPREAD = process.env.SPREAD_SOURCES !== '0'
if (SPREAD && (CONNECTIONS > 65536 || GEN > 200)) throw new Error('spread sources: at most 65,536 peers per generator and 201 generators')
const GRACE_MS = 3000

// A realistic data-channel-only SDP of ~500 bytes (what browsers send with trickle off, trimmed).
const sdp = (kind, n) => [
  'v=0', `o=- ${4611731400430051336n + BigInt(n)} 2 IN IP4 127.0.0.1`, 's=-', 't=0 0', 'a=group:BUNDLE 0',
  'a=extmap-allow-mixed', 'a=msid-semantic: WMS', 'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
  'c=IN IP4 0.0.0.0', 'a=candidate:1467250027 1 udp 2122260223 127.0.0.1 46243 typ host generation 0',
  'a=ice-ufrag:Oq2w', 'a=ice-pwd:kW3sn0pD1Ynm1b0yqfF2UvfL',
  'a=fingerprint:sha-256 9A:3B:51:0E:7C:24:8C:1F:EF:2B:0C:74:6C:55:1A:C8:DD:4E:93:55:2E:0A:B6:93:6B:90:0A:1D:3E:4C:70:12',
  `a=setup:${kind === 'offer' ? 'actpass' : 'active'}`, 'a=mid:0', 'a=sctp-port:5000', 'a=max-message-size:262144', ''
].join('\r\n')
const OFFER_SDP = sdp('offer', GEN)
const ANSWER_SDP = sdp('answer', GEN)

// 20-byte binary ids, one char per byte (U+0000-U+00FF), as the protocol wants. Peer ids look like
// real clients' (an ASCII client prefix, then 12 random bytes) and offer ids are 20 random bytes;
// a seeded generator keeps runs repeatable. (Counter-shaped ids would make hash tables collide in
// a way no real swarm does.)
let seed = (0x9e3779b9 ^ (GEN * 0x85ebca6b)) >>> 0
const randomByte = () => {
  seed = (seed + 0x6d2b79f5) >>> 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) & 0xff
}
const randomId = (prefix) => {
  let s = prefix
  while (s.length < 20) s += String.fromCharCode(randomByte())
  return s
}
const binId = (tag, a, b) => {
  let s = String.fromCharCode(tag, GEN & 0xff, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff, (b >> 8) & 0xff, b & 0xff)
  while (s.length < 20) s += String.fromCharCode(0x80 + ((s.length * 37 + a) & 0x7f))
  return s
}
const infoHash = (swarm) => binId(0xf0, swarm, 0)
const shardHash = (shard) => {
  let s = String.fromCharCode(0xf1, (shard >> 8) & 0xff, shard & 0xff)
  while (s.length < 20) s += String.fromCharCode(0x80 + ((s.length * 37 + shard) & 0x7f))
  return s
}

const stats = () => ({ announces: 0, replies: 0, failures: 0, offersIn: 0, answersIn: 0, answersOut: 0, frames: 0, rtts: [] })
let window = stats()
let counting = false
let failedConnections = 0
let closedUnexpectedly = 0
let reconnects = 0
let reconnectFailures = 0
let reconnectAttempts = 0
const reconnectErrors = new Map()

class Peer {
  constructor (i) {
    this.i = i
    this.peerId = randomId('-WW0207-')
    // FNV-1a of the peer's global index, as the player hashes its viewer id into a shard.
    let h = 0x811c9dc5
    for (const c of `${GEN}:${i}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193)
    this.shard = URLS.length > 1 ? (h >>> 0) % URLS.length : 0
    this.url = URLS[this.shard]
    // A shard of a room is one swarm, whichever generator its peers come from; with one URL, the
    // SWARMS swarms stay per generator as the recorded runs had them.
    this.hash = URLS.length > 1 ? shardHash(this.shard) : infoHash(i % SWARMS)
    this.pending = [] // send times of announces awaiting their reply, in order
    this.retries = 0
  }

  connect () {
    return new Promise((resolve) => {
      // DEFLATE=1 offers permessage-deflate the way every browser does; off by default, like the
      // bittorrent-tracker client in Node.
      const localAddress = SPREAD ? `127.${16 + GEN}.${this.i >> 8}.${this.i & 0xff}` : undefined
      const ws = new WebSocket(this.url, { perMessageDeflate: process.env.DEFLATE === '1', localAddress })
      this.ws = ws
      let opened = false
      ws.on('open', () => {
        opened = true
        if (this.reconnecting) {
          this.reconnecting = false
          this.retries = 0
          reconnects++
        }
        this.announce()
        resolve(true)
      })
      ws.on('message', (data) => this.onMessage(data.toString()))
      ws.on('error', (err) => {
        if (this.reconnecting) {
          reconnectFailures++
          reconnectErrors.set(err.message, (reconnectErrors.get(err.message) ?? 0) + 1)
        }
        else if (!opened) { failedConnections++; if (failedConnections <= 3) process.stderr.write(`connect failed: ${err.message}\n`) }
        resolve(false)
      })
      ws.on('close', () => {
        this.pending.length = 0 // those announces will never be answered: not counted as unanswered
        if (stopping) return
        if (opened) closedUnexpectedly++
        if (RECONNECT && (opened || this.reconnecting)) this.scheduleReconnect()
      })
    })
  }

  scheduleReconnect () {
    const ms = Math.floor(Math.random() * RECONNECT_VARIANCE) + Math.min(Math.pow(2, this.retries) * RECONNECT_MINIMUM, RECONNECT_MAXIMUM)
    this.reconnecting = true
    clearTimeout(this.reconnectTimer)
    this.reconnectTimer = setTimeout(() => { this.retries++; reconnectAttempts++; this.connect() }, ms)
  }

  announce () {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return
    const offers = []
    for (let k = 0; k < OFFERS; k++) {
      offers.push({ offer: { type: 'offer', sdp: OFFER_SDP }, offer_id: randomId('') })
    }
    this.pending.push(performance.now())
    window.announces++
    this.ws.send(JSON.stringify({
      action: 'announce', info_hash: this.hash, peer_id: this.peerId, numwant: OFFERS,
      uploaded: 0, downloaded: 0, left: 1, offers
    }))
  }

  onMessage (text) {
    window.frames++
    const m = JSON.parse(text)
    if (m.offer) {
      window.offersIn++
      window.answersOut++
      if (this.ws.readyState !== WebSocket.OPEN) return
      this.ws.send(JSON.stringify({
        action: 'announce', info_hash: this.hash, peer_id: this.peerId, to_peer_id: m.peer_id,
        offer_id: m.offer_id, answer: { type: 'answer', sdp: ANSWER_SDP }
      }))
    } else if (m.answer) {
      window.answersIn++
    } else {
      const sent = this.pending.shift()
      if (m['failure reason']) window.failures++
      else window.replies++
      if (sent !== undefined && counting) window.rtts.push(performance.now() - sent)
      if (firstReply && !this.answered) { this.answered = true; firstReply() }
    }
  }
}

let stopping = false
let firstReply = null
const peers = []
for (let i = 0; i < CONNECTIONS; i++) peers.push(new Peer(i))

// Ramp: at most RAMP_CONCURRENCY handshakes in flight; then wait for every first reply.
let answered = 0
const allAnswered = new Promise((resolve) => {
  firstReply = () => { if (++answered === CONNECTIONS - failedConnections) resolve() }
})
let next = 0
await Promise.all(Array.from({ length: RAMP_CONCURRENCY }, async () => {
  while (next < CONNECTIONS) await peers[next++].connect()
}))
if (answered < CONNECTIONS - failedConnections) await Promise.race([allAnswered, new Promise((r) => setTimeout(r, 30000))])
process.stdout.write(JSON.stringify({ ready: CONNECTIONS - failedConnections, failed: failedConnections, answered }) + '\n')

const timers = []
const commands = { start, stop, exit, status }
process.stdin.setEncoding('utf8')
process.stdin.on('data', (chunk) => chunk.split('\n').map((s) => s.trim()).filter(Boolean).forEach((c) => commands[c]?.()))

// How late this process's own event loop runs: a round trip it measures includes that lag, so a
// saturated generator is told apart from a slow tracker.
const loopDelay = monitorEventLoopDelay({ resolution: 20 })
loopDelay.enable()

function start () {
  window = stats()
  loopDelay.reset()
  counting = true
  for (const p of peers) {
    if (!p.ws) continue
    // Spread re-announces evenly over the interval, like independent players (a peer that is
    // reconnecting skips its turns; it announces when it is back).
    const phase = Math.random() * EVERY_MS
    timers.push(setTimeout(() => { p.announce(); timers.push(setInterval(() => p.announce(), EVERY_MS)) }, phase))
  }
}

function stop () {
  timers.forEach((t) => clearTimeout(t))
  timers.length = 0
  setTimeout(() => {
    counting = false
    const rtts = window.rtts.sort((a, b) => a - b)
    const q = (p) => rtts.length ? rtts[Math.min(rtts.length - 1, Math.floor(p * rtts.length))] : null
    const unanswered = peers.reduce((n, p) => n + p.pending.length, 0)
    const { rtts: _, ...counts } = window
    const all = process.env.RTTS === '1' ? { rtts: rtts.map((x) => Math.round(x * 100) / 100) } : {}
    process.stdout.write(JSON.stringify({
      window: { ...counts, unanswered, closedUnexpectedly, p50: q(0.5), p99: q(0.99), loopDelayP99: loopDelay.percentile(99) / 1e6, loopDelayMax: loopDelay.max / 1e6, ...all }
    }) + '\n')
  }, GRACE_MS)
}

function status () {
  const open = peers.reduce((n, p) => n + (p.ws?.readyState === WebSocket.OPEN ? 1 : 0), 0)
  const waiting = peers.reduce((n, p) => n + (p.reconnecting ? 1 : 0), 0)
  process.stdout.write(JSON.stringify({ status: { open, waiting, reconnects, reconnectAttempts, reconnectFailures, errors: Object.fromEntries(reconnectErrors), closedUnexpectedly } }) + '\n')
}

function exit () {
  stopping = true
  for (const p of peers) p.ws?.terminate()
  process.exit(0)
}
