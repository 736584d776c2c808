#!/usr/bin/env bash
# Builds the JDK's static libraries that a native image links (libjava.a, libnio.a, libnet.a,
# libzip.a, libextnet.a, libmanagement_ext.a) from Debian's openjdk-26 source package, compiled against JNI headers that
# `javac -h` writes from the image JDK's (Temurin 25) own src.zip, with our patches for what JDK 25
# declares differently (native/jdk-static/patches). Issue 32.
#   native/jdk-static/build.sh            output: target/jdk-static/lib/*.a
# Settings: JDK25 (default /usr/lib/jvm/temurin-25-jdk-amd64), OUT (default <repo>/target/jdk-static),
# JOBS (parallel compiles, default 2), APT_UPDATE=0 to reuse the scratch apt lists.
# Nothing is fetched but the pinned source package, through apt (signed Debian indexes). When that
# version is no longer served, the script stops and names it: moving to another version is a
# reviewed change of PIN, checked by native/jdk-static/check.sh.
set -euo pipefail

# The pinned source package. Debian serves no openjdk-25 source; 26's native code is 25's with a
# few changes, which the patches and check.sh account for.
PACKAGE=openjdk-26
PIN=26.0.2.1+1-1
UPSTREAM=26.0.2.1+1

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/native/jdk-static"
JDK25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
OUT="${OUT:-$ROOT/target/jdk-static}"
JOBS="${JOBS:-2}"
# The libraries, and the modules whose classes declare their natives.
LIBS="java nio net zip extnet management_ext"
MODULES="java.base jdk.net jdk.management"

die() { echo "jdk-static: $*" >&2; exit 2; }
[ -x "$JDK25/bin/javac" ] || die "no JDK 25 at $JDK25 (set JDK25)"
[ -f "$JDK25/lib/src.zip" ] || die "$JDK25 has no lib/src.zip, which the JNI headers are written from"
command -v gcc >/dev/null || die "gcc is needed"
[ -f /usr/include/zlib.h ] || die "zlib's headers are needed (apt-get install zlib1g-dev)"

# The runtime's version: ProcessImpl passes VERSION_STRING to jspawnhelper, which refuses another.
# shellcheck disable=SC1091 # the JDK's release file, KEY="value" lines
JAVA_RUNTIME_VERSION=$(. "$JDK25/release" && echo "$JAVA_RUNTIME_VERSION")
[ -n "$JAVA_RUNTIME_VERSION" ] || die "no JAVA_RUNTIME_VERSION in $JDK25/release"

# --- the source package, through a scratch apt configuration (the machine's own is untouched) ---
apt_dir="$OUT/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$OUT/download"
cat >"$apt_dir/sources.list" <<SOURCES
deb-src http://deb.debian.org/debian sid main
deb-src http://deb.debian.org/debian trixie main
SOURCES
apt_opts=(-o "Dir::Etc::sourcelist=$apt_dir/sources.list" -o "Dir::Etc::sourceparts=-"
  -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache")
dsc="$OUT/download/${PACKAGE}_${PIN}.dsc"
orig="$OUT/download/${PACKAGE}_${UPSTREAM}.orig.tar.xz"
if [ ! -f "$dsc" ] || [ ! -f "$orig" ]; then
  if [ "${APT_UPDATE:-1}" != 0 ] || [ ! -d "$apt_dir/lists" ]; then
    apt-get "${apt_opts[@]}" -q update >"$OUT/apt-update.log" 2>&1 || { cat "$OUT/apt-update.log" >&2; die "apt-get update failed"; }
  fi
  served=$(apt-cache "${apt_opts[@]}" showsrc "$PACKAGE" 2>/dev/null | sed -n 's/^Version: //p' | sort -u | tr '\n' ' ')
  case " $served" in
    *" $PIN "*) ;;
    *) die "$PACKAGE $PIN (the pinned version) is no longer served by Debian; served now: ${served:-none}. Moving to another version is a reviewed change: set PIN, rebuild, and run native/jdk-static/check.sh." ;;
  esac
  (cd "$OUT/download" && apt-get "${apt_opts[@]}" -q source --download-only "$PACKAGE=$PIN") >"$OUT/apt-source.log" 2>&1 \
    || { cat "$OUT/apt-source.log" >&2; die "apt-get source $PACKAGE=$PIN failed"; }
