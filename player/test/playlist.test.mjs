// node --test: which ?playlist= overrides the page accepts.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { playlistOverride } from '../src/playlist.js'

const hosts = ['cdn.festival.example.com', 'hls.example.com']
const q = (url) => `?playlist=${encodeURIComponent(url)}`

test("this room's playlist on one of the app's hosts is taken", () => {
  const url = 'https://cdn.festival.example.com/hls/festival/main/index.m3u8'
  assert.equal(playlistOverride(q(url), 'festival', 'main', hosts), url)
  assert.equal(playlistOverride(q('http://HLS.example.com:8080/hls/festival/main/index.m3u8'), 'festival', 'main', hosts),
    'http://hls.example.com:8080/hls/festival/main/index.m3u8')
})

test('another host, room, path or scheme is ignored', () => {
  assert.equal(playlistOverride(q('https://evil.example.com/hls/festival/main/index.m3u8'), 'festival', 'main', hosts), null)
  assert.equal(playlistOverride(q('https://cdn.festival.example.com.evil.net/hls/festival/main/index.m3u8'), 'festival', 'main', hosts), null)
  assert.equal(playlistOverride(q('https://cdn.festival.example.com/hls/festival/other/index.m3u8'), 'festival', 'main', hosts), null)
  assert.equal(playlistOverride(q('javascript:alert(1)//hls/festival/main/index.m3u8'), 'festival', 'main', hosts), null)
  assert.equal(playlistOverride(q('not a url'), 'festival', 'main', hosts), null)
  assert.equal(playlistOverride('', 'festival', 'main', hosts), null)
  assert.equal(playlistOverride(q('https://cdn.festival.example.com/hls/festival/main/index.m3u8'), 'festival', 'main', undefined), null)
})
