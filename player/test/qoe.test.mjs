// node --test: start-up, stalls, stalled and played time, and distance behind live from video events.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Qoe } from '../src/qoe.js'

test('start-up is the first playing; stalls after it count with their time; played excludes them', () => {
  const q = new Qoe()
  q.waiting(500) // loading before the first frame is start-up, not a stall
  q.playing(1200)
  q.waiting(11200)
  q.playing(13200)
  q.paused(20200)
  const t = q.totals(30000)
  assert.equal(t.startup, 1.2)
  assert.equal(t.stalls, 1)
  assert.equal(t.stalledSeconds, 2)
  assert.equal(t.playedSeconds, 17)
})

test('an open stall and an open playing stretch are included up to now', () => {
  const q = new Qoe()
  q.playing(0)
  assert.equal(q.totals(4000).playedSeconds, 4)
  q.waiting(5000)
  q.waiting(5500) // one stall, however many 'waiting' events
  const t = q.totals(8000)
  assert.equal(t.stalls, 1)
  assert.equal(t.stalledSeconds, 3)
  assert.equal(t.playedSeconds, 5)
})

test('distance behind live is averaged over valid samples only', () => {
  const q = new Qoe()
  q.behindLive(8)
  q.behindLive(10)
  q.behindLive(NaN)
  q.behindLive(-1)
  const t = q.totals(0)
  assert.equal(t.behindSum / t.behindCount, 9)
})
