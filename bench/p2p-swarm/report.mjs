// Prints bench/p2p-swarm.sh's results as a Markdown table: per segment length and viewer count,
// P2P on and off side by side; with several rounds, the median share with every round's figure,
// and rebuffers and stalled seconds summed over the rounds.
// Usage: node report.mjs <results.jsonl>
import { readFileSync } from 'node:fs'

const runs = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
const groups = new Map()
for (const r of runs) {
  const k = `${r.segmentSeconds}|${r.viewers}`
  const g = groups.get(k) ?? { segment: r.segmentSeconds, viewers: r.viewers, ceiling: r.total.ceiling, on: [], off: [] }
  g[r.label === 'p2p-on' ? 'on' : 'off'].push(r)
  groups.set(k, g)
}
const median = (xs) => {
  if (!xs.length) return null
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const f2 = (x) => (x == null ? '–' : x.toFixed(2))
const sum = (rs, k) => (rs.length ? rs.reduce((a, r) => a + r.total[k], 0) : null)
const med = (rs, k) => median(rs.filter((r) => r.total[k] != null).map((r) => r.total[k]))
console.log('| segment | viewers | rounds | P2P share, median (each round) | ceiling | median of ceiling | HTTP MB/run on / off | rebuffers on / off | stalled s on / off | behind live s on / off |')
console.log('|---|---|---|---|---|---|---|---|---|---|')
for (const g of [...groups.values()].sort((a, b) => a.segment - b.segment || a.viewers - b.viewers)) {
  const share = med(g.on, 'share')
  console.log(`| ${g.segment} s | ${g.viewers} | ${Math.max(g.on.length, g.off.length)} ` +
    `| ${f2(share)} (${g.on.map((r) => r.total.share.toFixed(2)).join(', ')}) | ${f2(g.ceiling)} ` +
    `| ${share == null ? '–' : (100 * share / g.ceiling).toFixed(0) + ' %'} ` +
    `| ${f2(med(g.on, 'http') / 1e6)} / ${f2(med(g.off, 'http') / 1e6)} | ${sum(g.on, 'stalls') ?? '–'} / ${sum(g.off, 'stalls') ?? '–'} ` +
    `| ${f2(sum(g.on, 'stalledSeconds'))} / ${f2(sum(g.off, 'stalledSeconds'))} | ${f2(med(g.on, 'behindLiveSeconds'))} / ${f2(med(g.off, 'behindLiveSeconds'))} |`)
}
