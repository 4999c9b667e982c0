#!/usr/bin/env bash
# Fuzzes the topology loader for a bounded time: `bash scripts/fuzz.sh [seconds]` (default 60).
# Builds config/fuzz with clang (libFuzzer, AddressSanitizer, UBSan) into build-fuzz/, seeds it
# with the good and bad test corpora, and fails on the first crash, leak, timeout or sanitizer
# report (the input that caused it is left in build-fuzz/ as crash-*, leak-* or timeout-*).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
bash scripts/setup.sh
dir=build-fuzz
CXX=clang++ cmake -S config/fuzz -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$dir" -j2
corpus="$dir/corpus"
mkdir -p "$corpus"
cp tests/config/good/*.json tests/config/bad/*.json "$corpus/"
export ASAN_OPTIONS="detect_leaks=1"
export UBSAN_OPTIONS="print_stacktrace=1 halt_on_error=1"
"$dir/config_fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
  -dict=config/fuzz/topology.dict -artifact_prefix="$dir/" -print_final_stats=1 "$corpus"
