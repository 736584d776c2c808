// node --test: the P2P Media Loader patch applies to the installed (pinned) bundle exactly, and refuses
// a bundle it was not written for.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { transform } from 'esbuild'
import { BUNDLE, PATCHES, SEED_RANK, applyPatches } from '../p2pml-patches.mjs'

const bundlePath = new URL('../node_modules/p2p-media-loader-core/dist/p2p-media-loader-core.es.js', import.meta.url)

test('every patch applies once to the pinned bundle, and the result still parses', async () => {
  const source = await readFile(bundlePath, 'utf8')
  const patched = applyPatches(source)
  for (const p of PATCHES) assert.ok(patched.includes(p.replace), p.why)
  assert.ok(patched.includes('maxSimultaneousUploads: void 0'))
  assert.match(bundlePath.pathname, BUNDLE, 'the plugin patches the file the page bundles')
  await transform(patched, { format: 'esm', loader: 'js' }) // throws on a syntax error
})

test('a bundle the patch was not written for fails the build, naming the patch', () => {
  assert.throws(() => applyPatches('export const x = 1'), /patch does not apply \(not found\): the two settings exist/)
  const twice = PATCHES[0].find + PATCHES[0].find
  assert.throws(() => applyPatches(twice), /found twice/)
})

test('the seed election spreads segments evenly over peers whose ids share a prefix, and every viewer agrees', async () => {
  const rank = (0, eval)(SEED_RANK) // eslint-disable-line no-eval
  const ids = ['-PM0230-aB3xK9Lm2QwE', '-PM0230-zz81mmQp0aXc', '-PM0230-Kq2n8vbTT1oP', '-PM0230-0pLmN7y6Rt5e',
    '-PM0230-Yh4gF3dS2aW1', '-PM0230-Qw9eR8tY7uI6']
  const wins = ids.map(() => 0)
  for (let k = 1000; k < 7000; k++) {
    const segment = { externalId: k }
    const ranks = ids.map((id) => rank(id, segment))
    wins[ranks.indexOf(Math.min(...ranks))]++
    // Each viewer computes the ranks on its own: the same inputs give the same winner.
    assert.deepEqual(ids.map((id) => rank(id, { externalId: k })), ranks)
  }
  for (const w of wins) assert.ok(w > 850 && w < 1150, `wins per peer ${wins}`)
  assert.ok((await readFile(bundlePath, 'utf8').then(applyPatches)).includes(SEED_RANK), 'the bundle runs this rank')
})
