// StreamHub player: hls.js, with P2P Media Loader when the app enables P2P, or WebRTC straight from
// LiveKit when playback hands this viewer a token (apps with webrtc.enabled), falling back to HLS
// when that fails. Everything comes from the playback API; HTTP fallback is always on. Shows what viewers and operators want to see and
// reports to config-service what it received by source (offload.js: peer bytes count only when they
// replaced an HTTP fetch) and what the viewer lived through (qoe.js), so offload and its cost are measured.
import Hls from 'hls.js'
import { HlsJsP2PEngine } from 'p2p-media-loader-hlsjs'
import { SegmentDigests } from './integrity.js'
import { liveWindowFits } from './livewindow.js'
import { OffloadCounter } from './offload.js'
import { playlistOverride } from './playlist.js'
import { Qoe } from './qoe.js'
import { StreamRate, UplinkMeter, uplinkTooThin } from './uplink.js'
import { Room, RoomEvent, Track } from 'livekit-client'

const REPORT_EVERY_MS = 5000
const PLAYBACK_RECHECK_MS = 15000
const body = document.body
const app = body.dataset.app
const room = body.dataset.room
const video = document.getElementById('video')
const $ = (id) => document.getElementById(id)

const offload = new OffloadCounter()
const qoe = new Qoe()
// Counters the page shows and reports; also read by the browser tests and the benches. Bytes come
// from the offload counter: p2p is accepted peer bytes only, the waste fields are what else crossed.
const stats = { state: 'loading', path: null, webrtcError: null, peers: 0, latency: null, error: null, p2pEnabled: false, shard: null, uploadDisabled: false }
for (const [field, from] of Object.entries({ http: 'http', p2p: 'p2p', p2pReceived: 'received', uploaded: 'uploaded', p2pAborted: 'aborted', p2pDuplicate: 'duplicate', p2pRejected: 'rejected', rejected: 'rejectedSegments', refetched: 'refetched' })) {
  Object.defineProperty(stats, field, { enumerable: true, get: () => offload[from] })
}
Object.defineProperty(stats, 'qoe', { enumerable: true, get: () => qoe.totals(performance.now()) })
window.streamhub = stats
// Sends what is not reported yet (tests call it to compare the page with the metrics).
window.streamhubFlush = () => report()

const clientId = (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2)).replace(/[^A-Za-z0-9_-]/g, '')
// The ticket playback gives this viewer (docs/player.md, "Viewer ticket"): shown again on re-polls, so
// they keep this viewer's one WebRTC slot (or take none), and on the release of that slot.
let ticket = null
const api = (path) => `/api/apps/${app}/rooms/${room}/${path}${ticket ? `?viewer=${encodeURIComponent(ticket)}` : ''}`
async function playbackNow () {
  const response = await fetch(api('playback'))
  if (!response.ok) throw new Error(`playback API: HTTP ${response.status}`)
  const playback = await response.json()
  ticket = playback.viewer ?? ticket
  return playback
}
// Gives this viewer's WebRTC slot back: it plays HLS now.
const releaseWebrtc = () => fetch(api('webrtc'), { method: 'DELETE', keepalive: true }).catch(() => {})
// What was sent so far, to report differences.
let reported = { http: 0, p2p: 0, aborted: 0, duplicate: 0, rejected: 0, rejectedSegments: 0, refetched: 0, stalls: 0, stalledSeconds: 0, playedSeconds: 0, behindSum: 0, behindCount: 0, startup: null }

// Segments from peers are checked against the digests in the playlist (integrity.js); a rejected
// one never counts as offload (P2P Media Loader does not accept it) and its bytes are waste.
const digests = new SegmentDigests()
const validateP2PSegment = digests.validator((url, bytes) => offload.rejectedBytes(bytes))

function show () {
  $('state').textContent = stats.state
  $('latency').textContent = stats.latency == null ? '–' : `${stats.latency.toFixed(1)} s`
  $('peers').textContent = stats.p2pEnabled ? String(stats.peers) : 'P2P off'
  $('http').textContent = mib(stats.http)
  $('p2p').textContent = mib(stats.p2p)
  const total = stats.http + stats.p2p
  $('offload').textContent = total ? `${((100 * stats.p2p) / total).toFixed(0)} %` : '–'
  if (stats.error) $('error').textContent = stats.error
}

