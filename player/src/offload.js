// What P2P saved, counted the way the origin sees it. Bytes from peers count as offload only once a
// whole segment was accepted from a peer (digest checked) and not also fetched over HTTP; everything
// else that crossed between peers bought nothing and is reported apart as waste:
//   aborted    a peer transfer abandoned or failed part-way (deadline, timeout, peer gone);
//   duplicate  a segment accepted from a peer that this viewer already had;
//   rejected   a segment whose bytes did not match the playlist's digest.
// A segment whose peer transfer was abandoned and then fetched over HTTP is a refetch (counted, the
// HTTP bytes stay HTTP: the origin paid them). Fed by P2P Media Loader's events; pure, so it is
// tested on Node (test/offload.test.mjs).

// How many recent segment URLs are remembered for duplicate and refetch detection: a live window
// holds tens, so this is hours of 2-s segments, and the state stays bounded on a long session.
export const REMEMBERED_SEGMENTS = 512

export class OffloadCounter {
  constructor () {
    this.http = 0 // every byte fetched over HTTP: what the origin (or CDN) sent
    this.p2p = 0 // accepted segments from peers: bytes that replaced an HTTP fetch
    this.received = 0 // every byte from peers, accepted or not
    this.uploaded = 0
    this.aborted = 0
    this.duplicate = 0
    this.rejected = 0
    this.rejectedSegments = 0
    this.refetched = 0
    this.inFlight = new Map() // peerId -> bytes of the transfer from it under way (one at a time)
    this.segments = new Map() // url -> 'accepted' | 'abandoned', most recent last
  }

  chunk (bytes, source, peerId) {
    if (source === 'p2p') {
      this.received += bytes
      this.inFlight.set(peerId, (this.inFlight.get(peerId) ?? 0) + bytes)
    } else {
      this.http += bytes
    }
  }

  chunkUploaded (bytes) {
    this.uploaded += bytes
  }

  // A peer transfer starts: whatever an earlier transfer from that peer left unsettled was lost.
  started ({ downloadSource, peerId }) {
    if (downloadSource === 'p2p') this.settleAborted(peerId, null)
  }

  loaded ({ segmentUrl, bytesLength, downloadSource, peerId }) {
    const before = this.segments.get(segmentUrl)
    if (downloadSource === 'p2p') {
      // Bytes beyond the segment's own are the tail of an earlier transfer from this peer, cut short.
      this.aborted += Math.max(0, (this.inFlight.get(peerId) ?? 0) - bytesLength)
      this.inFlight.delete(peerId)
      if (before === 'accepted') {
        this.duplicate += bytesLength
        return
      }
      this.p2p += bytesLength
    } else if (before === 'abandoned') {
      this.refetched++
    }
    this.remember(segmentUrl, 'accepted')
  }

  // Aborts and errors of peer transfers; a failed digest check arrives here too, after rejectedBytes.
  failed ({ segment, downloadSource, peerId, error }) {
    if (downloadSource !== 'p2p') return
    if (error?.type === 'p2p-segment-validation-failed') {
      this.inFlight.delete(peerId) // counted by rejectedBytes already
      return
    }
    this.settleAborted(peerId, segment?.url)
  }

  rejectedBytes (bytes) {
    this.rejected += bytes
    this.rejectedSegments++
  }

  settleAborted (peerId, url) {
    const bytes = this.inFlight.get(peerId)
    if (bytes !== undefined) {
      this.aborted += bytes
      this.inFlight.delete(peerId)
    }
    if (url && this.segments.get(url) !== 'accepted') this.remember(url, 'abandoned')
  }

  remember (url, state) {
    this.segments.delete(url)
    this.segments.set(url, state)
    if (this.segments.size > REMEMBERED_SEGMENTS) this.segments.delete(this.segments.keys().next().value)
  }

  // Accepted P2P bytes over all accepted bytes: the figure the page shows and the operator's dashboard sums.
  get share () {
    const total = this.http + this.p2p
    return total ? this.p2p / total : 0
  }
}
