// A P2P viewer of a live stream younger than its sync distance would start at the first listed
// segment, only a segment or two behind live. Every new segment is then due the moment it is listed:
// the viewer fetches all of them over HTTP itself, is never the elected seeder of one, and its peers
// take from it what they could have had from each other. Such a viewer waits, with what it loaded,
// until the playlist reaches back its sync distance, so it plays as far behind live as one that
// joined later. A finished (VOD) playlist never waits. Pure, so it is tested on Node
// (test/livewindow.test.mjs).
export function liveWindowFits (details, syncSeconds) {
  return !details.live || details.totalduration >= syncSeconds
}
