#!/usr/bin/env bash
# The native images, built and smoke-tested as the JVM images are (issue 32): links each service's
# executable where its target/*-runner is missing or older than the module's own sources (a change
# in shared/ or redis-runtime/ wants NATIVE_REBUILD=1) (native/verify.sh, which
# also starts it against a real Redis), then runs images' ContainerSmokeIT on the chart's
# image.flavor=native images: images/build-images.sh with IMAGE_FLAVOR=native builds them FROM the
# native base, and the four containers must get ready, play a room through the router, answer a
# tracker announce, and stop cleanly on SIGTERM, with the same flags and checks as the JVM images.
#   native/images.sh                 every service
#   NATIVE_REBUILD=1 native/images.sh     link every executable afresh
# Not in ./mvnw verify: four native builds take 40-60 min on two cores and ~4 GiB each
# (docs/architecture.md, "Native"). Needs what native/verify.sh and images/build-images.sh need.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ALL=(hls-router config-service egress-orchestrator p2p-tracker)

stale=()
for s in "${ALL[@]}"; do
  runner=$(find "$ROOT/$s/target" -maxdepth 1 -name '*-runner' -type f 2>/dev/null | head -1)
  newest=$(find "$ROOT/$s/src/main/java" "$ROOT/$s/src/main/resources" "$ROOT/$s/pom.xml" -type f -newer "${runner:-/nonexistent}" 2>/dev/null | head -1)
  if [ "${NATIVE_REBUILD:-0}" = 1 ] || [ -z "$runner" ] || [ -n "$newest" ]; then
    stale+=("$s")
  fi
done
if [ ${#stale[@]} -gt 0 ]; then
  echo "native-images: linking ${stale[*]} (native/verify.sh)"
  "$ROOT/native/verify.sh" "${stale[@]}"
fi
echo "native-images: building the -native images and running ContainerSmokeIT on them"
"$ROOT/mvnw" -B -q verify -pl images -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ContainerSmokeIT -Dfailsafe.failIfNoSpecifiedTests=false -Dimages.flavor=native
echo "native-images: passed; sizes in images/target/images-native.tsv"
