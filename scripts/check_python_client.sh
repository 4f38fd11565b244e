#!/usr/bin/env bash
# A client no one here wrote reads a Dateline index: installs the Python
# `tantivy` package at the version of the tantivy crate in Cargo.lock, indexes
# the bundled corpus and a German article, and checks that a person query, a
# date-range query, a full-text query and a German-stemmed query give the hit
# counts `dateline search` gives.
# Needs python3 with venv and pip, and PyPI. Run from anywhere.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

version="$(awk '/^name = "tantivy"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)"
venv="target/python-client/venv-$version"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "tantivy==$version"
fi

cargo build --release --quiet -p dateline-cli
dateline="$root/target/release/dateline"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# And one German article, whose words are also indexed German-stemmed in
# `text_de` (tokenizer `de_stem`, which the Python package registers itself).
mkdir "$work/de"
cat >"$work/de/news.jsonl" <<'JSONL'
{"title": "Kontaktbeschränkungen verlängert", "date": "2021-01-05", "language": "de", "text": "Bund und Länder haben am Dienstag in Berlin beschlossen, die Kontaktbeschränkungen bis Ende Januar zu verlängern. Schulen und Kindergärten bleiben weitgehend geschlossen, teilte die Bundesregierung nach der Sitzung mit."}
JSONL
"$dateline" --index "$work/index" index --quiet corpus "$work/de" >/dev/null || [ $? -eq 1 ]

total() { "$dateline" --index "$work/index" search --json --limit 0 "$@" |
  "$venv/bin/python" -c 'import json, sys; print(json.load(sys.stdin)["total"])'; }
cat >"$work/expected.json" <<JSON
{
  "person": $(total --person Putin),
  "date_range": $(total --from 2020 --to 2023),
  "text": $(total "peace talks"),
  "german": $(total "Schule")
}
JSON
echo "python tantivy $version against dateline on corpus/"
"$venv/bin/python" scripts/check_python_client.py "$work/index" "$work/expected.json"
