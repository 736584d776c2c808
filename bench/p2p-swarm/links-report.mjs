// Prints bench/p2p-links.sh's results as Markdown: per run, a table per viewer (origin bytes on the
// wire, the viewer's wire upload and download, the page's counters, stalls, distance behind live,
// start-up); then one table per segment length, link profile and N with P2P on and off side by side:
// origin bytes saved = 1 − origin on ÷ origin off (the same round's pair), against the ceiling
// (N−1)/N, the page-reported P2P share and its difference from the wire figure, the largest viewer
// upload ÷ the mean ("no star"), the rebuffer ratio, distance behind live and start-up. With several
// rounds: medians, and each round's saved figure.
// Usage: node links-report.mjs <results.jsonl>      (everything)
//        node links-report.mjs --run <run.json>    (one run's viewers, as the bench goes)
import { readFileSync } from 'node:fs'

const MB = 1e6
const f = (x, d = 2) => (x == null || !Number.isFinite(x) ? '–' : x.toFixed(d))
const mb = (x) => (x == null ? '–' : (x / MB).toFixed(2))
const pct = (x, d = 1) => (x == null || !Number.isFinite(x) ? '–' : `${(100 * x).toFixed(d)} %`)
const median = (xs) => {
  const s = xs.filter((x) => x != null && Number.isFinite(x)).sort((a, b) => a - b)
  if (!s.length) return null
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const sum = (xs) => xs.reduce((a, b) => a + (b ?? 0), 0)
// Page fields every run has and the per-viewer table shows already; the others are listed apart.
const SHOWN = new Set(['http', 'p2p', 'uploaded', 'peers', 'latency', 'liveSync', 'shard', 'rejected'])
const roomOf = (r) => {
  const m = r.url && r.url.match(/\/play\/([^/]+)\/([^/?#]+)/)
  return m ? { app: m[1], room: m[2] } : null
}

// The router's own count of this room's HLS bytes over the window, if it exports one.
function routerBytes (r) {
  if (!r.routerMetrics) return null
  const where = roomOf(r)
  if (!where) return null
  const mine = Object.entries(r.routerMetrics).filter(([k]) => k.includes(`"${where.app}"`) && k.includes(`"${where.room}"`))
  if (!mine.length) return null
  const name = (k) => k.replace(/\{.*$/, '')
  for (const suffix of ['_total', '_sum']) {
    const picked = mine.filter(([k]) => name(k).endsWith(suffix))
    if (picked.length) return sum(picked.map(([, v]) => v))
  }
  return sum(mine.filter(([k]) => !/_(count|max|bucket|created)$/.test(name(k))).map(([, v]) => v))
}

function viewerTable (r) {
  const lines = []
  const where = roomOf(r)
  lines.push(`### ${r.segmentSeconds}-s segments, links ${r.profile}, ${r.viewers} viewers, ${r.label}, round ${r.round}` +
    ` (${where ? `${where.app}/${where.room}` : r.url}; bitrate ${r.bitrateKbit} kbit/s; window ${f(r.watchSeconds, 1)} s;` +
    ` run ${r.runSeconds ?? '–'} s; CPU busy ${pct(r.cpuBusy, 0)})`)
  lines.push('')
  lines.push('| viewer | down / up kbit | origin MB (wire) | of which retransmitted | HTTP segment requests | upload MB (wire) | download MB (wire) | tbf drops down / up | page http MB | page p2p MB | page uploaded MB | peers | stalls | stalled s | behind live s | start-up s |')
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|')
  for (const v of r.perViewer) {
    const p = v.page
    lines.push(`| ${v.viewer} (${v.addr}) | ${v.rates} | ${mb(v.origin.bytes)} | ${mb(v.origin.retransmitted)} | ${v.origin.segmentRequests} ` +
      `| ${mb(v.wire.upload)} | ${mb(v.wire.download)} | ${v.wire.downQdisc?.drops ?? '–'} / ${v.wire.upQdisc?.drops ?? '–'} ` +
      `| ${mb(p.http)} | ${mb(p.p2p)} | ${mb(p.uploaded)} | ${v.pageEnd.peers ?? '–'} | ${v.stalls} | ${f(v.stalledSeconds, 1)} ` +
      `| ${f(v.behindLiveSeconds, 1)} | ${f(v.startupSeconds, 1)} |`)
  }
  const t = r.total
  lines.push(`| **all** | | **${mb(t.origin)}** | ${mb(t.originRetransmitted)} | ${t.originSegmentRequests} | ${mb(t.upload)} | ${mb(t.download)} | ` +
    `| ${mb(t.http)} | ${mb(t.p2p)} | ${mb(t.page.uploaded)} | | ${t.stalls} | ${f(t.stalledSeconds, 1)} | ${f(t.behindLiveSeconds, 1)} | ${f(t.startupSeconds, 1)} |`)
  lines.push('')
  const extra = Object.entries(t.page).filter(([k]) => !SHOWN.has(k))
  const rb = routerBytes(r)
  lines.push(`Page P2P share ${f(t.share)}; upload max ÷ mean ${f(t.maxOverMeanUpload)} on the wire, ${f(t.maxOverMeanPageUpload)} by the pages; ` +
    `origin playlists ${mb(t.originPlaylist)} MB; whole run (start-up included) ${mb(t.originRun)} MB; ` +
    `router's count ${rb == null ? 'not exported' : `${mb(rb)} MB`}.`)
  if (extra.length) lines.push(`Other page fields (sum of the viewers' changes over the window): ${extra.map(([k, x]) => `${k} ${Number.isInteger(x) ? x : x.toFixed(2)}`).join(', ')}.`)
  lines.push('')
  return lines.join('\n')
}

if (process.argv[2] === '--run') {
  console.error(viewerTable(JSON.parse(readFileSync(process.argv[3], 'utf8'))))
  process.exit(0)
}

const runs = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
console.log('## Per run and viewer\n')
for (const r of runs) console.log(viewerTable(r))

const groups = new Map()
for (const r of runs) {
  const k = `${r.segmentSeconds}|${r.profile}|${r.viewers}`
  const g = groups.get(k) ?? { segment: r.segmentSeconds, profile: r.profile, viewers: r.viewers, ceiling: (r.viewers - 1) / r.viewers, on: [], off: [] }
  g[r.label === 'p2p-on' ? 'on' : 'off'].push(r)
  groups.set(k, g)
}
const profiles = [...new Set(runs.map((r) => r.profile))]
const med = (rs, get) => median(rs.map(get))
const both = (g, get, d = 2, fmt = f) => `${fmt(med(g.on, get), d)} / ${fmt(med(g.off, get), d)}`

console.log('## P2P on / off\n')
console.log('Origin bytes: TCP payload from the router to the viewers on the bridge, over the counting window. ' +
  'Saved = 1 − on ÷ off, per round; "page − wire": the page-reported P2P share minus saved. Upload: wire bytes each viewer sent.\n')
console.log('| segment | links | viewers | rounds | origin MB on / off | saved, median (each round) | ceiling | of ceiling | page P2P share | page − wire | upload max ÷ mean, wire (page) | router MB on / off | rebuffer on / off | stalls on / off | stalled s on / off | behind live s on / off | start-up s on / off | run s on / off | CPU busy on / off |')
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|')
for (const g of [...groups.values()].sort((a, b) => a.segment - b.segment || profiles.indexOf(a.profile) - profiles.indexOf(b.profile) || a.viewers - b.viewers)) {
  const saved = []
  const gap = []
  for (const on of g.on) {
    const off = g.off.find((x) => x.round === on.round) ?? g.off[0]
    if (!off || !off.total.origin) continue
    const s = 1 - on.total.origin / off.total.origin
    saved.push(s)
    gap.push(on.total.share - s)
  }
  const s = median(saved)
  const rounds = Math.max(g.on.length, g.off.length)
  console.log(`| ${g.segment} s | ${g.profile} | ${g.viewers} | ${rounds} ` +
    `| ${both(g, (r) => r.total.origin / MB)} ` +
    `| **${f(s)}**${saved.length > 1 ? ` (${saved.map((x) => x.toFixed(2)).join(', ')})` : ''} | ${f(g.ceiling)} | ${s == null ? '–' : pct(s / g.ceiling, 0)} ` +
    `| ${f(med(g.on, (r) => r.total.share))} | ${f(median(gap))} ` +
    `| ${f(med(g.on, (r) => r.total.maxOverMeanUpload))} (${f(med(g.on, (r) => r.total.maxOverMeanPageUpload))}) ` +
    `| ${both(g, (r) => { const b = routerBytes(r); return b == null ? null : b / MB })} ` +
    `| ${both(g, (r) => r.total.rebufferRatio, 2, pct)} | ${both(g, (r) => r.total.stalls, 0)} | ${both(g, (r) => r.total.stalledSeconds, 1)} ` +
    `| ${both(g, (r) => r.total.behindLiveSeconds, 1)} | ${both(g, (r) => r.total.startupSeconds, 1)} | ${both(g, (r) => r.runSeconds, 0)} ` +
    `| ${both(g, (r) => r.cpuBusy, 0, pct)} |`)
}
