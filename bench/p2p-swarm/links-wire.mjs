// Adds the origin's side to one raw run of links.mjs, from a tcpdump capture on the bridge: the TCP
// payload bytes the router (ORIGIN address, port 8080) sent to each viewer's address, within the
// counting window and over the whole run, split by what was asked for (HTTP/1.1 responses follow
// their request on a connection: bytes after a GET and before the next one answer that GET), and
// how much of it was sent again (retransmissions). Then the run's totals. One JSON line to stdout.
//
// Usage: node links-wire.mjs <raw.json> <capture.pcap> <origin-address> [run-seconds]
import { readFileSync } from 'node:fs'

const [rawPath, pcapPath, origin, runSecondsArg] = process.argv.slice(2)
const run = JSON.parse(readFileSync(rawPath, 'utf8'))
const ORIGIN_PORT = 8080

// Classic pcap (tcpdump -w): 24-byte file header, then a 16-byte header per packet. Ethernet frames.
function * packets (buf) {
  const magic = buf.readUInt32LE(0)
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d
  const nano = magic === 0xa1b23c4d || magic === 0x4d3cb2a1
  const u32 = (o) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o))
  if (u32(20) !== 1) throw new Error(`${pcapPath}: link type ${u32(20)}, expected Ethernet`)
  let o = 24
  while (o + 16 <= buf.length) {
    const ms = u32(o) * 1000 + u32(o + 4) / (nano ? 1e6 : 1e3)
    const incl = u32(o + 8)
    const frame = buf.subarray(o + 16, Math.min(buf.length, o + 16 + incl))
    o += 16 + incl
    let e = 14
    let type = frame.length >= 14 ? frame.readUInt16BE(12) : 0
    if (type === 0x8100 && frame.length >= 18) { type = frame.readUInt16BE(16); e = 18 }
    if (type !== 0x0800 || frame.length < e + 20) continue
    const ihl = (frame[e] & 0x0f) * 4
    if (frame[e + 9] !== 6 || frame.length < e + ihl + 20) continue
    const total = frame.readUInt16BE(e + 2)
    const t = e + ihl
    const doff = (frame[t + 12] >> 4) * 4
    yield {
      ms,
      src: frame.subarray(e + 12, e + 16).join('.'),
      dst: frame.subarray(e + 16, e + 20).join('.'),
      sport: frame.readUInt16BE(t),
      dport: frame.readUInt16BE(t + 2),
      seq: frame.readUInt32BE(t + 4),
      payload: Math.max(0, total - ihl - doff),
      head: frame.subarray(t + doff, Math.min(frame.length, t + doff + 160)).toString('latin1')
    }
  }
}

const kindOf = (path) => (/\.m3u8(\?|$)/.test(path) ? 'playlist' : 'segment')
const blank = () => ({ bytes: 0, retransmitted: 0, segment: 0, playlist: 0, other: 0, segmentRequests: 0, playlistRequests: 0 })
const byAddr = new Map(run.perViewer.map((v) => [v.addr, { window: blank(), run: blank() }]))
const flows = new Map() // "viewer:port" -> { base, max, kind }
for (const p of packets(readFileSync(pcapPath))) {
  const toViewer = p.src === origin && p.sport === ORIGIN_PORT
  const fromViewer = p.dst === origin && p.dport === ORIGIN_PORT
  if (!toViewer && !fromViewer) continue
  const addr = toViewer ? p.dst : p.src
  const counts = byAddr.get(addr)
  if (!counts) continue
  const key = `${addr}:${toViewer ? p.dport : p.sport}`
  const flow = flows.get(key) ?? { base: null, max: 0, kind: 'other' }
  flows.set(key, flow)
  const inWindow = p.ms >= run.windowStart && p.ms <= run.windowEnd
  const scopes = inWindow ? [counts.run, counts.window] : [counts.run]
  if (fromViewer) {
    const m = p.payload > 0 && p.head.match(/^GET (\S+) HTTP/)
    if (m) {
      flow.kind = kindOf(m[1])
      for (const c of scopes) c[`${flow.kind}Requests`]++
    }
    continue
  }
  if (p.payload === 0) continue
  // Sequence numbers relative to the first one seen on the flow; anything at or below the highest
  // end already seen was sent before.
  if (flow.base == null) flow.base = p.seq
  let rel = (p.seq - flow.base) >>> 0
  if (rel > 0x7fffffff) rel -= 0x100000000
  const endRel = rel + p.payload
  const again = Math.max(0, Math.min(endRel, flow.max) - rel)
  flow.max = Math.max(flow.max, endRel)
  for (const c of scopes) {
    c.bytes += p.payload
    c.retransmitted += again
    c[flow.kind] += p.payload
  }
}

const sum = (xs) => xs.reduce((a, b) => a + (b ?? 0), 0)
const pageNum = (v, k) => (typeof v.page[k] === 'number' ? v.page[k] : 0)
for (const v of run.perViewer) {
  const c = byAddr.get(v.addr)
  v.origin = c.window
  v.originRun = c.run
}
const per = run.perViewer
const http = sum(per.map((v) => pageNum(v, 'http')))
const p2p = sum(per.map((v) => pageNum(v, 'p2p')))
const uploads = per.map((v) => v.wire.upload ?? 0)
const pageUploads = per.map((v) => pageNum(v, 'uploaded'))
const meanOf = (xs) => (xs.length ? sum(xs) / xs.length : 0)
const behind = per.filter((v) => v.behindLiveSeconds != null).map((v) => v.behindLiveSeconds)
const startup = per.filter((v) => v.startupSeconds != null).map((v) => v.startupSeconds)
// Every numeric page field, summed over the viewers (deltas over the window).
const pageTotals = {}
for (const v of per) for (const [k, x] of Object.entries(v.page)) if (typeof x === 'number') pageTotals[k] = (pageTotals[k] ?? 0) + x
const stalledSeconds = sum(per.map((v) => v.stalledSeconds))
run.runSeconds = runSecondsArg ? Number(runSecondsArg) : null
run.total = {
  origin: sum(per.map((v) => v.origin.bytes)),
  originSegment: sum(per.map((v) => v.origin.segment)),
  originPlaylist: sum(per.map((v) => v.origin.playlist)),
  originRetransmitted: sum(per.map((v) => v.origin.retransmitted)),
  originSegmentRequests: sum(per.map((v) => v.origin.segmentRequests)),
  originRun: sum(per.map((v) => v.originRun.bytes)),
  upload: sum(uploads),
  download: sum(per.map((v) => v.wire.download)),
  http, p2p,
  share: http + p2p ? p2p / (http + p2p) : 0,
  ceiling: (run.viewers - 1) / run.viewers,
  maxOverMeanUpload: meanOf(uploads) ? Math.max(...uploads) / meanOf(uploads) : null,
  maxOverMeanPageUpload: meanOf(pageUploads) ? Math.max(...pageUploads) / meanOf(pageUploads) : null,
  stalls: sum(per.map((v) => v.stalls)),
  stalledSeconds,
  rebufferRatio: stalledSeconds / (run.watchSeconds * per.length),
  behindLiveSeconds: behind.length ? meanOf(behind) : null,
  startupSeconds: startup.length ? meanOf(startup) : null,
  startupMaxSeconds: startup.length ? Math.max(...startup) : null,
  page: pageTotals
}
process.stdout.write(JSON.stringify(run) + '\n')
