# shellcheck shell=bash
# Sourced by bench/p2p-swarm.sh and bench/p2p-links.sh: the two apps of a P2P on/off comparison and
# the suite that streams their rooms. Needs die() and the caller's LIST_SIZE and TIMING.

# write_p2p_apps DIR SEGMENT_SECONDS: p2pon.yaml and p2poff.yaml, the same app but for p2p.enabled.
write_p2p_apps() {
  local dir=$1 s=$2 mode enabled
  for mode in on off; do
    enabled=true
    [ "$mode" = on ] || enabled=false
    {
      echo "app: p2p$mode"
      echo "distribution:"
      echo "  mode: p2p"
      echo "  hls:"
      echo "    segment_seconds: $s"
      echo "    list_size: $LIST_SIZE"
      echo "  p2p:"
      echo "    enabled: $enabled"
      echo "    ice_servers: []"
      [ -z "$TIMING" ] || echo "    timing: $TIMING"
    } > "$dir/p2p$mode.yaml"
  done
}

# start_suite LAUNCHER WORK ROOM...: ./streamhub up from LAUNCHER on WORK/apps, streaming the rooms, in
# its own process group (SUITE holds its PID); returns once it says it is running.
start_suite() {
  local launcher=$1 work=$2
  shift 2
  STREAMHUB_BUILD=0 STREAMHUB_HOME="$work/home" STREAMHUB_APPS="$work/apps" STREAMHUB_ROOMS="$(IFS=,; echo "$*")" \
    setsid "$launcher" up > "$work/suite.log" 2>&1 &
  SUITE=$!
  for _ in $(seq 1 300); do
    grep -q 'is running' "$work/suite.log" 2>/dev/null && return 0
    kill -0 "$SUITE" 2>/dev/null || { cat "$work/suite.log" >&2; die "the suite did not start"; }
    sleep 0.5
  done
  die "the suite did not start in 150 s (see $work/suite.log)"
}
