#!/usr/bin/env bash
# Links a relocatable image object (native/verify.sh) against this machine's C libraries and, when
# a builder home is given and has them (native/link-inputs.sh), the home's JDK static libraries
# and GraalVM C libraries; sorts what stays unresolved by where a GraalVM distribution would take
# it from: the JDK's static libraries (libjava.a, libnio.a, ...) or GraalVM's own C libraries
# (libchelper, libsvm_container, the SVM libjvm). Empty output: the object links.
#   native/link-probe.sh <object.o> <unresolved.txt> [home]    one "jdk|graalvm <symbol>" line each
set -euo pipefail
obj="$1" out="$2" home="${3:-}"
exe="$(mktemp)"
trap 'rm -f "$exe"' EXIT

archives=()
if [ -n "$home" ] && [ -f "$home/lib/static/linux-amd64/glibc/SOURCE" ]; then
  archives=("$home"/lib/static/linux-amd64/glibc/*.a "$home"/lib/svm/clibraries/linux-amd64/*.a)
fi
# The libraries Quarkus's image asks for (the builder's "native libs" line), all from Debian.
{ gcc -no-pie -o "$exe" "$obj" -Wl,--start-group "${archives[@]}" -Wl,--end-group -lz -lpthread -ldl -lrt -lm 2>&1 || true; } \
  | sed -n "s/.*undefined reference to \`\([^']*\)'.*/\1/p" | sort -u \
  | awk '/^(Java_|JNI_OnLoad_|JVM_|JNU_|InitializeEncoding$)/ { print "jdk " $0; next } { print "graalvm " $0 }' \
  >"$out"
