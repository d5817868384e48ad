#!/usr/bin/env bash
# Smoke test of the container image without Docker: unpacks the OCI image tarball that
# `./mvnw -Pimage package` writes (target/jib-image.tar) into a root file system, runs its
# entrypoint there as its user (chroot, in new mount and PID namespaces with /proc and
# /dev, the way a container runtime would; the network is the host's), against a
# throwaway PostgreSQL, and checks that it becomes ready, that the content pack was
# imported and that the process is not root. Prints the image's size and the start-up
# time. Needs root (chroot, namespaces). Not part of ./mvnw verify or CI.
# Settings (environment): SKIP_BUILD=1 uses the tarball already built; KEEP=1 keeps the
# temporary directory (the unpacked image, the server's log).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need jq curl tar gzip unshare chroot psql pg_config python3

TAR="$REPO/target/jib-image.tar"
if [ "$(id -u)" != 0 ]; then
  echo "Run it as root: it uses chroot and new mount and PID namespaces" >&2
  exit 1
fi
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$TAR" ]; then
  (cd "$REPO" && { ./mvnw -B -q -o -Pimage package -DskipTests 2>/dev/null || ./mvnw -B -q -Pimage package -DskipTests; })
fi

# An OCI layout (index.json -> manifest -> config and layers), or with -Dimage.format=Docker
# Docker's archive (manifest.json names them); layers are gzipped tars, applied in order.
mkdir -p "$WORK/oci" "$WORK/rootfs"
tar -xf "$TAR" -C "$WORK/oci"
blob() { echo "$WORK/oci/blobs/${1/://}"; }
if [ -f "$WORK/oci/index.json" ]; then
  manifest=$(blob "$(jq -r '.manifests[0].digest' "$WORK/oci/index.json")")
  config=$(blob "$(jq -r '.config.digest' "$manifest")")
  mapfile -t layer_files < <(jq -r '.layers[].digest' "$manifest" | while read -r d; do blob "$d"; done)
  format=OCI
else
  config="$WORK/oci/$(jq -r '.[0].Config' "$WORK/oci/manifest.json")"
  mapfile -t layer_files < <(jq -r '.[0].Layers[]' "$WORK/oci/manifest.json" | sed "s|^|$WORK/oci/|")
  format=Docker
fi
layers=0
compressed=0
for file in "${layer_files[@]}"; do
  tar --warning=no-unknown-keyword -xzf "$file" -C "$WORK/rootfs"
  layers=$((layers + 1))
  compressed=$((compressed + $(stat -c %s "$file")))
done
user=$(jq -r '.config.User' "$config")
mapfile -t entrypoint < <(jq -r '.config.Entrypoint[]' "$config")
mapfile -t image_env < <(jq -r '.config.Env[]' "$config")
workdir=$(jq -r '.config.WorkingDir // "/"' "$config")
echo "Image: $(basename "$TAR") ($format) $(du -m "$TAR" | cut -f1) MB, $layers layers, $((compressed / 1048576)) MB compressed, $(du -sm "$WORK/rootfs" | cut -f1) MB unpacked; user $user; entrypoint ${entrypoint[*]}"

# What a container runtime provides: /proc, /dev, /etc/hosts, /etc/resolv.conf.
mkdir -p "$WORK/rootfs/proc" "$WORK/rootfs/dev"
printf '127.0.0.1 localhost %s\n::1 localhost\n' "$(uname -n)" >"$WORK/rootfs/etc/hosts"
: >"$WORK/rootfs/etc/resolv.conf"

start_database
SERVER_PORT=$(free_port)
CONTAINER_PID=
STOPPED_BY=
# kill_tree PID: PID (a subshell running in_image) and its unshare, whose child the
# kernel then kills too (--kill-child).
kill_tree() {
  pkill -9 -P "$1" 2>/dev/null || true
  kill -9 "$1" 2>/dev/null || true
}
stop_others() {
  [ -n "$CONTAINER_PID" ] || return 0
  local jvm
  jvm=$(container_jvm)
  [ -z "$jvm" ] || kill -TERM "$jvm" 2>/dev/null || true
  for _ in $(seq 40); do
    kill -0 "$CONTAINER_PID" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$CONTAINER_PID" 2>/dev/null; then
    STOPPED_BY=SIGKILL
    kill_tree "$CONTAINER_PID"
  else
    STOPPED_BY=SIGTERM
  fi
  wait "$CONTAINER_PID" 2>/dev/null || true
  CONTAINER_PID=
  # /dev is bound only inside the namespaces that just ended; never delete through it
  if mountpoint -q "$WORK/rootfs/dev"; then
    umount -R "$WORK/rootfs/dev" 2>/dev/null || true
    if mountpoint -q "$WORK/rootfs/dev"; then
      echo "$WORK/rootfs/dev is still mounted: keeping $WORK" >&2
      KEEP=1
    fi
  fi
}

