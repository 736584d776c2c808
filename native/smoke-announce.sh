#!/usr/bin/env bash
# ContainerSmokeIT's tracker check against a native tracker (issue 32): a real Redis, config-service
# on the JVM publishing one P2P app from a folder, the native p2p-tracker, and one announce over
# WebSocket (native/Announce.java) that must be answered with an interval.
#   native/smoke-announce.sh <p2p-tracker executable>
# Needs config-service's JVM build (./mvnw package -pl config-service -am -DskipTests), redis-server,
# curl, and a JDK 17 `java` for the client.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exe="$1"
jar="$ROOT/config-service/target/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || { echo "smoke-announce: no $jar (./mvnw package -pl config-service -am -DskipTests)" >&2; exit 2; }
work="$(mktemp -d)"
pids=()
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_ready() { # url pid name
  for _ in $(seq 300); do
    curl -s -f -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || break
    sleep 0.1
  done
  echo "smoke-announce: $3 not ready; its log:" >&2; tail -20 "$work/$3.log" >&2; exit 1
}

rp=$(free_port)
redis-server --port "$rp" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
pids+=($!)
mkdir -p "$work/apps"
cat >"$work/apps/smoke.yaml" <<'YAML'
app: smoke
distribution:
  mode: p2p
  hls:
    segment_seconds: 2
  p2p:
    enabled: true
YAML
cm=$(free_port)
env REDIS_URL="redis://127.0.0.1:$rp" PORT="$(free_port)" MANAGEMENT_PORT="$cm" QUARKUS_HTTP_HOST=127.0.0.1 \
  STREAMHUB_CONFIG_FOLDER="$work/apps" STREAMHUB_CONFIG_POLL_INTERVAL=1s HOME="$work" \
  java -Djava.io.tmpdir="$work" -jar "$jar" >"$work/config-service.log" 2>&1 &
pids+=($!)
wait_ready "http://127.0.0.1:$cm/q/health/ready" "${pids[-1]}" config-service

tm=$(free_port) ws=$(free_port)
env REDIS_URL="redis://127.0.0.1:$rp" PORT="$(free_port)" MANAGEMENT_PORT="$tm" WS_PORT="$ws" TRACKER_WS_HOST=127.0.0.1 \
  QUARKUS_HTTP_HOST=127.0.0.1 "$exe" >"$work/p2p-tracker.log" 2>&1 &
pids+=($!)
wait_ready "http://127.0.0.1:$tm/q/health/ready" "${pids[-1]}" p2p-tracker

for _ in $(seq 30); do
  if reply=$(java "$ROOT/native/Announce.java" "ws://127.0.0.1:$ws/announce/smoke/main" 2>&1); then
    echo "smoke-announce: the native tracker answered: $reply"
    exit 0
  fi
  sleep 1
done
echo "smoke-announce: no announce answered with an interval; last reply: $reply" >&2
tail -20 "$work/p2p-tracker.log" >&2
exit 1