const mib = (b) => `${(b / 1048576).toFixed(2)} MiB`

function snapshot () {
  const q = qoe.totals(performance.now())
  return { http: offload.http, p2p: offload.p2p, aborted: offload.aborted, duplicate: offload.duplicate, rejected: offload.rejected, rejectedSegments: offload.rejectedSegments, refetched: offload.refetched, ...q }
}

async function report () {
  const now = snapshot()
  const d = (k) => now[k] - reported[k]
  const behindCount = d('behindCount')
  if (!ticket) return
  const body = {
    ticket,
    httpBytes: d('http'),
    p2pBytes: d('p2p'),
    rejectedSegments: d('rejectedSegments'),
    p2pAbortedBytes: d('aborted'),
    p2pDuplicateBytes: d('duplicate'),
    p2pRejectedBytes: d('rejected'),
    refetchedSegments: d('refetched'),
    stalls: d('stalls'),
    stalledSeconds: round3(d('stalledSeconds')),
    playedSeconds: round3(d('playedSeconds'))
  }
  if (behindCount > 0) body.behindLiveSeconds = round3(d('behindSum') / behindCount)
  if (now.startup != null && reported.startup == null) body.startupSeconds = round3(now.startup)
  const changed = Object.entries(body).some(([k, v]) => k !== 'ticket' && v > 0)
  if (!changed) return
  reported = now
  try {
    const response = await fetch(`/api/apps/${app}/rooms/${room}/stats`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      keepalive: true
    })
    // Each accepted report renews the ticket; an expired one (a long pause) is renewed by playback.
    ticket = response.headers.get('StreamHub-Ticket') ?? ticket
    if (response.status === 401) await playbackNow()
  } catch {
    // Reporting is best effort; playback never depends on it.
  }
}

const round3 = (x) => Math.round(x * 1000) / 1000

// A viewer on a metered or cellular link (Network Information API) downloads from peers but does
// not upload, unless the app says it may: the viewer pays for what it sends.
function meteredLink () {
  const c = navigator.connection
  return !!c && (c.saveData === true || c.type === 'cellular')
}

function setP2P (engine, enabled) {
  stats.p2pEnabled = enabled
  engine.applyDynamicConfig({ core: { isP2PDisabled: !enabled, isP2PUploadDisabled: !enabled || stats.uploadDisabled } })
}

// A viewer keeps one swarm shard across reloads: a random id kept in localStorage, hashed (FNV-1a).
// ?shard=<k> picks one by hand (operators, tests); out of range is ignored.
function shardOf (shards) {
  const asked = Number.parseInt(new URLSearchParams(location.search).get('shard') ?? '', 10)
  if (Number.isInteger(asked) && asked >= 0 && asked < shards) return asked
  let id
  try {
    id = localStorage.getItem('streamhub.viewer')
    if (!id) localStorage.setItem('streamhub.viewer', (id = clientId))
  } catch {
    id = clientId // storage refused (private mode): stable for this page only
  }
  let h = 0x811c9dc5
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193)
  return (h >>> 0) % shards
}

function p2pConfig (playback) {
  const p2p = playback.p2p
  const shards = p2p.shards ?? 1
  const shard = shards > 1 ? shardOf(shards) : null
  stats.shard = shard
  // Not on a metered link (unless the app allows it), nor once the uplink proved too thin (watchUplink).
  stats.uploadDisabled = (meteredLink() && !p2p.uploadOnMetered) || stats.thinUplink === true
  return {
    isP2PUploadDisabled: stats.uploadDisabled,
    swarmId: shard == null ? p2p.swarmId : `${p2p.swarmId}/${shard}`,
    announceTrackers: shard == null ? p2p.announce : p2p.announceShards[shard],
    rtcConfig: { iceServers: p2p.iceServers },
    highDemandTimeWindow: p2p.highDemandTimeWindow,
    // The swarm (docs/player.md, "Swarm"): one elected seeder fetches each new segment over HTTP as
    // soon as it is listed, anywhere in the seed window, and copies cascade from every holder, each
    // serving at most SWARM.uploadSlots peers at once. Both settings come from the patch in p2pml-patches.mjs;
    // the windows (the seed window) from the playback API.
    httpDownloadTimeWindow: p2p.httpDownloadTimeWindow ?? p2p.p2pDownloadTimeWindow,
    p2pDownloadTimeWindow: p2p.p2pDownloadTimeWindow,
    httpSeedElection: SWARM.seedElection,
    maxSimultaneousUploads: SWARM.uploadSlots,
    validateP2PSegment
  }
}

