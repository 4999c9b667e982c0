#!/usr/bin/env bash
# Installs, builds and runs every test: `bash scripts/test.sh` (the plain Release build, with g++),
# `bash scripts/test.sh --sanitize thread|address` (ThreadSanitizer, or AddressSanitizer+UBSan), or
# `bash scripts/test.sh --compiler clang` (clang++-16). The options are scripts/build.sh's.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dir=$(bash scripts/build.sh "$@")
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
export ASAN_OPTIONS="detect_leaks=1 halt_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1 halt_on_error=1"
ctest --test-dir "$dir" --output-on-failure -j2 --timeout 300
