#!/usr/bin/env bash
# One room of 100,000 viewers across tracker processes on one machine (issue 31): Redis, TRACKERS
# p2p-tracker processes with the chart's JVM flags, config-service handing out their URLs
# (STREAMHUB_CONFIG_TRACKER_POD_URLS), and load generators opening PEERS WebSocket peers over the
# room's shards, each from its own 127.x address. Prints connected, refused, unanswered, announce
# p50/p99, CPU per 1,000 responses, RSS per peer, per process and in total, peers per process; then
# kills one tracker, restarts it, and times its viewers' return by P2P Media Loader's reconnect rule.
#
#   bench/tracker-room.sh                                   # 100,000 peers, 10 trackers, swarm_shards auto (10)
#   TRACKERS=8 SHARDS=16 bench/tracker-room.sh              # 8 processes, 2 shards each
#   PEERS=20000 TRACKERS=4 ROUNDS=1 RESTART=0 bench/tracker-room.sh   # a quick look
#
# Needs: java 17+, node 20+ with npm, redis-server. A process may hold at most 20,000 open files
# here, so no tracker or generator holds more than ~15,000 sockets at the defaults. Results:
# bench/target/tracker-room/results-*.json.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$ROOT/bench/tracker"

die() { echo "bench: $*" >&2; exit 1; }
for tool in java node npm redis-server; do
  command -v "$tool" >/dev/null || die "$tool not found (Debian: apt-get install -y redis-server openjdk-17-jdk-headless; Node 20+)"
done
for module in p2p-tracker config-service; do
  [ -f "$ROOT/$module/target/quarkus-app/quarkus-run.jar" ] \
    || (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl "$module" -am) || die "build of $module failed"
done
(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in $HERE"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec node "$HERE/room.mjs"
