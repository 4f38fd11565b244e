#!/usr/bin/env python3
"""Train the topic model that `dateline-extract` embeds.

    python3 scripts/train_topics.py [../shared/data]

Writes crates/extract/data/topic_model.tsv: a multinomial language model per
IPTC top-level topic with Dirichlet smoothing against a shared background
(query-likelihood scoring, as in search engines). For a document d the score
of topic c is

    sum over words w of d:  tf(w) * log(1 + n(w,c) / (mu * p_bg(w)))
    + |d| * log(mu / (N(c) + mu))

which is log P(d | c) minus a term that is the same for every topic. Only
words seen with a topic have a weight for it, so the table is sparse.

Training documents, by source (nothing of the held-out BBC part is read):
  * BBC News, files whose number is not a multiple of 5, under their mapped
    classes (business, entertainment, politics, sport, tech); files numbered
    5, 10, 15, ... are the held-out part that `evaluate` scores.
  * Reuters-21578 articles with gold topics: `jobs` -> labour, the rest ->
    economy (capped, so that one 1987 wire service does not define economy).
  * For every top-level topic, one pseudo-document from the taxonomy: the
    labels and definitions of the topic and all its narrower concepts, plus
    the cue words in data/topic_cues.tsv. This is what the topics without
    labelled data (crime, disaster, health, environment, conflict, religion,
    ...) start from.
  * Weak supervision: the Wikinews articles and the CoNLL-2003 training
    documents, unlabelled, are classified by the model above; those it
    assigns with a clear margin join their topic, and the model is trained
    again (one round of self-training).

Tokens are what the Rust classifier reads: runs of ASCII letters and digits,
lower-cased, 2 to 24 bytes; a run with a non-ASCII character is not a word
of the model, and nor is a run of digits. Title words count twice, lead
words 1.5 times.
"""
import collections
import json
import math
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data")
DATA = os.path.join(ROOT, "crates", "extract", "data")
OUT = os.path.join(DATA, "topic_model.tsv")

TOPICS = [f"medtop:{i:02d}000000" for i in range(1, 18)]
BBC = {
    "business": "medtop:04000000",
    "entertainment": "medtop:01000000",
    "politics": "medtop:11000000",
    "sport": "medtop:15000000",
    "tech": "medtop:13000000",
}
# Smoothing strength (in weighted tokens) and the self-training margin, in
# average log-likelihood per token between the best and second topic.
MU = 500.0
REUTERS_CAP = 1500
PSEUDO_REPEAT = 10
CUE_MIN = 4.0
CUE_RATIO = 1.5
MARGIN = 0.08
MIN_DF = 3
WEIGHT_DECIMALS = 1

TOKEN = re.compile(r"[A-Za-z0-9\u0080-\U0010ffff]+")


def tokens(text):
    for match in TOKEN.finditer(text):
        word = match.group(0)
        if not word.isascii() or not 2 <= len(word) <= 24 or word.isdigit():
            continue
        yield word.lower()


def bag(title, lead, body):
    counts = collections.Counter()
    for weight, text in ((2.0, title), (1.5, lead), (1.0, body)):
        for word in tokens(text):
            counts[word] += weight
    return counts


def split_lead(rest):
    rest = rest.strip()
    lead, _, body = rest.partition("\n\n")
    return lead, body


def bbc_documents(held_out):
    """(bag, topic) for the BBC files in (held_out=True) or out of the test part."""
    out = []
    for cls, topic in BBC.items():
        folder = os.path.join(SRC, "bbc", cls)
        for name in sorted(os.listdir(folder)):
            number = int(name.split(".")[0])
            if (number % 5 == 0) != held_out:
                continue
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                text = f.read()
            title, _, rest = text.partition("\n")
            lead, body = split_lead(rest)
            out.append((bag(title.strip(), lead, body), topic))
    return out


