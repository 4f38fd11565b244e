"""Writes the bad-input fixture folder: one file per kind of bad or odd input
that an archive throws at an indexer. Run from the repository root:

    python3 scripts/make_bad_input.py

The expectations live in the test that reads the folder
(`crates/cli/tests/cli/reliability.rs`); kinds that cannot live in git (a
50 MB line, a symlink loop, an unreadable file, a named pipe, deep nesting, a
file deleted during the walk) are made by the tests themselves.
"""

import gzip
import json
import os
import shutil

ROOT = "crates/cli/tests/fixtures/bad-input"


def article(date, text):
    return f" date {date} {text}\n"


def write(path, data):
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(full, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as f:
        f.write(data)


def main():
    shutil.rmtree(ROOT, ignore_errors=True)
    # Good articles in odd clothing: all must be indexed and findable.
    write("good/plain.txt", article("2021-03-04", "The harbour of Valletta reopened after repairs.\n\nShips queued at dawn."))
    write("good/crlf-line-endings.txt", article("2021-03-05", "Dockers in Gdansk ended their strike.").replace("\n", "\r\n") + "\r\nThe port reopened on Monday.\r\n")
    write("good/name with spaces.txt", article("2021-03-06", "Fishermen in Tromsø reported a record cod season."))
    write("good/Zürich – Straße ñandú.txt", article("2021-03-07", "Lucerne voted to close the old bridge for a year."))
    write("encoding/windows-1252.txt", article("2021-03-08", "Café owners in Lyon protested against the new tax.").encode("cp1252"))
    write("encoding/utf16le-bom.txt", b"\xff\xfe" + article("2021-03-09", "Plovdiv opened a museum of Roman mosaics.").encode("utf-16-le"))
    write("encoding/utf16be-bom.txt", b"\xfe\xff" + article("2021-03-10", "Varna hosted a sailing regatta on Sunday.").encode("utf-16-be"))
    write("encoding/utf16le-no-bom.txt", article("2021-03-11", "Szeged celebrated its paprika harvest.").encode("utf-16-le"))
    write("encoding/utf8-bom.txt", b"\xef\xbb\xbf" + article("2021-03-12", "Brno trams will run all night in summer.").encode())
    write("encoding/stray-nul-byte.txt", article("2021-03-13", "Steelworkers in Ostrava\x00 won a pay rise.").encode())
    write("encoding/invalid-utf8-in-utf8.txt", article("2021-03-14", "Cluj students marched").encode() + b"\xc3\x28 for cheaper rent.\n")
    write("dates/missing-date-line.txt", "Geysers near Reykjavik erupted twice in one day.\n")
    write("dates/impossible-2025-02-30.txt", article("2025-02-30", "Tallinn counted its old town towers again."))
    write("dates/year-0000.txt", article("0000-01-01", "Students in Tartu restored a medieval manuscript."))
    write("dates/year-99999.txt", article("99999-01-01", "Kaunas opened a basketball hall of fame."))
    write("dates/not-a-date.txt", article("tomorrow", "Riga announced a new tram line."))
    write("dates/before-1900.txt", article("1854-10-25", "Cavalry charged at Balaclava near Sevastopol."))
    write("dates/before-1678.txt", article("1605-01-15", "A weekly in Strasbourg printed news from Antwerp."))
    write("dates/before-1970.txt", article("1969-07-20", "Crowds in Houston watched the lunar landing."))
    write("dates/date-line-only.txt", " date 2024-01-01 \n\n")
    write("empty/empty.txt", "")
    write("empty/whitespace-only.txt", "  \n\t\n   \n")
    write("binary/photo-named.txt", bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + bytes(range(256)))
    write("binary/gzip-named.txt", gzip.compress(b"compressed article text about Aarhus " * 20, mtime=0))
    write("binary/control-characters.txt", bytes(range(1, 32)) * 20)
    lines = [
        json.dumps({"title": "Oslo budget", "date": "2022-01-01", "text": "Oslo raised its budget for schools."}),
        "{not json",
        '{"title": "Cut off", "text": "This line was trunc',
        "",
        "[1, 2, 3]",
        json.dumps({"title": "Bergen rain", "date": "2022-01-03", "text": "Bergen had rain on 300 days."}),
    ]
    write("json/malformed-and-truncated.jsonl", "\n".join(lines) + "\n")
    lines = [
        json.dumps({"title": 7, "date": True, "text": "Vilnius opened a new concert hall."}),
        json.dumps({"text": ["a list", "not a string"], "date": "2020-01-01"}),
        json.dumps({"title": "Poznan fair", "date": 20200101, "body": "Poznan hosted a trade fair.", "people": "Ada Lovelace", "topics": 5}),
        json.dumps({}),
        json.dumps({"title": "Turku", "date": "2020-02-30", "text": "Turku held a jazz festival."}),
    ]
    write("json/wrong-types.jsonl", "\n".join(lines) + "\n")
    write("json/truncated.json", '{"title": "Cut", "date": "2020-01-01", "text": "Text ab')
    write("json/array.json", json.dumps([{"title": "Ljubljana", "date": "2020-05-05", "text": "Ljubljana closed its centre to cars."}, 5, "text"]))
    write("json/deeply-nested.json", "[" * 20000 + "]" * 20000)
    write("json/not-an-object.json", "42")
    write("json/utf8-bom.jsonl", "\ufeff" + json.dumps({"title": "Uppsala", "date": "2020-06-06", "text": "Uppsala students sang in the spring."}) + "\n")
    write("unknown-format.docx", b"PK\x03\x04 a word document")
    write("notes.md", "# not an article format: ignored\n")
    write(".hidden/secret.txt", article("2020-01-01", "Hidden folders are not indexed: Malmo."))


if __name__ == "__main__":
    main()
