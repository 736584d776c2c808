// One real bittorrent-tracker Client (one per process: clients in one process share a socket).
// It announces to the tracker under test, and when a peer connects over a WebRTC data channel
// it sends a greeting and prints what the other side sent. Lines on stdout are the test's evidence:
//   UPDATE <complete> <incomplete> | SCRAPE <complete> <incomplete> | PEER <hex id> | DATA <text>
//   WARNING <message> | ERROR <message>
// Usage: node interop-client.mjs <announce-url> <info-hash-hex> <peer-id-hex> [timeout-ms]
import Client from 'bittorrent-tracker'
import * as wrtc from 'webrtc-polyfill'

const [announce, infoHash, peerId, timeoutArg] = process.argv.slice(2)
const timeoutMs = Number(timeoutArg || 30000)
const say = (line) => process.stdout.write(line + '\n')

const client = new Client({
  infoHash,
  peerId,
  announce: [announce],
  port: 6881,
  wrtc,
  // No STUN: everything is on 127.0.0.1 and the machine has no route out.
  rtcConfig: { iceServers: [] }
})

client.on('update', (data) => say(`UPDATE ${data.complete} ${data.incomplete}`))
client.on('scrape', (data) => say(`SCRAPE ${data.complete} ${data.incomplete}`))
client.on('warning', (err) => say(`WARNING ${err.message}`))
client.on('error', (err) => say(`ERROR ${err.message}`))
client.on('peer', (peer) => {
  peer.on('connect', () => {
    say(`PEER ${peer.id}`)
    peer.send(`hello from ${peerId}`)
  })
  peer.on('data', (data) => say(`DATA ${Buffer.from(data).toString()}`))
  peer.on('error', (err) => say(`WARNING peer ${err.message}`))
})

// stdin commands from the test: "scrape", "update", "stop".
process.stdin.setEncoding('utf8')
process.stdin.on('data', (chunk) => {
  for (const cmd of chunk.split('\n').map((s) => s.trim()).filter(Boolean)) {
    if (cmd === 'scrape') client.scrape()
    else if (cmd === 'update') client.update()
    else if (cmd === 'stop') client.stop()
  }
})

client.start()
setTimeout(() => {
  say('TIMEOUT')
  client.destroy()
  process.exit(2)
}, timeoutMs).unref()
process.stdin.on('end', () => { client.destroy(); process.exit(0) })
