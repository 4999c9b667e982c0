#!/usr/bin/env bash
# compare.sh [A1 … A6]: runs each workload's topology (`courier run apps/bench/X.json`) and its
# code-built twin (`courier-bench AN`) alternately, RUNS times each (default 5), and prints every
# result line, then per workload the median rates and the ratio config/code (1.00: the same;
# above 1: the topology was faster). Alternating spreads the machine's noise over both.
# Needs `courier` and `courier-bench` built in BUILD (default: build/ at the repository's top):
#   cmake -S . -B build -DCOURIER_BUILD_BENCH=ON && cmake --build build -j2 --target courier courier-bench
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-$top/build}
runs=${RUNS:-5}
courier=$build/courier
code_bench=$build/bench/courier-bench
for binary in "$courier" "$code_bench"; do
  [[ -x $binary ]] || { echo "compare.sh: $binary is not built" >&2; exit 2; }
done

topology_of() {
  case $1 in
    A1) echo ping-pong ;; A2) echo thread-ring ;; A3) echo counting ;;
    A4) echo spawn ;; A5) echo fan-in ;; A6) echo big ;;
    *) echo "compare.sh: unknown workload $1 (A1 … A6)" >&2; exit 2 ;;
  esac
}

# result_line COMMAND…: runs one workload and prints its result line; a failed run ends the script.
result_line() {
  local out
  if ! out=$("$@" 2>&1); then
    echo "compare.sh: failed: $*" >&2
    echo "$out" >&2
    exit 1
  fi
  grep '^workload=' <<<"$out"
}

# field NAME LINE: the value of NAME=… in a result line.
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }

# median: the median of the numbers on stdin, one per line.
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

workloads=("$@")
[[ ${#workloads[@]} -gt 0 ]] || workloads=(A1 A2 A3 A4 A5 A6)
declare -A config_rates code_rates units
for w in "${workloads[@]}"; do topology_of "$w" >/dev/null; done

for ((round = 1; round <= runs; round++)); do
  for w in "${workloads[@]}"; do
    config=$(result_line "$courier" run "$top/apps/bench/$(topology_of "$w").json")
    code=$(result_line "$code_bench" "$w")
    echo "$config"
    echo "$code"
    config_rates[$w]+="$(field rate "$config")"$'\n'
    code_rates[$w]+="$(field rate "$code")"$'\n'
    units[$w]=$(field unit "$code")
  done
done

echo
printf '%-8s %14s %14s %8s  %s\n' workload config code ratio unit
for w in "${workloads[@]}"; do
  config=$(printf '%s' "${config_rates[$w]}" | median)
  code=$(printf '%s' "${code_rates[$w]}" | median)
  ratio=$(awk -v a="$config" -v b="$code" 'BEGIN { printf "%.2f", a / b }')
  printf '%-8s %14.0f %14.0f %8s  %s (median of %d runs each)\n' "$w" "$config" "$code" "$ratio" \
    "${units[$w]}" "$runs"
done