# in_image ENV... -- COMMAND...: COMMAND inside the image as its user, with the image's
# environment plus ENV and nothing from this shell's; COMMAND is pid 1 in its namespace.
in_image() {
  local env=()
  while [ "$1" != -- ]; do env+=("$1"); shift; done
  shift
  unshare --mount --pid --fork --kill-child --mount-proc="$WORK/rootfs/proc" \
    sh -c 'root=$1; shift; mount --rbind /dev "$root/dev" && exec "$@"' sh "$WORK/rootfs" \
    env -i "${image_env[@]}" "${env[@]}" "$(command -v chroot)" --userspec="$user" "$WORK/rootfs" "$@"
}

# The JVM's pid (on this side): the java process under CONTAINER_PID.
container_jvm() {
  local pid=$CONTAINER_PID child
  for _ in 1 2 3 4; do
    child=$(pgrep -P "$pid" | head -1)
    [ -n "$child" ] || return 0
    pid=$child
    if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = java ]; then echo "$pid"; return 0; fi
  done
}

started=$(date +%s.%N)
in_image SIGNAGE_PORT="$SERVER_PORT" SIGNAGE_HOST=127.0.0.1 \
  DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" \
  DATASOURCES_DEFAULT_USERNAME=postgres DATASOURCES_DEFAULT_PASSWORD= \
  SIGNAGE_JWT_SECRET="smoke-$(head -c 24 /dev/urandom | base64)" \
  SIGNAGE_CSRF_SECRET="smoke-$(head -c 24 /dev/urandom | base64)" \
  SIGNAGE_PUBLIC_URL="http://127.0.0.1:$SERVER_PORT" SIGNAGE_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  -- "${entrypoint[@]}" >"$WORK/server.log" 2>&1 &
CONTAINER_PID=$!

ready=
for _ in $(seq 1800); do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$SERVER_PORT/health/readiness")" = 200 ]; then
    ready=$(date +%s.%N)
    break
  fi
  kill -0 "$CONTAINER_PID" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$ready" ]; then
  echo "FAIL: the server in the image did not become ready; its log:" >&2
  tail -40 "$WORK/server.log" >&2
  exit 1
fi
echo "Ready (/health/readiness 200) $(echo "$ready - $started" | bc -l | xargs printf '%.1f') s after the entrypoint started (workdir $workdir)"

failures=0
check() {
  if [ "$2" = "$3" ]; then echo "ok   $1 ($2)"; else echo "FAIL $1: $2, expected $3"; failures=$((failures + 1)); fi
}
jvm=$(container_jvm)
check "process uid (real, effective, saved, fs)" "$(awk '/^Uid:/ {print $2, $3, $4, $5}' "/proc/$jvm/status")" "65532 65532 65532 65532"
check "process gid" "$(awk '/^Gid:/ {print $2, $3, $4, $5}' "/proc/$jvm/status")" "65532 65532 65532 65532"
check "supplementary groups" "$(awk '/^Groups:/ {$1 = ""; print $0}' "/proc/$jvm/status" | xargs)" "65532"
check "liveness" "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$SERVER_PORT/health/liveness")" 200
items=$(curl -sf "http://127.0.0.1:$SERVER_PORT/feeds/group/station.json" | jq '.items | length')
check "content pack imported (/feeds/group/station.json: ${items:-no} items)" "$([ "${items:-0}" -gt 0 ] && echo yes || echo no)" yes
check "announcements in the database" "$([ "$(psql_bench -c 'select count(*) from announcement')" -gt 0 ] && echo yes || echo no)" yes
token=$(staff_token)
check "staff sign-in" "$([ -n "$token" ] && [ "$token" != null ] && echo token || echo none)" token
stop_others
check "stopped by SIGTERM within 20 s" "$STOPPED_BY" SIGTERM
check "errors in the server's log" "$(grep -c ' ERROR ' "$WORK/server.log" || true)" 0
cas=$(in_image -- /opt/java/bin/keytool -list -cacerts -storepass changeit 2>&1 | grep -o 'contains [0-9]* entries' | grep -o '[0-9]*' || true)
check "CA certificates in the runtime (${cas:-no} entries)" "$([ "${cas:-0}" -gt 100 ] && echo yes || echo no)" yes
# No shell in the image, so no embedded PostgreSQL (initdb runs the server through
# /bin/sh): without a database URL the server must say so and stop, not hang.
in_image SIGNAGE_PORT="$(free_port)" SIGNAGE_HOST=127.0.0.1 -- "${entrypoint[@]}" >"$WORK/no-database.log" 2>&1 &
nodb=$!
for _ in $(seq 60); do kill -0 "$nodb" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$nodb" 2>/dev/null; then kill_tree "$nodb"; fi
check "without DATASOURCES_DEFAULT_URL: stops, pointing to it" \
  "$(wait "$nodb" && echo "exit 0" || grep -c 'use a PostgreSQL server of your own' "$WORK/no-database.log")" 1
echo "$([ "$failures" = 0 ] && echo PASS || echo FAIL): image smoke test, $failures failures"
[ "$failures" = 0 ]
