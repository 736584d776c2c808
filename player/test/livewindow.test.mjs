// node --test: when a P2P viewer of a young live stream may start playing.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { liveWindowFits } from '../src/livewindow.js'

test('a live playlist shorter than the sync distance makes the viewer wait', () => {
  assert.equal(liveWindowFits({ live: true, totalduration: 4 }, 9), false)
  assert.equal(liveWindowFits({ live: true, totalduration: 8.99 }, 9), false)
})

test('a live playlist that reaches back the sync distance lets the viewer play', () => {
  assert.equal(liveWindowFits({ live: true, totalduration: 9 }, 9), true)
  assert.equal(liveWindowFits({ live: true, totalduration: 16 }, 9), true)
})

test('a finished playlist never waits', () => {
  assert.equal(liveWindowFits({ live: false, totalduration: 2 }, 9), true)
})
