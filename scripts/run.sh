#!/usr/bin/env bash
# Installs, builds and runs the main job: the `courier` command launches the shipped example
# topology (config/examples/count.json: a source, four squarers, a summing sink), which ends by
# itself and prints its result and a per-actor summary. Then the actor benchmarks A1-A6 and A4m.
# (apps/words becomes the main job once the apps layer lands.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dir=$(bash scripts/build.sh | tail -n 1)
"$dir/courier" run config/examples/count.json
for w in A1 A2 A3 A4 A4m A5 A6; do "$dir/bench/courier-bench" "$w"; done
