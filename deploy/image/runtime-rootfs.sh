#!/usr/bin/env bash
# Builds the runtime part of the container image's file system, without a container registry or
# daemon: a jlink'd Java runtime taken from the JDK that runs the build, the glibc files it loads
# (copied from this machine, found with ldd), and /etc/passwd + /etc/group naming the non-root user
# 65532. Jib lays this directory over an empty ("scratch") base, so the image needs nothing from a
# registry. Usage: runtime-rootfs.sh JAVA_HOME OUT_DIR
#        runtime-rootfs.sh --skeleton OUT_DIR  (only /data and /tmp: for a base image that has a Java
#                                                runtime of its own)
#
# The result is reused while OUT_DIR.complete is newer than this script and the JDK (a jlink takes
# seconds, and `mvn verify` builds the image every time).
set -euo pipefail

if [[ "${1:-}" == "--skeleton" ]]; then
  out=${2:?usage: runtime-rootfs.sh --skeleton OUT_DIR}
  rm -rf "$out" "$out.complete"  # the next full build must not take the skeleton for a runtime
  mkdir -p "$out/tmp" "$out/data"
  exit 0
fi

java_home=${1:?usage: runtime-rootfs.sh JAVA_HOME OUT_DIR}
out=${2:?usage: runtime-rootfs.sh JAVA_HOME OUT_DIR}
stamp="$out.complete"  # beside OUT_DIR, not in the image

if [[ -f "$stamp" && "$stamp" -nt "$0" && "$stamp" -nt "$java_home/release" ]]; then
  exit 0
fi
rm -rf "$out"
mkdir -p "$out/opt/java" "$out/etc" "$out/tmp" "$out/data"

# The modules a Spring Boot web service with JDBC, JMX/actuator, TLS and the JDK HTTP client uses.
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,\
java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,\
java.sql,java.transaction.xa,java.xml,jdk.charsets,jdk.crypto.cryptoki,jdk.jfr,jdk.localedata,\
jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs
if ! "$java_home/bin/jlink" --add-modules "$modules" --include-locales=en \
  --strip-debug --no-man-pages --no-header-files \
  --output "$out/opt/java/openjdk"; then
  echo "runtime-rootfs.sh: jlink of $java_home failed. It needs a JDK that has jmods/ or can link" >&2
  echo "from its own run-time image (JDK 24+ builds such as Temurin's). Build with" >&2
  echo "-Dwebhooks.image.skip=true to skip the image, or -Dwebhooks.image.base=IMAGE for a registry base." >&2
  exit 1
fi
# The service runs headless: drop the X11/ALSA/splash libraries, which would pull X11 into the image.
rm -f "$out"/opt/java/openjdk/lib/{libawt_xawt.so,libjsound.so,libsplashscreen.so}

# Every shared library the runtime's binaries load from outside the runtime (glibc and friends),
# plus the dynamic loader and libgcc_s (glibc loads it by name to unwind threads on exit).
copy_lib() {
  local real target
  real=$(readlink -f "$1")
  target="$out$1"
  mkdir -p "$(dirname "$target")"
  [[ -e "$target" ]] || cp "$real" "$target"
}
while read -r lib; do
  copy_lib "$lib"
done < <(find "$out/opt/java/openjdk" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
  | xargs -0 ldd 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' \
  | grep -v "^$out" | sort -u)
libdir=$(dirname "$(ldd "$java_home/bin/java" | awk '$1 == "libc.so.6" {print $3}')")
for extra in libgcc_s.so.1 libnss_files.so.2 libnss_dns.so.2 libresolv.so.2 libz.so.1; do
  if [[ -e "$libdir/$extra" ]]; then copy_lib "$libdir/$extra"; fi
done

cat > "$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
webhooks:x:65532:65532:SmartComply Webhooks:/data:/sbin/nologin
PASSWD
cat > "$out/etc/group" <<'GROUP'
root:x:0:
webhooks:x:65532:
GROUP
cat > "$out/etc/nsswitch.conf" <<'NSS'
passwd: files
group: files
hosts: files dns
NSS

touch "$stamp"
