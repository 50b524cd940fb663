#!/usr/bin/env bash
# Percentiles side by side: compare.sh RUN_A RUN_B, or compare.sh RUN --engines ratis,copycat
set -euo pipefail
cd "$(dirname "$0")/.."
exec java -jar bench/target/benchmarks.jar compare "$@"
