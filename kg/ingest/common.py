"""What every reader shares: byte decoding, limits, hashing and the English-only check.

Decoding is strict on purpose: a wrongly guessed encoding silently corrupts names and
quotes (mojibake), and offsets into that text would then be wrong for good. So text is
UTF-8 (a UTF-8 or UTF-16 byte-order mark is honoured), an encoding the document itself
declares (an HTML meta charset, an HTTP Content-Type) is used, and anything else is an
error that names the likely encoding and the `--encoding` option to read it with.
"""

from __future__ import annotations

import codecs
import datetime
import hashlib
import re

from kg.errors import EncodingError, InputError, LanguageError

MAX_BYTES = 50 * 1024 * 1024  # the largest file or download read
MAX_CHARS = 1_000_000  # the longest text the NLP pipeline takes (spaCy's nlp.max_length)
SNIFF = 8192

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls other than tab, newline, form feed and carriage return
_CONTROL = re.compile(rb"[\x01-\x08\x0b\x0e-\x1f]")


_ISO_DATE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)


def parse_date(value: str) -> str:
    """An ISO 8601 date (a time after it is allowed and dropped) as YYYY-MM-DD.

    Raises ValueError with the reason: not that shape (``2023-01-01<script>``, ``March
    2024``), or no such day (``2023-02-30``, ``0000-00-00``).
    """
    m = _ISO_DATE.fullmatch(value.strip())
    if not m:
        raise ValueError("is not YYYY-MM-DD")
    try:
        day = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise ValueError(f"is not a real date ({exc})") from None
    return day.isoformat()


def check_date(value: str, source: str, what: str = "date") -> str:
    """``value`` as YYYY-MM-DD, or an InputError for this article naming the bad date."""
    try:
        return parse_date(value)
    except ValueError as exc:
        raise InputError(source, f"{what} {value!r} {exc}") from None


def valid_date(value: str | None) -> str | None:
    """A date found in a document's own metadata: YYYY-MM-DD, or None when it is no real date."""
    try:
        return parse_date(value) if value else None
    except ValueError:
        return None


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_size(size: int, source: str, limit: int = MAX_BYTES) -> None:
    if size > limit:
        raise InputError(
            source,
            f"{size / (1024 * 1024):.0f} MB, over the {limit // (1024 * 1024)} MB cap",
            hint="split it into smaller files",
        )


def is_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, near the start: not a text file."""
    head = data[:SNIFF]
    if b"\x00" in head:
        return True
    return len(_CONTROL.findall(head)) > max(8, len(head) // 20)


def decode_text(
    data: bytes, source: str, *, encoding: str | None = None, declared: str | None = None
) -> str:
    """Bytes to text: a forced encoding, else a BOM, else UTF-8, else what the document declares."""
    if encoding:
        return _decode(data, encoding, source, "asked for")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], name, source, "its byte-order mark")
    if is_binary(data):
        head = data[:SNIFF]
        if head.count(b"\x00") * 3 > len(head) and b"\x00\x00" not in head:
            raise EncodingError(
                source,
                "looks like UTF-16 without a byte-order mark",
                hint="probably utf-16-le or utf-16-be",
            )
        raise InputError(source, "binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if declared and codecs.lookup(declared).name != "utf-8":
            return _decode(data, declared, source, "its declared charset")
        guess = ""
        try:
            data.decode("cp1252")
            guess = "; it reads as cp1252 (Windows Latin-1)"
        except UnicodeDecodeError:
            pass
        raise EncodingError(
            source,
            f"not valid UTF-8 (byte {exc.start}){guess}",
            hint="read it in the encoding it is in, or convert it: iconv -f cp1252 -t utf-8",
        ) from None


def _decode(data: bytes, name: str, source: str, why: str) -> str:
    try:
        codecs.lookup(name)
    except LookupError:
        raise InputError(source, f"unknown encoding {name!r} ({why})") from None
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        raise EncodingError(
            source, f"not valid {name} (byte {exc.start}), the encoding {why} gives"
        ) from None


def check_text(text: str, source: str) -> None:
    """Text the pipeline can take: not empty, not longer than the NLP pipeline accepts."""
    if not text.strip():
        raise InputError(source, "no text (empty or only whitespace)")
    if len(text) > MAX_CHARS:
        raise InputError(
            source,
            f"{len(text):,} characters of text, over the {MAX_CHARS:,} the NLP pipeline takes",
            hint="split it into smaller articles",
        )


# The commonest English function words: in running English prose they are about 40% of words.
_STOPWORD_TEXT = (
    "a about after all also an and are as at be been but by can could for from had has have he "
    "her his i if in into is it its more most new not of on one or our out over said says she "
    "so than that the their them there these they this those to up was we were what when which "
    "who will with would you "
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS = 25
MIN_STOPWORD_RATIO = 0.12


def english_ratio(text: str) -> tuple[int, float]:
    """(number of words, share of them that are common English function words)."""
    words = _WORD.findall(text[:20000].lower())
    if not words:
        return 0, 0.0
    return len(words), sum(1 for w in words if w in _STOPWORDS) / len(words)


def check_english(text: str, source: str) -> None:
    """The extractor reads English only: refuse text that clearly is not, rather than store noise.

    Two signals: mostly non-Latin letters (Chinese, Russian, Arabic ...), or a low share of
    English function words (English prose has roughly 30-50% from the list above; French or
    German prose a few percent). Short texts are let through: too little to judge.
    """
    sample = text[:20000]
    letters = [ch for ch in sample if ch.isalpha()]
    latin = sum(1 for ch in letters if ch.isascii() or "\u00c0" <= ch <= "\u024f")
    words, ratio = english_ratio(sample)
    why = None
    if len(letters) >= 100 and latin / len(letters) < 0.5:
        why = f"{1 - latin / len(letters):.0%} of its letters are not Latin"
    elif words >= MIN_WORDS and ratio < MIN_STOPWORD_RATIO:
        why = f"{ratio:.0%} English function words, English prose has 30-50%"
    if why:
        raise LanguageError(
            source,
            f"does not look like English ({why}); the extractor reads English only",
        )
