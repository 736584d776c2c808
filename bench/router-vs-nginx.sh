#!/usr/bin/env bash
# Side-by-side benchmark: hls-router (master role) vs nginx proxy_cache + proxy_cache_lock, both in
# front of the same origin router, serving the same cached objects (a 1 MiB segment and a live
# playlist), measured with wrk in one run. Prints router/nginx ratios for requests/s, MB/s and p99,
# and the router's heap at rest with an empty cache.
#
#   bench/router-vs-nginx.sh                 # 50 and 500 connections, 10 s each
#   DURATION=20s WARMUP=30s CONNS="50 500" JVM_OPTS="-Xmx512m" bench/router-vs-nginx.sh
#
# Needs: java 17+, nginx, wrk, redis-server (or REDIS_URL), curl — on Debian:
#   apt-get install -y nginx-light wrk redis-server
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/hls-router/target/quarkus-app/quarkus-run.jar"
WORK="$ROOT/bench/target/router-vs-nginx"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-20s}"
ROUNDS="${ROUNDS:-3}"
OBJECTS="${OBJECTS:-segment playlist}"     # nginx and router alternate this many times per case; medians are reported   # per object and server, before anything is measured: the JIT must settle
CONNS="${CONNS:-50 500}"
THREADS="${THREADS:-2}"
JVM_OPTS="${JVM_OPTS:--Xms128m -Xmx512m -XX:+UseParallelGC}"
JAVA="${JAVA:-java}"      # the runtime for the routers (the bytecode targets Java 17; a newer JVM may run it)
PIDS=()

die() { echo "bench: $*" >&2; exit 1; }
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
cleanup() {
  [ -f "$WORK/nginx/nginx.pid" ] && kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true
  [ ${#PIDS[@]} -gt 0 ] && kill "${PIDS[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

for tool in java nginx wrk curl; do
  command -v "$tool" >/dev/null || die "$tool not found (Debian: apt-get install -y nginx-light wrk curl)"
done
[ -n "${REDIS_URL:-}" ] || command -v redis-server >/dev/null || die "redis-server not found and REDIS_URL not set"
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q install -DskipTests) || die "build failed"

wait_for() { # url
  for _ in $(seq 1 200); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  die "$1 did not answer"
}

rm -rf "$WORK" && mkdir -p "$WORK/nginx/cache" "$WORK/logs"
write_fixed_room "$WORK/data"
ROOM="$WORK/data/apps/bench/hls/room"
# Keep the room "live" so the origin keeps its claim (the content stays the same).
( while true; do touch "$ROOM/live.m3u8"; sleep 1; done ) & PIDS+=($!)

if [ -z "${REDIS_URL:-}" ]; then
  RP=$(free_port)
  redis-server --port "$RP" --bind 127.0.0.1 --save "" --appendonly no >"$WORK/logs/redis.log" 2>&1 & PIDS+=($!)
  REDIS_URL="redis://127.0.0.1:$RP"
fi

OP=$(free_port); MP=$(free_port); NP=$(free_port); OMP=$(free_port); MMP=$(free_port)
start_router() { # name role port management-port extra-env...
  local name=$1 role=$2 port=$3 management=$4; shift 4
  env "$@" REDIS_URL="$REDIS_URL" PORT="$port" MANAGEMENT_PORT="$management" QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_MANAGEMENT_HOST=127.0.0.1 ROUTER_ROLE="$role" ROUTER_NODE_ID="$name" ROUTER_ADVERTISED_URL="http://127.0.0.1:$port" \
    "$JAVA" $JVM_OPTS -jar "$JAR" >"$WORK/logs/$name.log" 2>&1 &
  PIDS+=($!)
  wait_for "http://127.0.0.1:$management/q/health/live"
}
start_router origin origin "$OP" "$OMP" ROUTER_ORIGIN_DATA_DIR="$WORK/data"
start_router master master "$MP" "$MMP"
MASTER_PID=${PIDS[-1]}

cat > "$WORK/nginx/nginx.conf" <<NGINX
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/logs/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  proxy_cache_path $WORK/nginx/cache levels=1:2 keys_zone=hls:10m max_size=256m inactive=1h use_temp_path=off;
  upstream origin { server 127.0.0.1:$OP; keepalive 64; }
  server {
    listen 127.0.0.1:$NP;
    location /hls/ {
      proxy_pass http://origin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache hls;
      proxy_cache_lock on;
      # Both shields cache playlists the same 3 s, whatever the origin's Cache-Control says.
      proxy_ignore_headers Cache-Control Expires;
      add_header X-Cache \$upstream_cache_status;
      location ~ \.m3u8\$ { proxy_pass http://origin; proxy_cache_valid 200 3s; }
      location ~ \.ts\$ { proxy_pass http://origin; proxy_cache_valid 200 365d; }
    }
  }
}
NGINX
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" -e "$WORK/logs/nginx-error.log" || die "nginx did not start"

PLAYLIST=/hls/bench/room/index.m3u8
SEGMENT=/hls/bench/room/seg100.ts
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "http://127.0.0.1:$MP$PLAYLIST" 2>/dev/null && break; sleep 0.2
done
for base in "http://127.0.0.1:$MP" "http://127.0.0.1:$NP"; do
  for obj in $PLAYLIST $SEGMENT; do curl -fsS -o /dev/null "$base$obj" || die "warm-up of $base$obj failed"; done
done

# Warm-up: the JVM's JIT needs tens of seconds of traffic before it runs at speed; nginx gets the same.
echo "warming up both servers ($WARMUP per object and server)…"
for base in "http://127.0.0.1:$NP" "http://127.0.0.1:$MP"; do
  for obj in $SEGMENT $PLAYLIST; do wrk -t"$THREADS" -c50 -d"$WARMUP" "$base$obj" >/dev/null 2>&1; done
done

to_ms() { # wrk latency like 1.23ms / 456.78us / 1.02s
  awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v + 0 }
                          else if (v ~ /s$/) { sub(/s$/, "", v); print v * 1000 } else print v }'
}
to_mb() { # wrk transfer like 1.02GB / 512.00MB / 12.3KB
  awk -v v="$1" 'BEGIN { if (v ~ /GB$/) { sub(/GB$/, "", v); print v * 1024 } else if (v ~ /MB$/) { sub(/MB$/, "", v); print v + 0 }
                          else if (v ~ /KB$/) { sub(/KB$/, "", v); print v / 1024 } else { sub(/B$/, "", v); print v / 1048576 } }'
}
run_wrk() { # url conns -> "rps mbps p99ms errors"
  local out
  out=$(wrk -t"$THREADS" -c"$2" -d"$DURATION" --latency "$1" 2>&1)
  echo "$out" >> "$WORK/logs/wrk.log"
  local rps mb p99 errs
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  mb=$(to_mb "$(echo "$out" | awk '/Transfer\/sec/ {print $2}')")
  p99=$(to_ms "$(echo "$out" | awk '$1 == "99%" {print $2}')")
  errs=$(echo "$out" | awk '/Non-2xx|Socket errors/ {printf "%s ", $0}')
  echo "$rps $mb $p99 ${errs:-none}"
}

