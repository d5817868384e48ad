#!/bin/sh
# Lays out what the container image holds besides the server itself (run by the `image`
# Maven profile, never by the default build): a Java runtime made with jlink from the
# build's JDK, the shared libraries that runtime needs (copied from the build machine,
# found with ldd), the CA certificates, a passwd entry for the non-root user, and the
# empty directories the server writes to. Jib then adds the server and content/.
#
#   rootfs.sh OUT_DIR MODULES
set -eu
mkdir -p "$1"; out=$(cd "$1" && pwd)
modules=$2
# The image says linux/amd64 (Jib's default for scratch), and its libraries come from here.
if [ "$(uname -s)/$(uname -m)" != Linux/x86_64 ] || ! ldd --version 2>&1 | grep -qi 'gnu\|glibc'; then
  echo "rootfs.sh: the image is linux/amd64 with glibc, built from this machine's libraries: build it on x86-64 glibc Linux" >&2
  exit 1
fi
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
jlink=$java_home/bin/jlink
[ -x "$jlink" ] || { echo "rootfs.sh: no jlink in $java_home (set JAVA_HOME to a JDK 17)" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/tmp" "$out/data/media" "$out/data/var"

"$jlink" --add-modules "$modules" --output "$out/opt/java" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --include-locales=en,da

# Headless server: the window-system, sound and splash-screen parts of java.desktop
# would only pull X11 and ALSA libraries into the image (ImageIO needs none of them).
rm -f "$out/opt/java/lib/libawt_xawt.so" "$out/opt/java/lib/libjawt.so" \
  "$out/opt/java/lib/libsplashscreen.so" "$out/opt/java/lib/libjsound.so"

# Distribution JDKs link these to /etc; the image gets the files themselves.
for f in "$out"/opt/java/lib/security/* "$out"/opt/java/conf/security/java.security; do
  if [ -L "$f" ]; then
    target=$(readlink -f "$f")
    rm "$f"
    if [ -f "$target" ]; then cp "$target" "$f"; fi
  fi
done
if [ ! -s "$out/opt/java/lib/security/cacerts" ] && [ -f /etc/ssl/certs/java/cacerts ]; then
  cp /etc/ssl/certs/java/cacerts "$out/opt/java/lib/security/cacerts"
fi
find "$out/opt/java" -type l | while read -r link; do
  target=$(readlink -f "$link")
  rm "$link"
  if [ -f "$target" ]; then cp "$target" "$link"; fi
done

# Shared libraries of the runtime (libc, libm, libz, the dynamic loader, ...), at the
# paths the loader looks in, as plain files (Jib adds no symlinks).
find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper \) |
  while read -r elf; do
    LD_LIBRARY_PATH="$out/opt/java/lib:$out/opt/java/lib/server" ldd "$elf" 2>/dev/null || true
  done |
  awk '/=> \// {print $3} /^[[:space:]]*\/[^ ]*ld-linux/ {print $1}' | sort -u |
  while read -r lib; do
    case $lib in "$out"/*) continue ;; esac
    mkdir -p "$out$(dirname "$lib")"
    cp -L "$lib" "$out$lib"
  done
if find "$out/opt/java" -type f -name '*.so' -exec sh -c 'LD_LIBRARY_PATH="$1/opt/java/lib:$1/opt/java/lib/server" ldd "$2"' _ "$out" {} \; 2>/dev/null | grep -q 'not found'; then
  echo "rootfs.sh: some library of the runtime has a dependency that was not found:" >&2
  find "$out/opt/java" -type f -name '*.so' -exec sh -c 'LD_LIBRARY_PATH="$1/opt/java/lib:$1/opt/java/lib/server" ldd "$2" | grep "not found" | sed "s|^|$2: |"' _ "$out" {} \; >&2
  exit 1
fi

cat >"$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
signage:x:65532:65532:Campus Signage:/app:/sbin/nologin
PASSWD
cat >"$out/etc/group" <<'GROUP'
root:x:0:
signage:x:65532:
GROUP
echo "rootfs.sh: $(du -sh "$out" | cut -f1) in $out (Java runtime $(du -sh "$out/opt/java" | cut -f1), $("$out/opt/java/bin/java" -version 2>&1 | head -1))"
