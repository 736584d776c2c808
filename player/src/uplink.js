// How fast this viewer's uploads actually leave: bytes handed to the data channels minus what is
// still buffered in them, over the time something was buffered (the uplink was busy). A viewer whose
// uplink drains slower than the stream plays helps nobody in time (a copy from it arrives after its
// asker's deadline) and hurts itself: its own uploads fill the uplink that carries the
// acknowledgements of its HTTP fetches, and it stalls. Such a viewer stops uploading (docs/player.md,
// "Swarm"). Pure, so it is tested on Node (test/uplink.test.mjs).
export class UplinkMeter {
  constructor () {
    this.busyMs = 0
    this.drained = 0
    this.last = null
  }

  // written: all bytes handed to data channels so far; buffered: bytes still queued in them now.
  sample (now, written, buffered) {
    const last = this.last
    this.last = { now, written, buffered }
    if (!last || (last.buffered === 0 && buffered === 0)) return
    this.busyMs += now - last.now
    this.drained += Math.max(0, written - last.written - (buffered - last.buffered))
  }

  get busySeconds () {
    return this.busyMs / 1000
  }

  // Bits per second drained while busy; null before anything was measured.
  get bitsPerSecond () {
    return this.busyMs > 0 ? (this.drained * 8000) / this.busyMs : null
  }
}

// The stream's bitrate from the segments played: bytes over media seconds.
export class StreamRate {
  constructor () {
    this.bytes = 0
    this.seconds = 0
  }

  segment (bytes, seconds) {
    if (bytes > 0 && seconds > 0) {
      this.bytes += bytes
      this.seconds += seconds
    }
  }

  get bitsPerSecond () {
    return this.seconds > 0 ? (this.bytes * 8) / this.seconds : null
  }
}

// Whether the uplink is too thin to share: measured long enough, and draining slower than the stream
// plays (times the margin).
export function uplinkTooThin (meter, stream, { minBusySeconds, ratio }) {
  const up = meter.bitsPerSecond
  const rate = stream.bitsPerSecond
  return meter.busySeconds >= minBusySeconds && up != null && rate != null && up < ratio * rate
}
