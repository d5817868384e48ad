#!/usr/bin/env bash
# Timelines of every screen over one week on a large campus (1,000 screens × 5,000
# entries by default), then recomputing after one entry changes. Not a test: it prints
# figures. Optional arguments: screens entries groups runs.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dk.albertslund.signage.benchmark.TimelineBenchmark "$@"
