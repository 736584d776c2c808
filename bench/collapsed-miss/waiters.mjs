// N waiters in one worker thread: N keep-alive connections opened (and warmed) first, then at a
// shared instant every one asks for the same cold object. Reports, per waiter, when its first and
// last byte arrived and how many bytes (ms on this machine's clock, as origin.mjs prints it).
import http from 'node:http'
import { workerData, parentPort } from 'node:worker_threads'

const { host, port, count, path, at, worker } = workerData
const agent = new http.Agent({ keepAlive: true, maxSockets: count })
const now = () => performance.timeOrigin + performance.now()

function get (p, onChunk) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host, port, path: p, agent }, (res) => {
      res.on('data', (c) => onChunk && onChunk(c))
      res.on('end', () => resolve(res.statusCode))
      res.on('error', reject)
    })
    req.on('error', reject)
  })
}

// Open every connection now, so the measured instant sees no handshakes.
await Promise.all(Array.from({ length: count }, (_, i) => get(`/hls/bench/room/warm-${worker}-${i}.ts`)))
const results = []
const delay = at - now()
await new Promise((resolve) => setTimeout(resolve, Math.max(0, delay)))
await Promise.all(Array.from({ length: count }, () => {
  const r = { first: null, last: null, bytes: 0 }
  results.push(r)
  return get(path, (c) => { if (r.first === null) r.first = now(); r.bytes += c.length })
    .then((status) => { r.last = now(); r.status = status })
    .catch((e) => { r.error = String(e) })
}))
agent.destroy()
parentPort.postMessage(results)
