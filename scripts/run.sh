#!/usr/bin/env bash
# Builds benchmarks.jar if needed and runs it: no arguments = the default suite; --quick, load, JMH options pass through.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests
exec java -jar "$jar" "$@"
