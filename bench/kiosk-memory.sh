#!/usr/bin/env bash
# Kiosk memory: 10,000 slide transitions in headless Chromium with slides shortened for the
# benchmark; the page's JS heap after a warm-up against the end (target growth ≤ 5 %), with
# the server in-process on the embedded test PostgreSQL. Not a test: it prints figures.
# Optional arguments: transitions warm-up slide-ms. Needs chromium and chromium-driver.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dk.albertslund.signage.benchmark.KioskMemoryBenchmark "$@"
