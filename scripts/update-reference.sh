#!/usr/bin/env bash
# Make a run folder the committed reference run: update-reference.sh reports/runs/<run>
# Writes its report first, then copies everything but the bulky .hlog interval logs to reports/reference/.
set -euo pipefail
cd "$(dirname "$0")/.."
run=${1:?usage: scripts/update-reference.sh reports/runs/<run>}
[ -d "$run" ] || { echo "no run folder: $run" >&2; exit 1; }
jar=bench/target/benchmarks.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests
java -jar "$jar" report "$run"
rm -rf reports/reference
mkdir -p reports/reference
tar -C "$run" --exclude='*.hlog' -cf - . | tar -C reports/reference -xf -
echo "Reference run: reports/reference (from $run)"
