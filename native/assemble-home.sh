#!/usr/bin/env bash
# Assembles a GraalVM-shaped builder home from Maven Central onto this machine's JDK 25 (issue 19).
#   native/assemble-home.sh [home]     default: native/builder/target/graalvm-home
# Settings: JDK25 (default /usr/lib/jvm/temurin-25-jdk-amd64).
# What a GraalVM distribution has and Maven Central does not, and what stands in for it here:
#   bin/native-image (the driver)        native/builder's Launcher, built and tested below
#   lib/svm/clibraries/*/include/*.h     written from the builder's own @CStruct declarations
#   lib/svm/builder/lib/libreporterchelper.so   compiled from native/builder/src/main/c
#   lib/static/linux-amd64/glibc/*.a     the JDK's static libraries from Debian's openjdk-26 source
#                                        (native/jdk-static), or with NATIVE_LINK=0 empty placeholders
#   lib/svm/clibraries/linux-amd64/*.a   GraalVM's C libraries, our own C (native/graalvm-c)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JDK25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
BUILDER="$ROOT/native/builder"
HOME_DIR="${1:-$BUILDER/target/graalvm-home}"

[ -x "$JDK25/bin/java" ] || { echo "assemble-home: no JDK 25 at $JDK25 (set JDK25)" >&2; exit 2; }
"$JDK25/bin/java" --list-modules | grep -q '^jdk.internal.vm.ci@' \
  || { echo "assemble-home: $JDK25 has no JVMCI module (jdk.internal.vm.ci)" >&2; exit 2; }
command -v gcc >/dev/null || { echo "assemble-home: gcc is needed (apt-get install gcc)" >&2; exit 2; }

echo "assemble-home: building and testing the launcher on $JDK25"
# MAVEN_OPTS: Maven's own Guice calls sun.misc.Unsafe, which JDK 25 warns about.
JAVA_HOME="$JDK25" MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow" "$ROOT/mvnw" -B -q -f "$BUILDER/pom.xml" verify

echo "assemble-home: copying $JDK25 to $HOME_DIR"
rm -rf "$HOME_DIR"
mkdir -p "$(dirname "$HOME_DIR")"
cp -a "$JDK25/." "$HOME_DIR/"

svm="$HOME_DIR/lib/svm"
mkdir -p "$svm/builder/lib" "$svm/launcher" "$svm/clibraries/linux-amd64"
cp "$BUILDER"/target/builder-jars/*.jar "$svm/builder/"
cp "$BUILDER/target/native-builder.jar" "$svm/launcher/"

"$HOME_DIR/bin/java" -cp "$svm/launcher/native-builder.jar" io.streamhub.nativebuild.CHeaderWriter \
  "$svm/clibraries/linux-amd64" "$svm"/builder/*.jar

gcc -O2 -shared -fPIC -I"$JDK25/include" -I"$JDK25/include/linux" \
  -o "$svm/builder/lib/libreporterchelper.so" "$BUILDER/src/main/c/reporterchelper.c"

# The JDK's static libraries and GraalVM's C libraries, which the builder links at the very end:
# built here from Debian's openjdk-26 source and our own C (native/link-inputs.sh, issue 32).
# NATIVE_LINK=0 puts empty archives instead: the builder starts, and native/verify.sh then stops
# each build at the relocatable object, before any link could use them.
if [ "${NATIVE_LINK:-1}" != 0 ]; then
  "$ROOT/native/link-inputs.sh" "$HOME_DIR"
else
  static="$HOME_DIR/lib/static/linux-amd64/glibc"
  mkdir -p "$static"
  for lib in java nio net zip jvm fdlibm; do
    ar rc "$static/lib$lib.a"
  done
  echo "placeholders: empty archives, see native/assemble-home.sh" > "$static/README"
fi

cat > "$HOME_DIR/bin/native-image" <<'LAUNCHER'
#!/usr/bin/env bash
# native-image of an assembled builder home (native/assemble-home.sh).
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$home/bin/java" -cp "$home/lib/svm/launcher/native-builder.jar" io.streamhub.nativebuild.Launcher "$@"
LAUNCHER
chmod +x "$HOME_DIR/bin/native-image"
"$HOME_DIR/bin/native-image" --version

# Smoke: a one-class program through the whole home. With the link inputs it is linked by the
# builder and run; with placeholders it stops at the object file. It proves the home before a
# service's build would (SMOKE=0 skips it).
if [ "${SMOKE:-1}" != 0 ]; then
  smoke="$(mktemp -d)"
  trap 'rm -rf "$smoke"' EXIT
  mkdir -p "$smoke/classes"
  printf 'public class Hello { public static void main(String[] a) { System.out.println("hello " + a.length); } }\n' \
    >"$smoke/Hello.java"
  "$HOME_DIR/bin/javac" --release 17 -d "$smoke/classes" "$smoke/Hello.java"
  echo "assemble-home: smoke build of a one-class image"
  stop=()
  [ "${NATIVE_LINK:-1}" != 0 ] || stop=(-H:+UnlockExperimentalVMOptions -H:+ExitAfterRelocatableImageWrite -H:-UnlockExperimentalVMOptions)
  (cd "$smoke" && "$HOME_DIR/bin/native-image" -cp classes "${stop[@]}" -H:TempDirectory="$smoke/tmp" \
      Hello hello >"$smoke/build.log" 2>&1) \
    || { tail -30 "$smoke/build.log" >&2; echo "assemble-home: the smoke build failed" >&2; exit 1; }
  obj=$(find "$smoke/tmp" -name 'hello.o' -print -quit)
  [ -n "$obj" ] || { tail -30 "$smoke/build.log" >&2; echo "assemble-home: no object file" >&2; exit 1; }
  echo "assemble-home: smoke: $(grep -o '[0-9,]* types, *[0-9,]* fields, and *[0-9,]* methods found reachable' "$smoke/build.log"); object $(stat -c %s "$obj") bytes"
  if [ "${NATIVE_LINK:-1}" != 0 ]; then
    out=$("$smoke/hello" a b) || { echo "assemble-home: the linked smoke image failed: $out" >&2; exit 1; }
    [ "$out" = "hello 2" ] || { echo "assemble-home: the smoke image said '$out', not 'hello 2'" >&2; exit 1; }
    echo "assemble-home: smoke: linked, ran: $out; executable $(stat -c %s "$smoke/hello") bytes"
  fi
fi
echo "assemble-home: ready at $HOME_DIR"
