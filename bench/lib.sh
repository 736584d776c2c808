# shellcheck shell=bash
# Helpers the router benches share (sourced; each script defines die()).

# A free TCP port on 127.0.0.1, below the kernel's ephemeral range (usually 32768+), where client
# sockets may hold ports that a connect probe cannot see; a listener there is what the probe finds.
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((15000 + RANDOM % 17000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  die "no free port"
}

# The median of the numbers given.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# An origin's data folder with one live room, bench/room: a 1 MiB segment and a six-segment live
# playlist whose content never changes. Its mtime must be kept fresh (touch it every second) for
# the origin to keep the room live and its claim.
write_fixed_room() { # data-dir
  local room="$1/apps/bench/hls/room"
  mkdir -p "$room"
  head -c $((1024 * 1024)) /dev/urandom > "$room/seg100.ts"
  {
    printf '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:6\n#EXT-X-MEDIA-SEQUENCE:95\n'
    for s in 95 96 97 98 99 100; do printf '#EXTINF:6.000,\nseg%d.ts\n' "$s"; done
  } > "$room/live.m3u8"
}
