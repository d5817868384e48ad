#!/usr/bin/env bash
# 10,000 kiosk event streams (GET /api/v1/kiosk/events) held open on one server: heap
# used after a full GC and the process's RSS with no streams and with all of them open,
# then one change (an announcement every screen shows is archived) and how many streams
# hear of it. Not a test: it prints figures.
# Settings (environment): STREAMS (10000), SERVER_JAVA_OPTS (the tuning below),
# KEEP=1 keeps the temporary directory with the server's and the client's logs.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

STREAMS=${STREAMS:-10000}
# A heap that starts small and stays near what is live: by default the JVM starts with
# 1/64 and may grow to 1/4 of the machine's memory, and every page of it it has touched
# counts in RSS whether needed or not. Serial GC: one collector thread, no per-region
# bookkeeping. See README.
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:--Xms64m -Xmx384m -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30}
need jq curl taskset psql pg_config python3 jcmd java

# Every stream is a socket in the server and one in the client (separate processes).
open_files $((STREAMS + 2048))

CLIENT_PID=
stop_others() {
  [ -z "$CLIENT_PID" ] || kill "$CLIENT_PID" 2>/dev/null || true
}

build_jar
start_database
export SIGNAGE_KIOSK_MAX_EVENT_STREAMS=$((STREAMS + 1000))
# shellcheck disable=SC2086
start_server 0,1 $SERVER_JAVA_OPTS
echo "Server: $(jvm_setup), options: $SERVER_JAVA_OPTS, signage.kiosk.max-event-streams=$SIGNAGE_KIOSK_MAX_EVENT_STREAMS, not pinned"

# One screen per device (a screen has one active kiosk), all playing the same default
# playlist; each device's token is the one EventStreamLoad sends, stored as DeviceTokens
# stores it (hex SHA-256).
psql_bench <<SQL
INSERT INTO screen (slug, name, default_playlist_id)
SELECT 'bench-' || i, 'Benchmark screen ' || i,
       (SELECT playlist_id FROM playlist_item GROUP BY playlist_id ORDER BY count(*) DESC, playlist_id LIMIT 1)
FROM generate_series(1, $STREAMS) AS i;
INSERT INTO device (screen_id, token_hash, paired_at, paired_by)
SELECT s.id, encode(sha256(convert_to('sgd_' || lpad(substr(s.slug, 7), 43, '0'), 'UTF8')), 'hex'), now(), 'benchmark'
FROM screen s WHERE s.slug LIKE 'bench-%';
SQL
echo "Paired $STREAMS devices with $STREAMS screens (SQL insert)"

read -r idle_heap idle_rss idle_threads _ < <(memory)

# 50 streams waiting for their first answer at a time: each new one reads the database
# (device, screen, manifest) and the pool has 10 connections.
java "$REPO/src/test/java/dk/albertslund/signage/benchmark/EventStreamLoad.java" 127.0.0.1 "$SERVER_PORT" 1 "$STREAMS" 50 \
  >"$WORK/client.log" 2>&1 &
CLIENT_PID=$!
for _ in $(seq 900); do
  grep -q '^opened' "$WORK/client.log" && break
  kill -0 "$CLIENT_PID" 2>/dev/null || { cat "$WORK/client.log" >&2; exit 1; }
  sleep 1
done
read -r _ opened refused _ seconds _ < <(grep '^opened' "$WORK/client.log")
echo "Opened $opened streams ($refused refused) in $seconds s"
sleep 5
read -r busy_heap busy_rss busy_threads _ < <(memory)

# One change every bench screen sees: archive the first announcement its manifest shows.
token1="sgd_$(printf '%043d' 1)"
slide=$(curl -sf -H "Authorization: Bearer $token1" "http://127.0.0.1:$SERVER_PORT/api/v1/kiosk/manifest" | jq '.slides[0].id // empty')
if [ -z "$slide" ]; then
  echo "The benchmark screens show nothing now, so there is no change to send" >&2
  exit 1
fi
staff=$(staff_token)
slug=$(curl -sf -H "Authorization: Bearer $staff" "http://127.0.0.1:$SERVER_PORT/api/v1/announcements?size=100&status=approved" \
  | jq -r --argjson id "$slide" '.items[] | select(.id == $id) | .slug')
before=$(tail -1 "$WORK/client.log" | awk '{ print $2 }')
start=$(date +%s.%N)
curl -sf -o /dev/null -X POST -H "Authorization: Bearer $staff" "http://127.0.0.1:$SERVER_PORT/api/v1/announcements/$slug/archive"
heard=0
for _ in $(seq 600); do
  heard=$(($(tail -1 "$WORK/client.log" | awk '{ print $2 }') - before))
  [ "$heard" -ge "$opened" ] && break
  sleep 0.2
done
took=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
still_open=$(tail -1 "$WORK/client.log" | awk '{ print $3 }')

echo
printf '%-28s %12s %10s %8s\n' "" "heap (MB)" "RSS (MB)" threads
printf '%-28s %12s %10s %8s\n' "no streams" "$idle_heap" "$idle_rss" "$idle_threads"
printf '%-28s %12s %10s %8s\n' "$opened streams open" "$busy_heap" "$busy_rss" "$busy_threads"
echo
echo "Per stream: $(awk -v a="$idle_heap" -v b="$busy_heap" -v n="$opened" 'BEGIN { printf "%.1f", (b - a) * 1024 / n }') KB of heap," \
  "$(awk -v a="$idle_rss" -v b="$busy_rss" -v n="$opened" 'BEGIN { printf "%.1f", (b - a) * 1024 / n }') KB of RSS." \
  "Target: RSS <= 512 MB with 10,000 streams: $(awk -v r="$busy_rss" 'BEGIN { print (r <= 512 ? "met" : "NOT met") }')"
echo "Archived announcement $slug (id $slide): $heard of $opened streams heard a manifest event within $took s; $still_open still open"
