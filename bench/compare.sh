#!/bin/sh
# Courier beside the Tokio and Go anchors (../shared/anchors, next to the repository), on the same
# machine in the same session: builds all three, then runs RUNS rounds (default 5), each round every
# workload once on each system, and prints every run's line, then per workload the median rate of
# each system and the ratios courier/tokio and courier/go. Tokio runs its default variant (task),
# Go its default (buf10M for W1/W4, buf1024 for W2/W3), Courier its default (thread).
#   bench/compare.sh                 # W1 W2 W3 W4
#   RUNS=3 bench/compare.sh W1 W3
root=$(cd "$(dirname "$0")/.." && pwd) || exit 1
anchors=$root/../shared/anchors
RUNS=${RUNS:-5}
ITEMS=${*:-"W1 W2 W3 W4"}
{ cmake -S "$root" -B "$root/build-bench" -DCMAKE_BUILD_TYPE=Release -DCOURIER_BUILD_TESTS=OFF &&
  cmake --build "$root/build-bench" --target courier-bench; } >/dev/null || { echo "courier build failed" >&2; exit 1; }
for s in tokio go; do "$anchors/$s/build.sh" >/dev/null 2>&1 || { echo "$s build failed" >&2; exit 1; }; done
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
round=1
while [ "$round" -le "$RUNS" ]; do
  for w in $ITEMS; do
    for cmd in "$root/build-bench/bench/courier-bench" "$anchors/tokio/target/release/bench" "$anchors/go/bench"; do
      if line=$("$cmd" "$w"); then echo "$line" | tee -a "$log"; else echo "FAILED: $cmd $w" >&2; status=1; fi
    done
  done
  round=$((round + 1))
done
awk '{ w = ""; s = ""; r = "";
       for (f = 1; f <= NF; f++) { split($f, kv, "=");
         if (kv[1] == "workload") w = kv[2]; else if (kv[1] == "system") s = kv[2]; else if (kv[1] == "rate") r = kv[2]; }
       k = w " " s; n[k]++; v[k, n[k]] = r + 0; if (!(w in seenw)) { seenw[w] = 1; order[++m] = w } }
     function median(k,   c, a, b, t, x) { c = n[k]; if (c == 0) return 0;
       for (a = 1; a <= c; a++) x[a] = v[k, a];
       for (a = 2; a <= c; a++) { t = x[a]; b = a - 1; while (b >= 1 && x[b] > t) { x[b + 1] = x[b]; b-- } x[b + 1] = t }
       return x[int((c + 1) / 2)] }
     END { for (i = 1; i <= m; i++) { w = order[i];
             c = median(w " courier"); t = median(w " tokio"); g = median(w " go");
             printf "median workload=%s courier=%.0f tokio=%.0f go=%.0f courier/tokio=%.2f courier/go=%.2f runs=%d\n",
                    w, c, t, g, t ? c / t : 0, g ? c / g : 0, n[w " courier"] } }' "$log"
exit $status
