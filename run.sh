#!/usr/bin/env bash
# Runs NetPilot on this machine: embedded Redis, the API on :9000 and one executor; --demo adds simulated
# devices. Builds first when the jars are missing or older than the sources. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v java >/dev/null 2>&1; then
  echo "NetPilot needs a JDK 17 or newer on the PATH (java was not found)." >&2
  exit 1
fi

launcher=local-run/target/local-run.jar
stale=$(find job-model device-drivers device-simulator api-service executor-service local-run pom.xml \
          -path '*/target' -prune -o \( -name '*.java' -o -name '*.properties' -o -name 'pom.xml' \) \
          -newer "$launcher" -print -quit 2>/dev/null || true)
if [ ! -f "$launcher" ] || [ ! -f api-service/target/quarkus-app/quarkus-run.jar ] \
   || [ ! -f executor-service/target/quarkus-app/quarkus-run.jar ] || [ -n "$stale" ]; then
  echo "Building NetPilot (first run, or sources changed)..."
  ./mvnw -B -q install -DskipTests
fi

exec java -Dnetpilot.home="$PWD" -jar "$launcher" "$@"
