"""URLs: fetched once, politely, within a time and size budget, and kept for later runs.

The body is saved in a cache folder (beside the store when ingesting) with the final
URL and content type, so re-ingesting, re-extracting with a new model, or working
offline later needs no network; `--refetch` asks the site again.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

from kg import __version__
from kg.errors import InputError
from kg.ingest.common import MAX_BYTES, check_size

USER_AGENT = f"kg/{__version__} (knowledge-graph article ingest; one request per article)"
TIMEOUT = 20.0
CHUNK = 1 << 16


@dataclass(frozen=True)
class Fetched:
    url: str  # as asked for
    final_url: str  # after redirects
    content_type: str
    charset: str | None
    body: bytes
    from_cache: bool = False


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def cache_paths(cache_dir: Path, url: str) -> tuple[Path, Path]:
    name = hashlib.sha256(url.encode("utf-8")).hexdigest()[:40]
    return cache_dir / f"{name}.body", cache_dir / f"{name}.json"


def fetch(
    url: str,
    *,
    cache_dir: Path | None = None,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    refetch: bool = False,
) -> Fetched:
    """The page at ``url``, from the cache when it holds it, else from the network (then cached)."""
    if cache_dir is not None and not refetch:
        cached = _from_cache(cache_dir, url)
        if cached is not None:
            return cached
    fetched = _download(url, timeout=timeout, max_bytes=max_bytes)
    if cache_dir is not None:
        _to_cache(cache_dir, fetched)
    return fetched


def _download(url: str, *, timeout: float, max_bytes: int) -> Fetched:
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/pdf,text/*"}
    )
    deadline = time.monotonic() + 10 * timeout  # per-read timeout, and a budget for the whole
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit():
                check_size(int(length), url, max_bytes)
            chunks: list[bytes] = []
            total = 0
            while chunk := response.read(CHUNK):
                total += len(chunk)
                if total > max_bytes:
                    raise InputError(
                        url, f"response is over the {max_bytes // (1024 * 1024)} MB cap"
                    )
                if time.monotonic() > deadline:
                    raise InputError(url, f"download took over {10 * timeout:g} s")
                chunks.append(chunk)
            headers: Message = response.headers
            return Fetched(
                url=url,
                final_url=response.geturl(),
                content_type=headers.get_content_type(),
                charset=headers.get_content_charset(),
                body=b"".join(chunks),
            )
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError | socket.timeout):
            raise InputError(url, f"timed out after {timeout:g} s") from None
        raise InputError(url, f"cannot fetch: {exc.reason}") from None
    except TimeoutError:
        raise InputError(url, f"timed out after {timeout:g} s") from None
    except (OSError, ValueError) as exc:
        raise InputError(url, f"cannot fetch: {exc}") from None


def _from_cache(cache_dir: Path, url: str) -> Fetched | None:
    body_path, meta_path = cache_paths(cache_dir, url)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        body = body_path.read_bytes()
    except (OSError, ValueError):
        return None
    if meta.get("sha256") != hashlib.sha256(body).hexdigest():
        return None  # a torn or edited entry: fetch again
    return Fetched(
        url=url,
        final_url=meta["final_url"],
        content_type=meta["content_type"],
        charset=meta.get("charset"),
        body=body,
        from_cache=True,
    )


def _to_cache(cache_dir: Path, fetched: Fetched) -> None:
    """Write body then metadata, each atomically (a crash leaves no half entry that is used)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    body_path, meta_path = cache_paths(cache_dir, fetched.url)
    meta = {
        "url": fetched.url,
        "final_url": fetched.final_url,
        "content_type": fetched.content_type,
        "charset": fetched.charset,
        "sha256": hashlib.sha256(fetched.body).hexdigest(),
        "fetched_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "user_agent": USER_AGENT,
    }
    for path, data in ((body_path, fetched.body), (meta_path, json.dumps(meta).encode("utf-8"))):
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
