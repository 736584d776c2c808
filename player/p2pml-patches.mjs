// A small, reviewed patch to P2P Media Loader's core (2.3.1, pinned in package.json), applied to its
// browser bundle while esbuild bundles the page; node_modules is never changed. Why: on links shaped
// like real homes (upload about twice the stream's bitrate) the stock scheduler builds a star. The
// viewer that fetches a segment first is the only one that has it when the others ask, it serves
// them all at once, and each copy crawls at its uplink ÷ N until the others give up at their
// deadline and fetch over HTTP anyway (docs/player.md, "Swarm"). The patch adds two stream
// settings, both off unless the page sets them:
//
//   maxSimultaneousUploads  A viewer serves at most this many peers at once; a further request is
//                           answered "absent" (the protocol's own reply), so the asker takes the
//                           segment from another holder. When a slot frees up, the viewer announces
//                           its segments again, so refused peers may come back. Copies then
//                           cascade: every finished copy is a new source.
//   httpSeedElection        Replaces the random early HTTP fetches: for a segment inside the HTTP
//                           window that no peer has or is fetching, the viewer whose hash of
//                           (peer id, segment) is lowest among itself and its connected peers that
//                           share (have announced segments) fetches it over HTTP at once; a viewer
//                           that may not upload never seeds. Each segment gets one seeder as soon as it
//                           is listed, seeders rotate over the swarm, and the cascade has the whole
//                           window to run in.
// Also, a busy slot's "absent" no longer wipes the asker's bandwidth history of that peer.
//
// Each replacement must match the bundle exactly once, or the build fails: a new P2P Media Loader
// version needs this file reviewed again (test/p2pml-patches.test.mjs checks it against the
// installed bundle).
import { readFile } from 'node:fs/promises'

export const BUNDLE = /p2p-media-loader-core[\\/]dist[\\/]p2p-media-loader-core\.es\.js$/

// The seed election's rank of a peer for a segment: lowest wins. FNV-1a of the peer id, mixed with
// the segment number and finished with murmur3's fmix32. Plain FNV-1a of "id:segment" ranks a pair of
// peers the same way for most segments when their ids share a prefix, so a few viewers seeded all.
// A function's source, so that the patch embeds it and test/p2pml-patches.test.mjs runs it.
export const SEED_RANK = `(id, segment) => {
			let h = 2166136261;
			for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
			h ^= Math.imul(segment.externalId, 2654435761);
			h = Math.imul(h ^ h >>> 16, 2246822507);
			h = Math.imul(h ^ h >>> 13, 3266489909);
			return (h ^ h >>> 16) >>> 0;
		}`

