#!/bin/sh
# Word-count speed: apps/words/words.json (2 workers) against courier-words-baseline, a plain
# single-threaded count of the same file with the same word definition and hash table. Generates a
# 1 GiB text once (cached in the build dir), then alternates app and baseline RUNS times each
# (default 5) and prints every run, the medians of MB/s (10^6 bytes per second of the whole
# process, wall clock), the ratio app/baseline, how many cores each side kept busy (CPU time over
# wall time: on a machine shared with other work the app may get fewer than its 2) and each
# side's peak RSS (VmHWM, as printed).
#   bench/words.sh                 # 1 GiB, 5 runs each
#   RUNS=7 SIZE=268435456 bench/words.sh
# Exits non-zero if a run fails or the two disagree on the totals.
root=$(cd "$(dirname "$0")/.." && pwd) || exit 1
bash "$root/scripts/setup.sh" >&2 || exit 1  # GNU time among the rest
# Its own Release build dir (-O3), as a user would build the app to run it on big files.
build=$root/build-words-bench
if [ ! -x "$build/courier" ] || [ ! -x "$build/courier-words-baseline" ] ||
  [ ! -x "$build/courier-words-gen" ]; then
  { cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCOURIER_BUILD_TESTS=OFF &&
    cmake --build "$build" -j2 --target courier courier-words-gen courier-words-baseline; } >&2 ||
    exit 1
fi
RUNS=${RUNS:-5}
SIZE=${SIZE:-1073741824}
text=$build/words-$SIZE.txt
if [ ! -s "$text" ]; then
  echo "generating $text ..." >&2
  "$build/courier-words-gen" "$SIZE" >"$text.tmp" && mv "$text.tmp" "$text" || exit 1
fi

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
# run NAME COMMAND...: runs once, prints "NAME mb_s=… wall_s=… cpus=… rss_mib=… totals=…" (cpus:
# CPU seconds over wall seconds, how many cores it got), logs it.
run() {
  name=$1
  shift
  start=$(date +%s%N)
  /usr/bin/time -f "%U %S" -o "$logs/time" "$@" >"$logs/out" 2>&1 ||
    { cat "$logs/out" >&2; echo "FAILED: $*" >&2; return 1; }
  end=$(date +%s%N)
  cpu=$(awk '{ print $1 + $2 }' "$logs/time")
  awk -v name="$name" -v ns=$((end - start)) -v size="$SIZE" -v cpu="$cpu" '
    /^totals:/ { totals = $2 " " $4 " " $6; rss = $(NF - 1) }
    END { s = ns / 1e9; printf "%s mb_s=%.1f wall_s=%.3f cpus=%.2f rss_mib=%s totals=%s\n",
          name, size / 1e6 / s, s, cpu / s, rss, totals }' "$logs/out" | tee -a "$logs/$name"
}
status=0
i=1
while [ "$i" -le "$RUNS" ]; do
  run app "$build/courier" run "$root/apps/words/words.json" --workers 2 \
    --set "/actors/reader/params/path=$text" || status=1
  run baseline "$build/courier-words-baseline" "$text" || status=1
  i=$((i + 1))
done

# median NAME FIELD: the median of FIELD=… over NAME's runs.
median() {
  sed -n "s/.* $2=\([^ ]*\).*/\1/p" "$logs/$1" | sort -g |
    awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
app=$(median app mb_s)
base=$(median baseline mb_s)
echo "median app (words.json, 2 workers): $app MB/s, $(median app cpus) cores busy, peak RSS $(median app rss_mib) MiB"
echo "median baseline (1 thread):         $base MB/s, $(median baseline cpus) cores busy, peak RSS $(median baseline rss_mib) MiB"
awk -v a="$app" -v b="$base" 'BEGIN { printf "ratio app/baseline: %.2f\n", a / b }'
if [ "$(sed 's/.*totals=//' "$logs/app" "$logs/baseline" | sort -u | wc -l)" -ne 1 ]; then
  echo "the app and the baseline disagree on the totals" >&2
  status=1
fi
exit $status
