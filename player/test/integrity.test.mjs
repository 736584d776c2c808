// node --test: the validator the player hands P2P Media Loader, on real SHA-256 (Web Crypto and the JS fallback).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { SegmentDigests, DIGEST_TAG } from '../src/integrity.js'

const bytes = (n, seed) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff).buffer
const sha = (buf) => createHash('sha256').update(Buffer.from(buf)).digest('hex')
const frag = (url, buf) => ({ url, tagList: [['INF', '2'], [DIGEST_TAG, sha(buf)]] })

test('a segment with its listed digest passes; one changed byte is rejected and reported', async () => {
  const good = bytes(300000, 1)
  const digests = new SegmentDigests()
  digests.record([frag('https://cdn/hls/a/r/s1.ts', good)])
  const rejected = []
  const validate = digests.validator((url, n) => rejected.push([url, n]))
  assert.equal(await validate('https://cdn/hls/a/r/s1.ts', undefined, good), true)
  const bad = good.slice(0)
  new Uint8Array(bad)[150000] ^= 0xff
  assert.equal(await validate('https://cdn/hls/a/r/s1.ts', undefined, bad), false)
  assert.deepEqual(rejected, [['https://cdn/hls/a/r/s1.ts', 300000]])
})

test('once playlists carry digests, an unlisted segment or a byte range is not taken from a peer', async () => {
  const good = bytes(1000, 2)
  const digests = new SegmentDigests()
  digests.record([frag('https://cdn/s1.ts', good)])
  const validate = digests.validator(() => {})
  assert.equal(await validate('https://cdn/s2.ts', undefined, good), false)
  assert.equal(await validate('https://cdn/s1.ts', { start: 0, end: 99 }, good), false)
})

test('a stream whose playlists carry no digests (pushed to S3) is not checked', async () => {
  const digests = new SegmentDigests()
  digests.record([{ url: 'https://s3/s1.ts', tagList: [['INF', '2']] }, { url: 'https://s3/s2.ts', tagList: [[DIGEST_TAG, 'not-hex']] }])
  assert.equal(await digests.validator(() => {})('https://s3/s1.ts', undefined, bytes(10, 3)), true)
})

test('without Web Crypto (a plain-http page) the JS SHA-256 gives the same answer', async () => {
  const good = bytes(70000, 4)
  const digests = new SegmentDigests()
  digests.record([frag('u', good)])
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto')
  Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true })
  try {
    assert.equal(await digests.validator(() => {})('u', undefined, good), true)
  } finally {
    Object.defineProperty(globalThis, 'crypto', saved)
  }
})

test('the table stays bounded on a long live stream', () => {
  const digests = new SegmentDigests()
  for (let i = 0; i < 5000; i++) digests.record([frag(`s${i}`, bytes(8, i))])
  assert.equal(digests.byUrl.size, 2000)
  assert.ok(digests.byUrl.has('s4999') && !digests.byUrl.has('s0'))
})
