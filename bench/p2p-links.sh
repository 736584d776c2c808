#!/usr/bin/env bash
# P2P offload of the shipped player over links shaped like homes: N headless Chromium viewers of the
# /play page, each its own browser process in its own network namespace, joined by a veth pair to a
# bridge on which ./streamhub up listens. Each veth is shaped with tc tbf (this kernel has no netem:
# rates only, no added delay or loss): upload on the viewer's end, download on the bridge's end, at
# multiples of the stream's bitrate (measured from a room's playlist first). The page's 127.0.0.1
# URLs reach the suite through socat in each viewer's namespace; peers meet over the bridge (real host
# candidates, no loopback). The same run with P2P on and with P2P off side by side.
#
# Counted from the moment the last viewer plays, for WATCH_SEGMENTS segment durations:
#   - origin bytes on the wire: TCP payload the router (port 8080) sent to each viewer, from a
#     tcpdump capture on the bridge (windowed by its timestamps), split into segments and playlists;
#   - each viewer's wire upload and download (the bridge's end of its veth), tbf drops;
#   - every numeric field of each page's window.streamhub (http, p2p, uploaded, and whatever the
#     player adds), and the router's streamhub_router_hls_bytes* series if it has them;
#   - rebuffers, stalled seconds, distance behind live; start-up (navigation to first 'playing') apart.
# The table: origin bytes saved = 1 − origin on ÷ origin off, against the ceiling (N−1)/N; the
# page-reported P2P share against it; the largest viewer upload ÷ the mean ("no star").
#
#   bench/p2p-links.sh                                   # LINKS="unshaped 2x 8x mixed" VIEWERS="3 4 6 8"
#   LINKS=2x VIEWERS=3 WATCH_SEGMENTS=10 bench/p2p-links.sh          # a quick one
#   LINKS="2x mixed" VIEWERS="6 8" ROUNDS=3 bench/p2p-links.sh       # medians of three fresh swarms
#   LINKS="d10u3 d40u1" …                                # any down/up multiples: d<down>u<up>
#   TIMING='{"high_demand_window_seconds": 3}' …        # try a p2p.timing override
#   P2P_DEBUG=1 …                                        # P2P Media Loader's log per viewer in <run>/debug/
#
# Profiles (multiples of the stream's bitrate, down / up): unshaped (no tbf); 2x: 10 / 2;
# 8x: 20 / 8; mixed: 10 / 0.5 for every third viewer (0, 3, 6: a third, rounded up), 10 / 4 for the
# rest; d<D>u<U>: D / U for everyone.
# Environment: LINKS, VIEWERS, SEGMENTS (segment seconds, default 2), WATCH_SEGMENTS (20),
# STAGGER (seconds between viewers' navigations, 5), MODES ("on off"), ROUNDS (1), LIST_SIZE (6),
# TIMING, BURST (tbf burst, 32kbit), LATENCY (tbf latency, 300ms), SUBNET (first three octets,
# 10.77.0; only inside the bench's namespace), CHROMIUM (/usr/bin/chromium), OUT (target/p2p-links),
# BUILD=1 to run ./mvnw install first (default: use the jars as they are), SUITE_COPY=0 to run the
# suite from the repository instead of a copy of its built services in $OUT/suite, P2P_DEBUG=1.
#
# Needs: root, java 17+, node 20+ with npm, chromium (Debian), curl, tcpdump, socat, iproute2 (tc).
# Everything runs inside `unshare -n -m` (its own network and mount namespaces: the bridge, the
# viewers' namespaces and /run/netns vanish with it). Results: one JSON line per run in
# $OUT/results.jsonl (raw run, capture and logs in $OUT/s<seg>/<profile>-n<N>-r<round>-<mode>/),
# and the tables on stdout at the end (node bench/p2p-swarm/links-report.mjs <results.jsonl> again).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$ROOT/bench/p2p-swarm"
OUT="${OUT:-$ROOT/target/p2p-links}"
LINKS="${LINKS:-unshaped 2x 8x mixed}"
VIEWERS="${VIEWERS:-3 4 6 8}"
SEGMENTS="${SEGMENTS:-2}"
WATCH_SEGMENTS="${WATCH_SEGMENTS:-20}"
STAGGER="${STAGGER:-5}"
MODES="${MODES:-on off}"
ROUNDS="${ROUNDS:-1}"
LIST_SIZE="${LIST_SIZE:-6}"
TIMING="${TIMING:-}"
BURST="${BURST:-32kbit}"
LATENCY="${LATENCY:-300ms}"
SUBNET="${SUBNET:-10.77.0}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
SUITE_IP="$SUBNET.1"
SUITE_ROOT="$ROOT"
[ "${SUITE_COPY:-1}" != 1 ] || SUITE_ROOT="$OUT/suite"
PORTS="8080 8081 8084" # router (HLS), config-service (page, API), tracker (WebSocket)

