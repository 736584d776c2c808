#!/usr/bin/env bash
# P2P offload of the shipped player in real browsers: N headless Chromium viewers of the /play page
# against ./streamhub up, everything inside a private network namespace with only loopback, the
# same run with P2P on and with P2P off side by side, for each segment length. Per run and viewer:
# bytes by source, P2P share, the ceiling (N-1)/N, rebuffer events, stalled seconds, distance behind
# live; counted from the moment the last viewer plays, for WATCH_SEGMENTS segment durations.
#
#   bench/p2p-swarm.sh                                  # SEGMENTS="2 6" VIEWERS="2 3 4 5 6"
#   SEGMENTS=2 VIEWERS="3 4" WATCH_SEGMENTS=30 bench/p2p-swarm.sh
#   TIMING='{"high_demand_window_seconds": 2}' bench/p2p-swarm.sh   # try a p2p.timing override
#   BUILD=0 …                                        # use the jars as they are (no ./mvnw install)
#   ROUNDS=3 …                                       # each setting three times (fresh rooms), medians reported
#   P2P_DEBUG=1 …                                    # P2P Media Loader's log per viewer in target/p2p-swarm/debug/
#
# Needs: root (for the namespace), java 17+, node 20+ with npm, chromium (Debian), curl.
# Results: one JSON line per run in target/p2p-swarm/results.jsonl, and a table on stdout.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$ROOT/bench/p2p-swarm"
OUT="${OUT:-$ROOT/target/p2p-swarm}"
SEGMENTS="${SEGMENTS:-2 6}"
VIEWERS="${VIEWERS:-2 3 4 5 6}"
WATCH_SEGMENTS="${WATCH_SEGMENTS:-20}"
STAGGER="${STAGGER:-5}"
MODES="${MODES:-on off}"
ROUNDS="${ROUNDS:-1}"
LIST_SIZE="${LIST_SIZE:-6}"
TIMING="${TIMING:-}"

die() { echo "bench: $*" >&2; exit 1; }
# shellcheck source-path=SCRIPTDIR source=p2p-swarm/suite.sh
. "$(dirname "${BASH_SOURCE[0]}")/p2p-swarm/suite.sh"

if [ -z "${STREAMHUB_BENCH_NETNS:-}" ]; then
  for tool in java node npm curl unshare ip; do
    command -v "$tool" >/dev/null || die "$tool not found"
  done
  [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || die "chromium not found (apt-get install -y chromium, or set CHROMIUM)"
  [ "$(id -u)" = 0 ] || die "run as root: the viewers and servers run in a private network namespace"
  # Build and install what needs the network first, then go where there is none but loopback.
  if [ "${BUILD:-1}" = 1 ]; then
    (cd "$ROOT" && ./mvnw -B -q install -DskipTests) || die "build failed"
  fi
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in $HERE"
  mkdir -p "$OUT"
  : > "$OUT/results.jsonl"
  STREAMHUB_BENCH_NETNS=1 unshare -n "$0" "$@"
  exec node "$HERE/report.mjs" "$OUT/results.jsonl"
fi

ip link set lo up
[ "$(ip -o link show | grep -vc ' lo:')" = 0 ] || die "the namespace has more than loopback"

run_suite() { # segment seconds
  local s=$1 work="$OUT/s$1"
  rm -rf "$work" && mkdir -p "$work/apps"
  local rooms=()
  for n in $VIEWERS; do
    for r in $(seq 1 "$ROUNDS"); do rooms+=("p2pon:n$n-r$r" "p2poff:n$n-r$r"); done
  done
  write_p2p_apps "$work/apps" "$s"
  start_suite "$ROOT/streamhub" "$work" "${rooms[@]}"
  for room in "${rooms[@]}"; do
    for _ in $(seq 1 120); do
      curl -fsS "http://127.0.0.1:8080/hls/${room/://}/index.m3u8" >/dev/null 2>&1 && break
      sleep 0.5
    done
  done
}

stop_suite() {
  kill -TERM -- "-$SUITE" 2>/dev/null || true
  wait "$SUITE" 2>/dev/null || true
}
trap stop_suite EXIT

for s in $SEGMENTS; do
  echo "bench: ${s}-s segments: starting the suite" >&2
  run_suite "$s"
  for r in $(seq 1 "$ROUNDS"); do
    for n in $VIEWERS; do
      for mode in $MODES; do
        echo "bench: ${s}-s segments, $n viewers, P2P $mode, round $r …" >&2
        P2P_DEBUG_DIR="$([ "${P2P_DEBUG:-0}" = 1 ] && echo "$OUT/debug/s$s-n$n-r$r-$mode")" \
        node "$HERE/swarm.mjs" "http://127.0.0.1:8081/play/p2p$mode/n$n-r$r" "$n" "$STAGGER" "$((WATCH_SEGMENTS * s))" "$s" "p2p-$mode" \
          >> "$OUT/results.jsonl" 2>> "$OUT/s$s/viewers.log" || echo "bench: run failed (see $OUT/s$s/viewers.log)" >&2
      done
    done
  done
  stop_suite
done
