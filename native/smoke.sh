#!/usr/bin/env bash
# Starts a linked native executable against a real Redis (redis-server on a free port, this
# script's own) and checks that it answers its health endpoints (issue 32):
#   native/smoke.sh <service> <executable> [rounds]     default 3 rounds
# Prints, per round, the time from exec to a 200 from /q/health/ready and the RSS then, and the
# /q/health body once. Exit 1 when a round does not get ready within 30 s or health is not UP.
# config-service also runs once from a Git repository (JGit natively) and must publish its app.
# Needs redis-server and curl. Service-specific settings (config-service's folder) are given here.
set -euo pipefail
service="$1" exe="$2" rounds="${3:-3}"
command -v redis-server >/dev/null || { echo "smoke: redis-server is needed (apt-get install redis-server)" >&2; exit 2; }
[ -x "$exe" ] || { echo "smoke: no executable $exe" >&2; exit 2; }
work="$(mktemp -d)"
pids=()
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

env_for() {
  echo "REDIS_URL=redis://127.0.0.1:$redis_port QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_HOST=127.0.0.1"
  echo "PORT=$(free_port) MANAGEMENT_PORT=$1"
  case "$service" in
    p2p-tracker) echo "WS_PORT=$(free_port) TRACKER_WS_HOST=127.0.0.1" ;;
    config-service) echo "STREAMHUB_CONFIG_FOLDER=$work/apps STREAMHUB_CONFIG_POLL_INTERVAL=1s HOME=$work" ;;
  esac
}

# config-service reads apps from a folder: one P2P app, as images' ContainerSmokeIT gives it.
mkdir -p "$work/apps"
printf '%s\n' 'app: smoke' 'distribution:' '  mode: p2p' '  hls:' '    segment_seconds: 2' '  p2p:' '    enabled: true' \
  >"$work/apps/smoke.yaml"

status=0
for round in $(seq "$rounds"); do
  mport=$(free_port)
  vars=$(env_for "$mport")
  start=$(date +%s%N)
  # shellcheck disable=SC2086 # KEY=value words on purpose
  env $vars "$exe" >"$work/$round.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  ready=""
  while [ $(( ($(date +%s%N) - start) / 1000000 )) -lt 30000 ]; do
    if curl -s -f -o /dev/null "http://127.0.0.1:$mport/q/health/ready"; then ready=$(( ($(date +%s%N) - start) / 1000000 )); break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  if [ -z "$ready" ]; then
    echo "smoke: $service round $round: not ready; its log:" >&2; tail -20 "$work/$round.log" >&2
    status=1
  else
    rss=$(awk '/VmRSS/ { print $2 }' "/proc/$pid/status")
    started=$(grep -o 'started in [0-9.]*s' "$work/$round.log" || true)
    echo "smoke: $service round $round: ready in ${ready} ms ($started), RSS $((rss / 1024)) MiB"
    if [ "$round" = 1 ]; then
      health=$(curl -s "http://127.0.0.1:$mport/q/health")
      echo "$health" | tr -d ' \n'; echo
      echo "$health" | grep -q '"status": *"UP"' || { echo "smoke: $service health is not UP" >&2; status=1; }
    fi
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
done

# config-service's Git source (JGit, natively): the same app committed to a local repository,
# cloned by the executable and published; playback for it must answer.
if [ "$service" = config-service ] && command -v git >/dev/null; then
  repo="$work/repo"
  mkdir -p "$repo/apps" && cp "$work/apps/smoke.yaml" "$repo/apps/"
  git -C "$repo" init -q -b main && git -C "$repo" add apps \
    && git -C "$repo" -c user.name=smoke -c user.email=smoke@localhost commit -q -m smoke
  mport=$(free_port) port=$(free_port)
  env REDIS_URL="redis://127.0.0.1:$redis_port" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_HOST=127.0.0.1 PORT="$port" \
    MANAGEMENT_PORT="$mport" HOME="$work" STREAMHUB_CONFIG_SOURCE=git STREAMHUB_CONFIG_GIT_URI="file://$repo" \
    STREAMHUB_CONFIG_GIT_BRANCH=main STREAMHUB_CONFIG_GIT_PATH=apps STREAMHUB_CONFIG_GIT_CHECKOUT="$work/checkout" \
    "$exe" >"$work/git.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  answer=""
  for _ in $(seq 300); do
    answer=$(curl -s -f "http://127.0.0.1:$port/api/apps/smoke/rooms/main/playback" || true)
    [ -n "$answer" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  source=$(curl -s "http://127.0.0.1:$mport/q/health" | grep -o '"source": *"[^"]*"' || true)
  if echo "$answer" | grep -q '"enabled":true' && echo "$source" | grep -q '"git'; then
    echo "smoke: config-service published the app from a Git repository ($source); playback answers"
  else
    echo "smoke: config-service did not publish the app from a Git repository; its log:" >&2; tail -20 "$work/git.log" >&2
    status=1
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
fi
exit $status
