#!/usr/bin/env bash
# Builds the base image every service image starts FROM, from Debian packages only (no registry):
#   1. debootstrap a minimal Debian into a build root (cached under images/target/),
#   2. copy into an empty root just the files of the packages in packages.txt (no shell, no package
#      manager, no docs, locales or caches), plus the CA bundle, ld.so.cache and a passwd with UID 185,
#   3. for the JVM flavor, jlink the modules in modules.txt from the build's JDK into /opt/java, with
#      a trust store made from that CA bundle (Truststore.java); the native flavor has no runtime (a
#      native executable carries its own, and its trust store is built in),
#   4. write the base's SBOM (CycloneDX: the Debian packages and the runtime) into /usr/share/sbom,
#   5. tar it reproducibly and `podman import` it as $BASE_IMAGE.
#   images/base/build-base.sh            the JVM base, localhost/streamhub/jvm-base:17-bookworm
#   BASE_FLAVOR=native images/base/build-base.sh    localhost/streamhub/native-base:12-bookworm
# Settings: BASE_FLAVOR (jvm or native), DEBIAN_MIRROR (default: the mirror apt uses here; point it at a snapshot.debian.org
# archive URL such as …/archive/debian/20261201T000000Z to pin every package), DEBIAN_SUITE
# (bookworm), DEBOOTSTRAP_KEYRING, JAVA_HOME (the JDK whose jlink and jmods make the runtime),
# BASE_IMAGE. The image is for the build machine's architecture (one build per architecture).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${IMAGES_WORK:-$ROOT/images/target}"
SUITE="${DEBIAN_SUITE:-bookworm}"
FLAVOR="${BASE_FLAVOR:-jvm}"
case "$FLAVOR" in
  jvm) BASE_IMAGE="${BASE_IMAGE:-localhost/streamhub/jvm-base:17-$SUITE}" ;;
  # Tagged with Debian's release number as the JVM base is with Java's, so a FROM names a version.
  native) BASE_IMAGE="${BASE_IMAGE:-localhost/streamhub/native-base:$([ "$SUITE" = bookworm ] && echo 12-)$SUITE}" ;;
  *) echo "build-base: BASE_FLAVOR is jvm or native, not '$FLAVOR'" >&2; exit 2 ;;
esac
JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
PODMAN=(podman --runtime runc --cgroup-manager=cgroupfs)

die() { echo "build-base: $*" >&2; exit 1; }
info() { echo "build-base: $*"; }

default_mirror() {
  # The first deb822 or one-line source apt uses on this machine.
  local uri
  uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | awk '{print $2}')
  [ -n "$uri" ] || uri=$(grep -hs '^deb ' /etc/apt/sources.list 2>/dev/null | head -1 | awk '{print $2}')
  echo "${uri:-http://deb.debian.org/debian}"
}
MIRROR="${DEBIAN_MIRROR:-$(default_mirror)}"

for tool in debootstrap podman dpkg-query tar sha256sum; do
  command -v "$tool" >/dev/null || die "$tool is needed (apt-get install -y debootstrap podman runc)"
done
if [ "$FLAVOR" = jvm ] && { [ ! -x "$JAVA_HOME/bin/jlink" ] || [ ! -d "$JAVA_HOME/jmods" ]; }; then
  die "JAVA_HOME=$JAVA_HOME has no jlink/jmods (Debian: openjdk-17-jdk-headless)"
fi
[ "$(id -u)" = 0 ] || die "debootstrap needs root"

list() { grep -v '^\s*#' "$1" | grep -v '^\s*$'; }
PACKAGES=$(list "$HERE/packages.txt")
MODULES=$(list "$HERE/modules.txt" | paste -sd, -)
JDK_VERSION=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/ {print $2}')

# The inputs that decide the image; an image built from the same ones is reused.
INPUTS=$( { cat "$HERE/packages.txt" "$HERE/modules.txt" "$HERE/build-base.sh" "$HERE/Truststore.java"; \
            echo "$FLAVOR $SUITE $MIRROR $JDK_VERSION $(date -u +%Y-%m-%d)"; } | sha256sum | cut -c1-16)
SBOM="$WORK/base-$FLAVOR.cdx.json"
if [ "${FORCE:-0}" != 1 ] && [ "$("${PODMAN[@]}" image inspect --format '{{ index .Labels "io.streamhub.base.inputs" }}' "$BASE_IMAGE" 2>/dev/null)" = "$INPUTS" ]; then
  info "$BASE_IMAGE is up to date (inputs $INPUTS)"
  if [ ! -f "$SBOM" ]; then # built by another checkout: take its SBOM from the image
    mkdir -p "$WORK"
    ctr=$("${PODMAN[@]}" create "$BASE_IMAGE" /nothing-runs)
    "${PODMAN[@]}" cp "$ctr:/usr/share/sbom/base.cdx.json" "$SBOM"
    "${PODMAN[@]}" rm "$ctr" >/dev/null
  fi
  exit 0
fi

# 1. The build root: debootstrap once per day and suite (a new day may bring security updates).
STRAP="$WORK/debootstrap-$SUITE-$(date -u +%Y%m%d)"
if [ ! -f "$STRAP/.complete" ]; then
  rm -rf "$WORK"/debootstrap-"$SUITE"-*
  info "debootstrap $SUITE from $MIRROR …"
  # DEBOOTSTRAP_KEYRING: where the host is not Debian (Ubuntu CI runners: debian-archive-keyring).
  debootstrap --variant=minbase ${DEBOOTSTRAP_KEYRING:+--keyring="$DEBOOTSTRAP_KEYRING"} \
    --include="$(echo "$PACKAGES" | paste -sd, -)" "$SUITE" "$STRAP" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
    || die "debootstrap failed; see $WORK/debootstrap.log"
  touch "$STRAP/.complete"
