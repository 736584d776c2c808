#!/usr/bin/env bash
# Native images against the JVM images, side by side in one run (issue 32): for each service the
# executable's and the image's size, the time from exec to ready and the RSS at rest; then the
# router (master role) under the router bench's playlist load, both flavors at once in front of one
# origin, in alternating wrk rounds, with requests/s as a native/JVM ratio and the RSS after load.
# Every container runs as ContainerSmokeIT runs it (the chart's way): host network, read-only root,
# no capabilities, a memory limit.
#
#   bench/native-vs-jvm.sh
#   ROUNDS=5 DURATION=20s CONNS=100 bench/native-vs-jvm.sh
#
# Needs both flavors' images (native/images.sh builds and smoke-tests the native ones; the JVM ones
# come from images/build-images.sh), root, podman, runc, redis-server, wrk, curl, gzip.
# Settings: ROUNDS (3), DURATION (10s), WARMUP (20s), CONNS (50), THREADS (2), MEMORY (512m),
# REST (10: seconds from ready to the RSS reading), TAG (the chart's appVersion).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/bench/target/native-vs-jvm"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-20s}"
CONNS="${CONNS:-50}"
THREADS="${THREADS:-2}"
MEMORY="${MEMORY:-512m}"
REST="${REST:-10}"
TAG="${TAG:-$(awk '/^appVersion:/ {gsub(/"/, "", $2); print $2}' "$ROOT/helm/streamhub/Chart.yaml")}"
SERVICES=(hls-router config-service egress-orchestrator p2p-tracker)
PODMAN=(podman --runtime runc --cgroup-manager=cgroupfs)
CONTAINERS=()
PIDS=()

die() { echo "bench: $*" >&2; exit 1; }
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
  for c in "${CONTAINERS[@]}"; do "${PODMAN[@]}" rm -f -t 2 "$c" >/dev/null 2>&1 || true; done
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

for tool in podman redis-server wrk curl gzip; do
  command -v "$tool" >/dev/null || die "$tool not found (Debian: apt-get install -y podman runc redis-server wrk curl)"
done
[ "$(id -u)" = 0 ] || die "podman runs the images as root here (BUILD-NOTES)"
image() { echo "ghcr.io/streamhub/$1:$TAG$([ "$2" = native ] && echo -native)"; }
for s in "${SERVICES[@]}"; do
  for f in jvm native; do
    "${PODMAN[@]}" image exists "$(image "$s" $f)" \
      || die "no image $(image "$s" $f): build it (native/images.sh for -native, images/build-images.sh for the JVM's)"
  done
done

rss_mib() { awk -v k="$2" '$1 == k":" { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

rm -rf "$WORK" && mkdir -p "$WORK/logs" "$WORK/apps" "$WORK/data"
chmod 777 "$WORK/data" # the services run as UID 185
printf '%s\n' 'app: smoke' 'distribution:' '  mode: p2p' '  hls:' '    segment_seconds: 2' '  p2p:' '    enabled: true' > "$WORK/apps/smoke.yaml"
RP=$(free_port)
redis-server --port "$RP" --bind 127.0.0.1 --save "" --appendonly no >"$WORK/logs/redis.log" 2>&1 & PIDS+=($!)
REDIS_URL="redis://127.0.0.1:$RP"

# Runs an image as the chart does; its container id is in $ID (not printed: a command substitution's
# subshell would keep it from CONTAINERS, and the EXIT trap would leave the container running).
run() { # name image settings...
  local name=$1 img=$2; shift 2
  ID=$("${PODMAN[@]}" run -d --name "bench-$name-$$" --network=host --read-only --tmpfs /tmp:rw,size=256m --cap-drop=ALL \
    --security-opt no-new-privileges --memory "$MEMORY" --ulimit nofile=16384:16384 --ulimit nproc=4096:4096 \
    -e REDIS_URL="$REDIS_URL" "$@" "$img")
  CONTAINERS+=("$ID")
}
stop() { "${PODMAN[@]}" rm -f -t 10 "$1" >/dev/null; }
settings() { # service port management-port
  echo "-e PORT=$2 -e MANAGEMENT_PORT=$3"
  case "$1" in
    hls-router) echo "-e ROUTER_ROLE=master -e ROUTER_NODE_ID=bench-$2 -e ROUTER_ADVERTISED_URL=http://127.0.0.1:$2" ;;
    config-service) echo "-e STREAMHUB_CONFIG_FOLDER=/apps -e STREAMHUB_CONFIG_POLL_INTERVAL=1s -v $WORK/apps:/apps:ro" ;;
    egress-orchestrator) echo "-e ORCHESTRATOR_DRIVER=simulated -e ORCHESTRATOR_SIMULATED_DATA_DIR=/data" \
      "-e ORCHESTRATOR_SIMULATED_ROOMS=smoke:main -e ORCHESTRATOR_LIVEKIT_DISCOVER=false -v $WORK/data:/data" ;;
    p2p-tracker) echo "-e WS_PORT=$(free_port) -e TRACKER_WS_HOST=127.0.0.1" ;;
  esac
}

