#!/usr/bin/env bash
# The operator's database-outage probe (issue 14, docs/OPERATIONS.md), rerun: two servers
# on a PostgreSQL of their own, a paired kiosk polling its manifest every 200 ms, the
# database stopped for OUTAGE_SECONDS (60) and started again. Prints errors and timings
# per phase. It runs health.DatabaseOutageTest, which asserts the same figures.
#
#   bench/outage.sh                 # a minute's outage
#   OUTAGE_SECONDS=20 bench/outage.sh
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
LOG=$(mktemp /tmp/signage-outage.XXXXXX)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
if SIGNAGE_TEST_OUTAGE_SECONDS="${OUTAGE_SECONDS:-60}" ./mvnw -B -o -q verify -Dtest=DatabaseOutageTest \
    -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true -Dexec.skip >"$LOG" 2>&1; then
  result=passed
else
  result=FAILED
fi
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
grep -h "OUTAGE-FIGURES" target/surefire-reports/dk.albertslund.signage.health.DatabaseOutageTest-output.txt \
  | sed 's/^OUTAGE-FIGURES //' | tr ' ' '\n' | sed 's/=/: /'
echo "DatabaseOutageTest $result (log: $LOG)"
[ "$result" = passed ]
