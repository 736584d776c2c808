// Segment integrity: the origin puts #EXT-X-STREAMHUB-SHA256:<hex> before every segment of the
// playlists it serves (shared SegmentDigest.java is the contract's home). The playlist comes from
// the CDN, which we trust; a segment that a peer sends is checked against it before hls.js sees it.
import { sha256 } from '@noble/hashes/sha2.js'

// hls.js keeps unknown tags in frag.tagList as [name, value] (its m3u8 parser drops the '#').
export const DIGEST_TAG = 'EXT-X-STREAMHUB-SHA256'
const HEX = /^[0-9a-f]{64}$/
// Playlists are a sliding window; this keeps far more than any window lists.
const MAX_ENTRIES = 2000

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

// Web Crypto exists only in secure contexts (https, localhost); plain-http pages hash in JS.
async function digestOf (data) {
  const subtle = globalThis.crypto?.subtle
  if (subtle) return hex(new Uint8Array(await subtle.digest('SHA-256', data)))
  return hex(sha256(new Uint8Array(data)))
}

export class SegmentDigests {
  constructor () {
    this.byUrl = new Map()
    this.tagged = false // whether any playlist carried digests: a stream without them (pushed to S3) cannot be checked
  }

  // From hls.js LEVEL_LOADED / AUDIO_TRACK_LOADED: details.fragments[].{url, tagList}.
  record (fragments) {
    for (const frag of fragments) {
      const tag = (frag.tagList || []).find((t) => t[0] === DIGEST_TAG)
      const value = tag && String(tag[1] || '').trim()
      if (!value || !HEX.test(value)) continue
      this.tagged = true
      this.byUrl.delete(frag.url) // re-insert: Map order is then age order
      this.byUrl.set(frag.url, value)
    }
    for (const url of this.byUrl.keys()) {
      if (this.byUrl.size <= MAX_ENTRIES) break
      this.byUrl.delete(url)
    }
  }

  // P2P Media Loader's validateP2PSegment: true accepts, false drops the bytes (the loader then
  // fetches the segment elsewhere and closes that peer's connection).
  validator (onReject) {
    return async (url, byteRange, data) => {
      if (!this.tagged) return true
      const expected = this.byUrl.get(url)
      // Digests cover whole files; an unlisted segment or a byte range cannot be checked, so it comes over HTTP.
      const ok = !!expected && !byteRange && (await digestOf(data)) === expected
      if (!ok) onReject(url, data.byteLength)
      return ok
    }
  }
}
