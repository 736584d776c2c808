// WebTorrent-tracker load generator: one process drives `connections` peers spread over `swarms`
// swarms, speaking the protocol the way P2P Media Loader does (announce with offers, answer every
// offer received). Controlled by the orchestrator over stdin/stdout, one JSON object per line:
//   -> {"ready": n, "failed": f}        once every peer is connected and its first announce answered
//   <- "start"                          begin periodic re-announces, counting from zero
//   <- "stop"                           stop announcing; after a grace period report the window:
//   -> {"window": {...}}
//   <- "exit"                           close everything
// Usage: node load-generator.mjs <ws-url> <connections> <swarms> <announce-every-s> <offers> <id>
// Each peer connects from its own loopback address, 127.<16 + id>.<i / 256>.<i % 256> (Linux routes
// all of 127.0.0.0/8 to lo), so the tracker's per-address limits see one viewer per address, as on
// the Internet, and every address has its own ephemeral ports. SPREAD_SOURCES=0: all from 127.0.0.1.
import WebSocket from 'ws'

const [url, connArg, swarmArg, everyArg, offersArg, idArg] = process.argv.slice(2)
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

const stats = () => ({ announces: 0, replies: 0, failures: 0, offersIn: 0, answersIn: 0, answersOut: 0, frames: 0, rtts: [] })
let window = stats()
let counting = false
let failedConnections = 0
let closedUnexpectedly = 0

class Peer {
  constructor (i) {
    this.i = i
    this.peerId = randomId('-WW0207-')
    this.hash = infoHash(i % SWARMS)
    this.pending = [] // send times of announces awaiting their reply, in order
  }

  connect () {
    return new Promise((resolve) => {
      // DEFLATE=1 offers permessage-deflate the way every browser does; off by default, like the
      // bittorrent-tracker client in Node.
      const localAddress = SPREAD ? `127.${16 + GEN}.${this.i >> 8}.${this.i & 0xff}` : undefined
      const ws = new WebSocket(url, { perMessageDeflate: process.env.DEFLATE === '1', localAddress })
      this.ws = ws
      ws.on('open', () => { this.announce(); resolve(true) })
      ws.on('message', (data) => this.onMessage(data.toString()))
      ws.on('error', (err) => { failedConnections++; if (failedConnections <= 3) process.stderr.write(`connect failed: ${err.message}\n`); resolve(false) })
      ws.on('close', () => { if (!stopping) closedUnexpectedly++ })
    })
  }

  announce () {
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
const commands = { start, stop, exit }
process.stdin.setEncoding('utf8')
process.stdin.on('data', (chunk) => chunk.split('\n').map((s) => s.trim()).filter(Boolean).forEach((c) => commands[c]?.()))

function start () {
  window = stats()
  counting = true
  for (const p of peers) {
    if (!p.ws || p.ws.readyState !== WebSocket.OPEN) continue
    // Spread re-announces evenly over the interval, like independent players.
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
    process.stdout.write(JSON.stringify({
      window: { ...counts, unanswered, closedUnexpectedly, p50: q(0.5), p99: q(0.99) }
    }) + '\n')
  }, GRACE_MS)
}

function exit () {
  stopping = true
  for (const p of peers) p.ws?.terminate()
  process.exit(0)
}
