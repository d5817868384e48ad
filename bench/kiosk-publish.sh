#!/usr/bin/env bash
# Publish → visible on a kiosk in headless Chromium: p50/p90/p99 over 50 approvals (after
# 5 for warm-up), against the server in-process on the embedded test PostgreSQL. Not a
# test: it prints figures. Optional arguments: publishes warm-up. Needs Debian's chromium
# and chromium-driver.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dk.albertslund.signage.benchmark.KioskPublishBenchmark "$@"