// The swarm's shape, chosen with bench/p2p-links.sh over links shaped like homes (docs/player.md,
// "Swarm"): one seeder elected per segment, one upload at a time per viewer, half a segment of slack,
// and a viewer whose uplink drains slower than the stream plays (measured over 4 busy seconds) stops
// uploading.
const SWARM = { seedElection: true, uploadSlots: 1, extraSyncSegments: 0.5, thinUplink: { minBusySeconds: 4, ratio: 1 } }

// Measures this viewer's uplink while it uploads, and stops sharing when it is too thin (uplink.js).
function watchUplink (hls, engine) {
  const meter = new UplinkMeter()
  const stream = new StreamRate()
  hls.on(Hls.Events.FRAG_LOADED, (_, data) => stream.segment(data.payload?.byteLength ?? 0, data.frag.duration))
  const timer = setInterval(() => {
    if (stats.uploadDisabled) return clearInterval(timer)
    const peers = engine.core?.mainStreamLoader?.p2pLoaders?.currentLoader?.trackerClient?.peers?.()
    if (!peers || !stats.p2pEnabled) return
    let buffered = 0
    for (const peer of peers) buffered += peer.connection?.bufferSize ?? 0
    meter.sample(performance.now(), offload.uploaded, buffered)
    stats.uplinkKbit = meter.bitsPerSecond == null ? null : Math.round(meter.bitsPerSecond / 1000)
    if (uplinkTooThin(meter, stream, SWARM.thinUplink)) {
      stats.uploadDisabled = true
      stats.thinUplink = true
      engine.applyDynamicConfig({ core: { isP2PUploadDisabled: true } })
      console.info(`streamhub: uplink ${stats.uplinkKbit} kbit/s is below the stream's ${Math.round(stream.bitsPerSecond / 1000)}; not uploading`)
    }
  }, 100)
}

// P2P Media Loader (2.3.1) looks at its queue when something happens (a request, a playlist, a peer's
// announcement) but on playback progress at most once a second. So a viewer may notice up to a second
// late that its next segment became urgent; if a peer up to a second behind is just as overdue, the
// first one's announcement makes it look too, and both fetch over HTTP. Looking every 100 ms narrows
// that to what an HTTP fetch takes, and lets an elected seeder, or a peer refused by a busy uploader,
// act within 100 ms. The hook is internal (the version is pinned); without it the page only loses
// this refinement.
const QUEUE_POKE_MS = 100

function pokeQueue (engine) {
  let warned = false
  setInterval(() => {
    const loader = engine.core?.mainStreamLoader
    if (!loader) return
    if (typeof loader.requestProcessQueueMicrotask === 'function') {
      loader.requestProcessQueueMicrotask(true)
    } else if (!warned) {
      warned = true
      console.warn('streamhub: P2P Media Loader has no queue hook; segment fetch moments are checked once a second')
    }
  }, QUEUE_POKE_MS)
}

// How long joining over WebRTC may take before the viewer gets HLS instead.
const WEBRTC_JOIN_MS = 8000

