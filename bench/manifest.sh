#!/usr/bin/env bash
# The kiosk manifest endpoint (GET /api/v1/kiosk/manifest with a real device token)
# against nginx serving the same bytes with an ETag, in the same run: 200 (no
# If-None-Match) and 304 (the current ETag), wrk with 64 connections, interleaved
# nginx, server, nginx, server, ... and the medians of RUNS runs. The server and nginx
# are pinned to core 0, wrk to core 1. Not a test: it prints figures.
# Settings (environment): RUNS (3), DURATION (10s), CONNECTIONS (64), SCREEN (station-hal),
# JAVA_OPTS (none), KEEP=1 keeps the temporary directory with the server's log. Prints the server's
# heap and RSS after the runs.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

RUNS=${RUNS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
SCREEN=${SCREEN:-station-hal}
need wrk nginx jq curl taskset psql pg_config python3 jcmd

NGINX_PID=
stop_others() {
  [ -z "$NGINX_PID" ] || kill "$NGINX_PID" 2>/dev/null || true
}

build_jar
start_database
# shellcheck disable=SC2086
start_server 0 ${JAVA_OPTS:-}
token=$(pair_kiosk "$SCREEN")
manifest_url="http://127.0.0.1:$SERVER_PORT/api/v1/kiosk/manifest"
mkdir -p "$WORK/nginx/www/api/v1/kiosk" "$WORK/nginx/tmp"
curl -sf -D "$WORK/headers" -o "$WORK/nginx/www/api/v1/kiosk/manifest" -H "Authorization: Bearer $token" "$manifest_url"
etag=$(grep -i '^etag:' "$WORK/headers" | cut -d' ' -f2- | tr -d '\r')
bytes=$(wc -c <"$WORK/nginx/www/api/v1/kiosk/manifest")

# One worker, no access log, no sendfile (the server copies bytes too), open_file_cache
# and keep-alive for as long as wrk runs: the fairest static reference (docs/ARCHITECTURE.md, "Versions and settings that were tried").
NGINX_PORT=$(free_port)
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile off;
  keepalive_requests 100000000;
  keepalive_timeout 120s;
  open_file_cache max=16 inactive=600s;
  client_body_temp_path $WORK/nginx/tmp;
  proxy_temp_path $WORK/nginx/tmp;
  fastcgi_temp_path $WORK/nginx/tmp;
  uwsgi_temp_path $WORK/nginx/tmp;
  scgi_temp_path $WORK/nginx/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/nginx/www;
    default_type application/json;
    etag on;
    location / { add_header Cache-Control no-cache; }
  }
}
EOF
taskset -c 0 nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
NGINX_PID=$!
nginx_url="http://127.0.0.1:$NGINX_PORT/api/v1/kiosk/manifest"
for _ in $(seq 50); do curl -sf -o /dev/null "$nginx_url" && break; sleep 0.1; done
nginx_etag=$(curl -sf -D - -o /dev/null "$nginx_url" | grep -i '^etag:' | cut -d' ' -f2- | tr -d '\r')

status_of() { # status_of URL [curl header options]: the status a single request gets
  local url=$1
  shift
  curl -s -o /dev/null -w '%{http_code}' "$@" "$url"
}

# wrk_run TARGET KIND: one wrk run; prints "req/s p99-in-ms errors".
wrk_run() {
  local target=$1 kind=$2 url headers=() out
  if [ "$target" = nginx ]; then
    url=$nginx_url
    [ "$kind" = 304 ] && headers+=(-H "If-None-Match: $nginx_etag")
  else
    url=$manifest_url
    headers+=(-H "Authorization: Bearer $token")
    [ "$kind" = 304 ] && headers+=(-H "If-None-Match: $etag")
  fi
  if [ "$(status_of "$url" "${headers[@]}")" != "$kind" ]; then
    echo "$target no longer answers $kind (has the manifest changed?)" >&2
    exit 1
  fi
  out=$(taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "${headers[@]}" "$url")
  awk '
    /Requests\/sec/ { rps = $2 }
    $1 == "99%" { v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
                  p99 = unit == "us" ? v / 1000 : unit == "s" ? v * 1000 : v }
    /Non-2xx or 3xx/ { errors += $NF }
    /Socket errors/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%.0f %.2f %d\n", rps, p99, errors }' <<<"$out"
}

echo "Kiosk manifest benchmark: screen $SCREEN, $bytes bytes, ETag $etag"
echo "Server: $(jvm_setup), pinned to core 0 (taskset), scheduler off; nginx $(nginx -v 2>&1 | cut -d/ -f2), 1 worker, core 0; wrk -t1 -c$CONNECTIONS -d$DURATION on core 1"
echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Warming up..."
for kind in 200 304; do
  DURATION=5s wrk_run nginx "$kind" >/dev/null
  DURATION=15s wrk_run server "$kind" >/dev/null
done

printf '\n%-6s %-4s %-4s %12s %10s %7s\n' target kind run req/s p99-ms errors
for kind in 200 304; do
  for run in $(seq "$RUNS"); do
    for target in nginx server; do
      read -r rps p99 errors < <(wrk_run "$target" "$kind")
      printf '%-6s %-4s %-4s %12s %10s %7s\n' "$target" "$kind" "$run" "$rps" "$p99" "$errors"
      echo "$rps" >>"$WORK/$target-$kind.rps"
      echo "$p99" >>"$WORK/$target-$kind.p99"
      echo "$errors" >>"$WORK/errors"
    done
    # Each server run against the nginx run just before it: on a busy machine the pair
    # shares its conditions, so the median of these is steadier than a ratio of medians.
    paste "$WORK/server-$kind.rps" "$WORK/nginx-$kind.rps" | tail -1 | awk '{ print $1 / $2 }' >>"$WORK/pair-$kind.ratio"
  done
done
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

printf '\nMedians of %s runs (ratio: median of the per-run ratios)\n%-5s %12s %12s %8s %12s %12s   %s\n' "$RUNS" kind "nginx req/s" "server req/s" ratio "nginx p99" "server p99" "targets: ratio >= 0.75, server p99 <= 10 ms"
for kind in 200 304; do
  n_rps=$(median <"$WORK/nginx-$kind.rps")
  s_rps=$(median <"$WORK/server-$kind.rps")
  n_p99=$(median <"$WORK/nginx-$kind.p99")
  s_p99=$(median <"$WORK/server-$kind.p99")
  ratio=$(median <"$WORK/pair-$kind.ratio")
  awk -v k="$kind" -v n="$n_rps" -v s="$s_rps" -v np="$n_p99" -v sp="$s_p99" -v r="$ratio" 'BEGIN {
    printf "%-5s %12.0f %12.0f %7.2fx %9.2f ms %9.2f ms   %s, %s\n", k, n, s, r, np, sp,
      (r >= 0.75 ? "ratio met" : "ratio NOT met"), (sp <= 10 ? "p99 met" : "p99 NOT met") }'
done
if [ "$(awk '{ n += $1 } END { print n + 0 }' "$WORK/errors")" != 0 ]; then
  echo "Some runs had errors or unexpected statuses (see the errors column)."
fi
read -r heap rss threads hwm < <(memory)
echo "Server memory after the runs: heap used after a full GC $heap MB, RSS $rss MB (peak $hwm MB), $threads threads; options: ${JAVA_OPTS:-none}. Target: RSS <= 300 MB: $(awk -v r="$rss" 'BEGIN { print (r <= 300 ? "met" : "NOT met") }')"
