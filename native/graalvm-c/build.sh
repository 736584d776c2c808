#!/usr/bin/env bash
# Builds our own C for the GraalVM C functions an image links (issue 32): liblibchelper.a (CPU
# features, signals, locale, small libc helpers), libsvm_container.a (cgroup limits) and libjvm.a
# (the JVM_*/jio_* functions the JDK's static libraries call), then runs their C tests.
#   native/graalvm-c/build.sh [--no-test]      output: target/graalvm-c/lib/*.a
# Needs: the builder home (native/assemble-home.sh: the headers written from the builder's
# @CStruct declarations) and the JDK static build (native/jdk-static/build.sh: jni.h, jvm.h,
# java_props.h, and libjava.a, whose GetJavaProperties and findJavaTZ_md the locale and time-zone
# functions use). Settings: JDK25, OUT (default <repo>/target/graalvm-c), JDK_STATIC.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/native/graalvm-c"
OUT="${OUT:-$ROOT/target/graalvm-c}"
JDK_STATIC="${JDK_STATIC:-$ROOT/target/jdk-static}"
JDK25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
HEADERS="${HEADERS:-$ROOT/native/builder/target/graalvm-home/lib/svm/clibraries/linux-amd64/include}"
die() { echo "graalvm-c: $*" >&2; exit 2; }
[ -f "$HEADERS/amd64cpufeatures.h" ] || die "no builder headers in $HEADERS (run native/assemble-home.sh)"
[ -f "$JDK_STATIC/lib/libjava.a" ] || die "no JDK static libraries in $JDK_STATIC (run native/jdk-static/build.sh)"

S="$JDK_STATIC/src/src"
cflags=(-O2 -g -fPIC -std=gnu11 -Wall -Wextra -Werror -pthread -D_GNU_SOURCE
  -I"$HEADERS" -I"$JDK_STATIC/gen" -I"$S/java.base/share/native/include" -I"$S/java.base/unix/native/include"
  -I"$S/hotspot/share/include" -I"$S/hotspot/os/posix/include"
  -I"$S/java.base/share/native/libjava" -I"$S/java.base/unix/native/libjava")
rm -rf "${OUT:?}/obj" "${OUT:?}/lib"
mkdir -p "$OUT/obj" "$OUT/lib"
cc() { gcc "${cflags[@]}" "$@"; }
for f in cpufeatures_amd64 signals locale libchelper_misc container; do
  cc -c "$HERE/src/$f.c" -o "$OUT/obj/$f.o"
done
# jvm.c is compiled with the JDK's jvm.h in front, so each definition is checked against it.
cc -include jvm.h -include jvm_io.h -c "$HERE/src/jvm.c" -o "$OUT/obj/jvm.o"
ar rcs "$OUT/lib/liblibchelper.a" "$OUT/obj"/{cpufeatures_amd64,signals,locale,libchelper_misc}.o
ar rcs "$OUT/lib/libsvm_container.a" "$OUT/obj/container.o"
ar rcs "$OUT/lib/libjvm.a" "$OUT/obj/jvm.o"
echo "graalvm-c: $(cd "$OUT/lib" && echo *.a)"

# Every function the archives define must be one the builder jars declare with @CFunction, or a
# JVM_/jio_ function of jvm.h (the JDK's archives call those), or a test hook of ours.
defined=$(nm -g --defined-only "$OUT"/lib/*.a | awk 'NF == 3 && $2 == "T" { print $3 }' | sort -u)
# shellcheck disable=SC2086
"$JDK25/bin/java" "$HERE/tools/CFunctionDecls.java" "$ROOT"/native/builder/target/builder-jars/*.jar -- $defined \
  >"$OUT/declarations.txt"
undeclared=$(awk -F'\t' '$2 == "(no @CFunction declaration)" { print $1 }' "$OUT/declarations.txt" \
  | grep -v -E '^(JVM_|jio_)' | grep -v -x -E 'svm_container_init_at|svm_container_containerized' || true)
[ -z "$undeclared" ] || die "defined but declared nowhere in the builder jars: $undeclared"

[ "${1:-}" = --no-test ] && exit 0
mkdir -p "$OUT/tests"
status=0
for t in "$HERE"/tests/test_*.c; do
  name=$(basename "${t%.c}")
  cc -I"$HERE/tests" "$t" -o "$OUT/tests/$name" "$OUT/lib/liblibchelper.a" "$OUT/lib/libsvm_container.a" \
    "$JDK_STATIC/lib/libjava.a" "$OUT/lib/libjvm.a" -ldl
  if (cd "$OUT/tests" && JDK25="$JDK25" "./$name"); then :; else echo "graalvm-c: $name FAILED" >&2; status=1; fi
done
exit $status
