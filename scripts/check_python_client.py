"""Reads a Dateline index with the Python `tantivy` package and checks that
it answers as `dateline search` does.

Usage: check_python_client.py INDEX_DIR EXPECTED_JSON

EXPECTED_JSON maps a check name to the total `dateline search` gave for it.
A client that Dateline's authors did not write can open the index, read its
stored fields and run person, date-range, full-text and German-stemmed
queries over it.
"""

import datetime
import json
import sys

import tantivy


def main() -> int:
    index_dir, expected_path = sys.argv[1], sys.argv[2]
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)

    index = tantivy.Index.open(index_dir)
    index.reload()
    searcher = index.searcher()
    schema = index.schema

    queries = {
        # Dateline's `--person Putin`: any article whose people have the
        # lookup key `putin`.
        "person": tantivy.Query.term_query(schema, "people_keys", "putin"),
        # `--from 2020 --to 2023`: 2020-01-01 up to the end of 2023.
        "date_range": tantivy.Query.range_query(
            schema,
            "date",
            tantivy.FieldType.Date,
            datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc),
            datetime.datetime(2023, 12, 31, 23, 59, 59, tzinfo=datetime.timezone.utc),
        ),
        # Free text through the index's own `en_stem` tokenizer, all words required.
        "text": index.parse_query("+peace +talks", ["title", "lead", "body"]),
        # A word German articles hold in another form ("Schulen"): found
        # through `text_de`, whose tokenizer `de_stem` the package registers
        # itself (with the same name and stages as Dateline's).
        "german": index.parse_query("schule", ["title", "lead", "body", "text_de"]),
    }

    failures = 0
    for name, query in queries.items():
        got = searcher.search(query, 3)
        want = expected[name]
        ok = got.count == want and want > 0
        failures += not ok
        print(f"{'ok' if ok else 'FAILED'}: {name}: python tantivy {got.count}, dateline {want}")
        for _score, address in got.hits[:1]:
            doc = searcher.doc(address)
            print(f"    first hit: {doc['headline'][0][:70]!r} ({doc['date'][0]:%Y-%m-%d})")
    print(f"{searcher.num_docs} articles in {index_dir}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
