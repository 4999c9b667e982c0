#!/usr/bin/env bash
# Configures and builds Courier into build/ (or build-<sanitizer>/ with --sanitize thread|address).
# Prints the build directory on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
sanitize=""
if [[ "${1:-}" == "--sanitize" ]]; then sanitize="${2:?--sanitize needs thread or address}"; fi
dir=build${sanitize:+-$sanitize}
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOURIER_SANITIZE="$sanitize" \
  -DCOURIER_BUILD_TESTS=ON -DCOURIER_BUILD_BENCH=ON >/dev/null
cmake --build "$dir" -j2
echo "$dir"
