# Shared by the kiosk benchmarks (manifest.sh, sse.sh, fanout.sh); sourced, not run. Starts a
# throwaway PostgreSQL (Debian's server binaries) and the server from the shaded jar on
# free ports in a temporary directory, pairs kiosks through the real API, and stops
# everything again on exit. The server's log stays in that directory ($WORK/server.log);
# KEEP=1 keeps the directory.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR="$REPO/target/campus-signage-0.2.0.jar"
ADMIN_PASSWORD=bench-admin-password
# one for every server started, so a staff token from one is good on the others
JWT_SECRET="bench-$(head -c 24 /dev/urandom | base64)"
WORK=$(mktemp -d /tmp/signage-bench.XXXXXX)
chmod 755 "$WORK"
SERVER_PID=
SERVER_PORT=
PG_PORT=

need() {
  local missing=()
  for tool in "$@"; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  if ((${#missing[@]})); then
    echo "Missing: ${missing[*]}. On Debian: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

# open_files N: raises this shell's limit of open files to N, or stops if the hard limit is lower.
open_files() {
  local hard
  hard=$(ulimit -Hn)
  if [ "$hard" != unlimited ] && [ "$hard" -lt "$1" ]; then
    echo "Open files are limited to $hard here; $1 are needed (raise the hard limit, e.g. in limits.conf)" >&2
    exit 1
  fi
  ulimit -n "$1"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# SKIP_BUILD=1 uses the jar already built.
build_jar() {
  if [ "${SKIP_BUILD:-0}" = 1 ] && [ -f "$JAR" ]; then
    return 0
  fi
  (cd "$REPO" && ./mvnw -B -q -o package -DskipTests -Dexec.skip 2>/dev/null || ./mvnw -B -q package -DskipTests -Dexec.skip)
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_database() {
  local bin
  bin=$(pg_config --bindir)
  PG_PORT=$(free_port)
  mkdir -p "$WORK/pg"
  [ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
  as_postgres "$bin/initdb" -D "$WORK/pg" -U postgres --auth=trust -E UTF8 >/dev/null
  as_postgres "$bin/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/server.log" -w \
    -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null
}

# start_server CORES [JVM options...]: the jar pinned to CORES (taskset list, e.g. 0), run
# by JAVA_BIN (java); sets SERVER_READY_AFTER, seconds from launch to the first 200.
start_server() {
  local cores=$1
  shift
  SERVER_PORT=$(free_port)
  mkdir -p "$WORK/home"
  (cd "$WORK/home" && exec env SIGNAGE_HOME="$WORK/home" SIGNAGE_PORT="$SERVER_PORT" SIGNAGE_HOST=127.0.0.1 \
    DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" \
    DATASOURCES_DEFAULT_USERNAME=postgres DATASOURCES_DEFAULT_PASSWORD= \
    SIGNAGE_JWT_SECRET="$JWT_SECRET" \
    SIGNAGE_ADMIN_PASSWORD="$ADMIN_PASSWORD" SIGNAGE_CONTENT_PACK_DIR="$REPO/content" \
    SIGNAGE_MEDIA_DIR="$WORK/media" SIGNAGE_SCHEDULER_ENABLED=false \
    taskset -c "$cores" "${JAVA_BIN:-java}" "$@" -jar "$JAR" >"$WORK/${SERVER_LOG:-server.log}" 2>&1) &
  SERVER_PID=$!
  SERVER_STARTED_AT=$(date +%s.%N)
  # READY_PATH=/health/readiness waits until it can do its work (bench/startup.sh)
  for _ in $(seq 1800); do
    if curl -sf -o /dev/null "http://127.0.0.1:$SERVER_PORT${READY_PATH:-/health}"; then
      SERVER_READY_AFTER=$(awk -v s="$SERVER_STARTED_AT" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
      return 0
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      break
    fi
    sleep 0.1
  done
  echo "The server did not start; its log:" >&2
  tail -40 "$WORK/${SERVER_LOG:-server.log}" >&2
  exit 1
}

# The pid of the JVM itself (start_server's $! is the subshell that exec'd it), of the
# server started last or of the one whose subshell is given.
server_jvm_pid() {
  local shell=${1:-$SERVER_PID}
  pgrep -P "$shell" java || echo "$shell"
}

# memory [JVM PID]: heap used after a full GC, RSS, threads and peak RSS (VmHWM), in MB.
memory() {
  local pid=${1:-$(server_jvm_pid)} heap rss hwm
  jcmd "$pid" GC.run >/dev/null
  sleep 1
  # The generations' (or G1's) "total ...K, used ...K" lines; Metaspace is not heap.
  heap=$(jcmd "$pid" GC.heap_info | grep -oP 'total \d+K, used \K\d+(?=K)' \
    | awk '{ sum += $1 } END { printf "%.0f", sum / 1024 }')
  rss=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
  hwm=$(awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
  echo "$heap $rss $(ls "/proc/$pid/task" | wc -l) $hwm"
}

jvm_setup() {
  local pid gc
  pid=$(server_jvm_pid)
  gc=$(jcmd "$pid" VM.flags 2>/dev/null | grep -o 'Use[A-Za-z0-9]*GC' | grep -v Adaptive | head -1)
  echo "$(java -version 2>&1 | head -1 | sed 's/^openjdk version/OpenJDK/'), ${gc:-GC unknown}, $(jcmd "$pid" VM.flags 2>/dev/null | grep -o 'MaxHeapSize=[0-9]*' | head -1 | awk -F= '{printf "max heap %d MB", $2/1048576}')"
}

staff_token() {
  curl -sf -X POST "http://127.0.0.1:$SERVER_PORT/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | jq -r .access_token
}

# pair_kiosk SCREEN_SLUG: pairs a kiosk with the screen the way a kiosk and an admin do
# (ask for a code, claim it, collect the token) and prints the device token.
pair_kiosk() {
  local base="http://127.0.0.1:$SERVER_PORT/api/v1/kiosk" staff asked
  staff=$(staff_token)
  asked=$(curl -sf -X POST "$base/pairings" -H 'Content-Type: application/json' -d '{}')
  curl -sf -o /dev/null -X POST "$base/pairings/claim" -H "Authorization: Bearer $staff" \
    -H 'Content-Type: application/json' \
    -d "{\"code\":\"$(jq -r .code <<<"$asked")\",\"screen\":\"$1\"}"
  curl -sf "$base/pairings/$(jq -r .pairingId <<<"$asked")" -H "X-Pairing-Secret: $(jq -r .pollSecret <<<"$asked")" \
    | jq -r .deviceToken
}

psql_bench() {
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"
}

# stop_server [SUBSHELL PID]: the server started last, or the one given; SIGTERM, then
# kill -9 after STOP_WAIT seconds.
stop_server() {
  local shell=${1:-$SERVER_PID} pid
  [ -n "$shell" ] || return 0
  pid=$(server_jvm_pid "$shell")
  kill "$pid" 2>/dev/null || true
  # STOP_WAIT (10) seconds before kill -9: a JVM writing a class archive at exit needs longer
  for _ in $(seq $((${STOP_WAIT:-10} * 2))); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$shell" 2>/dev/null || true
  [ "$shell" != "$SERVER_PID" ] || SERVER_PID=
}

cleanup() {
  if declare -F stop_others >/dev/null; then stop_others; fi
  stop_server
  if [ -f "$WORK/pg/postmaster.pid" ]; then
    as_postgres "$(pg_config --bindir)/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [ "${KEEP:-0}" = 1 ]; then
    echo "Kept $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

median() {
  sort -g | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
