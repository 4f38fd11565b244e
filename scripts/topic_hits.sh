#!/usr/bin/env bash
# The top hits of each top-level topic on the archives the team judges, as
# Markdown tables with an empty verdict column (issue #22: "judge the top 20
# hits of --topic X --sort relevance for each top-level topic with 20 or more
# articles").
#
#   bash scripts/topic_hits.sh OUT_DIR [DATA_DIR] [TOP]
#
# Indexes Reuters-21578 and BBC (from DATA_DIR, default ../shared/data) with
# the release binary, then writes OUT_DIR/{reuters21578,bbc}-topics.md: one
# section per topic, one row per hit with its headline and opening words.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: topic_hits.sh OUT_DIR [DATA_DIR] [TOP]}
data=${2:-../shared/data}
top=${3:-20}
mkdir -p "$out"
cargo build --release -q -p dateline-cli
bin=target/release/dateline
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for archive in reuters21578 bbc; do
  "$bin" --index "$work/$archive" index --quiet "$data/$archive" >/dev/null 2>&1 || true
  file="$out/$archive-topics.md"
  {
    echo "# \`dateline search --topic X --sort relevance --limit $top\` on $archive"
    echo
    echo "Written by \`scripts/topic_hits.sh\` at $(git rev-parse --short HEAD), for every"
    echo "top-level topic with 20 or more articles; verdicts: ok when the article"
    echo "is about the topic, else wrong with what it is about."
    "$bin" --index "$work/$archive" topics --json |
      python3 -c '
import json, sys
for line in sys.stdin:
    row = json.loads(line)
    if row["id"].endswith("000000") and row["count"] >= 20:
        print(row["id"], row["count"], row["value"], sep="\t")' |
      while IFS=$'\t' read -r id count label; do
        echo
        echo "## $label ($id, $count articles)"
        echo
        echo "| # | article | headline and opening | topics | verdict |"
        echo "|---|---|---|---|---|"
        "$bin" --index "$work/$archive" search --topic "$id" --sort relevance \
          --limit "$top" --json |
          python3 -c '
import json, os, sys
for i, hit in enumerate(json.loads(sys.stdin.read())["hits"], 1):
    words = (hit.get("title") or "") + " / " + hit["snippet"]["text"]
    words = words.replace("|", "/").replace("\n", " ")[:220]
    name = "/".join(hit["id"].split("/")[-2:])
    print("| %d | %s | %s | %s |  |" % (i, name, words, ", ".join(hit["topics"])))'
      done
  } > "$file"
done
echo "wrote $out"
