#!/usr/bin/env bash
# Installs what Courier needs to build and test on Debian 12 (run as root). Skips apt entirely
# when every package is already installed, so repeated runs are fast and work offline.
set -euo pipefail
packages=(build-essential cmake libboost-context-dev nlohmann-json3-dev libgtest-dev libgmock-dev
  libbenchmark-dev libcli11-dev libjemalloc-dev clang libclang-rt-14-dev clang-16 graphviz time)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y "${missing[@]}"
fi