die() { echo "bench: $*" >&2; exit 1; }
# shellcheck source-path=SCRIPTDIR source=p2p-swarm/suite.sh
. "$(dirname "${BASH_SOURCE[0]}")/p2p-swarm/suite.sh"

profile_mults() { # profile viewer-index -> "down up" (multiples of the bitrate), "- -" when unshaped
  case $1 in
    unshaped) echo "- -" ;;
    2x) echo "10 2" ;;
    8x) echo "20 8" ;;
    mixed) if (($2 % 3 == 0)); then echo "10 0.5"; else echo "10 4"; fi ;;
    d*u*)
      local d=${1#d} u=${1#*u}
      d=${d%%u*}
      [[ $d =~ ^[0-9]+(\.[0-9]+)?$ && $u =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "profile $1: expected d<down>u<up>, e.g. d10u2"
      echo "$d $u" ;;
    *) die "unknown profile $1 (unshaped, 2x, 8x, mixed or d<down>u<up>)" ;;
  esac
}

max_viewers() { local m=0 n; for n in $VIEWERS; do ((n > m)) && m=$n; done; echo "$m"; }

if [ -z "${STREAMHUB_BENCH_NETNS:-}" ]; then
  for tool in java node npm curl unshare ip tc tcpdump socat; do
    command -v "$tool" >/dev/null || die "$tool not found"
  done
  [ -x "$CHROMIUM" ] || die "chromium not found (apt-get install -y chromium, or set CHROMIUM)"
  [ "$(id -u)" = 0 ] || die "run as root: the viewers and servers run in private network namespaces"
  for p in $LINKS; do profile_mults "$p" 0 >/dev/null; done
  for n in $VIEWERS; do
    if ! [[ $n =~ ^[0-9]+$ ]] || ((n < 1 || n > 200)); then die "VIEWERS: $n is not 1…200"; fi
  done
  # Build and install what needs the network first, then go where there is none.
  if [ "${BUILD:-0}" = 1 ]; then
    (cd "$ROOT" && ./mvnw -B -q install -DskipTests) || die "build failed"
  fi
  for jar in hls-router config-service p2p-tracker egress-orchestrator; do
    [ -f "$ROOT/$jar/target/quarkus-app/quarkus-run.jar" ] || die "$jar is not built (./mvnw install -DskipTests, or BUILD=1)"
  done
  [ -f "$ROOT/test-support/target/runtime-classpath.txt" ] || die "test-support is not built (./mvnw install -DskipTests, or BUILD=1)"
  mkdir -p "$OUT"
  # The suite runs from a copy of the launcher and the built services, so that a build started in
  # the repository meanwhile (it empties target/) cannot pull jars from under a running bench, and
  # every run of this bench uses the same build.
  if [ "${SUITE_COPY:-1}" = 1 ]; then
    rm -rf "$OUT/suite" && mkdir -p "$OUT/suite/test-support/target"
    cp -a "$ROOT/streamhub" "$OUT/suite/"
    for svc in hls-router config-service p2p-tracker egress-orchestrator; do
      mkdir -p "$OUT/suite/$svc/target"
      cp -a "$ROOT/$svc/target/quarkus-app" "$OUT/suite/$svc/target/" || die "could not copy $svc's build (is a build running?)"
    done
    cp -a "$ROOT/test-support/target/classes" "$ROOT/test-support/target/runtime-classpath.txt" "$OUT/suite/test-support/target/" \
      || die "could not copy test-support's build"
    ls -l --time-style=+%FT%T "$OUT"/suite/*/target/quarkus-app/quarkus-run.jar > "$OUT/suite/BUILD-INFO.txt"
  fi
  if [ ! -d "$HERE/node_modules/playwright-core" ] || [ "$HERE/package-lock.json" -nt "$HERE/node_modules" ]; then
    (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in $HERE"
  fi
  : > "$OUT/results.jsonl"
  rc=0
  STREAMHUB_BENCH_NETNS=1 unshare -n -m "$0" "$@" || rc=$?
  [ -s "$OUT/results.jsonl" ] && node "$HERE/links-report.mjs" "$OUT/results.jsonl"
  exit "$rc"
fi

# --- inside the bench's own network and mount namespaces ---
ip link set lo up
[ "$(ip -o link show | grep -vc ' lo:')" = 0 ] || die "the namespace has more than loopback"
# /run/netns private to this mount namespace: the viewers' namespaces cannot outlive the bench.
mkdir -p /run/netns
mount -t tmpfs -o size=1m,mode=755 streamhub-bench /run/netns

SUITE=""
TCPDUMP=""
FORWARDERS=() # socat in this namespace, when a service listens on loopback only
VIEWER_PIDS=() # socat in the viewers' namespaces
NS_MADE=0

cleanup() {
  set +e
  [ -z "$TCPDUMP" ] || { kill -INT "$TCPDUMP" 2>/dev/null; wait "$TCPDUMP" 2>/dev/null; }
  stop_suite
  [ ${#FORWARDERS[@]} = 0 ] || { kill "${FORWARDERS[@]}" 2>/dev/null; wait "${FORWARDERS[@]}" 2>/dev/null; }
  [ ${#VIEWER_PIDS[@]} = 0 ] || { kill "${VIEWER_PIDS[@]}" 2>/dev/null; wait "${VIEWER_PIDS[@]}" 2>/dev/null; }
  local i pids
  for ((i = 0; i < NS_MADE; i++)); do
    # Whatever is left in a viewer's namespace (a browser that outlived its driver, socat children).
    pids=$(ip netns pids "v$i" 2>/dev/null)
    # shellcheck disable=SC2086 # one PID a word
    [ -z "$pids" ] || kill $pids 2>/dev/null
    ip netns del "v$i" 2>/dev/null
  done
  ip link del br0 2>/dev/null
  umount /run/netns 2>/dev/null
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop_suite() { # the whole process group; what has not stopped after 30 s is killed
  [ -n "$SUITE" ] || return 0
  kill -TERM -- "-$SUITE" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 -- "-$SUITE" 2>/dev/null || break
    sleep 0.5
  done
  kill -KILL -- "-$SUITE" 2>/dev/null || true
  wait "$SUITE" 2>/dev/null || true
  SUITE=""
}

# The bridge, the suite's address on it, and one namespace per viewer with a veth into the bridge.
# Viewer i: namespace v<i>, address $SUBNET.(10+i) on its eth0, the bridge's end is vb<i>.
make_links() {
  local n=$1 i addr p
  # IPv4 only: no neighbour discovery on the capture, one host candidate per viewer.
  for conf in all default; do sysctl -qw "net.ipv6.conf.$conf.disable_ipv6=1" || true; done
  ip link add br0 type bridge
  ip addr add "$SUITE_IP/24" dev br0
  ip link set br0 up
  mkdir -p "$OUT/bin"
  for ((i = 0; i < n; i++)); do
    ip netns add "v$i"
    NS_MADE=$((i + 1))
    addr="$SUBNET.$((10 + i))"
    ip netns exec "v$i" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 || true
    ip link add "vb$i" type veth peer name eth0 netns "v$i"
    ip link set "vb$i" master br0 up
    ip -n "v$i" link set lo up
    ip -n "v$i" addr add "$addr/24" dev eth0
    ip -n "v$i" link set eth0 up
    ip -n "v$i" route add default via "$SUITE_IP"
    # The page calls 127.0.0.1 URLs; in this namespace they lead to the suite on the bridge.
    for p in $PORTS; do
      ip netns exec "v$i" socat "TCP-LISTEN:$p,bind=127.0.0.1,fork,reuseaddr" "TCP:$SUITE_IP:$p" 2>>"$OUT/socat.log" &
      VIEWER_PIDS+=($!)
    done
    printf '#!/bin/sh\n# Chromium for viewer %s: in its own network namespace.\nexec ip netns exec v%s %s "$@"\n' "$i" "$i" "$CHROMIUM" > "$OUT/bin/chromium-v$i"
    chmod +x "$OUT/bin/chromium-v$i"
  done
}

run_suite() { # segment seconds
  local s=$1 work="$OUT/s$1"
  rm -rf "$work" && mkdir -p "$work/apps"
  ROOMS=("p2poff:probe")
  local n r profile
  for r in $(seq 1 "$ROUNDS"); do
    for profile in $LINKS; do
      for n in $VIEWERS; do ROOMS+=("p2pon:n$n-r$r-$profile" "p2poff:n$n-r$r-$profile"); done
    done
  done
  write_p2p_apps "$work/apps" "$s"
  start_suite "$SUITE_ROOT/streamhub" "$work" "${ROOMS[@]}"
  local room
  for room in "${ROOMS[@]}"; do
    for _ in $(seq 1 120); do
      curl -fsS "http://127.0.0.1:8080/hls/${room/://}/index.m3u8" >/dev/null 2>&1 && break
      sleep 0.5
    done
  done
  # The services listen on every address (quarkus.http.host, tracker.ws.host: 0.0.0.0); should one
  # listen on loopback only, forward the bridge address to it.
  local p
  for p in $PORTS; do
    if ! ip netns exec v0 timeout 3 bash -c "exec 3<>/dev/tcp/$SUITE_IP/$p" 2>/dev/null; then
      echo "bench: port $p does not answer on $SUITE_IP: forwarding it to 127.0.0.1:$p" >&2
      socat "TCP-LISTEN:$p,bind=$SUITE_IP,fork,reuseaddr" "TCP:127.0.0.1:$p" 2>>"$OUT/socat.log" &
      FORWARDERS+=($!)
      sleep 0.3
    fi
  done
  ip netns exec v0 curl -fsS -o /dev/null "http://127.0.0.1:8080/hls/p2poff/probe/index.m3u8" \
    || die "viewer v0 cannot fetch the playlist through its socat (see $OUT/socat.log)"
  ip netns exec v0 curl -fsS -o /dev/null "http://127.0.0.1:8081/play/p2pon/${ROOMS[1]#p2pon:}" \
    || die "viewer v0 cannot load the page through its socat"
}

# A browser left in a viewer's namespace after its run (its driver died): stopped by PID.
reap_browsers() { # viewers
  local i pid comm
  for ((i = 0; i < $1; i++)); do
    for pid in $(ip netns pids "v$i" 2>/dev/null); do
      comm=$(cat "/proc/$pid/comm" 2>/dev/null) || continue
      case $comm in chrom*) echo "bench: stopping a leftover $comm ($pid) in v$i" >&2; kill "$pid" 2>/dev/null || true ;; esac
    done
  done
}

# tbf on both ends of viewer i's veth; "-" removes the shaping.
shape() { # viewer down-kbit up-kbit
  local i=$1
  tc qdisc del dev "vb$i" root 2>/dev/null || true
  tc -n "v$i" qdisc del dev eth0 root 2>/dev/null || true
  [ "$2" != - ] || return 0
  tc qdisc add dev "vb$i" root tbf rate "${2}kbit" burst "$BURST" latency "$LATENCY"
  tc -n "v$i" qdisc add dev eth0 root tbf rate "${3}kbit" burst "$BURST" latency "$LATENCY"
}

kbit() { awk -v m="$1" -v b="$2" 'BEGIN { r = m * b; printf "%d", (r == int(r)) ? r : int(r) + 1 }'; }

run_one() { # segment-seconds viewers round profile mode
  local s=$1 n=$2 r=$3 profile=$4 mode=$5
  local room="n$n-r$r-$profile" dir="$OUT/s$s/$profile-n$n-r$r-$mode"
  rm -rf "$dir" && mkdir -p "$dir"
  local i wrappers=() netns=() ports=() addrs=() rates=() dm um down=- up=-
  for ((i = 0; i < n; i++)); do
    read -r dm um <<<"$(profile_mults "$profile" "$i")"
    if [ "$dm" != - ]; then
      down=$(kbit "$dm" "$BITRATE")
      up=$(kbit "$um" "$BITRATE")
    fi
    shape "$i" "$down" "$up"
    wrappers+=("$OUT/bin/chromium-v$i") netns+=("v$i") ports+=("vb$i") addrs+=("$SUBNET.$((10 + i))") rates+=("$down/$up")
  done
  echo "bench: ${s}-s segments, $n viewers, links $profile (down/up kbit: ${rates[*]}), P2P $mode, round $r …" >&2
  tcpdump -i br0 -nn -Z root -s 256 -w "$dir/wire.pcap" "tcp port 8080 and host $SUITE_IP" 2>"$dir/tcpdump.log" &
  TCPDUMP=$!
  for _ in $(seq 1 100); do
    grep -q 'listening on' "$dir/tcpdump.log" 2>/dev/null && break
    kill -0 "$TCPDUMP" 2>/dev/null || die "tcpdump did not start (see $dir/tcpdump.log)"
    sleep 0.1
  done
  local started=$SECONDS ok=1
  LINKS_WRAPPERS="${wrappers[*]}" LINKS_NETNS="${netns[*]}" LINKS_PORTS="${ports[*]}" LINKS_ADDRS="${addrs[*]}" \
    LINKS_RATES="${rates[*]}" LINKS_PROFILE="$profile" LINKS_BITRATE="$BITRATE" LINKS_ROUND="$r" \
    P2P_DEBUG_DIR="$([ "${P2P_DEBUG:-0}" = 1 ] && echo "$dir/debug")" \
    node "$HERE/links.mjs" "http://127.0.0.1:8081/play/p2p$mode/$room" "$n" "$STAGGER" "$((WATCH_SEGMENTS * s))" "$s" "p2p-$mode" \
    > "$dir/raw.json" 2> "$dir/viewers.log" || ok=0
  local took=$((SECONDS - started))
  reap_browsers "$n"
  kill -INT "$TCPDUMP" 2>/dev/null || true
  wait "$TCPDUMP" 2>/dev/null || true
  TCPDUMP=""
  if [ $ok = 1 ] && [ -s "$dir/raw.json" ]; then
    if node "$HERE/links-wire.mjs" "$dir/raw.json" "$dir/wire.pcap" "$SUITE_IP" "$took" > "$dir/run.json"; then
      cat "$dir/run.json" >> "$OUT/results.jsonl"
      node "$HERE/links-report.mjs" --run "$dir/run.json" >&2 || true
    else
      echo "bench: could not count $dir/wire.pcap" >&2
    fi
  else
    echo "bench: run failed after $took s (see $dir/viewers.log)" >&2
    tail -5 "$dir/viewers.log" >&2 || true
  fi
}

make_links "$(max_viewers)"
for s in $SEGMENTS; do
  echo "bench: ${s}-s segments: starting the suite" >&2
  run_suite "$s"
  BITRATE=$(node "$HERE/links-probe.mjs" "http://127.0.0.1:8080/hls/p2poff/probe/index.m3u8" 3) \
    || die "could not measure the stream's bitrate"
  for r in $(seq 1 "$ROUNDS"); do
    for profile in $LINKS; do
      for n in $VIEWERS; do
        for mode in $MODES; do
          run_one "$s" "$n" "$r" "$profile" "$mode"
        done
      done
    done
  done
  stop_suite
done
