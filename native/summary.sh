#!/usr/bin/env bash
# Prints native/verify.sh's results as a Markdown table (the form docs/benchmarks.md keeps):
# the builder's own report (<service>.json), the object file's sections (<service>.o) and what a
# link left unresolved (<service>.unresolved, native/link-probe.sh) and the executable's size.
#   native/summary.sh <dir> <service...>
set -euo pipefail
dir="$1"; shift

mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
# Size of one section of an ELF object, in bytes (readelf prints it in hex).
section() {
  local hex
  hex=$(readelf -S -W "$1" | sed 's/^ *\[ *[0-9]*\]//' | awk -v name="$2" '$1 == name { print $5; exit }')
  echo $(( 16#${hex:-0} ))
}

echo "| service | reachable types / fields / methods | reflection types / methods | builder s | peak RSS GiB | object MiB | code MiB | image heap MiB | unresolved at link: JDK / GraalVM C | executable MiB |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for s in "$@"; do
  json="$dir/$s.json" obj="$dir/$s.o"
  if [ ! -f "$json" ] || [ ! -f "$obj" ] || [ ! -f "$dir/$s.unresolved" ]; then
    echo "| $s | failed, see $dir/$s.log | | | | | | | | |"
    continue
  fi
  jq -r --arg s "$s" '"| \($s) | \(.analysis_results.types.reachable) / \(.analysis_results.fields.reachable) / \(.analysis_results.methods.reachable) | \(.analysis_results.types.reflection) / \(.analysis_results.methods.reflection) | \(.resource_usage.total_secs | floor) | \(.resource_usage.memory.peak_rss_bytes / 1073741824 * 100 | floor / 100)"' "$json" \
    | tr -d '\n'
  jdk=$(grep -c '^jdk ' "$dir/$s.unresolved" || true)
  graal=$(grep -c '^graalvm ' "$dir/$s.unresolved" || true)
  exe="not linked"
  [ -x "$dir/$s" ] && exe=$(mib "$(stat -c %s "$dir/$s")")
  echo " | $(mib "$(stat -c %s "$obj")") | $(mib "$(section "$obj" .text)") | $(mib "$(section "$obj" .svm_heap)") | $jdk / $graal | $exe |"
done
