#!/usr/bin/env bash
# The top of each entity facet list on the archives the team judges, as
# Markdown tables with an empty verdict column, for judging by
# ../shared/JUDGING.md (issue #22).
#
#   bash scripts/entity_lists.sh OUT_DIR [DATA_DIR] [TOP]
#
# Indexes Reuters-21578 and BBC (from DATA_DIR, default ../shared/data) and
# the bundled corpus with the release binary, then writes
# OUT_DIR/{reuters21578,bbc,corpus}-{people,orgs,places}.md.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: entity_lists.sh OUT_DIR [DATA_DIR] [TOP]}
data=${2:-../shared/data}
top=${3:-50}
mkdir -p "$out"
cargo build --release -q -p dateline-cli
bin=target/release/dateline
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for archive in reuters21578 bbc corpus; do
  if [ "$archive" = corpus ]; then input=corpus; else input="$data/$archive"; fi
  "$bin" --index "$work/$archive" index --quiet "$input" >/dev/null 2>&1 || true
  for kind in people orgs places; do
    file="$out/$archive-$kind.md"
    {
      echo "# \`dateline $kind --top $top\` on $archive"
      echo
      echo "Written by \`scripts/entity_lists.sh\` at $(git rev-parse --short HEAD);"
      echo "verdicts by ../shared/JUDGING.md: ok, or wrong with the reason."
      echo
      echo "| # | articles | value | verdict |"
      echo "|---|---|---|---|"
      "$bin" --index "$work/$archive" "$kind" --top "$top" --json |
        python3 -c '
import json, sys
for i, line in enumerate(sys.stdin, 1):
    row = json.loads(line)
    print("| %d | %d | %s |  |" % (i, row["count"], row["value"]))'
    } > "$file"
  done
done
echo "wrote $out"
