// The stream's bitrate, for bench/p2p-links.sh's link rates: the segments a live playlist lists,
// fetched through the router, total bytes × 8 ÷ total duration. Waits (bounded) until the playlist
// lists at least <min-segments>. Prints kbit/s (rounded up) on stdout, the details on stderr.
// Usage: node links-probe.mjs <playlist-url> [min-segments]
const [playlistUrl, minArg] = process.argv.slice(2)
const min = Number(minArg || 3)
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const text = async (u) => {
  const r = await fetch(u, { signal: AbortSignal.timeout(10000) })
  if (!r.ok) throw new Error(`${u}: HTTP ${r.status}`)
  return r.text()
}
const parse = (body, base) => {
  const out = []
  let duration = null
  for (const line of body.split('\n').map((l) => l.trim())) {
    const m = line.match(/^#EXTINF:([\d.]+)/)
    if (m) duration = Number(m[1])
    else if (line && !line.startsWith('#') && duration != null) {
      out.push({ url: new URL(line, base).href, duration })
      duration = null
    }
  }
  return out
}
let media = playlistUrl
let segments = []
for (let i = 0; i < 120; i++) {
  try {
    const body = await text(media)
    const variant = body.match(/#EXT-X-STREAM-INF[^\n]*\n\s*(\S+)/)
    if (variant) { media = new URL(variant[1], media).href; continue }
    segments = parse(body, media)
    if (segments.length >= min) break
  } catch (e) {
    if (i === 119) throw e
  }
  await sleep(1000)
}
if (!segments.length) throw new Error(`${media}: no segments`)
let bytes = 0
let seconds = 0
for (const s of segments) {
  const r = await fetch(s.url, { signal: AbortSignal.timeout(10000) })
  if (!r.ok) continue
  bytes += (await r.arrayBuffer()).byteLength
  seconds += s.duration
}
if (!seconds) throw new Error(`${media}: no segment could be fetched`)
const kbit = Math.ceil((bytes * 8) / seconds / 1000)
process.stderr.write(`bench: ${segments.length} segments, ${bytes} bytes over ${seconds.toFixed(1)} s of ${media}: ${kbit} kbit/s\n`)
console.log(kbit)
