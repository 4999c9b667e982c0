#!/usr/bin/env bash
# Installs, builds and runs the main job. Until the actor layers land, the main job is the mailbox
# benchmark: the channel workloads W1-W4 and the memory cost of an empty channel.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dir=$(bash scripts/build.sh | tail -n 1)
for w in W1 W2 W3 W4 Wm; do "$dir/bench/courier-bench" "$w"; done
for w in W1 W2 W3 W4; do "$dir/bench/courier-bench" "$w" fibers; done