// Joins the room as the hidden, subscribe-only participant the token allows and plays what it
// publishes. Resolves once connected; rejects (and leaves) if that does not happen in time.
async function playWebrtc (webrtc, onLost) {
  const lk = new Room({ adaptiveStream: true })
  const attach = (track) => {
    if (track.kind === Track.Kind.Video || track.kind === Track.Kind.Audio) track.attach(video)
  }
  lk.on(RoomEvent.TrackSubscribed, attach)
  let timer
  try {
    await Promise.race([
      lk.connect(webrtc.url, webrtc.token, { autoSubscribe: true, maxRetries: 0 }),
      new Promise((resolve, reject) => { timer = setTimeout(() => reject(new Error(`no connection in ${WEBRTC_JOIN_MS / 1000} s`)), WEBRTC_JOIN_MS) })
    ])
  } catch (e) {
    lk.disconnect()
    throw e
  } finally {
    clearTimeout(timer)
  }
  for (const participant of lk.remoteParticipants.values()) {
    for (const pub of participant.trackPublications.values()) if (pub.track) attach(pub.track)
  }
  lk.on(RoomEvent.Disconnected, onLost)
  video.addEventListener('playing', () => { stats.state = 'playing' })
  video.muted = true
  video.play().catch(() => { stats.state = 'click to play' })
  setInterval(show, 500)
}

