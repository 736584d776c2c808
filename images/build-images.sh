#!/usr/bin/env bash
# Builds the four service images as the chart pulls them, <registry>/<repository>/<service>:<version>
# (default ghcr.io/streamhub/…:<chart appVersion>), FROM the project's own base (base/build-base.sh),
# and reports each image's size uncompressed (as podman reports it) and gzip-compressed.
# Needs the services packaged (./mvnw package -DskipTests), root, podman, runc and debootstrap.
# IMAGE_FLAVOR=native builds the chart's image.flavor=native images instead (tags <version>-native,
# Dockerfile.native, FROM the native base), from each service's target/*-runner (native/verify.sh).
# Settings: IMAGE_FLAVOR (jvm or native), IMAGE_REGISTRY, IMAGE_REPOSITORY, IMAGE_TAG, SERVICES (a
# subset), and those of build-base.sh.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
WORK="${IMAGES_WORK:-$ROOT/images/target}"
PODMAN=(podman --runtime runc --cgroup-manager=cgroupfs)
APP_VERSION=$(awk '/^appVersion:/ {gsub(/"/, "", $2); print $2}' "$ROOT/helm/streamhub/Chart.yaml")
# The chart's image.registry and image.repository are the defaults, so what is built is what it pulls.
chart_image() { awk -v key="$1" '/^image:/ {in_image=1; next} /^[^ #]/ {in_image=0}
  in_image && $1 == key ":" {gsub(/"/, "", $2); print $2; exit}' "$ROOT/helm/streamhub/values.yaml"; }
REGISTRY="${IMAGE_REGISTRY:-$(chart_image registry)}"
REPOSITORY="${IMAGE_REPOSITORY:-$(chart_image repository)}"
FLAVOR="${IMAGE_FLAVOR:-jvm}"
case "$FLAVOR" in
  jvm) TAG="${IMAGE_TAG:-$APP_VERSION}" ;;
  native) TAG="${IMAGE_TAG:-$APP_VERSION-native}" ;; # the chart's tag for image.flavor=native
  *) echo "build-images: IMAGE_FLAVOR is jvm or native, not '$FLAVOR'" >&2; exit 2 ;;
esac
SERVICES="${SERVICES:-hls-router config-service egress-orchestrator p2p-tracker}"
REVISION=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)
SOURCE="${IMAGE_SOURCE:-https://github.com/streamhub/streamhub}"

die() { echo "build-images: $*" >&2; exit 1; }
mkdir -p "$WORK"

for s in $SERVICES; do
  if [ "$FLAVOR" = native ]; then
    runners=("$ROOT/$s/target/"*-runner)
    if [ ! -x "${runners[0]}" ] || [ ! -f "$ROOT/$s/target/bom.json" ]; then
      die "$s has no native executable (target/*-runner): build it with native/verify.sh $s"
    fi
  elif [ ! -f "$ROOT/$s/target/quarkus-app/quarkus-run.jar" ] || [ ! -f "$ROOT/$s/target/bom.json" ]; then
    die "$s is not packaged: run ./mvnw package -DskipTests first"
  fi
done
BASE_FLAVOR="$FLAVOR" "$HERE/base/build-base.sh"

REPORT="$WORK/images-$FLAVOR.tsv"
printf 'image\tuncompressed_bytes\tcompressed_bytes\n' > "$REPORT"
for s in $SERVICES; do
  image="$REGISTRY/$REPOSITORY/$s:$TAG"
  echo "build-images: $image"
  "${PODMAN[@]}" build --quiet --pull=never -f "$ROOT/$s/src/main/docker/Dockerfile.$FLAVOR" \
    --build-arg VERSION="$TAG" --build-arg REVISION="$REVISION" --build-arg SOURCE="$SOURCE" \
    -t "$image" "$ROOT/$s" >/dev/null
  size=$("${PODMAN[@]}" image inspect --format '{{.Size}}' "$image")
  compressed=$("${PODMAN[@]}" save --format oci-archive "$image" 2>/dev/null | gzip -6 | wc -c)
  printf '%s\t%s\t%s\n' "$image" "$size" "$compressed" >> "$REPORT"
  mkdir -p "$WORK/sbom/$FLAVOR/$s"
  cp "$WORK/base-$FLAVOR.cdx.json" "$WORK/sbom/$FLAVOR/$s/base.cdx.json"
  cp "$ROOT/$s/target/bom.json" "$WORK/sbom/$FLAVOR/$s/app.cdx.json"
done
# Earlier builds of these tags are left untagged: drop them (only images made from our base).
"${PODMAN[@]}" image prune -f --filter label=io.streamhub.base.inputs >/dev/null
echo
awk -F'\t' 'NR == 1 {printf "%-52s %14s %14s\n", "image", "uncompressed", "gzip"; next}
            {printf "%-52s %11.1f MB %11.1f MB\n", $1, $2 / 1e6, $3 / 1e6}' "$REPORT"
echo "(sizes in $REPORT, SBOMs in $WORK/sbom/$FLAVOR/<service>/)"
