"""Writes the WARC test files: Wikinews articles from `corpus/` as saved news
pages, archived with warcio (an independent WARC writer) the way CC-NEWS
archives them, plus damaged copies. Run from the repository root:

    python3 -m venv /tmp/warcio && /tmp/warcio/bin/pip install warcio
    /tmp/warcio/bin/python scripts/make_warc_samples.py

The expectations live in the test that reads the folder
(`crates/cli/tests/cli/warc.rs`); `warc-offsets.json` beside the folder
holds the offset warcio gives each record, which Dateline's ids repeat.
"""

import datetime
import gzip
import html
import io
import json
import os

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = "crates/cli/tests/fixtures/warc"
CORPUS = "corpus/wikinews"

# (file, how the page is served)
ARTICLES = [
    ("typhoon-phanfone-strikes-philippines.txt", "json-ld"),
    ("gillibrand-ends-us-presidential-bid.txt", "og"),
    ("brazilian-president-meets-president-of-south-korea.txt", "undated"),
    ("police-deactivate-explosive-device-in-andalucia-spain.txt", "latin1-http"),
    ("brazilian-delegation-returns-from-arafat-funeral.txt", "latin1-undeclared"),
    ("bishop-emeritus-dinualdo-gutierrez-of-marbel-philippines-dies.txt", "gzip-chunked"),
]


def article(name):
    """Title, date and paragraphs of a corpus article."""
    with open(os.path.join(CORPUS, name), encoding="utf-8") as f:
        text = f.read()
    first, _, rest = text.partition("\n")
    date = first.split()[1]
    lead = first.split(None, 2)[2]
    paragraphs = [lead] + [p.strip() for p in rest.split("\n\n") if p.strip()]
    title = " ".join(w.capitalize() for w in name[:-4].split("-"))
    return title, date, paragraphs


def page(title, date, paragraphs, style):
    """A news page: navigation, the article, related links and a footer."""
    head = [f"<title>{html.escape(title)} | Harbour Wire</title>"]
    if not style.startswith("latin1"):
        head.insert(0, '<meta charset="utf-8">')
    if style == "json-ld":
        head.append(
            '<script type="application/ld+json">'
            + json.dumps({"@type": "NewsArticle", "headline": title, "datePublished": date + "T09:00:00Z"})
            + "</script>"
        )
    elif style != "undated":
        head.append(f'<meta property="article:published_time" content="{date}T09:00:00Z">')
    head.append(f'<meta property="og:title" content="{html.escape(title)}">')
    head.append('<meta property="og:site_name" content="Harbour Wire">')
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html><head>" + "".join(head) + "</head><body>"
        '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>'
        f"<article><h1>{html.escape(title)}</h1>{body}</article>"
        '<aside><h2>Most read</h2><ul><li><a href="/a">Lottery winner buys island</a></li>'
        '<li><a href="/b">Cats prefer boxes, study finds</a></li></ul></aside>'
        "<footer>Copyright Harbour Wire. Subscribe for unlimited access.</footer></body></html>"
    )


def chunked(data, size=700):
    out = b""
    for i in range(0, len(data), size):
        part = data[i : i + size]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


def response(writer, url, date, status, headers, payload):
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(payload), http_headers=http,
        warc_headers_dict={"WARC-Date": date},
    )
    writer.write_record(record)


def request(writer, url, date):
    http = StatusAndHeaders(f"GET /{url.split('/', 3)[-1]} HTTP/1.1", [("Host", "news.example")], is_http_request=True)
    record = writer.create_warc_record(
        url, "request", payload=io.BytesIO(b""), http_headers=http,
        warc_headers_dict={"WARC-Date": date},
    )
    writer.write_record(record)