def native(path):
    """Title-less native article: (lead, body) after the date line."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    text = re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s*", "", text)
    return split_lead(text)


def reuters_documents():
    out = []
    with open(os.path.join(SRC, "reuters21578-meta.jsonl"), encoding="utf-8") as meta:
        rows = [json.loads(line) for line in meta]
    economy = 0
    for row in rows:
        if not row["topics"] or row.get("lewissplit") != "TRAIN":
            continue
        topic = "medtop:09000000" if "jobs" in row["topics"] else "medtop:04000000"
        if topic == "medtop:04000000":
            if economy >= REUTERS_CAP:
                continue
            economy += 1
        lead, body = native(os.path.join(SRC, "reuters21578", row["file"]))
        out.append((bag(row["title"].title(), lead, body), topic))
    return out


def pseudo_documents():
    concepts = {}
    with open(os.path.join(DATA, "iptc_topics.tsv"), encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            concepts[cols[0]] = (cols[1], cols[2], cols[3] if len(cols) > 3 else "")

    def top_of(qcode):
        seen = 0
        while concepts[qcode][0] and seen < 10:
            qcode = concepts[qcode][0]
            seen += 1
        return qcode

    texts = collections.defaultdict(list)
    for qcode, (_parent, label, definition) in concepts.items():
        top = top_of(qcode)
        texts[top].append(label + " " + label + " " + definition)
    with open(os.path.join(DATA, "topic_cues.tsv"), encoding="utf-8") as f:
        for line in f:
            qcode, words = line.rstrip("\n").split("\t")
            texts[qcode].append((words + " ") * 2)
    out = []
    for topic in TOPICS:
        counts = bag("", "", "\n".join(texts[topic]))
        for _ in range(PSEUDO_REPEAT):
            out.append((counts, topic))
    return out


def unlabelled_documents():
    out = []
    wikinews = os.path.join(SRC, "wikinews")
    for name in sorted(os.listdir(wikinews)):
        if name.endswith(".txt"):
            lead, body = native(os.path.join(wikinews, name))
            out.append(bag("", lead, body))
    words = []
    with open(os.path.join(SRC, "conll2003", "train.txt"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("-DOCSTART-"):
                if words:
                    out.append(bag("", "", " ".join(words)))
                words = []
            elif line.strip():
                words.append(line.split(" ")[0])
    if words:
        out.append(bag("", "", " ".join(words)))
    return out


class Model:
    def __init__(self, labelled):
        self.class_counts = {t: collections.Counter() for t in TOPICS}
        df = collections.Counter()
        for counts, topic in labelled:
            self.class_counts[topic].update(counts)
            df.update(counts.keys())
        self.vocab = {w for w, n in df.items() if n >= MIN_DF}
        background = collections.Counter()
        for counts in self.class_counts.values():
            for w, n in counts.items():
                if w in self.vocab:
                    background[w] += n
        total = sum(background.values())
        self.p_bg = {w: n / total for w, n in background.items()}
        self.weights = collections.defaultdict(dict)
        self.per_token = {}
        for topic, counts in self.class_counts.items():
            size = sum(n for w, n in counts.items() if w in self.vocab)
            self.per_token[topic] = math.log(MU / (size + MU))
            for w, n in counts.items():
                if w in self.vocab:
                    weight = round(math.log(1 + n / (MU * self.p_bg[w])), WEIGHT_DECIMALS)
                    if weight > 0:
                        self.weights[w][topic] = weight

    def scores(self, counts):
        """Average log-likelihood per token, per topic (up to a constant)."""
        total = 0.0
        scores = dict.fromkeys(TOPICS, 0.0)
        for w, n in counts.items():
            row = self.weights.get(w)
            if row is None:
                continue
            total += n
            for topic, weight in row.items():
                scores[topic] += n * weight
        if total == 0:
            return None
        return {t: s / total + self.per_token[t] for t, s in scores.items()}


def accuracy(model, documents):
    right = 0
    confusion = collections.defaultdict(collections.Counter)
    for counts, topic in documents:
        scores = model.scores(counts)
        best = max(scores, key=scores.get) if scores else None
        right += best == topic
        confusion[topic][best] += 1
    return right / len(documents), confusion


def cue_labels(unlabelled):
    """Weak labels for the topics that have no labelled data: an article goes
    to the topic whose cue words it uses most, when it uses them often and
    clearly more than any other topic's."""
    cues = {}
    with open(os.path.join(DATA, "topic_cues.tsv"), encoding="utf-8") as f:
        for line in f:
            qcode, words = line.rstrip("\n").split("\t")
            for word in words.split():
                cues.setdefault(word, []).append(qcode)
    labelled_topics = set(BBC.values())
    out = []
    for counts in unlabelled:
        scores = collections.Counter()
        for w, n in counts.items():
            for topic in cues.get(w, ()):
                scores[topic] += n / len(cues[w])
        ranked = scores.most_common(2) + [(None, 0.0)] * 2
        (best, first), (_, second) = ranked[0], ranked[1]
        if best and best not in labelled_topics and first >= CUE_MIN and first >= CUE_RATIO * second:
            out.append((counts, best))
    return out


def train(labelled, unlabelled):
    labelled = labelled + cue_labels(unlabelled)
    model = Model(labelled)
    added = collections.Counter()
    extra = []
    for counts in unlabelled:
        scores = model.scores(counts)
        if not scores:
            continue
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        if ranked[0][1] - ranked[1][1] >= MARGIN:
            extra.append((counts, ranked[0][0]))
            added[ranked[0][0]] += 1
    return Model(labelled + extra), added


def main():
    bbc_train = bbc_documents(held_out=False)
    labelled = bbc_train + reuters_documents() + pseudo_documents()
    unlabelled = unlabelled_documents()
    weak = collections.Counter(t for _, t in cue_labels(unlabelled))
    print("cue-labelled:", " ".join(f"{t[7:9]}:{n}" for t, n in sorted(weak.items())))
    model, added = train(labelled, unlabelled)
    print(f"training: {len(bbc_train)} BBC, {len(labelled) - len(bbc_train)} other labelled, "
          f"{sum(added.values())} of {len(unlabelled)} unlabelled taken up")
    for topic in TOPICS:
        print(f"  {topic} self-trained {added[topic]}")
    if "--check" in sys.argv:
        acc, confusion = accuracy(model, bbc_documents(held_out=True))
        print(f"held-out BBC top-1 accuracy {acc:.3f}")
        for topic, row in confusion.items():
            print(" ", topic, dict(row))
    with open(OUT, "w", encoding="utf-8") as out:
        out.write("# IPTC top-level topic model, written by scripts/train_topics.py; see NOTICE.md\n")
        out.write("per_token\t" + " ".join(f"{model.per_token[t]:.4f}" for t in TOPICS) + "\n")
        for word in sorted(model.weights):
            row = model.weights[word]
            cells = " ".join(f"{TOPICS.index(t) + 1}:{row[t]:g}" for t in TOPICS if t in row)
            out.write(f"{word}\t{cells}\n")
    print(f"{OUT}: {len(model.weights)} words, {os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
