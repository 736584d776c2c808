// Bundles the player for browsers. P2P Media Loader's core must come from its prebuilt browser
// bundle (export condition p2pml:core-as-bundle); its Node entry pulls in Node-only modules. That
// bundle is patched on the way in (p2pml-patches.mjs: upload slots and seed election).
// Usage: node build.mjs <output-dir>
import { build } from 'esbuild'
import { copyFile, mkdir } from 'node:fs/promises'
import path from 'node:path'
import { p2pmlPatches } from './p2pml-patches.mjs'

const out = process.argv[2] ?? 'dist'
await mkdir(out, { recursive: true })
await build({
  entryPoints: ['src/player.js'],
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: true,
  target: ['es2020'],
  conditions: ['p2pml:core-as-bundle'],
  plugins: [p2pmlPatches],
  outfile: path.join(out, 'player.js'),
  logLevel: 'warning'
})
await copyFile('src/player.css', path.join(out, 'player.css'))
