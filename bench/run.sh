#!/bin/sh
# Runs Courier's workloads RUNS times (default 5), interleaved (round 1: every item once, round 2:
# ...), printing each run's line, then one "median" line per item: median rate, min and max rate,
# median wall_s and peak RSS. Builds build-bench (Release) first if the binary is missing.
#   bench/run.sh                  # W1 W2 W3 W4 Wm
#   bench/run.sh W1:thread-many   # selected items (workload[:variant])
#   RUNS=3 bench/run.sh W3
# Exits non-zero if any run fails its own result check.
root=$(cd "$(dirname "$0")/.." && pwd) || exit 1
BIN=$root/build-bench/bench/courier-bench
if [ ! -x "$BIN" ]; then
  { cmake -S "$root" -B "$root/build-bench" -DCMAKE_BUILD_TYPE=Release -DCOURIER_BUILD_TESTS=OFF &&
    cmake --build "$root/build-bench" --target courier-bench; } >&2 || exit 1
fi
RUNS=${RUNS:-5}
ITEMS=${*:-"W1 W2 W3 W4 Wm"}
status=0
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
round=1
while [ "$round" -le "$RUNS" ]; do
  for item in $ITEMS; do
    w=${item%%:*}
    v=
    case $item in *:*) v=${item#*:} ;; esac
    if line=$("$BIN" "$w" $v); then
      echo "$line"
      echo "$line" >>"$logs/$(echo "$item" | tr ':' '_')"
    else
      echo "FAILED: $BIN $w $v (round $round)" >&2
      status=1
    fi
  done
  round=$((round + 1))
done
for item in $ITEMS; do
  log="$logs/$(echo "$item" | tr ':' '_')"
  touch "$log"
  awk -v w="${item%%:*}" '
    BEGIN { n = 0 }
    { for (f = 1; f <= NF; f++) { split($f, kv, "=");
        if (kv[1] == "rate") r[n] = kv[2]; else if (kv[1] == "wall_s") t[n] = kv[2];
        else if (kv[1] == "unit") u = kv[2]; else if (kv[1] == "variant") v = kv[2];
        else if (kv[1] == "peak_rss_kb") p[n] = kv[2]; }
      n++ }
    function sort(a, k,   i, j, x) { for (i = 1; i < k; i++) { x = a[i]; j = i - 1;
        while (j >= 0 && a[j] + 0 > x + 0) { a[j + 1] = a[j]; j-- } a[j + 1] = x } }
    END { if (n == 0) { print "median workload=" w " system=courier FAILED"; exit }
      sort(r, n); sort(t, n); sort(p, n); m = int((n - 1) / 2);
      printf "median workload=%s system=courier variant=%s rate=%s unit=%s wall_s=%s min=%s max=%s peak_rss_kb=%s runs=%d\n",
             w, v, r[m], u, t[m], r[0], r[n - 1], p[m], n }' "$log"
done
exit $status