export const PATCHES = [
  {
    why: 'the two settings exist (P2P Media Loader drops config keys it has no default for)',
    find: '\t\tsimultaneousP2PDownloads: 3,\n',
    replace: '\t\tsimultaneousP2PDownloads: 3,\n\t\tmaxSimultaneousUploads: void 0,\n\t\thttpSeedElection: false,\n'
  },
  {
    why: 'the tracker client keeps its own peer id, the one its peers know it by',
    find: '\t\t\tP2PTrackerClient.PEER_ID_BY_INFO_HASH.set(streamHash, peerId);\n\t\t}\n',
    replace: '\t\t\tP2PTrackerClient.PEER_ID_BY_INFO_HASH.set(streamHash, peerId);\n\t\t}\n\t\tthis.peerId = peerId;\n'
  },
  {
    why: 'upload slots: refuse a request while the slots are taken, announce again when one frees up',
    find: `		if (this.config.isP2PUploadDisabled) {
			peer.sendSegmentAbsentCommand(segmentExternalId, requestId);
			return;
		}
		const swarmId = this.config.swarmId ?? this.streamManifestUrl;`,
    replace: `		if (this.config.isP2PUploadDisabled) {
			peer.sendSegmentAbsentCommand(segmentExternalId, requestId);
			return;
		}
		if (this.config.maxSimultaneousUploads !== void 0 && this.uploadsUnderWay(peer) >= this.config.maxSimultaneousUploads) {
			peer.sendSegmentAbsentCommand(segmentExternalId, requestId);
			this.announceWhenASlotFrees();
			return;
		}
		const swarmId = this.config.swarmId ?? this.streamManifestUrl;`
  },
  {
    why: 'upload slots: an upload is under way until the data channel has sent what was written to it',
    find: `	destroy() {
		const streamSwarmId = getStreamSwarmId(this.config.swarmId ?? this.streamManifestUrl, this.stream);`,
    replace: `	uploadsUnderWay(except) {
		let n = 0;
		for (const p of this.trackerClient.peers()) if (p !== except && (p.peerProtocol.getUploadingRequestId() !== void 0 || p.connection.bufferSize > 0)) n++;
		return n;
	}
	get ownPeerId() {
		return this.trackerClient.peerId;
	}
	announceWhenASlotFrees() {
		if (this.slotTimer !== void 0) return;
		this.slotTimer = setInterval(() => {
			if (this.uploadsUnderWay(null) >= this.config.maxSimultaneousUploads) return;
			clearInterval(this.slotTimer);
			this.slotTimer = void 0;
			this.broadcastAnnouncement();
		}, 100);
	}
	destroy() {
		clearInterval(this.slotTimer);
		const streamSwarmId = getStreamSwarmId(this.config.swarmId ?? this.streamManifestUrl, this.stream);`
  },
  {
    why: 'seed election: runs with every look at the queue, after the queue itself was served',
    find: `			} else if (statuses.isP2PDownloadable && request?.status !== "loading" && this.requests.executingP2PCount < simultaneousP2PDownloads) this.loadThroughP2P(segment);
		}
	}`,
    replace: `			} else if (statuses.isP2PDownloadable && request?.status !== "loading" && this.requests.executingP2PCount < simultaneousP2PDownloads) this.loadThroughP2P(segment);
		}
		if (this.config.httpSeedElection && !isInitialHttpWait) this.seedElected(queue);
	}
	seedElected(queue) {
		const loader = this.p2pLoaders.currentLoader;
		const self = loader.ownPeerId;
		if (self === void 0 || this.config.isP2PUploadDisabled) return;
		// Candidates: peers that share (a viewer that may not upload announces nothing).
		const peers = [...loader.trackerClient.peers()].filter((p) => p.loadedSegments.size > 0 || p.httpLoadingSegments.size > 0);
		if (!peers.length && !loader.connectedPeerCount) return;
		const rank = ${SEED_RANK};
		for (const { segment, statuses } of queue) {
			if (this.requests.executingHttpCount >= this.config.simultaneousHttpDownloads) return;
			if (statuses.isHighDemand || !statuses.isHttpDownloadable || loader.isSegmentLoadingOrLoadedBySomeone(segment)) continue;
			const request = this.requests.get(segment);
			if (request && (request.status === "loading" || request.status === "succeed" || request.failedAttempts.httpAttemptsCount > 0)) continue;
			const mine = rank(self, segment);
			if (peers.every((p) => rank(p.id, segment) > mine)) {
				this.seededSegments = (this.seededSegments ?? 0) + 1;
				this.loadThroughHttp(segment);
			}
		}
	}`
  },
  {
    why: 'a busy upload slot ("absent") says nothing about the peer\'s speed: keep its bandwidth history',
    find: `		controls.abortOnError(error);
		this.bandwidthCalculator.stopLoading();
		this.bandwidthCalculator.clear();
		this.cachedDownloadBandwidth.timestamp = 0;`,
    replace: `		controls.abortOnError(error);
		this.bandwidthCalculator.stopLoading();
		if (type !== "peer-segment-absent") this.bandwidthCalculator.clear();
		this.cachedDownloadBandwidth.timestamp = 0;`
  },
  {
    why: 'seed election replaces the random early HTTP fetches',
    find: `	loadRandomThroughHttp() {
		const { httpDownloadInitialTimeoutMs } = this.config;`,
    replace: `	loadRandomThroughHttp() {
		if (this.config.httpSeedElection) return;
		const { httpDownloadInitialTimeoutMs } = this.config;`
  }
]

// Applies every patch to the bundle's source; throws, naming the patch, if one does not match exactly once.
export function applyPatches (source) {
  let out = source
  for (const p of PATCHES) {
    const at = out.indexOf(p.find)
    if (at < 0 || out.indexOf(p.find, at + 1) >= 0) {
      throw new Error(`P2P Media Loader patch does not apply (${at < 0 ? 'not found' : 'found twice'}): ${p.why}`)
    }
    out = out.slice(0, at) + p.replace + out.slice(at + p.find.length)
  }
  return out
}

// The esbuild plugin: P2P Media Loader's core bundle, patched.
export const p2pmlPatches = {
  name: 'p2pml-patches',
  setup (build) {
    build.onLoad({ filter: BUNDLE }, async (args) => ({ contents: applyPatches(await readFile(args.path, 'utf8')), loader: 'js' }))
  }
}
