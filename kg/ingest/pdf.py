"""PDF reports and rules: text in reading order, title and date from the document info.

pdfminer.six groups characters into lines and text boxes by their positions and orders
the boxes (layout analysis), so two-column pages read column by column rather than
across. A PDF that needs a password, or that has no text layer (a scan: page images
only), is refused with the reason rather than ingested as an empty article.

A few MB of PDF can inflate to gigabytes (a compression bomb: one Flate, LZW or
run-length stream of zeros). Every stream pdfminer decodes is counted against a budget per
document, `MAX_INFLATED`, and decoding stops before the budget is spent: such a PDF is that
file's error, not a MemoryError that ends the run.
"""

from __future__ import annotations

import io
import logging
import re
import threading
import warnings
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from kg.errors import InputError
from kg.ingest.common import check_text, sha256_text, valid_date
from kg.model import Article

MIN_TEXT_PER_PAGE = 20  # fewer letters than this on average: no text layer
MAX_INFLATED = 128 * 1024 * 1024  # bytes the streams of one PDF may decode to, together
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})(\d{2})")


# --- the decompression budget ---------------------------------------------------------------


class _OverBudget(Exception):
    """Decoding a stream would pass the document's budget."""


class _Budget(threading.local):
    remaining: int | None = None  # None: no PDF is being read on this thread
    exceeded: bool = False

    def charge(self, n: int) -> None:
        if self.remaining is None:
            return
        self.remaining -= n
        if self.remaining < 0 or self.exceeded:
            self.exceeded = True  # sticky: a swallowed exception does not lift the cap
            raise _OverBudget

    def allowance(self) -> int:
        return -1 if self.remaining is None else max(self.remaining, 0) + 1


_budget = _Budget()


class _BoundedDecompressor:
    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        allowance = _budget.allowance()
        if allowance >= 0 and (max_length <= 0 or max_length > allowance):
            max_length = allowance
        out: bytes = self._inner.decompress(data, max_length)
        _budget.charge(len(out))
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _BoundedZlib:
    """Stands in for the zlib module inside pdfminer.pdftypes: output counted and capped."""

    error = zlib.error

    def decompressobj(self, *args: Any, **kwargs: Any) -> _BoundedDecompressor:
        return _BoundedDecompressor(zlib.decompressobj(*args, **kwargs))

    def decompress(self, data: bytes, *args: Any, **kwargs: Any) -> bytes:
        d = zlib.decompressobj(*args, **kwargs)
        allowance = _budget.allowance()
        out = d.decompress(data, allowance if allowance >= 0 else 0)
        _budget.charge(len(out))
        if not d.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out


