#!/usr/bin/env bash
# Make a run folder the committed reference run: update-reference.sh reports/runs/<run>
# Writes its report first (report.md, report.html, charts, and spread.json: every latency trial's percentiles
# per measured iteration and fork, read from the .hlog files), then copies everything but the bulky .hlog
# interval logs to reports/reference/. spread.json is what lets `compare reports/reference <run>` judge noise
# without the .hlog files; a run without it would give no verdicts, so its absence stops the update.
set -euo pipefail
cd "$(dirname "$0")/.."
run=${1:?usage: scripts/update-reference.sh reports/runs/<run>}
[ -d "$run" ] || { echo "no run folder: $run" >&2; exit 1; }
jar=bench/target/benchmarks.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests
java -jar "$jar" report "$run"
[ -s "$run/spread.json" ] || { echo "$run/spread.json was not written (no .hlog files?): not updating the reference" >&2; exit 1; }
rm -rf reports/reference
mkdir -p reports/reference
tar -C "$run" --exclude='*.hlog' -cf - . | tar -C reports/reference -xf -
echo "Reference run: reports/reference (from $run; per-iteration spread kept in spread.json, .hlog files left out)"
