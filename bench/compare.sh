#!/bin/sh
# Courier beside its references, on the same machine in the same session: builds Courier and the
# anchors (../shared/anchors, next to the repository), then runs RUNS rounds (default 5); a round
# runs every workload once: each Courier variant asked for, then each reference. It prints every
# run's line, then one median line per workload and Courier variant with the references' medians
# and the ratios courier/reference.
#   bench/compare.sh                              # W1 W2 W3 W4 (Courier's thread variant)
#   RUNS=3 bench/compare.sh W1 W1:fibers W3:fibers
#   bench/compare.sh S1 S1:a4 S2 S3 S3:1w S3:thread
# Items are WORKLOAD[:variant] (Courier's variant; its default when omitted). References:
#   W1..W4  tokio (its default variant, task) and go (its default: buf10M for W1/W4, buf1024 for
#           W2/W3), once per round whatever the number of Courier variants;
#   S1      go A4 and tokio A4 (spawn 1,000,000 one-shot actors; see docs/BENCHMARKS.md);
#   S2      limits switch (a raw Boost.Context switch, one way);
#   S3      limits spin and condvar (cross-core round trips by spinning and by blocking);
#   A1..A6, A4m  caf, tokio and go (each at its default variant). For A4m (bytes per idle
#           actor) lower is better: read the ratio the other way round.
root=$(cd "$(dirname "$0")/.." && pwd) || exit 1
anchors=$root/../shared/anchors
RUNS=${RUNS:-5}
ITEMS=${*:-"W1 W2 W3 W4"}
BIN=$root/build-bench/bench/courier-bench
{ cmake -S "$root" -B "$root/build-bench" -DCMAKE_BUILD_TYPE=Release -DCOURIER_BUILD_TESTS=OFF &&
  cmake --build "$root/build-bench" --target courier-bench; } >/dev/null || { echo "courier build failed" >&2; exit 1; }
case " $ITEMS" in *" W"* | *" S1"* | *" A"*) for s in tokio go; do
  "$anchors/$s/build.sh" >/dev/null 2>&1 || { echo "$s build failed" >&2; exit 1; }; done ;; esac
case " $ITEMS" in *" A"*)
  "$anchors/caf/build.sh" >/dev/null 2>&1 || { echo "caf build failed" >&2; exit 1; } ;; esac
case " $ITEMS" in *" S2"* | *" S3"*)
  [ -x "$anchors/limits/limits" ] || "$anchors/limits/build.sh" >/dev/null 2>&1 ||
    { echo "limits build failed" >&2; exit 1; } ;; esac
# refs W: "label command args" lines for workload W.
refs() {
  case $1 in
    W?) echo "tokio $anchors/tokio/target/release/bench $1"; echo "go $anchors/go/bench $1" ;;
    A[1-6]|A4m) echo "caf $anchors/caf/bench $1"; echo "tokio $anchors/tokio/target/release/bench $1"
      echo "go $anchors/go/bench $1" ;;
    S1) echo "go-A4 $anchors/go/bench A4"; echo "tokio-A4 $anchors/tokio/target/release/bench A4" ;;
    S2) echo "limit-switch $anchors/limits/limits switch" ;;
    S3) echo "limit-spin $anchors/limits/limits spin"; echo "limit-condvar $anchors/limits/limits condvar" ;;
  esac
}
# The workloads in order of first appearance, each once.
workloads=
for i in $ITEMS; do case " $workloads " in *" ${i%%:*} "*) ;; *) workloads="$workloads ${i%%:*}" ;; esac; done
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# run LABEL CMD...: runs one program, prints its line, logs "workload label rate".
run() {
  label=$1
  shift
  if line=$("$@"); then
    echo "$line"
    rate=$(echo "$line" | sed -n 's/.* rate=\([0-9.]*\).*/\1/p')
    echo "$w $label $rate" >>"$log"
  else
    echo "FAILED: $*" >&2
    status=1
  fi
}
round=1
while [ "$round" -le "$RUNS" ]; do
  for w in $workloads; do
    for i in $ITEMS; do
      [ "${i%%:*}" = "$w" ] || continue
      case $i in *:*) run "courier:${i#*:}" "$BIN" "$w" "${i#*:}" ;; *) run courier "$BIN" "$w" ;; esac
    done
    refs "$w" >"$log.refs"
    while read -r label cmd args; do run "$label" $cmd $args; done <"$log.refs"
  done
  round=$((round + 1))
done
rm -f "$log.refs"
awk '{ k = $1 " " $2; n[k]++; v[k, n[k]] = $3 + 0
       if (!(k in seen)) { seen[k] = 1; key[++m] = k } }
     function median(k,   c, a, b, t, x) { c = n[k]; if (c == 0) return 0;
       for (a = 1; a <= c; a++) x[a] = v[k, a];
       for (a = 2; a <= c; a++) { t = x[a]; b = a - 1; while (b >= 1 && x[b] > t) { x[b + 1] = x[b]; b-- } x[b + 1] = t }
       return x[int((c + 1) / 2)] }
     END { for (i = 1; i <= m; i++) { split(key[i], kw, " "); if (kw[2] !~ /^courier/) continue
             w = kw[1]; c = median(key[i]); variant = kw[2]; sub(/^courier:?/, "", variant)
             line = sprintf("median workload=%s variant=%s courier=%.0f", w, variant == "" ? "default" : variant, c)
             ratios = ""
             for (j = 1; j <= m; j++) { split(key[j], rw, " ")
               if (rw[1] != w || rw[2] ~ /^courier/) continue
               r = median(key[j]); line = line sprintf(" %s=%.0f", rw[2], r)
               ratios = ratios sprintf(" courier/%s=%.3f", rw[2], r ? c / r : 0) }
             print line ratios " runs=" n[key[i]] } }' "$log"
exit $status
