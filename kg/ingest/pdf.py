"""PDF reports and rules: text in reading order, title and date from the document info.

pdfminer.six groups characters into lines and text boxes by their positions and orders
the boxes (layout analysis), so two-column pages read column by column rather than
across. A PDF that needs a password, or that has no text layer (a scan: page images
only), is refused with the reason rather than ingested as an empty article.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from typing import Any

from kg.errors import InputError
from kg.ingest.common import check_text, sha256_text
from kg.model import Article

MIN_TEXT_PER_PAGE = 20  # fewer letters than this on average: no text layer
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})(\d{2})")


def parse_pdf(data: bytes, *, key: str, source: str, url: str | None = None) -> Article:
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
    try:
        with warnings.catch_warnings():
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
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None
