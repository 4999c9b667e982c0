#!/usr/bin/env bash
# Configures and builds Courier with warnings as errors (COURIER_WERROR), showing the build's
# progress on stderr and printing the build directory on stdout:
#   bash scripts/build.sh [--sanitize thread|address] [--compiler gcc|clang] [--command-only]
# The plain build is a Release build in build/, with the tests and benchmarks. --sanitize makes a
# RelWithDebInfo build under ThreadSanitizer, or AddressSanitizer with UBSan, in build-<sanitizer>/;
# --compiler clang a Release build with clang++-16 in build-clang/; both without the benchmarks.
# --command-only builds the `courier` command alone (what the main job needs), and a build
# directory it configures first gets no tests or benchmarks (scripts/test.sh adds them later).
set -euo pipefail
cd "$(dirname "$0")/.."
sanitize="" compiler=gcc command_only=0
while (($#)); do
  case "$1" in
    --sanitize) sanitize="${2:?--sanitize needs thread or address}"; shift 2 ;;
    --compiler) compiler="${2:?--compiler needs gcc or clang}"; shift 2 ;;
    --command-only) command_only=1; shift ;;
    *) echo "build.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
case "$compiler" in
  gcc) cxx=g++ ;;
  clang) cxx=clang++-16 ;;
  *) echo "build.sh: --compiler must be gcc or clang, not '$compiler'" >&2; exit 2 ;;
esac
dir=build build_type=Release bench=ON
if [[ -n "$sanitize" ]]; then dir=build-$sanitize build_type=RelWithDebInfo bench=OFF; fi
if [[ "$compiler" != gcc ]]; then dir=$dir-$compiler bench=OFF; fi
options=(-DCMAKE_BUILD_TYPE="$build_type" -DCOURIER_SANITIZE="$sanitize" -DCOURIER_WERROR=ON)
target=()
if ((command_only)); then
  target=(--target courier)
  [[ -f "$dir/CMakeCache.txt" ]] || options+=(-DCOURIER_BUILD_TESTS=OFF -DCOURIER_BUILD_BENCH=OFF)
else
  options+=(-DCOURIER_BUILD_TESTS=ON -DCOURIER_BUILD_BENCH="$bench")
fi
echo "build.sh: building $dir ($build_type, $cxx)" >&2
CXX="$cxx" cmake -S . -B "$dir" "${options[@]}" >/dev/null
cmake --build "$dir" -j"$(nproc)" "${target[@]}" >&2
echo "$dir"
