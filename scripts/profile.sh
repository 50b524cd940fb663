#!/usr/bin/env bash
# Flame graphs with async-profiler: profile.sh [--mode cpu|wall|alloc] BENCHMARK [JMH options]
# e.g. scripts/profile.sh --mode wall WriteLatencyBenchmark -p engine=ratis -p nodes=3 -f 1 -i 2
# CPU mode falls back to ctimer where perf events are restricted; wall mode shows fsync and waiting.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests
exec java -jar "$jar" profile "$@"
