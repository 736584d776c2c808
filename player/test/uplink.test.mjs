// node --test: the uplink meter, the stream's bitrate, and the rule that stops a thin uplink sharing.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { StreamRate, UplinkMeter, uplinkTooThin } from '../src/uplink.js'

// A segment of `bytes` written at `at` ms into a channel that drains `bytesPerMs`, sampled every 100 ms.
function drain (meter, { at, bytes, bytesPerMs, written }) {
  let buffered = 0
  let now = at
  meter.sample(now, written, buffered)
  written += bytes
  buffered = bytes
  while (buffered > 0) {
    now += 100
    buffered = Math.max(0, buffered - 100 * bytesPerMs)
    meter.sample(now, written, buffered)
  }
  return { now, written }
}

test('the drain rate while busy is the uplink, idle time does not dilute it', () => {
  const m = new UplinkMeter()
  let t = drain(m, { at: 0, bytes: 56000, bytesPerMs: 14, written: 0 }) // 112 kbit/s
  m.sample(t.now + 5000, t.written, 0) // idle for five seconds
  t = drain(m, { at: t.now + 5000, bytes: 56000, bytesPerMs: 14, written: t.written })
  assert.ok(Math.abs(m.bitsPerSecond - 112000) < 3000, String(m.bitsPerSecond))
  assert.ok(Math.abs(m.busySeconds - 8) < 0.3, String(m.busySeconds))
})

test('a 0.5x uplink is too thin once measured long enough; a 2x one never is', () => {
  const rule = { minBusySeconds: 4, ratio: 1 }
  const stream = new StreamRate()
  for (let i = 0; i < 10; i++) stream.segment(55750, 2) // 223 kbit/s
  assert.equal(Math.round(stream.bitsPerSecond), 223000)
  const thin = new UplinkMeter()
  drain(thin, { at: 0, bytes: 27000, bytesPerMs: 14, written: 0 })
  assert.equal(uplinkTooThin(thin, stream, rule), false, 'not measured long enough yet')
  drain(thin, { at: 10000, bytes: 56000, bytesPerMs: 14, written: 27000 })
  assert.equal(uplinkTooThin(thin, stream, rule), true)
  const fine = new UplinkMeter()
  let t = { now: 0, written: 0 }
  for (let i = 0; i < 10; i++) t = drain(fine, { at: t.now + 500, bytes: 55750, bytesPerMs: 55, written: t.written }) // 446 kbit/s
  assert.equal(uplinkTooThin(fine, stream, rule), false)
  assert.equal(uplinkTooThin(new UplinkMeter(), new StreamRate(), rule), false, 'nothing measured: keep sharing')
})
