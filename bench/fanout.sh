#!/usr/bin/env bash
# A change reaching thousands of kiosks: STREAMS kiosk event streams held open on SERVERS
# server processes (one database), then GROUP_CHANGES changes that each reach one group
# of 1,000 screens and ALL_CHANGES that reach every screen, one after another, made through
# the staff API. For each change, the time from sending it to the last stream it reaches
# receiving its "manifest" event; p50/p99/max per kind, a manifest probe's latency during
# the changes, and each server's memory after. Not a test: it prints figures.
# Settings (environment): SERVERS (1), STREAMS (10000), GROUP_CHANGES (50), ALL_CHANGES (5),
# SERVER_JAVA_OPTS (as bench/sse.sh), KEEP=1 keeps the temporary directory with the logs.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SERVERS=${SERVERS:-1}
STREAMS=${STREAMS:-10000}
GROUP_CHANGES=${GROUP_CHANGES:-50}
ALL_CHANGES=${ALL_CHANGES:-5}
GROUP_COUNT=$((STREAMS / 1000 > 0 ? STREAMS / 1000 : 1))
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:--Xms64m -Xmx384m -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30}
need jq curl taskset psql pg_config python3 jcmd java

open_files $((STREAMS + 4096))

CLIENT_PID=
SHELLS=()
PORTS=()
stop_others() {
  [ -z "$CLIENT_PID" ] || kill "$CLIENT_PID" 2>/dev/null || true
  for shell in "${SHELLS[@]}"; do
    [ "$shell" = "$SERVER_PID" ] || stop_server "$shell"
  done
}

build_jar
start_database
export SIGNAGE_KIOSK_MAX_EVENT_STREAMS=$((STREAMS + 1000))
for i in $(seq "$SERVERS"); do
  # one after another: the first imports the content pack, the others find it there
  # shellcheck disable=SC2086
  SERVER_LOG="server-$i.log" start_server 0,1 $SERVER_JAVA_OPTS
  SHELLS+=("$SERVER_PID")
  PORTS+=("$SERVER_PORT")
done
echo "Servers: $SERVERS × $(jvm_setup), options: $SERVER_JAVA_OPTS, both cores, not pinned"

# Screen n is in group ((n - 1) mod GROUP_COUNT) + 1, so every group has kiosks on every server;
# device n's token is the one FanoutLoad sends, stored as DeviceTokens stores it. Four
# messages of the content pack are made approved and always on show, for the changes.
slugs=$(psql_bench <<SQL
INSERT INTO screen_group (slug, name) SELECT 'fan-g' || g, 'Fan-out group ' || g FROM generate_series(1, $GROUP_COUNT) AS g;
INSERT INTO screen (slug, name) SELECT 'bench-' || i, 'Benchmark screen ' || i FROM generate_series(1, $STREAMS) AS i;
INSERT INTO screen_group_member (screen_id, group_id)
SELECT s.id, g.id FROM screen s JOIN screen_group g ON g.slug = 'fan-g' || ((substr(s.slug, 7)::int - 1) % $GROUP_COUNT + 1)
WHERE s.slug LIKE 'bench-%';
INSERT INTO device (screen_id, token_hash, paired_at, paired_by)
SELECT s.id, encode(sha256(convert_to('sgd_' || lpad(substr(s.slug, 7), 43, '0'), 'UTF8')), 'hex'), now(), 'benchmark'
FROM screen s WHERE s.slug LIKE 'bench-%';
UPDATE announcement SET status = 'approved', publish_from = NULL, publish_until = NULL
WHERE id IN (SELECT id FROM announcement WHERE language = 'da' AND media_id IS NULL ORDER BY id LIMIT 4);
SELECT string_agg(slug, ',' ORDER BY id) FROM announcement
WHERE id IN (SELECT id FROM announcement WHERE language = 'da' AND media_id IS NULL ORDER BY id LIMIT 4);
SQL
)
first=${slugs%%,*}
third=$(cut -d, -f3 <<<"$slugs")
staff=$(staff_token)
api() { # api METHOD PATH JSON: a staff API call that must succeed
  curl -sf -o /dev/null -X "$1" -H "Authorization: Bearer $staff" -H 'Content-Type: application/json' \
    "http://127.0.0.1:${PORTS[0]}$2" -d "$3" || { echo "$1 $2 failed" >&2; exit 1; }
}
# Every group's entry and the one for all screens: the same priority, always on, so each
# screen plays its group's playlist and fan-all merged.
days='["MON","TUE","WED","THU","FRI","SAT","SUN"]'
for g in $(seq "$GROUP_COUNT") all; do
  api POST /api/v1/playlists "{\"slug\":\"fan-$( [ "$g" = all ] && echo all || echo "g$g")\",\"name\":\"Fan-out $g\",\"items\":[\"$( [ "$g" = all ] && echo "$third" || echo "$first")\"]}"
done
for g in $(seq "$GROUP_COUNT"); do
  api POST /api/v1/schedule-entries "{\"slug\":\"fan-g$g\",\"playlist\":\"fan-g$g\",\"targetKind\":\"group\",\"target\":\"fan-g$g\",\"days\":$days,\"startTime\":\"00:00\",\"endTime\":\"00:00\",\"priority\":500}"
done
api POST /api/v1/schedule-entries "{\"slug\":\"fan-all\",\"playlist\":\"fan-all\",\"targetKind\":\"all\",\"days\":$days,\"startTime\":\"00:00\",\"endTime\":\"00:00\",\"priority\":500}"
echo "Set up $STREAMS screens in $GROUP_COUNT groups of $((STREAMS / GROUP_COUNT)), one kiosk each (SQL), $((GROUP_COUNT + 1)) playlists and schedule entries (API); messages $slugs"

declare -a idle
for i in "${!SHELLS[@]}"; do
  read -r heap rss threads _ < <(memory "$(server_jvm_pid "${SHELLS[$i]}")")
  idle[$i]="$heap $rss $threads"
done

servers=$(for port in "${PORTS[@]}"; do printf '127.0.0.1:%s,' "$port"; done)
echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java "$REPO/src/test/java/dk/albertslund/signage/benchmark/FanoutLoad.java" "${servers%,}" "$STREAMS" "$GROUP_COUNT" \
  "$GROUP_CHANGES" "$ALL_CHANGES" "$staff" "$slugs" 50 >"$WORK/client.log" 2>&1 &
CLIENT_PID=$!
shown=0
while kill -0 "$CLIENT_PID" 2>/dev/null; do
  lines=$(wc -l <"$WORK/client.log")
  if [ "$lines" -gt "$shown" ]; then
    sed -n "$((shown + 1)),${lines}p" "$WORK/client.log"
    shown=$lines
  fi
  sleep 1
done
sed -n "$((shown + 1)),\$p" "$WORK/client.log"
wait "$CLIENT_PID" || { echo "The load generator failed" >&2; exit 1; }
CLIENT_PID=
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
printf '%-8s %22s %34s %12s\n' server "no streams: heap/RSS MB" "after the changes: heap/RSS/peak MB" threads
for i in "${!SHELLS[@]}"; do
  read -r heap rss threads hwm < <(memory "$(server_jvm_pid "${SHELLS[$i]}")")
  read -r iheap irss _ <<<"${idle[$i]}"
  printf '%-8s %22s %34s %12s\n' "$((i + 1))" "$iheap / $irss" "$heap / $rss / $hwm" "$threads"
  echo "$rss" >>"$WORK/rss"
done
echo "Target: RSS <= 768 MB per server: $(awk '$1 > 768 { bad = 1 } END { print bad ? "NOT met" : "met" }' "$WORK/rss")"