async function start () {
  const playback = await playbackNow()
  if (playback.webrtc?.enabled) {
    stats.path = 'webrtc'
    $('playlist').textContent = `WebRTC: ${playback.webrtc.url}`
    try {
      // Lost later (the node went away): HLS from here on, as for a viewer who never had WebRTC.
      await playWebrtc(playback.webrtc, () => { if (stats.path === 'webrtc') releaseWebrtc().then(() => location.reload()) })
      return
    } catch (e) {
      releaseWebrtc()
      stats.webrtcError = e.message || String(e)
      console.warn(`streamhub: WebRTC failed (${stats.webrtcError}); playing HLS`)
    }
  }
  stats.path = playback.webrtc?.enabled ? 'hls (WebRTC failed)' : 'hls'
  playback.playlistUrl = playlistOverride(location.search, app, room, playback.playlistHosts) ?? playback.playlistUrl
  const hlsConfig = { liveSyncDurationCount: playback.timing.liveSyncDurationCount, lowLatencyMode: false }
  if (playback.p2p.enabled) {
    // A P2P viewer plays half a segment further behind live than a plain one: time for copies of each
    // new segment to cascade through the swarm before anyone's deadline (docs/player.md, "Swarm").
    // A viewer that may not upload sits one to 1.2 segments further back still: it never seeds (it
    // announces nothing), so it takes every segment from peers and should leave them the most time.
    const mayUpload = !(meteredLink() && !playback.p2p.uploadOnMetered)
    const extra = SWARM.extraSyncSegments + (mayUpload ? 0 : 1 + 0.2 * Math.random())
    delete hlsConfig.liveSyncDurationCount
    hlsConfig.liveSyncDuration = (playback.timing.liveSyncDurationCount + extra) * playback.timing.segmentSeconds
    stats.liveSync = hlsConfig.liveSyncDuration
  }
  let hls
  if (playback.p2p.enabled && HlsJsP2PEngine && Hls.isSupported()) {
    stats.p2pEnabled = true
    const HlsWithP2P = HlsJsP2PEngine.injectMixin(Hls)
    hls = new HlsWithP2P({ ...hlsConfig, p2p: { core: p2pConfig(playback) } })
    const engine = hls.p2pEngine
    pokeQueue(engine)
    if (!stats.uploadDisabled) watchUplink(hls, engine)
    engine.addEventListener('onChunkDownloaded', (bytes, source, peerId) => offload.chunk(bytes, source, peerId))
    engine.addEventListener('onChunkUploaded', (bytes) => offload.chunkUploaded(bytes))
    engine.addEventListener('onSegmentStart', (details) => offload.started(details))
    engine.addEventListener('onSegmentLoaded', (details) => offload.loaded(details))
    engine.addEventListener('onSegmentError', (details) => offload.failed(details))
    engine.addEventListener('onSegmentAbort', (details) => offload.failed(details))
    engine.addEventListener('onPeerConnect', () => { stats.peers++ })
    engine.addEventListener('onPeerClose', () => { stats.peers = Math.max(0, stats.peers - 1) })
    // The operator's kill switch: the tracker refuses the app with a failure reason. Stop sharing at
    // once (peer connections outlive the tracker's), and poll the playback API to resume when it is back.
    const onTrackerProblem = ({ warning, error }) => {
      const message = String((warning || error)?.message || '')
      if (message.includes('p2p is disabled') && stats.p2pEnabled) setP2P(engine, false)
    }
    engine.addEventListener('onTrackerWarning', onTrackerProblem)
    engine.addEventListener('onTrackerError', onTrackerProblem)
    const announced = JSON.stringify(p2pConfig(playback).announceTrackers)
    setInterval(async () => {
      try {
        const again = await playbackNow()
        // The tracker was rescaled (or the room resharded): its swarm now lives elsewhere. Reload so this
        // viewer announces where the others will, instead of staying in a swarm split across pods.
        if (again.p2p.enabled && JSON.stringify(p2pConfig(again).announceTrackers) !== announced) location.reload()
        if (again.p2p.enabled !== stats.p2pEnabled) setP2P(engine, again.p2p.enabled)
      } catch {
        // Keep the current setting while the API is unreachable.
      }
    }, PLAYBACK_RECHECK_MS)
  } else if (Hls.isSupported()) {
    hls = new Hls(hlsConfig)
  } else {
    // Safari plays HLS natively; no P2P, no byte counts.
    video.src = playback.playlistUrl
  }
  if (hls) {
    // With P2P on, the engine counts bytes by source; with it off (or switched off), hls.js loads
    // segments itself and every byte is HTTP.
    // The digests of the segments each playlist lists, for checking what peers send.
    hls.on(Hls.Events.LEVEL_LOADED, (_, data) => digests.record(data.details.fragments))
    hls.on(Hls.Events.AUDIO_TRACK_LOADED, (_, data) => digests.record(data.details.fragments))
    hls.on(Hls.Events.FRAG_LOADED, (_, data) => { if (!stats.p2pEnabled) offload.http += data.frag.stats.loaded })
    hls.on(Hls.Events.ERROR, (_, data) => {
      if (data.fatal) {
        stats.error = `${data.type}: ${data.details}`
        if (data.type === Hls.ErrorTypes.NETWORK_ERROR) hls.startLoad()
        else if (data.type === Hls.ErrorTypes.MEDIA_ERROR) hls.recoverMediaError()
      }
    })
    hls.loadSource(playback.playlistUrl)
    hls.attachMedia(video)
  }
  $('playlist').textContent = playback.playlistUrl
  video.addEventListener('playing', () => { stats.state = 'playing'; qoe.playing(performance.now()) })
  video.addEventListener('waiting', () => { stats.state = 'buffering'; qoe.waiting(performance.now()) })
  video.addEventListener('pause', () => { stats.state = 'paused'; qoe.paused(performance.now()) })
  setInterval(() => {
    // Segments this viewer fetched as the elected seeder (the rest of its HTTP segments were due).
    stats.seeded = hls?.p2pEngine?.core?.mainStreamLoader?.seededSegments ?? 0
    if (hls && hls.latency) {
      stats.latency = hls.latency
      if (stats.state === 'playing') qoe.behindLive(hls.latency)
    }
    show()
  }, 500)
  setInterval(report, REPORT_EVERY_MS)
  addEventListener('pagehide', report)
  video.muted = true // autoplay policies allow muted playback
  if (hls && stats.p2pEnabled) await liveWindow(hls, hlsConfig.liveSyncDuration)
  video.play().catch(() => { stats.state = 'click to play' })
}

// Resolves once the playlist reaches back syncSeconds (at once for a stream older than that): see livewindow.js.
function liveWindow (hls, syncSeconds) {
  return new Promise((resolve) => {
    const check = (_, data) => {
      if (!liveWindowFits(data.details, syncSeconds)) return
      hls.off(Hls.Events.LEVEL_LOADED, check)
      resolve()
    }
    hls.on(Hls.Events.LEVEL_LOADED, check)
  })
}

start().catch((e) => {
  stats.state = 'error'
  stats.error = e.message
  show()
})
