#!/usr/bin/env bash
# Runs GraalVM's image builder over each service through Quarkus's native build (issue 19):
# points-to analysis, universe, compilation and the image heap, the relocatable object and, when
# the builder home has the link inputs (native/link-inputs.sh, issue 32), the executable, which
# native/smoke.sh then starts against a real Redis (NATIVE_SMOKE=0 skips that).
# It proves what a build can of "native-ready": every reachable class resolves and links, nothing
# initialised at build time leaves in the heap what cannot be there (a seeded generator, a started
# thread). Reflection by name shows only when an image runs.
#   native/verify.sh [service...]        default: every service
#   ./mvnw -N -Pnative-verify validate   the same, from Maven
# Settings: NATIVE_SERVICES (when no service is named), NATIVE_XMX (builder heap, default 6g),
# JDK25 (for native/assemble-home.sh). Needs jq and readelf.
# Output: target/native-verify/<service>.log, .json (the builder's report), .o, .unresolved,
# the executable <service> and .smoke when linked, and a Markdown table on stdout (native/summary.sh).
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
# Link when the home has the link inputs (native/link-inputs.sh), else stop at the object file.
LINK=0
[ -f "$HOME_DIR/lib/static/linux-amd64/glibc/SOURCE" ] && LINK=1

failed=()
for s in "${services[@]}"; do
  log="$OUT/$s.log"
  echo "native-verify: $s (log $log)"
  start=$(date +%s)
  # With the link inputs in the home (native/link-inputs.sh) the builder links the executable
  # itself and Quarkus finds its runner. Without them (placeholders, NATIVE_LINK=0 at assembly)
  # ExitAfterRelocatableImageWrite stops the builder once the object file is written; the
  # builder's own report (its JSON and its "Finished generating" line) is what is checked then.
  # TempDirectory keeps the object file, which the builder otherwise deletes on exit.
  tmp="$OUT/$s-build"
  rm -rf "$tmp" "$OUT/$s.json" "$OUT/$s.o" "$OUT/$s.unresolved" "${OUT:?}/${s:?}"
  find "$ROOT/$s/target" -name '*-build-output-stats.json' -delete 2>/dev/null || true
  find "$ROOT/$s/target" -maxdepth 1 -name '*-runner' -delete 2>/dev/null || true
  if [ "$LINK" = 1 ]; then
    args="-H:TempDirectory=$tmp"
  else
    args="-H:+UnlockExperimentalVMOptions,-H:+ExitAfterRelocatableImageWrite,-H:TempDirectory=$tmp,-H:-UnlockExperimentalVMOptions"
  fi
  set +e
  "$ROOT/mvnw" -B package -pl "$s" -am -DskipTests -Dnative \
    -Dquarkus.native.graalvm-home="$HOME_DIR" \
    -Dquarkus.native.native-image-xmx="$XMX" \
    "-Dquarkus.native.additional-build-args=$args" \
    >"$log" 2>&1
  set -e
  secs=$(( $(date +%s) - start ))
  json=$(find "$ROOT/$s/target" -name '*-build-output-stats.json' -print -quit 2>/dev/null || true)
  obj=$(find "$tmp" -name '*.o' -print -quit 2>/dev/null || true)
  runner=$(find "$ROOT/$s/target" -maxdepth 1 -name '*-runner' -print -quit 2>/dev/null || true)
  if grep -q "Finished generating" "$log" && [ -n "$obj" ] && [ -n "$json" ] && { [ "$LINK" = 0 ] || [ -n "$runner" ]; }; then
    jq --arg secs "$secs" '. + {verify_secs: ($secs | tonumber)}' "$json" >"$OUT/$s.json"
    mv "$obj" "$OUT/$s.o"
    "$ROOT/native/link-probe.sh" "$OUT/$s.o" "$OUT/$s.unresolved" "$HOME_DIR"
    rm -rf "$tmp"
    if [ "$LINK" = 1 ]; then
      cp "$runner" "$OUT/$s"
      echo "native-verify: $s linked in ${secs}s: $OUT/$s ($(stat -c %s "$OUT/$s") bytes)"
      if [ "${NATIVE_SMOKE:-1}" != 0 ]; then
        # Health only; the announce, playlist and segment checks run on the images (native/images.sh).
        "$ROOT/native/smoke.sh" "$s" "$OUT/$s" | tee "$OUT/$s.smoke" || { echo "native-verify: $s smoke FAILED" >&2; failed+=("$s"); }
      fi
    else
      echo "native-verify: $s analysed, heap built, object written in ${secs}s"
    fi
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
