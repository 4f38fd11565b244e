#!/usr/bin/env bash
# Runs the archive-scale benchmarks at one size, by hand (CI only builds
# them): a synthetic archive of ARTICLES articles (made once, real sentences
# at synthetic volume), indexing by Dateline, plain tantivy and SQLite FTS5
# (warm, cold cache, 1% changed), query latency per class on 1 and 2 threads
# with the FTS5 and scan peers, batch throughput, then the chart over every
# size measured so far. Writes benches/results/<date>-synthetic-<size>.md
# (all tables of this size) and benches/results/<date>-chart.png.
#
#   bash benches/run_all.sh 100000 [WORKDIR]      # WORKDIR: /tmp/dateline-bench
#
# Needs ../shared/data (or $DATELINE_DATA) for the generator's sentences.
set -euo pipefail
size="${1:?usage: bash benches/run_all.sh ARTICLES [WORKDIR]}"
work="${2:-/tmp/dateline-bench}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [ "$size" -ge 1000000 ] && [ $((size % 1000000)) -eq 0 ]; then
  human="$((size / 1000000))m"
elif [ "$size" -ge 1000 ] && [ $((size % 1000)) -eq 0 ]; then
  human="$((size / 1000))k"
else
  human="$size"
fi
label="synthetic-$human"
archive="$work/$label"
index="$work/$label-idx"
mkdir -p "$work"

cargo build --release -p dateline-cli -p dateline-benches --examples --benches
if [ ! -d "$archive" ]; then
  cargo run --release -p dateline-benches --example generate -- --articles "$size" --out "$archive"
fi
rm -rf "$index"
target/release/dateline --index "$index" index --quiet "$archive" >/dev/null || [ $? -eq 1 ]

cargo bench -p dateline-benches --bench index_reuters -- --input "$archive" --runs 1
cargo bench -p dateline-benches --bench query_latency -- --index "$index" --label "$label" --source "$archive" --runs 100
cargo bench -p dateline-benches --bench query_latency -- --index "$index" --label "$label" --threads 2 --runs 100
cargo bench -p dateline-benches --bench batch_throughput -- --index "$index" --label "$label"
cargo run --release -p dateline-benches --example chart

date="$(date -u +%Y-%m-%d)"
out="benches/results/$date-$label.md"
{
  echo "# Benchmarks at $size synthetic articles ($date)"
  echo
  echo "Command: \`bash benches/run_all.sh $size\`. Synthetic archive: real sentences at synthetic volume (see benches/generate.rs). Chart: \`$date-chart.png\`."
  for part in "index-$label" "query-$label-1t" "query-$label-2t" "batch-$label"; do
    echo
    sed 's/^# /## /' "benches/results/$date-$part.md"
  done
} >"$out"
echo "wrote $out"
