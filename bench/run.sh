#!/usr/bin/env bash
# Builds NetPilot and runs the benchmarks: prints a markdown table and writes bench/results/latest.json.
# Numbers are printed, never asserted: these machines are noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests
exec java -Dnetpilot.home="$PWD" -jar bench/target/bench.jar "$@"