# 1. Sizes: the native executable, and each image uncompressed and gzip-compressed (the registry's size).
echo "sizes…"
printf '%-20s | %10s | %12s %12s | %10s %10s | %7s\n' service "native exe" "jvm image" "native image" "jvm gzip" "native gz" "gz n/j"
mb() { echo "$1 / 1000000" | bc -l; }
for s in "${SERVICES[@]}"; do
  exe=$(find "$ROOT/$s/target" -maxdepth 1 -name '*-runner' -printf '%s\n' 2>/dev/null | head -1)
  declare -A size=() gz=()
  for f in jvm native; do
    size[$f]=$("${PODMAN[@]}" image inspect --format '{{.Size}}' "$(image "$s" $f)")
    gz[$f]=$("${PODMAN[@]}" save --format oci-archive "$(image "$s" $f)" 2>/dev/null | gzip -6 | wc -c)
  done
  printf '%-20s | %7.1f MB | %9.1f MB %9.1f MB | %7.1f MB %7.1f MB | %7.2f\n' "$s" "$(mb "${exe:-0}")" "$(mb "${size[jvm]}")" \
    "$(mb "${size[native]}")" "$(mb "${gz[jvm]}")" "$(mb "${gz[native]}")" "$(echo "${gz[native]} / ${gz[jvm]}" | bc -l)"
done

# 2. Time from exec to ready, and RSS at rest: the process's start time (from /proc, in clock ticks)
# against the moment /q/health/ready first answered 200, polled every 10 ms.
HZ=$(getconf CLK_TCK)
ready_ms() { # pid management-port -> ms from the process's exec to ready, or "-" after 60 s
  local start now
  start=$(awk -v hz="$HZ" '{ print $22 / hz }' "/proc/$1/stat")
  for _ in $(seq 1 6000); do
    if curl -fs -o /dev/null "http://127.0.0.1:$2/q/health/ready" 2>/dev/null; then
      now=$(cut -d' ' -f1 /proc/uptime)
      awk -v a="$start" -v b="$now" 'BEGIN { printf "%.0f", (b - a) * 1000 }'
      return
    fi
    sleep 0.01
  done
  echo "-"
}
echo
echo "time to ready and RSS at rest ($REST s after ready), medians of $ROUNDS alternating rounds, memory limit $MEMORY"
printf '%-20s | %9s %9s | %11s %11s | %7s\n' service "jvm ms" "native ms" "jvm RSS" "native RSS" "RSS n/j"
for s in "${SERVICES[@]}"; do
  declare -A ready=() rss=()
  for f in jvm native; do ready[$f]=""; rss[$f]=""; done
  for _ in $(seq 1 "$ROUNDS"); do
    for f in jvm native; do
      port=$(free_port); mport=$(free_port)
      # shellcheck disable=SC2046 # settings are words on purpose
      run "$s-$f" "$(image "$s" $f)" $(settings "$s" "$port" "$mport")
      id=$ID
      pid=$("${PODMAN[@]}" inspect --format '{{.State.Pid}}' "$id")
      ms=$(ready_ms "$pid" "$mport")
      [ "$ms" != - ] || { "${PODMAN[@]}" logs "$id" > "$WORK/logs/$s-$f.log" 2>&1; die "$s ($f) not ready in 60 s: $WORK/logs/$s-$f.log"; }
      sleep "$REST"
      ready[$f]+="$ms "; rss[$f]+="$(rss_mib "$pid" VmRSS) "
      "${PODMAN[@]}" logs "$id" > "$WORK/logs/$s-$f.log" 2>&1
      stop "$id"
    done
  done
  # shellcheck disable=SC2086 # lists of numbers
  {
    rj=$(median ${ready[jvm]}); rn=$(median ${ready[native]}); mj=$(median ${rss[jvm]}); mn=$(median ${rss[native]})
  }
  printf '%-20s | %9s %9s | %7s MiB %7s MiB | %7.2f   (rounds: jvm %s/ native %s; RSS jvm %s/ native %s)\n' "$s" "$rj" "$rn" "$mj" "$mn" \
    "$(echo "$mn / $mj" | bc -l)" "${ready[jvm]}" "${ready[native]}" "${rss[jvm]}" "${rss[native]}"
