#!/usr/bin/env bash
# Runs GraalVM's image builder over each service through Quarkus's native build (issue 19):
# points-to analysis, universe, compilation and the image heap, up to the relocatable object.
# It proves what a build can of "native-ready": every reachable class resolves and links, nothing
# initialised at build time leaves in the heap what cannot be there (a seeded generator, a started
# thread). Reflection by name shows only when an image runs, and nothing links here: the JDK's
# static libraries are missing (docs/architecture.md, "Native images").
#   native/verify.sh [service...]        default: every service
#   ./mvnw -N -Pnative-verify validate   the same, from Maven
# Settings: NATIVE_SERVICES (when no service is named), NATIVE_XMX (builder heap, default 6g),
# JDK25 (for native/assemble-home.sh). Needs jq and readelf.
# Output: target/native-verify/<service>.log, .json (the builder's report), .o and .unresolved,
# and a Markdown table on stdout (native/summary.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOME_DIR="$ROOT/native/builder/target/graalvm-home"
OUT="$ROOT/target/native-verify"
XMX="${NATIVE_XMX:-6g}"
ALL=(hls-router config-service egress-orchestrator p2p-tracker)

services=("$@")
# shellcheck disable=SC2206 # a space-separated list, split on purpose
[ ${#services[@]} -gt 0 ] || services=(${NATIVE_SERVICES:-})
[ ${#services[@]} -gt 0 ] || services=("${ALL[@]}")
for s in "${services[@]}"; do
  [[ " ${ALL[*]} " == *" $s "* ]] || { echo "native-verify: unknown service '$s' (one of: ${ALL[*]})" >&2; exit 2; }
done

command -v jq >/dev/null || { echo "native-verify: jq is needed (apt-get install jq)" >&2; exit 2; }
command -v readelf >/dev/null || { echo "native-verify: readelf is needed (apt-get install binutils)" >&2; exit 2; }
[ -x "$HOME_DIR/bin/native-image" ] || "$ROOT/native/assemble-home.sh" "$HOME_DIR"
mkdir -p "$OUT"

failed=()
for s in "${services[@]}"; do
  log="$OUT/$s.log"
  echo "native-verify: $s (log $log)"
  start=$(date +%s)
  # ExitAfterRelocatableImageWrite: the builder stops once the object file is written, so the
  # placeholder static libraries are never linked. Quarkus then finds no executable; the builder's
  # own report (its JSON and its "Finished generating" line) is what this script checks.
  # TempDirectory keeps the object file, which the builder otherwise deletes on exit.
  tmp="$OUT/$s-build"
  rm -rf "$tmp" "$OUT/$s.json" "$OUT/$s.o" "$OUT/$s.unresolved"
  find "$ROOT/$s/target" -name '*-build-output-stats.json' -delete 2>/dev/null || true
  set +e
  "$ROOT/mvnw" -B package -pl "$s" -am -DskipTests -Dnative \
    -Dquarkus.native.graalvm-home="$HOME_DIR" \
    -Dquarkus.native.native-image-xmx="$XMX" \
    "-Dquarkus.native.additional-build-args=-H:+UnlockExperimentalVMOptions,-H:+ExitAfterRelocatableImageWrite,-H:TempDirectory=$tmp,-H:-UnlockExperimentalVMOptions" \
    >"$log" 2>&1
  set -e
  secs=$(( $(date +%s) - start ))
  json=$(find "$ROOT/$s/target" -name '*-build-output-stats.json' -print -quit 2>/dev/null || true)
  obj=$(find "$tmp" -name '*.o' -print -quit 2>/dev/null || true)
  if grep -q "Finished generating" "$log" && [ -n "$obj" ] && [ -n "$json" ]; then
    jq --arg secs "$secs" '. + {verify_secs: ($secs | tonumber)}' "$json" >"$OUT/$s.json"
    mv "$obj" "$OUT/$s.o"
    "$ROOT/native/link-probe.sh" "$OUT/$s.o" "$OUT/$s.unresolved"
    rm -rf "$tmp"
    echo "native-verify: $s analysed, heap built, object written in ${secs}s"
  else
    echo "native-verify: $s FAILED after ${secs}s; the builder said:" >&2
    # The builder's own verdict (Fatal error / Error: with what reached it), else Maven's tail.
    grep -m3 -A14 -E "^(Fatal error|Error): " "$log" >&2 || tail -30 "$log" >&2
    failed+=("$s")
  fi
done

"$ROOT/native/summary.sh" "$OUT" "${services[@]}"

if [ ${#failed[@]} -gt 0 ]; then
  echo "native-verify: failed: ${failed[*]}" >&2
  exit 1
fi
