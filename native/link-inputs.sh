#!/usr/bin/env bash
# Builds the native link inputs (issue 32) and installs them into an assembled builder home, where
# a GraalVM distribution keeps them, so the builder links images itself:
#   lib/static/linux-amd64/glibc/         libjava.a libnio.a libnet.a libzip.a libextnet.a
#                                         libmanagement_ext.a   (native/jdk-static/build.sh)
#   lib/svm/clibraries/linux-amd64/       liblibchelper.a libsvm_container.a libjvm.a
#                                         (native/graalvm-c/build.sh, which also runs its C tests)
#   native/link-inputs.sh [home]     default: native/builder/target/graalvm-home
# Then checks the JDK archives against JDK 25 (native/jdk-static/check.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOME_DIR="${1:-$ROOT/native/builder/target/graalvm-home}"
[ -d "$HOME_DIR/lib/svm" ] || { echo "link-inputs: no builder home at $HOME_DIR (native/assemble-home.sh)" >&2; exit 2; }
JDK_STATIC="$ROOT/target/jdk-static"
GRAAL_C="$ROOT/target/graalvm-c"

start=$(date +%s)
"$ROOT/native/jdk-static/build.sh"
"$ROOT/native/jdk-static/check.sh"
HEADERS="$HOME_DIR/lib/svm/clibraries/linux-amd64/include" "$ROOT/native/graalvm-c/build.sh"

static="$HOME_DIR/lib/static/linux-amd64/glibc"
clibs="$HOME_DIR/lib/svm/clibraries/linux-amd64"
rm -rf "$static"; rm -f "$clibs"/*.a "$clibs/SOURCE"
mkdir -p "$static" "$clibs"
cp "$JDK_STATIC"/lib/*.a "$static/"
# JDK 25 has no C fdlibm (StrictMath is Java since JDK 21), but the builder checks for the archive.
ar rc "$static/libfdlibm.a"
cp "$GRAAL_C"/lib/*.a "$clibs/"
{
  echo "Built here (issue 32), not GraalVM's:"
  echo "  JDK archives: $(cat "$JDK_STATIC/lib/SOURCE"), patched (native/jdk-static)"
  echo "  GraalVM C:    our own (native/graalvm-c)"
  echo "  libfdlibm.a:  empty (JDK 25 has no C fdlibm)"
} | tee "$static/SOURCE" >"$clibs/SOURCE"
echo "link-inputs: installed into $HOME_DIR in $(( $(date +%s) - start ))s"
