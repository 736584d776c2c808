#!/usr/bin/env bash
# Side-by-side benchmark: p2p-tracker (JVM) vs the npm bittorrent-tracker server (the reference),
# same load generator and parameters, alternating in one run. Per tracker: connected peers, failed
# connections, unanswered announces, responses/s, p50/p99 announce round trip, the tracker's CPU
# seconds per 1,000 responses, RSS growth per connected peer on a fresh server; then the ratios.
#
#   bench/tracker-vs-reference.sh                              # 19,000 peers, 20 swarms
#   PEERS=8000 ROUNDS=3 DURATION=30 JVM_OPTS="-XX:+UseSerialGC -Xmx512m" bench/tracker-vs-reference.sh
#   ONLY=p2p-tracker ROUNDS=3 HISTO=1 bench/tracker-vs-reference.sh   # ours only, with heap histograms
#
# The JVM runs with the chart's flags unless JVM_OPTS is set (bench/tracker/chart-jvm.mjs).
#
# Needs: java 17+, node 20+ with npm, redis-server. Each generator process holds PER_GENERATOR
# sockets (default 4,750): this machine caps a process at 20,000 open files.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$ROOT/bench/tracker"
JAR="$ROOT/p2p-tracker/target/quarkus-app/quarkus-run.jar"

die() { echo "bench: $*" >&2; exit 1; }
for tool in java node npm redis-server; do
  command -v "$tool" >/dev/null || die "$tool not found (Debian: apt-get install -y redis-server; Node 20+ from nodejs.org or Debian)"
done
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl p2p-tracker -am) || die "build failed"
(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in $HERE"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec node "$HERE/run.mjs"
