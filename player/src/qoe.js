// What the viewer lived through, in the terms of video analytics (start-up time, rebuffering,
// distance behind live), so an operator sees whether P2P costs viewers anything. Driven by the
// video element's events and a clock the caller passes (performance.now in the page, a fake in
// test/qoe.test.mjs).
//   start-up   from page navigation to the first 'playing';
//   stall      a 'waiting' after the first 'playing'; stalled time runs until the next 'playing';
//   played     time spent playing (not paused, not stalled);
//   behind     the player's distance behind the live edge, sampled.
// Rebuffer ratio = stalled ÷ (played + stalled).
export class Qoe {
  constructor () {
    this.startup = null // seconds, once known
    this.stalls = 0
    this.stalledMs = 0
    this.playedMs = 0
    this.behindSum = 0
    this.behindCount = 0
    this.stalledSince = null
    this.playingSince = null
  }

  playing (now) {
    if (this.startup == null) this.startup = now / 1000
    this.endStall(now)
    if (this.playingSince == null) this.playingSince = now
  }

  waiting (now) {
    this.endPlaying(now)
    if (this.startup != null && this.stalledSince == null) {
      this.stalls++
      this.stalledSince = now
    }
  }

  paused (now) {
    this.endPlaying(now)
    this.endStall(now) // a pause during a stall is the viewer's choice from then on
  }

  behindLive (seconds) {
    if (Number.isFinite(seconds) && seconds >= 0) {
      this.behindSum += seconds
      this.behindCount++
    }
  }

  // Totals so far, the open playing or stalled stretch included.
  totals (now) {
    return {
      startup: this.startup,
      stalls: this.stalls,
      stalledSeconds: (this.stalledMs + (this.stalledSince == null ? 0 : now - this.stalledSince)) / 1000,
      playedSeconds: (this.playedMs + (this.playingSince == null ? 0 : now - this.playingSince)) / 1000,
      behindSum: this.behindSum,
      behindCount: this.behindCount
    }
  }

  endStall (now) {
    if (this.stalledSince != null) {
      this.stalledMs += now - this.stalledSince
      this.stalledSince = null
    }
  }

  endPlaying (now) {
    if (this.playingSince != null) {
      this.playedMs += now - this.playingSince
      this.playingSince = null
    }
  }
}
