#!/usr/bin/env python3
"""Build the small data tables that `dateline-extract` embeds.

Reads the sources in ../shared/data (or a folder given as the first argument)
and writes crates/extract/data/. Run it again whenever a source changes:

    python3 scripts/build_data.py [../shared/data]

Outputs, with their sources and licences (see crates/extract/data/NOTICE.md):
  first_names.txt   given names seen often in nomquamgender (MIT) or US SSA (public domain)
  common_words.txt  lower-case English words from SCOWL (permissive)
  places.tsv        countries, US states, continents and cities of 15,000 people or more from
                    GeoNames (CC BY 4.0),
                    with the curated places and forms of scripts/place_aliases.tsv
  iptc_topics.tsv   active IPTC Media Topics: qcode, parent qcode, label, definition (CC BY 4.0)
  nicknames.tsv     given name and one of its short forms a line ("james\tjim"), from the
                    carltonnorthern nicknames list (Apache 2.0)
"""
import json
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data")
OUT = os.path.join(ROOT, "crates", "extract", "data")
GAZ = os.path.join(SRC, "gazetteers")

MIN_CITY_POPULATION = 15_000
LARGE_CITY_POPULATION = 150_000
LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F .'\-]*$")


def ascii_fold(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def write_lines(name, lines):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as out:
        for line in lines:
            out.write(line + "\n")
    print(f"{name}: {len(lines)} lines")


def common_words():
    words = set()
    with open(os.path.join(GAZ, "english_words.txt"), encoding="utf-8", errors="replace") as src:
        for line in src:
            word = line.strip()
            if word and word.islower() and word.isalpha() and len(word) <= 14:
                words.add(word)
    return sorted(words)


def place_names():
    """Lower-case names of the places a given name is most likely to be
    meant as: countries, US states and continents (first), and cities of
    LARGE_CITY_POPULATION or more (second)."""
    regions = set()
    for country in json.load(open(os.path.join(GAZ, "countries.json"), encoding="utf-8")).values():
        regions.add(country["name"].lower())
    for state in json.load(open(os.path.join(GAZ, "us_states.json"), encoding="utf-8")).values():
        regions.add(state["name"].lower())
    for continent in json.load(open(os.path.join(GAZ, "continents.json"), encoding="utf-8")).values():
        regions.add(continent["name"].lower())
    cities = set()
    for city in json.load(open(os.path.join(GAZ, "cities15000.json"), encoding="utf-8")).values():
        if city["population"] >= LARGE_CITY_POPULATION:
            cities.add(city["name"].lower())
    return regions, cities


def first_names(words):
    """Given names seen often enough. A name that is also an English word
    ("child", "north", "no") is kept only when it is a common name (Mark,
    Grace, Said), so that title-cased phrases are not taken for people.
    So is a name that is also a country, US state or continent (Jordan and
    Georgia stay, Australia and Texas go), and, with a lower bar, one that
    is also a large city (Arlington and Atlanta go, Austin and Hamilton
    stay): "Governor of Washington Chris Gregoire" names one person."""
    regions, cities = place_names()
    counts = {}
    with open(os.path.join(GAZ, "first_names_nomquamgender.tsv"), encoding="utf-8") as src:
        next(src)
        for line in src:
            name, _sources, count = line.rstrip("\n").split("\t")
            if int(count) >= 100 and name.isalpha():
                key = name.lower()
                counts[key] = max(counts.get(key, 0), int(count))
    with open(os.path.join(GAZ, "first_names_us_ssa.tsv"), encoding="utf-8") as src:
        next(src)
        for line in src:
            name, count = line.rstrip("\n").split("\t")
            if int(count) >= 2_000 and name.isalpha():
                key = name.lower()
                counts[key] = max(counts.get(key, 0), int(count))
    def kept(name, count):
        if name in words or name in regions:
            return count >= 10_000
        if name in cities:
            return count >= 2_000
        return True

    return sorted(n for n, c in counts.items() if kept(n, c))


def places(words, given_names):
    """One row per place: canonical name, kind, then every surface form."""
    rows = {}

    def add(name, kind, forms):
        key = name
        entry = rows.setdefault(key, [kind, set()])
        entry[1].add(name)
        variants = []
        for form in [name] + list(forms):
            variants.append(form)
            # "Saint Louis", "St. Louis", "St Louis" are one place.
            for prefix in ("Saint ", "St. ", "St "):
                if form.startswith(prefix):
                    rest = form[len(prefix):]
                    variants.extend(p + rest for p in ("Saint ", "St. ", "St "))
        for form in variants:
            form = form.strip()
            if form and LATIN.match(form) and form[0].isupper():
                entry[1].add(form)
                # Wires often drop diacritics: "Zurich", "Liege", "Bogota";
                # but "Bānk" must not become "Bank".
                folded = ascii_fold(form)
                if folded.lower() not in words:
                    entry[1].add(folded)

    countries = json.load(open(os.path.join(GAZ, "countries.json"), encoding="utf-8"))
    for country in countries.values():
        add(country["name"], "country", [])
    for state in json.load(open(os.path.join(GAZ, "us_states.json"), encoding="utf-8")).values():
        add(state["name"], "region", [])
    for continent in json.load(open(os.path.join(GAZ, "continents.json"), encoding="utf-8")).values():
        add(continent["name"], "continent", [])
    # Curated places and forms (scripts/place_aliases.tsv); a canonical name
    # there that GeoNames spells otherwise takes over the GeoNames row.
    with open(os.path.join(ROOT, "scripts", "place_aliases.tsv"), encoding="utf-8") as src:
        for line in src:
            if line.startswith("#") or not line.strip():
                continue
            name, kind, *forms = line.rstrip("\n").split("\t")
            for form in forms:
                if form in rows:
                    old_kind, old_forms = rows.pop(form)
                    forms = forms + sorted(old_forms)
            add(name, kind, forms)
    cities = json.load(open(os.path.join(GAZ, "cities15000.json"), encoding="utf-8"))
    for city in sorted(cities.values(), key=lambda c: -c["population"]):
        if city["population"] < MIN_CITY_POPULATION:
            continue
        name = city["name"]
        if name in rows:
            continue
        # Below LARGE_CITY_POPULATION, a town named like a person ("Clinton",
        # "Douglas", "Harrison") or an ordinary word ("Split"), also once its
        # accents go, is left out: precision matters more than recall.
        small = city["population"] < LARGE_CITY_POPULATION
        word_like = name.lower() in words or ascii_fold(name).lower() in words
        if small and (name.lower() in given_names or word_like):
            continue
        # Alternate names are many and noisy; keep only Latin-script ones that
        # differ from the name by little (Kiev/Kyiv, Peking/Beijing stay in).
        forms = [f for f in city.get("alternatenames", []) if " " not in f or f.count(" ") <= 2]
        forms = [f for f in forms if f.lower() not in words and len(f) >= 4]
        # "town": taken as a place only where the text says it is one ("in
        # Macomb", "Macomb, Mich."); so are large cities named like words
        # ("Wellington", "Reading"), unless they are very large. (The given
        # names list is too broad to apply to large cities: Paris, Florence
        # and Amman are in it.)
        needs_context = small or (word_like and city["population"] < 2_000_000)
        add(name, "town" if needs_context else "city", forms[:12])
    # Rows in order of precedence (countries, regions and curated places,
    # then cities and towns by population, largest first): the reader lets
    # the first row that claims a form keep it.
    out = []
    for name, (kind, forms) in rows.items():
        out.append("\t".join([name, kind] + sorted(forms)))
    return out


def iptc_topics():
    data = json.load(open(os.path.join(SRC, "iptc", "cptall-en-GB.json"), encoding="utf-8"))
    rows = []
    for concept in data["conceptSet"]:
        if "retired" in concept:
            continue
        qcode = concept["qcode"]
        parent = ""
        if concept.get("broader"):
            parent = "medtop:" + concept["broader"][0].rstrip("/").rsplit("/", 1)[-1]
        label = concept["prefLabel"]["en-GB"]
        definition = concept.get("definition", {}).get("en-GB", "")
        definition = " ".join(definition.split())
        rows.append("\t".join([qcode, parent, label, definition]))
    return sorted(rows)


def nicknames():
    """`name<TAB>nickname` rows: a relation, not a mapping ("bill" is short
    for William and for Robert), so that two given names are one person's
    only when one is a short form of the other."""
    rows = set()
    with open(os.path.join(GAZ, "nicknames.csv"), encoding="utf-8") as src:
        for line in src:
            parts = line.strip().lower().split(",")
            if len(parts) != 3 or parts[1] != "has_nickname":
                continue
            name, nick = parts[0], parts[2]
            if name.isalpha() and nick.isalpha() and name != nick:
                rows.add(name + "\t" + nick)
    return sorted(rows)


def main():
    os.makedirs(OUT, exist_ok=True)
    words = common_words()
    write_lines("common_words.txt", words)
    given_names = first_names(set(words))
    write_lines("first_names.txt", given_names)
    write_lines("places.tsv", places(set(words), set(given_names)))
    write_lines("iptc_topics.tsv", iptc_topics())
    write_lines("nicknames.tsv", nicknames())


if __name__ == "__main__":
    main()
