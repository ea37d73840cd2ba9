"""Inputs for the ingest tests, made here: PDFs built with pypdf, and a local HTTP server.

No binary fixture is checked in; every sentence is written for these tests.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject

ARTICLE = (
    "The trade ministry said that the new licence rules would apply to every shipment of "
    "advanced processors from the first of March. Officials argued that the change was needed "
    "because earlier controls had been easy to avoid through resellers in third countries. "
    "Industry groups warned that the measure could cost suppliers a large share of their sales "
    "in the region over the coming year, and they asked for a delay of six months.\n"
)

ARTICLE_2 = (
    "The regional council announced that it would fund three new research centres for machine "
    "learning safety. Its chair said that the centres were meant to test large models before "
    "they are released to the public, and she added that the results would be published. "
    "Critics argued that the budget was too small for the work that the council had promised.\n"
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Licence rules widened | The Harbour Ledger</title>
<meta property="og:title" content="Licence rules widened for processors">
<meta property="og:site_name" content="The Harbour Ledger">
<meta name="author" content="Mara Quentin">
<link rel="canonical" href="https://ledger.example/2024/licence-rules">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Licence rules widened for processors",
 "author": {"@type": "Person", "name": "Mara Quentin"},
 "datePublished": "2024-02-14T08:00:00Z",
 "publisher": {"@type": "Organization", "name": "The Harbour Ledger"}}
</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/markets">Markets</a></nav>
<div class="cookie">We use cookies to improve your experience. Accept all cookies.</div>
<article><h1>Licence rules widened for processors</h1>
<p>The trade ministry said that the new licence rules would apply to every shipment of advanced
processors from the first of March.</p>
<p>Officials argued that the change was needed because earlier controls had been easy to avoid
through resellers in third countries.</p>
<p>Industry groups warned that the measure could cost suppliers a large share of their sales in
the region over the coming year, and they asked for a delay of six months.</p>
</article>
<footer>Copyright 2024 The Harbour Ledger. All rights reserved. Privacy policy. Terms of use.</footer>
</body></html>
"""


def _font() -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(
    pages: list[list[tuple[float, float, str]]],
    *,
    title: str | None = None,
    created: str | None = None,
    password: str | None = None,
    image_only: bool = False,
) -> bytes:
    """A PDF whose pages show text at (x, y) positions, in the order given (or one image)."""
    writer = PdfWriter()
    for lines in pages:
        page = writer.add_blank_page(612, 792)
        stream = DecodedStreamObject()
        if image_only:
            image = DecodedStreamObject()
            image.set_data(bytes(range(0, 256, 16)) * 4)
            image.update(
                {
                    NameObject("/Type"): NameObject("/XObject"),
                    NameObject("/Subtype"): NameObject("/Image"),
                    NameObject("/Width"): NumberObject(8),
                    NameObject("/Height"): NumberObject(8),
                    NameObject("/ColorSpace"): NameObject("/DeviceGray"),
                    NameObject("/BitsPerComponent"): NumberObject(8),
                }
            )
            xobjects = DictionaryObject({NameObject("/Im1"): writer._add_object(image)})
            page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): xobjects})
            stream.set_data(b"q 400 0 0 500 100 150 cm /Im1 Do Q")
        else:
            fonts = DictionaryObject({NameObject("/F1"): writer._add_object(_font())})
            page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
            ops = [f"BT /F1 11 Tf 1 0 0 1 {x} {y} Tm ({_escape(t)}) Tj ET" for x, y, t in lines]
            stream.set_data("\n".join(ops).encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    meta = {}
    if title:
        meta["/Title"] = title
    if created:
        meta["/CreationDate"] = created
    if meta:
        writer.add_metadata(meta)
    if password:
        writer.encrypt(
            user_password=password, owner_password=password + "-owner", algorithm="RC4-128"
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def text_pdf(text: str, **kw: object) -> bytes:
    """One page per ~30 lines of ``text``, wrapped at about 80 characters."""
    words = text.split()
    lines: list[str] = []
    line = ""
    for w in words:
        if len(line) + len(w) > 80:
            lines.append(line)
            line = ""
        line = f"{line} {w}".strip()
    lines.append(line)
    pages = [
        [(72.0, 720.0 - 16 * i, ln) for i, ln in enumerate(lines[p : p + 30])]
        for p in range(0, len(lines), 30)
    ]
    return make_pdf(pages, **kw)  # type: ignore[arg-type]


# --- a local HTTP server ------------------------------------------------------------------------

HUGE = 50 * 1024 * 1024 + 1


class Handler(BaseHTTPRequestHandler):
    """Routes: /article.html, /plain.txt, /report.pdf, /missing (404), /slow, /huge, /stream."""

    hits: ClassVar[dict[str, int]] = {}
    user_agents: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, body: bytes, ctype: str, length: int | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        Handler.user_agents.append(self.headers.get("User-Agent", ""))
        try:
            if self.path == "/article.html":
                self._send(HTML_PAGE.encode("utf-8"), "text/html; charset=utf-8")
            elif self.path == "/plain.txt":
                self._send(ARTICLE_2.encode("utf-8"), "text/plain; charset=utf-8")
            elif self.path == "/report.pdf":
                self._send(text_pdf(ARTICLE, title="Processor licences"), "application/pdf")
            elif self.path == "/slow":
                time.sleep(3)
                self._send(ARTICLE.encode("utf-8"), "text/plain")
            elif self.path == "/huge":
                self._send(b"x" * 1024, "text/plain", length=HUGE)
            elif self.path == "/stream":  # no Content-Length: the client must stop reading
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                chunk = b"word " * (1 << 18)
                for _ in range(HUGE // len(chunk) + 2):
                    self.wfile.write(chunk)
            else:
                self.send_error(404, "Not Found")
        except (BrokenPipeError, ConnectionResetError):
            pass


@contextmanager
def http_server() -> Iterator[str]:
    """A server on 127.0.0.1 (a free port) for the block; yields its base URL."""
    Handler.hits.clear()
    Handler.user_agents.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# --- synthetic corpora (crash and concurrency tests, bench/ingest_memory.py) ---------------------

_SPEAKERS = ("Mara Quentin", "Ola Brandt", "Tomas Vell", "Ines Okafor", "Ravi Sandhu", "Lena Hart")
_BODIES = ("the trade ministry", "the regional council", "the chip makers' association")
_TOPICS = (
    "licences for advanced processors",
    "checks on cloud computing",
    "safety tests for models",
)


def synthetic_article(i: int) -> str:
    """A short, distinct English news item with front matter and two reported claims."""
    who = _SPEAKERS[i % len(_SPEAKERS)]
    body = _BODIES[i % len(_BODIES)]
    topic = _TOPICS[i % len(_TOPICS)]
    day = 1 + i % 28
    return (
        f"---\ntitle: Item {i} on {topic}\noutlet: Synthetic Wire\ndate: 2024-03-{day:02d}\n"
        f"url: https://synthetic.example/items/{i}\n---\n"
        f"{who} said that {body} would review {topic} before the end of week {i}. "
        f"Officials argued that the review of case {i} was needed because earlier rules had "
        f"been easy to avoid. According to {who}, the plan could cost firms {i + 3} million "
        f"dollars in the first year.\n"
    )


def write_synthetic(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"item-{i:05d}.md").write_text(synthetic_article(i), encoding="utf-8")
    return folder
