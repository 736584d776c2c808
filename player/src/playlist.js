// A site may load the playlist through another of the app's own hostnames
// (?playlist=https://cdn.example.com/hls/<app>/<room>/index.m3u8): only this room's playlist, over
// HTTP(S), on a host playback lists for the app (playlistHosts: its CDN, edges, the router). Anything
// else is ignored, so a link cannot point viewers, and their reports, at someone else's stream.
// The swarm stays <app>/<room>, so viewers on every hostname share. Pure, tested on Node.
export function playlistOverride (search, app, room, hosts) {
  const wanted = new URLSearchParams(search).get('playlist')
  if (!wanted) return null
  try {
    const url = new URL(wanted)
    const ok = (url.protocol === 'https:' || url.protocol === 'http:') && (hosts ?? []).includes(url.hostname.toLowerCase()) &&
      url.pathname.endsWith(`/hls/${app}/${room}/index.m3u8`)
    return ok ? url.href : null
  } catch {
    return null
  }
}
