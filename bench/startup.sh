#!/usr/bin/env bash
# From `java -jar` to /health/readiness 200 with an external PostgreSQL (migrations
# applied and the content pack imported by a first start that is not timed), and the RSS
# at that moment: JDK 17 and JDK 25, each as it is and with the classes it loads archived
# by a training start (JDK 17: AppCDS, -XX:ArchiveClassesAtExit; JDK 25: the AOT cache,
# -XX:AOTCacheOutput, JEP 483/514). RUNS starts of each, interleaved; medians. Not a test:
# it prints figures.
# Settings (environment): RUNS (3), JDK17 (java), JDK25 (/usr/lib/jvm/temurin-25-jdk-amd64/bin/java),
# JAVA_OPTS (-XX:+UseSerialGC -Xms32m -Xmx256m: the options README "Performance" recommends), KEEP=1.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

RUNS=${RUNS:-3}
JDK17=${JDK17:-java}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
read -r -a OPTS <<<"${JAVA_OPTS:--XX:+UseSerialGC -Xms32m -Xmx256m}"
need curl psql pg_config python3 taskset
export READY_PATH=/health/readiness

rss_mb() {
  awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$(server_jvm_pid)/status"
}

build_jar
start_database
JAVA_BIN=$JDK17 start_server 0,1 "${OPTS[@]}"
echo "First start (migrations, content pack import): ready after $SERVER_READY_AFTER s"
stop_server

# Training starts: start, wait until ready, stop (the archive is written on the way out).
JAVA_BIN=$JDK17 SERVER_LOG=train-17.log start_server 0,1 "${OPTS[@]}" -XX:ArchiveClassesAtExit="$WORK/app-17.jsa"
STOP_WAIT=120 stop_server
JAVA_BIN=$JDK25 SERVER_LOG=train-25.log start_server 0,1 "${OPTS[@]}" -XX:AOTCacheOutput="$WORK/app-25.aot"
STOP_WAIT=120 stop_server
setups=("17" "25")
for archive in app-17.jsa app-25.aot; do
  if [ -s "$WORK/$archive" ]; then
    echo "Archive $archive: $(du -m "$WORK/$archive" | cut -f1) MB"
    [ "$archive" = app-17.jsa ] && setups+=("17 AppCDS") || setups+=("25 AOT cache")
  else
    echo "No $archive was written (see train-*.log with KEEP=1); left out" >&2
  fi
done
run() { # run SETUP: one timed start; prints "seconds rss-MB"
  case $1 in
    "17") JAVA_BIN=$JDK17 start_server 0,1 "${OPTS[@]}" ;;
    "17 AppCDS") JAVA_BIN=$JDK17 start_server 0,1 "${OPTS[@]}" -XX:SharedArchiveFile="$WORK/app-17.jsa" ;;
    "25") JAVA_BIN=$JDK25 start_server 0,1 "${OPTS[@]}" ;;
    "25 AOT cache") JAVA_BIN=$JDK25 start_server 0,1 "${OPTS[@]}" -XX:AOTCache="$WORK/app-25.aot" ;;
  esac
  echo "$SERVER_READY_AFTER $(rss_mb) $(grep -aoP 'Startup completed in \K\d+' "$WORK/server.log" | tail -1)"
  stop_server
}

echo "Options: ${OPTS[*]}; both cores. Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-14s %-4s %10s %9s %14s\n' setup run "ready (s)" "RSS (MB)" "Micronaut (ms)"
for i in $(seq "$RUNS"); do
  for setup in "${setups[@]}"; do
    read -r seconds rss micronaut < <(run "$setup")
    printf '%-14s %-4s %10s %9s %14s\n' "$setup" "$i" "$seconds" "$rss" "${micronaut:-?}"
    echo "$seconds" >>"$WORK/${setup// /-}.s"
    echo "$rss" >>"$WORK/${setup// /-}.rss"
  done
done
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '\nMedians of %s starts (target: ready <= 8 s)\n%-14s %10s %9s\n' "$RUNS" setup "ready (s)" "RSS (MB)"
for setup in "${setups[@]}"; do
  printf '%-14s %10s %9s\n' "$setup" "$(median <"$WORK/${setup// /-}.s")" "$(median <"$WORK/${setup// /-}.rss")"
done