printf '\nmedians of %s alternating rounds of %s each (wrk -t%s)\n' "$ROUNDS" "$DURATION" "$THREADS"
printf '%-9s %-6s | %12s %10s %9s | %12s %10s %9s | %7s %7s %7s\n' object conns \
  "nginx req/s" "MB/s" "p99 ms" "router req/s" "MB/s" "p99 ms" "rps x" "MB/s x" "p99 x"
printf -- '-%.0s' $(seq 1 120); echo
RESULTS="$WORK/results.tsv"
: > "$RESULTS"
for obj in $OBJECTS; do
  path=$SEGMENT; [ $obj = playlist ] && path=$PLAYLIST
  for c in $CONNS; do
    nr=(); nm=(); np=(); rr=(); rm=(); rp=()
    for _ in $(seq 1 "$ROUNDS"); do
      read -r a b d e <<<"$(run_wrk "http://127.0.0.1:$NP$path" "$c")"; nr+=("$a"); nm+=("$b"); np+=("$d")
      [ "$e" = none ] || echo "  nginx errors: $e"
      read -r a b d e <<<"$(run_wrk "http://127.0.0.1:$MP$path" "$c")"; rr+=("$a"); rm+=("$b"); rp+=("$d")
      [ "$e" = none ] || echo "  router errors: $e"
    done
    n_rps=$(median "${nr[@]}"); n_mb=$(median "${nm[@]}"); n_p99=$(median "${np[@]}")
    r_rps=$(median "${rr[@]}"); r_mb=$(median "${rm[@]}"); r_p99=$(median "${rp[@]}")
    ratios=$(awk -v a="$r_rps" -v b="$n_rps" -v c="$r_mb" -v d="$n_mb" -v e="$r_p99" -v f="$n_p99" \
      'BEGIN { printf "%7.2f %7.2f %7.2f", a / b, (d > 0 ? c / d : 0), (f > 0 ? e / f : 0) }')
    printf '%-9s %-6s | %12.0f %10.1f %9.2f | %12.0f %10.1f %9.2f | %s\n' $obj "$c" \
      "$n_rps" "$n_mb" "$n_p99" "$r_rps" "$r_mb" "$r_p99" "$ratios"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' $obj "$c" "$n_rps" "$n_mb" "$n_p99" "$r_rps" "$r_mb" "$r_p99" "$ratios" >> "$RESULTS"
  done
done

# Heap at rest: a fresh master with an empty cache, after a full GC.
RP2=$(free_port)
start_router rest master "$RP2" "$(free_port)"
REST_PID=${PIDS[-1]}
sleep 3
if command -v jcmd >/dev/null; then
  jcmd "$REST_PID" GC.run >/dev/null
  # Young plus old generation, in KiB, as the JVM reports them.
  used=$(jcmd "$REST_PID" GC.heap_info | awk '/total/ && !/Metaspace|class space/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); sum += v } } END { printf "%.1f", sum / 1024 }')
  echo
  echo "router runtime: $("$JAVA" -version 2>&1 | head -1)"
  echo "router heap at rest (empty cache, after full GC): ${used} MiB used   [JVM: $JVM_OPTS]"
fi
echo "master cache after the run: $(curl -fsS "http://127.0.0.1:$MMP/q/metrics" | awk '/^streamhub_router_cache_lookups_total/ {printf "%s=%s ", $1, $2}')"
echo "raw wrk output: $WORK/logs/wrk.log"
