#!/usr/bin/env bash
# SIGTERM while working (issue 14, docs/OPERATIONS.md "Stopping a server"): starts the jar
# on its embedded database in a temporary home, sends 50 sign-ins at once (each an Argon2
# hash, so they queue for seconds), sends SIGTERM 0.3 s later, and prints how each was
# answered; all 50 should be 200 and the server and its PostgreSQL should be gone after.
#   bench/sigterm.sh            SKIP_BUILD=1 bench/sigterm.sh
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR="$REPO/target/campus-signage-0.2.0.jar"
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$JAR" ]; then
  (cd "$REPO" && ./mvnw -B -q -o package -DskipTests -Dexec.skip)
fi
WORK=$(mktemp -d /tmp/signage-sigterm.XXXXXX)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cp -r "$REPO/content" "$WORK/"
SIGNAGE_HOME="$WORK" SIGNAGE_PORT="$PORT" SIGNAGE_ADMIN_PASSWORD=sigterm-admin-pass \
  java -jar "$JAR" >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 120); do
  curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health/readiness" | grep -q 200 && break
  sleep 0.5
done
for _ in $(seq 1 50); do
  curl -s -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"sigterm-admin-pass"}' "http://127.0.0.1:$PORT/api/v1/auth/login" >>"$WORK/statuses" &
done
sleep 0.3
STOP=$(date +%s.%N)
kill -TERM "$PID"
wait $(jobs -p | grep -v "^$PID$") 2>/dev/null || true
wait "$PID" || true
echo "answers to the 50 sign-ins under way:"; sort "$WORK/statuses" | uniq -c
echo "server stopped $(python3 -c "import time; print(round(time.time() - $STOP, 1))") s after SIGTERM"
if pgrep -f "$WORK/var/postgres" >/dev/null; then echo "embedded PostgreSQL still running!"; exit 1; fi
echo "embedded PostgreSQL stopped; log: $WORK/server.log"
