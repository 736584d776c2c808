#!/usr/bin/env bash
# Links a relocatable image object (native/verify.sh) against this machine's C libraries alone and
# sorts what stays unresolved by where a GraalVM distribution would take it from: the JDK's static
# libraries (lib/static: libjava.a, libnio.a, libnet.a, libzip.a, ...) or GraalVM's own C
# libraries (libchelper, libsvm_container, the SVM libjvm). That list is the link's blocker.
#   native/link-probe.sh <object.o> <unresolved.txt>    one "jdk|graalvm <symbol>" line each
set -euo pipefail
obj="$1" out="$2"
exe="$(mktemp)"
trap 'rm -f "$exe"' EXIT

# The libraries Quarkus's image asks for (the builder's "native libs" line), all from Debian.
# The link fails by design; its complaints are the output.
{ gcc -no-pie -o "$exe" "$obj" -lz -lpthread -ldl -lrt -lm 2>&1 || true; } \
  | sed -n "s/.*undefined reference to \`\([^']*\)'.*/\1/p" | sort -u \
  | awk '/^(Java_|JNI_OnLoad_|JVM_|JNU_|InitializeEncoding$)/ { print "jdk " $0; next } { print "graalvm " $0 }' \
  >"$out"