def _lzwdecode(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder

    out = bytearray()
    for chunk in LZWDecoder(io.BytesIO(data)).run():
        _budget.charge(len(chunk))
        out += chunk
    return bytes(out)


def _rldecode(data: bytes) -> bytes:
    """RunLengthDecode (PDF 1.4, 3.3.4), as pdfminer's, with the output counted."""
    out = bytearray()
    i = 0
    while i < len(data):
        length = data[i]
        if length == 128:
            break
        if length < 128:
            chunk = data[i + 1 : i + length + 2]
            i += length + 2
        else:
            chunk = data[i + 1 : i + 2] * (257 - length)
            i += 2
        _budget.charge(len(chunk))
        out += chunk
    return bytes(out)


_installed = threading.Lock()


def _install() -> None:
    """Route pdfminer's stream decoders through the budget (once; without a budget they
    behave as before)."""
    import pdfminer.pdftypes as pdftypes

    with _installed:
        if not isinstance(pdftypes.zlib, _BoundedZlib):
            pdftypes.zlib = _BoundedZlib()  # type: ignore[assignment]
            pdftypes.lzwdecode = _lzwdecode
            pdftypes.rldecode = _rldecode


@contextmanager
def _bounded(limit: int) -> Iterator[_Budget]:
    _install()
    _budget.remaining, _budget.exceeded = limit, False
    try:
        yield _budget
    finally:
        _budget.remaining = None


def parse_pdf(
    data: bytes,
    *,
    key: str,
    source: str,
    url: str | None = None,
    max_inflated: int | None = None,
) -> Article:
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psexceptions import PSException

    if not data.startswith(b"%PDF-"):
        raise InputError(source, "not a PDF (no %PDF- header)")
    out = io.StringIO()
    pages = 0
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    limit = MAX_INFLATED if max_inflated is None else max_inflated
    bomb = InputError(
        source,
        f"its streams inflate past {limit // (1024 * 1024)} MB, the cap per PDF",
        hint="a compression bomb, or a PDF too large to read in one piece",
    )
    try:
        with warnings.catch_warnings(), _bounded(limit) as budget:
            warnings.simplefilter("ignore")
            doc = PDFDocument(PDFParser(io.BytesIO(data)), password="")
            info = doc.info[0] if doc.info else {}
            manager = PDFResourceManager(caching=True)
            device = TextConverter(manager, out, laparams=LAParams())
            interpreter = PDFPageInterpreter(manager, device)
            for page in PDFPage.create_pages(doc):
                interpreter.process_page(page)
                pages += 1
                out.write("\n\n")
            if budget.exceeded:  # an over-budget stream whose error pdfminer swallowed
                raise bomb
    except _OverBudget:
        raise bomb from None
    except MemoryError:
        raise InputError(source, "ran out of memory reading the PDF") from None
    except PDFPasswordIncorrect:
        raise InputError(
            source, "encrypted PDF that needs a password", hint="save an unencrypted copy"
        ) from None
    except PDFEncryptionError as exc:
        raise InputError(source, f"encrypted PDF that cannot be read: {exc}") from None
    except (PSException, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(source, f"damaged or unreadable PDF ({type(exc).__name__})") from None
    text = _tidy(out.getvalue())
    letters = sum(1 for ch in text if ch.isalnum())
    if pages == 0:
        raise InputError(source, "PDF has no pages")
    if letters < MIN_TEXT_PER_PAGE * pages:
        raise InputError(
            source,
            f"no text layer ({letters} letters on {pages} pages): a scanned or image-only PDF",
            hint="run OCR on it first, e.g. ocrmypdf",
        )
    check_text(text, source)
    date = _pdf_date(info.get("CreationDate"))
    return Article(
        key=url or key,
        text=text,
        sha256=sha256_text(text),
        source=source,
        title=_info_text(info.get("Title")),
        author=_info_text(info.get("Author")),
        date=date,
        url=url,
        genre="report",
    )


def _tidy(text: str) -> str:
    """One paragraph per text box: lines re-joined (the extractor starts a sentence at every
    line break), words hyphenated across lines mended; page breaks become paragraph breaks."""
    text = text.replace("\x0c", "\n\n")
    text = re.sub(r"[ \t]+\n", "\n", text)
    paragraphs = []
    for para in re.split(r"\n\s*\n", text):
        para = re.sub(r"(\w)-\n(?=[a-z])", r"\1", para.strip())
        para = re.sub(r"\s*\n\s*", " ", para)
        if para:
            paragraphs.append(para)
    return "\n\n".join(paragraphs) + "\n"


def _info_text(value: Any) -> str | None:
    from pdfminer.psparser import PSLiteral
    from pdfminer.utils import decode_text

    if isinstance(value, PSLiteral):
        value = value.name
    if isinstance(value, bytes):
        value = decode_text(value)
    if not isinstance(value, str):
        return None
    value = " ".join(value.replace("\x00", "").split())
    return value or None


def _pdf_date(value: Any) -> str | None:
    text = _info_text(value)
    m = _PDF_DATE.match(text or "")
    return valid_date(f"{m.group(1)}-{m.group(2)}-{m.group(3)}") if m else None