fi

# 2. The image root: only the listed packages' files.
IMG="$WORK/base-root-$FLAVOR"
rm -rf "$IMG" && mkdir -p "$IMG"
FILES="$WORK/base-files.txt"
: > "$FILES"
for p in $PACKAGES; do
  dpkg-query --admindir="$STRAP/var/lib/dpkg" -L "$p" >> "$FILES" || die "package $p is not in the build root"
done
# Generated at install time, so in no package's file list.
printf '%s\n' /etc/ssl/certs/ca-certificates.crt /etc/ld.so.cache /etc/localtime /etc/timezone >> "$FILES"
# Paths under the merged-/usr links (/lib → usr/lib …) are taken at their real place; the links
# themselves are made afterwards.
MERGED=$(for l in bin sbin lib lib64; do [ -L "$STRAP/$l" ] && printf '%s|' "$l"; done; true)
grep -vE '^/usr/share/(doc|man|info|locale|lintian|bug|common-licenses)(/|$)|^/\.$' "$FILES" \
  | sed -E "s#^/(${MERGED%|})(/|\$)#/usr/\1\2#" | sort -u \
  | sed 's|^/||' | while read -r f; do if [ -e "$STRAP/$f" ] || [ -L "$STRAP/$f" ]; then echo "$f"; fi; done > "$FILES.present"
tar -C "$STRAP" --no-recursion -cf - -T "$FILES.present" | tar -C "$IMG" -xf -
# Debian's merged /usr: the top-level links belong to no package.
for l in bin sbin lib lib64; do
  [ -L "$STRAP/$l" ] && cp -a "$STRAP/$l" "$IMG/$l"
done
mkdir -p "$IMG/etc" "$IMG/tmp" "$IMG/deployments" "$IMG/usr/share/sbom"
chmod 1777 "$IMG/tmp"
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nstreamhub:x:185:185:StreamHub:/deployments:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' > "$IMG/etc/passwd"
printf 'root:x:0:\nstreamhub:x:185:\nnogroup:x:65534:\n' > "$IMG/etc/group"
printf 'hosts: files dns\n' > "$IMG/etc/nsswitch.conf"

# 3. The Java runtime (the JVM flavor only).
if [ "$FLAVOR" = jvm ]; then
  info "jlink $JDK_VERSION: $MODULES"
  "$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files --output "$IMG/opt/java"
  rm -f "$IMG/opt/java/lib/security/cacerts"
  "$JAVA_HOME/bin/java" "$HERE/Truststore.java" "$IMG/etc/ssl/certs/ca-certificates.crt" "$IMG/opt/java/lib/security/cacerts" >/dev/null
  # Debian's JDK points these at /etc/java-17-openjdk; the image has the jmods' own copies or none.
  find "$IMG/opt/java" -xtype l -print -delete | sed 's/^/build-base: dropped a dangling link: /'
fi

# 4. The base's SBOM.
{
  echo '{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,'
  echo ' "metadata":{"component":{"type":"container","name":"'"${BASE_IMAGE%%:*}"'","version":"'"${BASE_IMAGE##*:}"'"}},'
  echo ' "components":['
  for p in $PACKAGES; do
    dpkg-query --admindir="$STRAP/var/lib/dpkg" -W -f '  {"type":"library","name":"${Package}","version":"${Version}","purl":"pkg:deb/debian/${Package}@${Version}?arch=${Architecture}&distro='"$SUITE"'"},\n' "$p"
  done
  if [ "$FLAVOR" = jvm ]; then
    echo '  {"type":"framework","name":"java-runtime (jlink of '"$MODULES"')","version":"'"$JDK_VERSION"'"}'
  else
    echo '  {"type":"data","name":"native-base (no runtime: each service'"'"'s executable carries its own)","version":"'"$SUITE"'"}'
  fi
  echo ' ]}'
} > "$IMG/usr/share/sbom/base.cdx.json"
cp "$IMG/usr/share/sbom/base.cdx.json" "$SBOM"

# 5. A reproducible tar, imported with the runtime's settings.
EPOCH=$(stat -c %Y "$STRAP/var/lib/dpkg/status")
tar -C "$IMG" --sort=name --mtime="@$EPOCH" --owner=0 --group=0 --numeric-owner -cf "$WORK/base-$FLAVOR.tar" .
"${PODMAN[@]}" rmi -f "$BASE_IMAGE" >/dev/null 2>&1 || true
if [ "$FLAVOR" = jvm ]; then
  runtime=(--change 'ENV JAVA_HOME=/opt/java' --change 'ENV PATH=/opt/java/bin:/usr/bin:/bin')
  described="jlinked Java $JDK_VERSION"
else
  runtime=(--change 'ENV PATH=/usr/bin:/bin')
  described="no runtime (native executables)"
fi
"${PODMAN[@]}" import --quiet "${runtime[@]}" \
  --change 'ENV LANG=C.UTF-8' \
  --change 'ENV TZ=UTC' \
  --change 'USER 185' \
  --change 'WORKDIR /deployments' \
  --change "LABEL io.streamhub.base.inputs=$INPUTS" \
  --change "LABEL org.opencontainers.image.title=streamhub-$FLAVOR-base" \
  --change "LABEL org.opencontainers.image.description=Debian $SUITE files of: ${PACKAGES//$'\n'/ } + $described" \
  "$WORK/base-$FLAVOR.tar" "$BASE_IMAGE" >/dev/null
info "built $BASE_IMAGE ($(du -sh "$IMG" | cut -f1) on disk, inputs $INPUTS)"
