#!/usr/bin/env bash
# Checks the archives native/jdk-static/build.sh made against the JDK the image runs on (issue 32):
#   - every native method JDK 25 declares in the libraries' packages (libraries.txt) has its
#     Java_ symbol in the archives, is bound by a registration table in the C, or is implemented
#     by the VM (JDK 25's own libjava.so & co. do not define it either);
#   - every GetFieldID/GetMethodID (and static) name and signature in the C exists in JDK 25's
#     classes (in the class the C looked up when it says which, else in some class).
#   native/jdk-static/check.sh        after build.sh; ~10 s, no network. Settings: JDK25, OUT.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/native/jdk-static"
JDK25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
OUT="${OUT:-$ROOT/target/jdk-static}"
[ -f "$OUT/lib/libjava.a" ] || { echo "jdk-static check: no archives in $OUT/lib (run native/jdk-static/build.sh)" >&2; exit 2; }
nm --defined-only -g "$OUT"/lib/*.a | awk 'NF == 3 { print $3 }' | sort -u >"$OUT/defined.txt"
for lib in java nio net zip extnet management_ext; do
  nm -D --defined-only "$JDK25/lib/lib$lib.so" | awk 'NF == 3 { print $3 }'
done | sort -u >"$OUT/jdk25-defined.txt"
# Each archive must also carry its static JNI_OnLoad_<lib> (STATIC_BUILD, LIBRARY_NAME).
status=0
for lib in java nio net zip extnet management_ext; do
  grep -qx "JNI_OnLoad_$lib" "$OUT/defined.txt" \
    || { echo "jdk-static check: lib$lib.a has no JNI_OnLoad_$lib"; status=1; }
done
"$JDK25/bin/java" "$HERE/JniCheck.java" check "$OUT/defined.txt" "$HERE/libraries.txt" "$OUT/jdk25-defined.txt" \
  "$OUT/src/src" "$HERE/extra" || status=1

# The check must find what it looks for: one symbol taken away, a field of the wrong type and a
# method that does not exist must give exactly three findings.
neg="$OUT/check-selftest"
rm -rf "$neg"; mkdir -p "$neg/c"
grep -vx 'Java_java_util_zip_Inflater_inflateBytesBytes' "$OUT/defined.txt" >"$neg/defined.txt"
printf '%s\n' 'void f(JNIEnv *env) { jclass c = (*env)->FindClass(env, "java/io/FileDescriptor");' \
  '  (*env)->GetFieldID(env, c, "fd", "J"); (*env)->GetMethodID(env, c, "noSuch", "()V"); }' >"$neg/c/x.c"
found=$("$JDK25/bin/java" "$HERE/JniCheck.java" check "$neg/defined.txt" "$HERE/libraries.txt" \
  "$OUT/jdk25-defined.txt" "$neg/c" | grep -c -E '^(missing native|no member)' || true)
[ "$found" = 3 ] || { echo "jdk-static check: the self-test found $found of 3 planted problems"; status=1; }
exit $status
