#!/usr/bin/env bash
# Load on `dateline serve`, by hand (CI does not run it): a synthetic archive
# of ARTICLES articles (made once), indexed once, served on loopback, then
# 64 clients for DURATION of mixed requests: four `oha` runs at once, 16
# connections each, one per request type (a term search through the API, the
# search page with facets and timeline, an article page, a person page),
# each over a list of URLs taken from the index. Reports per type requests,
# throughput, errors, p50 and p99, and the server's peak memory, into
# benches/results/<date>-serve-load-<size>.md.
#
#   cargo install oha --locked          # the load generator, from crates.io
#   bash benches/serve_load.sh 100000 [WORKDIR]    # WORKDIR: /tmp/dateline-bench
#
# The generator shares the server's two cores: the figures are of both
# together, as on any one-machine test.
set -euo pipefail
size="${1:?usage: bash benches/serve_load.sh ARTICLES [WORKDIR]}"
work="${2:-/tmp/dateline-bench}"
duration="${DURATION:-30s}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
command -v oha > /dev/null || { echo "needs oha: cargo install oha --locked" >&2; exit 2; }

human="$size"
[ "$size" -ge 1000 ] && [ $((size % 1000)) -eq 0 ] && human="$((size / 1000))k"
archive="$work/synthetic-$human"
index="$work/synthetic-$human-idx"
mkdir -p "$work"

cargo build --release -q -p dateline-cli
bin="$root/target/release/dateline"
if [ ! -d "$archive" ]; then
  cargo run --release -q -p dateline-benches --example generate -- --articles "$size" --out "$archive"
fi
if [ ! -f "$index/meta.json" ]; then
  "$bin" --index "$index" index --quiet "$archive"
fi

started=$(date +%s.%N)
"$bin" --index "$index" serve --addr 127.0.0.1:0 > "$work/serve.out" 2> "$work/serve.err" &
server=$!
trap 'kill $server 2> /dev/null || true' EXIT
until grep -q "http://" "$work/serve.out" 2> /dev/null; do sleep 0.05; done
ready=$(date +%s.%N)
base=$(grep -o 'http://[0-9.:]*' "$work/serve.out")

# URL lists from the index: words of recent headlines, their articles, the
# top people.
python3 - "$base" "$work" <<'PY'
import json, sys, urllib.parse, urllib.request
base, work = sys.argv[1], sys.argv[2]
get = lambda path: json.load(urllib.request.urlopen(base + path))
hits = get("/api/search?sort=newest&limit=500")["hits"]
words = sorted({w.lower() for h in hits for w in h["title"].split() if w.isalpha() and len(w) > 4})[:300]
people = [p["value"] for p in get("/api/people?top=100")]
quote = lambda s: urllib.parse.quote(s, safe="")
lists = {
    "term": [f"{base}/api/search?q={quote(w)}" for w in words],
    "faceted": [f"{base}/?q={quote(w)}" for w in words],
    "article": [f"{base}/articles/{quote(h['id'])}" for h in hits],
    "person": [f"{base}/people/{quote(p)}" for p in people],
}
for name, urls in lists.items():
    open(f"{work}/urls-{name}.txt", "w").write("\n".join(urls) + "\n")
PY

loads=()
for kind in term faceted article person; do
  oha --no-tui -z "$duration" -c 16 --urls-from-file --wait-ongoing-requests-after-deadline --output-format json \
    -o "$work/load-$kind.json" "$work/urls-$kind.txt" &
  loads+=($!)
done
# The server's own memory (anonymous pages) sampled through the run; its
# resident total also counts the index files it maps, which the kernel may
# drop and read again.
anon=0
while kill -0 "${loads[0]}" 2> /dev/null; do
  now=$(awk '/RssAnon/ {print $2}' "/proc/$server/status")
  [ "$now" -gt "$anon" ] && anon=$now
  sleep 0.2
done
wait "${loads[@]}"
peak=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")

out="benches/results/$(date +%F)-serve-load-$human.md"
python3 - "$work" "$size" "$duration" "$peak" "$started" "$ready" "$anon" > "$out" <<'PY'
import json, sys
work, size, duration, peak, started, ready, anon = sys.argv[1:8]
print(f"# `dateline serve` under load: {int(size):,} synthetic articles\n")
print("Made by `bash benches/serve_load.sh %s` (oha, 64 connections in all: 16 per request type, %s, all four at once, on the same 2-core machine as the server).\n" % (size, duration))
print(f"Server start to first line (index open, entities resolved): {float(ready) - float(started):.2f} s.\n")
print(f"Server memory: at most {int(anon) / 1024:.0f} MiB of its own (anonymous pages, sampled every 0.2 s); peak resident {int(peak) / 1024:.0f} MiB including the index files it maps.\n")
print("| request | what | requests | per second | errors | p50 ms | p99 ms |")
print("|---|---|---:|---:|---:|---:|---:|")
what = {
    "term": "`/api/search?q=WORD` (10 hits, snippets)",
    "faceted": "`/?q=WORD`: search page, 5 facets, timeline, 20 hits",
    "article": "`/articles/ID`: article page, names marked",
    "person": "`/people/NAME`: person page, 4 facets, timeline, 10 hits",
}
total = 0
for kind in ["term", "faceted", "article", "person"]:
    r = json.load(open(f"{work}/load-{kind}.json"))
    s = r["summary"]
    codes = r.get("statusCodeDistribution", {})
    ok = codes.get("200", 0)
    errors = sum(v for k, v in codes.items() if k != "200") + sum(r.get("errorDistribution", {}).values())
    p = r["latencyPercentiles"]
    total += s["requestsPerSec"]
    print(f"| {kind} | {what[kind]} | {ok + errors:,} | {s['requestsPerSec']:.0f} | {errors} | {p['p50'] * 1000:.1f} | {p['p99'] * 1000:.1f} |")
print(f"\nAll types together: {total:.0f} requests per second.")
PY
cat "$out"
