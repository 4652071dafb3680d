#!/usr/bin/env bash
# Side by side with Java Lucene on one synthetic corpus size, in one run on this machine:
#   1. our --scale run (library build, SmartCn-only builds when EXTRA asks, serving in a fresh process);
#   2. the Java peer (../shared/peer-lucene): synth (the same corpus: our synthesis is the peer's, draw for draw),
#      index (its default SmartCn title/keywords/abstract index), search on the same 1,000 sampled queries, both
#      --exhaustive and the default top-k search (block-max WAND).
# usage: compare-java.sh N OUT_DIR      env: DATA (default ../shared/data), EXTRA (e.g. "--extra-builds raw1,raw2,lib1"),
#        SAMPLE (queries sampled with replacement, seed 42; default 1000), SKIP_DOTNET=1 (Java side only), WORK (scratch, default /tmp/qzm-compare-N; the synthetic corpus and Java index live there and are deleted)
set -euo pipefail
N="$1"; OUT="$(mkdir -p "$2" && cd "$2" && pwd)"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DATA="${DATA:-$ROOT/../shared/data}"
PEER="$ROOT/../shared/peer-lucene"
WORK="${WORK:-/tmp/qzm-compare-$N}"
for f in "$DATA/corpus.jsonl" "$DATA/queries.dev.tsv" "$PEER/run.sh"; do
  [[ -f "$f" ]] || { echo "compare-java.sh: missing $f" >&2; exit 3; }
done
mkdir -p "$WORK" "$OUT/java-$N" "$OUT/dotnet-$N"
rss() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2*1024}' "$1"; }

dotnet build -c Release "$HERE" -v q -nologo > /dev/null
"$PEER/run.sh" tokens 编译 > /dev/null    # compile the peer outside any timed step

if [[ -z "${SKIP_DOTNET:-}" ]]; then
echo "== dotnet --scale $N"
/usr/bin/time -v dotnet run -c Release --no-build --project "$HERE" -- --scale --corpus "$DATA/corpus.jsonl" \
  --queries "$DATA/queries.dev.tsv" --docs "$N" --out "$OUT/dotnet-$N" --sample "${SAMPLE:-1000}" ${EXTRA:-} \
  2>&1 | tee "$OUT/dotnet-$N/scale.log"
fi

echo "== java synth/index/search $N"
{ echo "date $(date -Is)"; echo "load $(cat /proc/loadavg)"; } > "$OUT/java-$N/env.txt"
"$PEER/run.sh" synth "$DATA/corpus.jsonl" "$WORK/syn.jsonl" "$N" 42 | tee "$OUT/java-$N/synth.log"
/usr/bin/time -v "$PEER/run.sh" index "$WORK/syn.jsonl" "$WORK/idx" > "$OUT/java-$N/index.log" 2> "$OUT/java-$N/index.time"
echo "peak_rss_bytes  $(rss "$OUT/java-$N/index.time")" >> "$OUT/java-$N/index.log"
cat "$OUT/java-$N/index.log"
# Both peer modes on the same queries: --exhaustive (search.log) and Lucene 8's default top-k search, block-max WAND (search-topk.log).
for mode in exhaustive topk; do
  if [[ $mode == exhaustive ]]; then log="$OUT/java-$N/search.log"; flag=--exhaustive; else log="$OUT/java-$N/search-topk.log"; flag=; fi
  /usr/bin/time -v "$PEER/run.sh" search "$WORK/idx" "$DATA/queries.dev.tsv" "$WORK/java-$mode.run" 100 --sample "${SAMPLE:-1000}" --seed 42 \
    --warmup 3 --min-seconds 5 $flag > "$log" 2> "${log%.log}.time"
  echo "peak_rss_bytes  $(rss "${log%.log}.time")" >> "$log"
  cat "$log"
done
echo "load $(cat /proc/loadavg)" >> "$OUT/java-$N/env.txt"
rm -rf "$WORK"