fi
# apt checked the files against the signed index; the .dsc's SHA-256 lines are checked once more
# here so a file left in download/ by an interrupted run cannot pass.
(cd "$OUT/download" && sed -n '/^Checksums-Sha256:/,/^[A-Z]/p' "$dsc" | awk 'NF == 3 && $3 ~ /orig\.tar\.xz$/ { print $1 "  " $3 }' \
  | grep " ${PACKAGE}_${UPSTREAM}.orig.tar.xz$" | sha256sum -c --quiet) || die "checksum of $orig does not match $dsc"

# --- the native sources: only the directories the five libraries and their headers need ---
src_top="${PACKAGE}-${UPSTREAM}"
src="$OUT/src"
rm -rf "$src"
mkdir -p "$src"
tar -xJf "$orig" -C "$src" --strip-components=1 \
  "$src_top/src/java.base/share/native/libjava" "$src_top/src/java.base/unix/native/libjava" \
  "$src_top/src/java.base/linux/native/libjava" \
  "$src_top/src/java.base/share/native/libnio" "$src_top/src/java.base/unix/native/libnio" \
  "$src_top/src/java.base/linux/native/libnio" \
  "$src_top/src/java.base/share/native/libnet" "$src_top/src/java.base/unix/native/libnet" \
  "$src_top/src/java.base/share/native/libzip" \
  "$src_top/src/jdk.net/linux/native/libextnet" \
  "$src_top/src/jdk.management/share/native/libmanagement_ext" \
  "$src_top/src/jdk.management/unix/native/libmanagement_ext" \
  "$src_top/src/jdk.management/linux/native/libmanagement_ext" \
  "$src_top/src/java.base/share/native/include" "$src_top/src/java.base/unix/native/include" \
  "$src_top/src/hotspot/share/include" "$src_top/src/hotspot/os/posix/include" \
  2>"$OUT/tar.log" || { cat "$OUT/tar.log" >&2; die "extracting $orig failed"; }
