#!/usr/bin/env python3
"""Copy the freely licensed sample archive into corpus/ and write its attribution.

    python3 scripts/build_corpus.py [../shared/data]

corpus/seed/      the article the project started from
corpus/wikinews/  377 English Wikinews articles (CC BY 2.5, or public domain
                  for the 2004-2005 ones), converted to Dateline's plain-text format
corpus/ATTRIBUTION.md  title, source URL and licence of every Wikinews article
"""
import json
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data")
OUT = os.path.join(ROOT, "corpus")


def copy_folder(name):
    src = os.path.join(SRC, name)
    dst = os.path.join(OUT, name)
    os.makedirs(dst, exist_ok=True)
    files = sorted(f for f in os.listdir(src) if f.endswith(".txt"))
    for f in files:
        shutil.copyfile(os.path.join(src, f), os.path.join(dst, f))
    return files


def md_escape(text):
    return text.replace("|", "\\|").replace("\n", " ")


def main():
    seed = copy_folder("seed")
    wikinews = copy_folder("wikinews")
    meta = {}
    with open(os.path.join(SRC, "wikinews-meta.jsonl"), encoding="utf-8") as src:
        for line in src:
            row = json.loads(line)
            meta[row["file"]] = row
    lines = [
        "# Attribution",
        "",
        "`corpus/` is the sample archive shipped with Dateline. It is built by",
        "`scripts/build_corpus.py`.",
        "",
        f"- `seed/` ({len(seed)} article): the news article the project started from.",
        f"- `wikinews/` ({len(wikinews)} articles): articles from English Wikinews "
        "(https://en.wikinews.org), converted to plain text in Dateline's native format "
        "(first line ` date YYYY-MM-DD ` and the lead; paragraphs separated by blank lines). "
        "Articles from 2005 onwards are licensed under the Creative Commons Attribution 2.5 "
        "licence (https://creativecommons.org/licenses/by/2.5/); the articles from 2004-2005 marked "
        "below are in the public domain. Conversion to plain text is the only change.",
        "",
        "| file | title | date | source | licence |",
        "|---|---|---|---|---|",
    ]
    for f in wikinews:
        row = meta.get(f)
        if row is None:
            raise SystemExit(f"no metadata for wikinews/{f}")
        lines.append(
            f"| `{f}` | {md_escape(row['title'])} | {row['date']} | {row['url']} | {row['licence']}, converted to plain text |"
        )
    with open(os.path.join(OUT, "ATTRIBUTION.md"), "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    print(f"corpus: {len(seed)} seed + {len(wikinews)} wikinews articles")


if __name__ == "__main__":
    main()
