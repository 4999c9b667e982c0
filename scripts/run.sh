#!/usr/bin/env bash
# Installs, builds and runs the main job: the `courier` command launches apps/words/words.json, a
# word-frequency pipeline (a reader streaming the shipped text, tokenizers, counters sharded by
# word, a top-K merger) that ends by itself and prints the most frequent words, the totals and a
# per-actor summary. Builds the command alone (the tests are scripts/test.sh's). Arguments go to
# `courier run`, e.g.
#   bash scripts/run.sh --set /actors/reader/params/path=/some/file.txt
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dir=$(bash scripts/build.sh --command-only)
"$dir/courier" run apps/words/words.json "$@"