for p in "$HERE"/patches/*.patch; do
  [ -e "$p" ] || continue
  patch -s -p1 -d "$src" <"$p" || die "patch $(basename "$p") does not apply to $PACKAGE $PIN"
done

# --- JNI headers from JDK 25's own sources ---
hdr="$OUT/jni-headers"
stamp="$JAVA_RUNTIME_VERSION $(stat -c %s "$JDK25/lib/src.zip") $MODULES"
if [ "$(cat "$hdr/.stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$hdr" "$OUT/jdk25-src" "$OUT/jdk25-classes"
  mkdir -p "$hdr" "$OUT/jdk25-src"
  # shellcheck disable=SC2046,SC2086 # the module list splits into one pattern per module, as meant
  (cd "$OUT/jdk25-src" && unzip -q "$JDK25/lib/src.zip" $(printf "%s/* " $MODULES))
  # Classes with native methods (from the class files) and classes with @Native constants (a
  # source-only annotation, so from the sources): javac -h writes a header for each.
  # shellcheck disable=SC2086 # one argument per module
  { "$JDK25/bin/java" "$HERE/JniCheck.java" sources $MODULES
    # shellcheck disable=SC2086 # one argument per module
    (cd "$OUT/jdk25-src" && grep -rlE '@Native\b' $MODULES); } | sort -u >"$OUT/native-sources.txt"
  for module in $MODULES; do
    # shellcheck disable=SC2046 # one argument per source file
    (cd "$OUT/jdk25-src" && "$JDK25/bin/javac" -J-Xmx1g -nowarn -implicit:none -h "$hdr" -d "$OUT/jdk25-classes" \
      --patch-module "$module=$module" $(grep "^$module/" "$OUT/native-sources.txt")) >"$OUT/javac-$module.log" 2>&1 \
      || { tail -20 "$OUT/javac-$module.log" >&2; die "javac -h over $module's sources failed"; }
  done
  echo "$stamp" >"$hdr/.stamp"
fi

# --- compile ---
S="$src/src"
# classfile_constants.h is made from a template; the class file version is JDK 25's (69.0).
major=$(( ${JAVA_RUNTIME_VERSION%%.*} + 44 ))
mkdir -p "$OUT/gen"
sed -e "s/@@VERSION_CLASSFILE_MAJOR@@/$major/" -e "s/@@VERSION_CLASSFILE_MINOR@@/0/" \
  "$S/java.base/share/native/include/classfile_constants.h.template" >"$OUT/gen/classfile_constants.h"
common=(-O2 -fPIC -fno-strict-aliasing -fvisibility=hidden -g0 -std=gnu11 -pthread
  -DLINUX -D_GNU_SOURCE -D_REENTRANT -D_LARGEFILE64_SOURCE -D_LP64=1 -Damd64 -DARCH='"amd64"' -DARCHPROPNAME='"amd64"'
  -DSTATIC_BUILD=1 -DVERSION_STRING="\"$JAVA_RUNTIME_VERSION\""
  -Werror=implicit-function-declaration -Werror=incompatible-pointer-types -Werror=int-conversion
  -I"$hdr" -I"$OUT/gen" -I"$S/java.base/share/native/include" -I"$S/java.base/unix/native/include"
  -I"$S/hotspot/share/include" -I"$S/hotspot/os/posix/include"
  -I"$S/java.base/share/native/libjava" -I"$S/java.base/unix/native/libjava")
dirs_of() { # the source directories of one library, each with its subdirectories
  local lib=$1 d
  for d in "$S"/*/{share,unix,linux}/native/"lib$lib"; do
    [ -d "$d" ] && find "$d" -type d ! -name zlib ! -path '*/zlib/*'
  done
  return 0
}
rm -rf "${OUT:?}/obj" "${OUT:?}/lib"
mkdir -p "$OUT/lib"
status=0
for lib in $LIBS; do
  incs=()
  while read -r d; do incs+=(-I"$d"); done < <(dirs_of "$lib"; [ "$lib" = nio ] && dirs_of net)
  mkdir -p "$OUT/obj/$lib"
  # shellcheck disable=SC2046
  # The library's own files, then ours for natives JDK 25 declares and 26 no longer has
  # (native/jdk-static/extra/<lib>).
  { dirs_of "$lib" | while read -r d; do find "$d" -maxdepth 1 -name '*.c'; done | sort
    if [ -d "$HERE/extra/$lib" ]; then find "$HERE/extra/$lib" -name "*.c" | sort; fi; } >"$OUT/obj/$lib.files"
  export lib OUT
  # shellcheck disable=SC2016 # the script in single quotes expands in the sh that xargs starts
  if ! xargs -a "$OUT/obj/$lib.files" -P "$JOBS" -I{} sh -c \
      'f="$1"; shift; o="$OUT/obj/$lib/$(basename "${f%.c}").o"; gcc "$@" -c "$f" -o "$o" 2>"$o.log" || { cat "$o.log" >&2; echo "jdk-static: FAILED $f" >&2; exit 1; }' \
      _ {} "${common[@]}" -DLIBRARY_NAME="$lib" "${incs[@]}"; then
    status=1
    continue
  fi
  ar rcs "$OUT/lib/lib$lib.a" "$OUT/obj/$lib"/*.o
  echo "jdk-static: lib$lib.a $(wc -l <"$OUT/obj/$lib.files") files"
done
[ $status = 0 ] || die "some files did not compile (above)"
echo "$PACKAGE $PIN, headers of $JAVA_RUNTIME_VERSION" >"$OUT/lib/SOURCE"
echo "jdk-static: done, $OUT/lib (VERSION_STRING $JAVA_RUNTIME_VERSION)"
