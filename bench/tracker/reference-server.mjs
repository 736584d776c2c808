// The anchor: the npm bittorrent-tracker Server, WebSocket only, default settings.
// Usage: node reference-server.mjs <port>
import { Server } from 'bittorrent-tracker'

const port = Number(process.argv[2])
const server = new Server({ udp: false, http: false, ws: true, stats: false })
server.on('error', (err) => { console.error(`ERROR ${err.message}`); process.exit(1) })
server.on('warning', () => {})
server.on('listening', () => process.stdout.write(`LISTENING ${port}\n`))
server.listen(port, '127.0.0.1')
