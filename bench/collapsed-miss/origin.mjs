// A slow origin: each segment is 1 MiB sent as 16 chunks of 64 KiB over ~0.5 s, with its length
// declared. Prints, per request, when its first byte left: {"path", "firstByteAt"} (ms, this
// machine's clock with sub-ms precision, comparable across processes).
import http from 'node:http'

const SIZE = 1 << 20
const CHUNKS = 16
const INTERVAL = Number(process.env.CHUNK_INTERVAL_MS || 31)
const body = Buffer.alloc(SIZE, 7)
const now = () => performance.timeOrigin + performance.now()

const server = http.createServer((req, res) => {
  if (!/^\/hls\/bench\/room\/[a-z0-9-]+\.ts$/.test(req.url) || req.url.includes('/warm-')) {
    res.writeHead(404, { 'Content-Length': 0 }).end()
    return
  }
  res.writeHead(200, { 'Content-Type': 'video/mp2t', 'Content-Length': SIZE, 'Cache-Control': 'public, max-age=31536000, immutable' })
  let i = 0
  const step = () => {
    if (i === 0) process.stdout.write(JSON.stringify({ path: req.url, firstByteAt: now() }) + '\n')
    res.write(body.subarray(i * (SIZE / CHUNKS), (i + 1) * (SIZE / CHUNKS)))
    if (++i < CHUNKS) setTimeout(step, INTERVAL)
    else res.end()
  }
  step()
})
server.listen(Number(process.argv[2]), '127.0.0.1', () => process.stdout.write('LISTENING\n'))
