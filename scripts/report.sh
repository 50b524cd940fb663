#!/usr/bin/env bash
# report.md + charts for a run folder; without an argument, for the newest run in reports/runs.
set -euo pipefail
cd "$(dirname "$0")/.."
run=${1:-$(ls -d reports/runs/*/ 2>/dev/null | sort | tail -n 1)}
[ -n "$run" ] || { echo "no run folder given and none in reports/runs" >&2; exit 1; }
exec java -jar bench/target/benchmarks.jar report "$run"
