// node --test: what counts as offload, from the sequences of P2P Media Loader events a page sees.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { OffloadCounter, REMEMBERED_SEGMENTS } from '../src/offload.js'

const seg = (url) => ({ url })
const p2pDownload = (c, url, peerId, chunks, outcome = 'loaded') => {
  c.started({ segment: seg(url), downloadSource: 'p2p', peerId })
  for (const n of chunks) c.chunk(n, 'p2p', peerId)
  const total = chunks.reduce((a, b) => a + b, 0)
  if (outcome === 'loaded') c.loaded({ segmentUrl: url, bytesLength: total, downloadSource: 'p2p', peerId })
  else if (outcome === 'abort') c.failed({ segment: seg(url), downloadSource: 'p2p', peerId })
  else c.failed({ segment: seg(url), downloadSource: 'p2p', peerId, error: { type: outcome } })
}
const httpDownload = (c, url, bytes) => {
  c.started({ segment: seg(url), downloadSource: 'http' })
  c.chunk(bytes, 'http')
  c.loaded({ segmentUrl: url, bytesLength: bytes, downloadSource: 'http' })
}

test('a segment accepted from a peer is offload; the bytes received and the share agree', () => {
  const c = new OffloadCounter()
  httpDownload(c, 's1.ts', 1000)
  p2pDownload(c, 's2.ts', 'a', [400, 600])
  assert.equal(c.http, 1000)
  assert.equal(c.p2p, 1000)
  assert.equal(c.received, 1000)
  assert.equal(c.share, 0.5)
  assert.deepEqual([c.aborted, c.duplicate, c.rejected, c.refetched], [0, 0, 0, 0])
})

test('a peer transfer abandoned for HTTP is waste and a refetch, never offload', () => {
  const c = new OffloadCounter()
  p2pDownload(c, 's1.ts', 'a', [300, 200], 'abort')
  httpDownload(c, 's1.ts', 1000)
  assert.equal(c.p2p, 0)
  assert.equal(c.received, 500)
  assert.equal(c.aborted, 500)
  assert.equal(c.refetched, 1)
  assert.equal(c.http, 1000)
  assert.equal(c.share, 0)
})

test('a transfer that failed on a timeout counts as aborted; a digest failure as rejected, not twice', () => {
  const c = new OffloadCounter()
  p2pDownload(c, 's1.ts', 'a', [250], 'bytes-receiving-timeout')
  c.started({ segment: seg('s2.ts'), downloadSource: 'p2p', peerId: 'b' })
  c.chunk(800, 'p2p', 'b')
  c.rejectedBytes(800) // the validator runs before P2P Media Loader reports the failure
  c.failed({ segment: seg('s2.ts'), downloadSource: 'p2p', peerId: 'b', error: { type: 'p2p-segment-validation-failed' } })
  assert.equal(c.aborted, 250)
  assert.equal(c.rejected, 800)
  assert.equal(c.rejectedSegments, 1)
  assert.equal(c.p2p, 0)
})

test('a segment accepted twice from peers counts once; the second copy is a duplicate', () => {
  const c = new OffloadCounter()
  p2pDownload(c, 's1.ts', 'a', [1000])
  p2pDownload(c, 's1.ts', 'b', [1000])
  assert.equal(c.p2p, 1000)
  assert.equal(c.duplicate, 1000)
})

test('late chunks of a cancelled transfer are settled as aborted when that peer sends again', () => {
  const c = new OffloadCounter()
  p2pDownload(c, 's1.ts', 'a', [100], 'abort')
  c.chunk(50, 'p2p', 'a') // still in the data channel when the cancel arrived
  p2pDownload(c, 's2.ts', 'a', [1000])
  assert.equal(c.aborted, 150)
  assert.equal(c.p2p, 1000)
  assert.equal(c.received, 1150)
  assert.equal(c.received, c.p2p + c.aborted + c.duplicate + c.rejected)
})

test('the segments remembered for refetch and duplicate detection stay bounded', () => {
  const c = new OffloadCounter()
  for (let i = 0; i < REMEMBERED_SEGMENTS * 3; i++) httpDownload(c, `s${i}.ts`, 10)
  assert.equal(c.segments.size, REMEMBERED_SEGMENTS)
})
