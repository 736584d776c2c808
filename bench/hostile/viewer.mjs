// The legitimate viewer of bench/hostile.sh, in its own process so that no flood generator's event
// loop delays it: from SOURCE (127.0.0.3), every 100 ms the playlist through the master, playback
// (re-polled with the ticket it was given, as a player does) and an announce on a fresh WebSocket to
// the tracker, closed before the next round (a viewer holds one connection). Prints one JSON line per
// request: {"t": <ms since epoch at its start>, "kind": "playlist|playback|announce", "ok": bool, "ms": latency, "why": …}.
// Usage: node viewer.mjs <playlist-url> <playback-url> <announce-url>
import http from 'node:http'
import WebSocket from 'ws'

const [PLAYLIST, PLAYBACK, ANNOUNCE] = process.argv.slice(2)
const SOURCE = process.env.SOURCE ?? '127.0.0.3'
const PERIOD_MS = 100
const TIMEOUT_MS = 5000
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 })

const emit = (kind, t, ok, why) => process.stdout.write(JSON.stringify({ t, kind, ok, ms: Date.now() - t, why }) + '\n')

function get (url) {
  return new Promise((resolve) => {
    const req = http.get(url, { agent, localAddress: SOURCE, timeout: TIMEOUT_MS }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }))
      res.on('error', (e) => resolve({ status: 0, why: e.message }))
    })
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)))
    req.on('error', (e) => resolve({ status: 0, why: e.message }))
  })
}

let ticket = null
async function playback () {
  const t = Date.now()
  const r = await get(ticket ? `${PLAYBACK}?viewer=${encodeURIComponent(ticket)}` : PLAYBACK)
  if (r.status === 200) {
    try { ticket = JSON.parse(r.body).viewer ?? ticket } catch {}
  }
  emit('playback', t, r.status === 200, r.status === 200 ? undefined : r.why ?? `status ${r.status}`)
}

async function playlist () {
  const t = Date.now()
  const r = await get(PLAYLIST)
  emit('playlist', t, r.status === 200, r.status === 200 ? undefined : r.why ?? `status ${r.status}`)
}

function announce () {
  const t = Date.now()
  return new Promise((resolve) => {
    let answer = null
    const done = (ok, why) => { if (answer === null) { answer = { ok, why }; emit('announce', t, ok, why) } }
    const ws = new WebSocket(ANNOUNCE, { localAddress: SOURCE, handshakeTimeout: TIMEOUT_MS })
    const timer = setTimeout(() => { done(false, `no answer within ${TIMEOUT_MS} ms`); ws.terminate() }, TIMEOUT_MS)
    ws.on('open', () => ws.send(JSON.stringify({
      action: 'announce', info_hash: 'hostilebenchinfohash', peer_id: '-HB0001-viewerviewer', numwant: 0, uploaded: 0, downloaded: 0, left: 1000
    })))
    ws.on('message', (m) => {
      const reason = JSON.parse(m.toString())['failure reason']
      done(!reason, reason ? `failure reason: ${reason}` : undefined)
      ws.close()
    })
    ws.on('error', (e) => done(false, e.message))
    // The round ends when the connection is gone: at the tracker's cap, an address holding one gains no second.
    ws.on('close', (code) => { clearTimeout(timer); done(false, `closed ${code} before an answer`); resolve() })
  })
}

for (;;) {
  const start = Date.now()
  const tracker = announce()
  await playlist()
  await playback()
  await tracker
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, PERIOD_MS - (Date.now() - start))))
}
