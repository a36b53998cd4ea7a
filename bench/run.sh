#!/usr/bin/env bash
# Builds NetPilot and runs the benchmarks: prints a markdown table and writes bench/results/latest.json.
# Numbers are printed, never asserted: these machines are noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
# The Python baselines (netmiko, textfsm) come from Debian's packages.
for module in netmiko textfsm; do
  if ! /usr/bin/python3 -c "import $module" 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "Installing python3-$module for the baseline..."
      (apt-get install -y -q "python3-$module" >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "python3-$module" >/dev/null 2>&1; }) \
        || echo "python3-$module could not be installed; its baseline will be skipped"
    else
      echo "python3-$module is not installed (apt-get install python3-$module); its baseline will be skipped"
    fi
  fi
done
./mvnw -B -q install -DskipTests
exec java -Dnetpilot.home="$PWD" -jar bench/target/bench.jar "$@"
