#!/usr/bin/env bash
# Builds NetPilot and runs the benchmarks: prints a markdown table and writes bench/results/latest.json.
# Numbers are printed, never asserted: these machines are noisy. The netmiko baseline needs Debian's
# python3-netmiko; as root this script installs it when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! /usr/bin/python3 -c 'import netmiko' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing python3-netmiko for the baseline..."
    (apt-get install -y -q python3-netmiko >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q python3-netmiko >/dev/null 2>&1; }) \
      || echo "python3-netmiko could not be installed; the baseline will be skipped"
  else
    echo "python3-netmiko is not installed (apt-get install python3-netmiko); the baseline will be skipped"
  fi
fi
./mvnw -B -q install -DskipTests
exec java -Dnetpilot.home="$PWD" -jar bench/target/bench.jar "$@"
