#!/usr/bin/env bash
# Hostile traffic, 60 s per flood (issue 30): Redis, an origin router (the media node "local", where
# the simulated egress writes the room), a master in front of it, the tracker, config-service and the
# orchestrator, run from a copy of the built services. One app in hybrid mode (its CDN is the master)
# with P2P and WebRTC viewing. Floods, one after another, with pinned generators:
#   a  unique segment URLs through the master: sessions nobody advertises in the live room, and rooms
#      nobody has (wrk -t2 -c64, distinct-paths.lua)
#   b  unknown app names: config-service's playback API and the master's paths (two wrk -t1 -c32)
#   c  3,000 tracker WebSocket connections held from 127.0.0.2, refused ones retried every second
#   d  playback polled at 200/s from 127.0.0.2 (re-polls with the tickets given; one in ten a new viewer)
#   d2 the same unpaced, 32 polls in flight
#   e  forged player reports from 127.0.0.2: no ticket, a bad ticket, 2 GiB claimed, 1 TiB claimed
#   f  200 slow readers of segments through the master from 127.0.0.2 (4 KiB receive buffer, 256 B per 100 ms)
# A legitimate viewer from 127.0.0.3 runs throughout in its own process: every 100 ms the playlist
# through the master, playback (re-polled with its ticket), an announce on a fresh WebSocket.
# For each flood: the live heap of each process it aims at after a full GC (jcmd GC.run, then
# GC.heap_info) before and after, the viewer's failures and latencies (max, p99) during it, and the
# goals as met / not met; for c, whether the tracker admitted the second address at the cap. Across
# the run: no segment file a playlist lists is ever missing on the origin's disk.
#
#   bench/hostile.sh                               # every flood, 60 s each
#   FLOODS="a c" DURATION=10 bench/hostile.sh      # a quick look at two
#
# Settings: FLOODS ("a b c d d2 e f"), DURATION (60 s per flood), SETTLE (5 s between floods),
# TRACKER_CAP (256: the tracker's max-connections, its per-address cap, so one address fills it),
# CONNECTIONS (3000, flood c), POLLS (200/s, flood d), JVM_OPTS (-Xmx256m, as the e2e tests run the
# services), HISTO (1: print the classes whose live bytes grew most, from jcmd GC.class_histogram;
# 0: off), OUT (bench/target/hostile), SUITE_COPY=0 to run the jars in the repository.
# wrk cannot choose its source address: floods a and b come from 127.0.0.1 (the router and the
# playback API have no per-address limit); the others from 127.0.0.2.
# Needs: java 17+ with jcmd, node 20+ with npm, python3, wrk, redis-server, curl. Results:
# $OUT/results-<time>.json and the tables on stdout.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$ROOT/bench/hostile"
OUT="${OUT:-$ROOT/bench/target/hostile}"
SERVICES="hls-router config-service p2p-tracker egress-orchestrator"

die() { echo "bench: $*" >&2; exit 1; }
for tool in java jcmd node npm python3 wrk redis-server curl; do
  command -v "$tool" >/dev/null || die "$tool not found (Debian: apt-get install -y openjdk-17-jdk-headless wrk redis-server python3 curl; Node 20+)"
done
for svc in $SERVICES; do
  [ -f "$ROOT/$svc/target/quarkus-app/quarkus-run.jar" ] || die "$svc is not built (./mvnw package -DskipTests -pl $svc -am)"
done
mkdir -p "$OUT"
# The services run from a copy of the built jars, so that a build started in the repository meanwhile
# (it empties target/) cannot pull jars from under a running bench.
SUITE="$ROOT"
if [ "${SUITE_COPY:-1}" = 1 ]; then
  SUITE="$OUT/suite"
  rm -rf "$SUITE"
  for svc in $SERVICES; do
    mkdir -p "$SUITE/$svc/target"
    cp -a "$ROOT/$svc/target/quarkus-app" "$SUITE/$svc/target/" || die "could not copy $svc's build (is a build running?)"
  done
  ls -l --time-style=+%FT%T "$SUITE"/*/target/quarkus-app/quarkus-run.jar > "$SUITE/BUILD-INFO.txt"
fi
if [ ! -d "$HERE/node_modules/ws" ] || [ "$HERE/package-lock.json" -nt "$HERE/node_modules" ]; then
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in $HERE"
fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
SUITE="$SUITE" OUT="$OUT" exec node "$HERE/run.mjs"