done

# 3. The router under playlist load: one JVM origin with a fixed live playlist (as bench/router-vs-nginx.sh),
# a JVM master and a native master in front of it, both up throughout; wrk alternates between them.
write_fixed_room "$WORK/origin"
ROOM="$WORK/origin/apps/bench/hls/room"
( while true; do touch "$ROOM/live.m3u8"; sleep 1; done ) & PIDS+=($!)
OP=$(free_port)
run origin "$(image hls-router jvm)" -e PORT="$OP" -e MANAGEMENT_PORT="$(free_port)" -e ROUTER_ROLE=origin -e ROUTER_NODE_ID=origin \
  -e ROUTER_ADVERTISED_URL="http://127.0.0.1:$OP" -e ROUTER_ORIGIN_DATA_DIR=/data -v "$WORK/origin:/data:ro"
declare -A MPORT=() MPID=()
for f in jvm native; do
  MPORT[$f]=$(free_port)
  run "master-$f" "$(image hls-router $f)" -e PORT="${MPORT[$f]}" -e MANAGEMENT_PORT="$(free_port)" -e ROUTER_ROLE=master \
    -e ROUTER_NODE_ID="master-$f" -e ROUTER_ADVERTISED_URL="http://127.0.0.1:${MPORT[$f]}"
  MPID[$f]=$("${PODMAN[@]}" inspect --format '{{.State.Pid}}' "$ID")
done
PLAYLIST=/hls/bench/room/index.m3u8
for f in jvm native; do
  ok=0
  for _ in $(seq 1 300); do curl -fsS -o /dev/null "http://127.0.0.1:${MPORT[$f]}$PLAYLIST" 2>/dev/null && { ok=1; break; }; sleep 0.2; done
  [ $ok = 1 ] || die "the $f master does not serve $PLAYLIST"
done
rest_rss=("$(rss_mib "${MPID[jvm]}" VmRSS)" "$(rss_mib "${MPID[native]}" VmRSS)")
echo
echo "warming up both masters ($WARMUP each)…"
for f in jvm native; do wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" "http://127.0.0.1:${MPORT[$f]}$PLAYLIST" >/dev/null 2>&1; done
run_wrk() { # url -> "rps errors"
  local out
  out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" "$1" 2>&1)
  echo "$out" >> "$WORK/logs/wrk.log"
  echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(echo "$out" | awk '/Non-2xx|Socket errors/ {printf "%s;", $0}')"
}
declare -A RPS=()
for _ in $(seq 1 "$ROUNDS"); do
  for f in jvm native; do
    read -r r e <<<"$(run_wrk "http://127.0.0.1:${MPORT[$f]}$PLAYLIST")"
    RPS[$f]+="$r "
    [ -z "${e:-}" ] || echo "  $f errors: $e"
  done
done
# shellcheck disable=SC2086 # lists of numbers
{ j=$(median ${RPS[jvm]}); n=$(median ${RPS[native]}); }
echo
echo "router (master) playlist, wrk -t$THREADS -c$CONNS, medians of $ROUNDS alternating rounds of $DURATION"
printf '%-8s | %12s | %16s | %16s | %s\n' flavor "req/s" "RSS before load" "RSS after load" "peak RSS (VmHWM)"
for f in jvm native; do
  i=0; [ $f = native ] && i=1
  # shellcheck disable=SC2086
  printf '%-8s | %12.0f | %12s MiB | %12s MiB | %12s MiB   (rounds: %s)\n' $f "$(median ${RPS[$f]})" "${rest_rss[$i]}" \
    "$(rss_mib "${MPID[$f]}" VmRSS)" "$(rss_mib "${MPID[$f]}" VmHWM)" "${RPS[$f]}"
done
printf 'native / JVM requests/s: %.2f\n' "$(echo "$n / $j" | bc -l)"
echo "logs: $WORK/logs"