def sample(stream, gzip_records):
    """The CC-NEWS-like sample: warcinfo, then request and response pairs,
    an image, a redirect and a metadata record."""
    writer = WARCWriter(stream, gzip=gzip_records)
    writer.write_record(writer.create_warcinfo_record("sample.warc.gz", {"software": "warcio", "format": "WARC File Format 1.1"}))
    for name, style in ARTICLES:
        title, date, paragraphs = article(name)
        url = "https://news.example/" + name[:-4]
        # Captured the day after publication, as a crawler would.
        day = datetime.date.fromisoformat(date) + datetime.timedelta(days=1)
        captured = day.isoformat() + "T12:00:00Z"
        text = page(title, date, paragraphs, style)
        headers = [("Content-Type", "text/html; charset=utf-8")]
        payload = text.encode("utf-8")
        if style == "latin1-http":
            # The page declares nothing; the server says windows-1252.
            payload = text.encode("cp1252", errors="replace")
            headers = [("Content-Type", "text/html; charset=windows-1252")]
        if style == "latin1-undeclared":
            # Neither the page nor the server names the character set.
            payload = text.encode("cp1252", errors="replace")
            headers = [("Content-Type", "text/html")]
        if style == "gzip-chunked":
            payload = chunked(gzip.compress(payload))
            headers += [("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]
        request(writer, url, captured)
        response(writer, url, captured, "200 OK", headers, payload)
    response(writer, "https://news.example/logo.png", "2020-01-01T00:00:00Z", "200 OK",
             [("Content-Type", "image/png")], b"\x89PNG\r\n\x1a\n" + bytes(200))
    response(writer, "http://news.example/old", "2020-01-01T00:00:00Z", "301 Moved Permanently",
             [("Location", "https://news.example/"), ("Content-Type", "text/html")], b"<html>moved</html>")
    metadata = writer.create_warc_record("https://news.example/", "metadata",
                                         payload=io.BytesIO(b"fetchTimeMs: 120\r\n"),
                                         warc_content_type="application/warc-fields")
    writer.write_record(metadata)


def offsets(path):
    """The offset of every record, as warcio reads the file."""
    found = []
    with open(path, "rb") as f:
        it = ArchiveIterator(f)
        for record in it:
            found.append({
                "offset": it.get_record_offset(),
                "type": record.rec_type,
                "url": record.rec_headers.get_header("WARC-Target-URI"),
            })
    return found


def lying(plain):
    """The plain sample with one response's Content-Length too long (it
    reaches into the next record) and another's too short."""
    records = plain.split(b"WARC/1.0\r\n")
    assert records[0] == b""
    records = [b"WARC/1.0\r\n" + r for r in records[1:]]
    responses = [i for i, r in enumerate(records) if b"WARC-Type: response" in r]

    def relength(record, delta):
        head, _, rest = record.partition(b"Content-Length: ")
        number, _, tail = rest.partition(b"\r\n")
        return head + b"Content-Length: " + str(int(number) + delta).encode() + b"\r\n" + tail

    records[responses[0]] = relength(records[responses[0]], 300)
    records[responses[2]] = relength(records[responses[2]], -500)
    return b"".join(records)


def main():
    os.makedirs(ROOT, exist_ok=True)
    gz_path = os.path.join(ROOT, "cc-news-sample.warc.gz")
    with open(gz_path, "wb") as f:
        sample(f, True)
    plain = io.BytesIO()
    sample(plain, False)
    with open(os.path.join(ROOT, "cc-news-sample.warc"), "wb") as f:
        f.write(plain.getvalue())
    with open(ROOT + "-offsets.json", "w") as f:
        json.dump({"cc-news-sample.warc.gz": offsets(gz_path),
                   "cc-news-sample.warc": offsets(os.path.join(ROOT, "cc-news-sample.warc"))}, f, indent=1)
        f.write("\n")
    damaged = os.path.join(ROOT, "damaged")
    os.makedirs(damaged, exist_ok=True)
    with open(os.path.join(damaged, "lying-length.warc"), "wb") as f:
        f.write(lying(plain.getvalue()))
    with open(gz_path, "rb") as f:
        data = f.read()
    # Cut inside the fourth article's response.
    cut = [o["offset"] for o in offsets(gz_path) if o["type"] == "response"][3] + 200
    with open(os.path.join(damaged, "truncated.warc.gz"), "wb") as f:
        f.write(data[:cut])
    with open(os.path.join(damaged, "whole-file-gzip.warc.gz"), "wb") as f:
        f.write(gzip.compress(plain.getvalue()))
    with open(os.path.join(damaged, "junk-between.warc"), "wb") as f:
        data = plain.getvalue()
        middle = data.rindex(b"WARC/1.0\r\n", 0, data.index(b"WARC-Type: response", 2000))
        f.write(plain.getvalue()[:middle] + b"this is not a record\r\n" * 10 + plain.getvalue()[middle:])


if __name__ == "__main__":
    main()
