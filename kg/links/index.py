"""The claim index kept beside the store, so linking one ingest's claims does not reread them all.

`kg.links.refresh.refresh_links` needs, for the claims an ingest or removal touched, every claim
that could be a near duplicate of them. Rebuilding the MinHash-LSH index (kg.links.similarity)
from the store costs time linear in the store (55 s at 200k claims), on every ingest.
This file keeps that index on disk instead (SQLite, `<store>.ingest/claim-index.sqlite`):
each claim's text, the actors it is about, its frames and its bucket keys (MinHash bands and
frame keys), looked up by key.

It is a cache of the store, never a source of truth. Its *generation* is an
order-independent hash of its claim rows (XOR of per-claim digests), written into the
store's meta graph in the same transaction as the links. `kg.links.refresh` rebuilds the index
from the store whenever the two disagree: a crash between the store write and the index
commit, a store restored from an export, a copied store, or an index from another version.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from kg.errors import StoreError
from kg.links.similarity import (
    BANDS,
    MAX_BUCKET,
    NUM_PERM,
    ClaimText,
    Prepared,
    band_keys,
    frame_keys,
    prepare,
    signatures,
)

VERSION = f"6:{NUM_PERM}:{BANDS}"  # bump the first field when kg.links.similarity.prepare changes
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS claim (
  id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE, text TEXT NOT NULL, about TEXT NOT NULL,
  frames TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS band (
  key INTEGER NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (key, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS band_id ON band (id);
"""
_CHUNK = 500  # bound parameters per statement, well under SQLite's limit


def digest(claim: ClaimText) -> int:
    """A claim row's contribution to the generation (128 bits)."""
    about = " ".join(sorted(claim.about))
    data = f"{claim.iri}\x1f{claim.text}\x1f{about}".encode()
    if claim.frames:  # (a claim without frames keeps the digest it had before frames existed)
        data += ("\x1e" + "\n".join(sorted(claim.frames))).encode()
    return int.from_bytes(hashlib.blake2b(data, digest_size=16).digest(), "big")


def generation_of(claims: Iterable[ClaimText]) -> str:
    value = 0
    for claim in claims:
        value ^= digest(claim)
    return f"{value:032x}"


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _key(band: int, rows: bytes) -> int:
    """A bucket key as a signed 64-bit integer (a 64-bit hash of band number and rows)."""
    return int.from_bytes(
        hashlib.blake2b(bytes([band]) + rows, digest_size=8).digest(), "big", signed=True
    )


class ClaimIndexFile:
    """The on-disk index; every change happens inside `transaction()`."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @property
    def generation(self) -> str | None:
        """The generation of the committed rows, or None when the file is empty or foreign."""
        meta = dict(self.conn.execute("SELECT key, value FROM meta").fetchall())
        return meta.get("generation") if meta.get("version") == VERSION else None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM claim").fetchone()[0])

    def set_generation(self, generation: str) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
            [("version", VERSION), ("generation", generation)],
        )

    def clear(self) -> None:
        for table in ("claim", "band", "meta"):
            self.conn.execute(f"DELETE FROM {table}")

    def rows(self, iris: Iterable[str]) -> dict[str, ClaimText]:
        """The stored claims among ``iris``."""
        found: dict[str, ClaimText] = {}
        for part in _chunks(sorted(set(iris))):
            marks = ",".join("?" * len(part))
            for iri, text, about, frames in self.conn.execute(
                f"SELECT iri, text, about, frames FROM claim WHERE iri IN ({marks})",
                part,
            ):
                found[iri] = ClaimText(
                    iri, text, frozenset(about.split()), frozenset(filter(None, frames.split("\n")))
                )
        return found

    def remove(self, iris: Iterable[str]) -> None:
        for part in _chunks(sorted(set(iris))):
            marks = ",".join("?" * len(part))
            ids = [
                i
                for (i,) in self.conn.execute(f"SELECT id FROM claim WHERE iri IN ({marks})", part)
            ]
            if ids:
                marks = ",".join("?" * len(ids))
                self.conn.execute(f"DELETE FROM band WHERE id IN ({marks})", ids)
                self.conn.execute(f"DELETE FROM claim WHERE id IN ({marks})", ids)

    def add(self, claims: list[ClaimText]) -> dict[str, tuple[Prepared, list[int]]]:
        """Store claims (not yet stored) with their bucket keys; returns them prepared."""
        preps = [prepare(c) for c in claims]
        out: dict[str, tuple[Prepared, list[int]]] = {}
        for claim, prep, sig in zip(
            claims, preps, signatures([p.tokens for p in preps]), strict=True
        ):
            keys = [_key(b, rows) for b, rows in band_keys(sig) + frame_keys(prep)]
            out[claim.iri] = (prep, keys)
        ids = []
        for c in claims:
            cur = self.conn.execute(
                "INSERT INTO claim (iri, text, about, frames) VALUES (?, ?, ?, ?)",
                (c.iri, c.text, " ".join(sorted(c.about)), "\n".join(sorted(c.frames))),
            )
            ids.append(cur.lastrowid)
        self.conn.executemany(
            "INSERT OR IGNORE INTO band (key, id) VALUES (?, ?)",
            ((key, i) for i, (_, keys) in zip(ids, out.values(), strict=True) for key in keys),
        )
        return out

    def candidates(self, keys: Iterable[int]) -> dict[int, list[str]]:
        """Members of each of ``keys``' buckets, leaving out buckets over MAX_BUCKET claims."""
        members: dict[int, list[str]] = {}
        wanted = sorted(set(keys))
        for start in range(0, len(wanted), _CHUNK):
            part = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(part))
            small = [
                key
                for (key,) in self.conn.execute(
                    f"SELECT key FROM band WHERE key IN ({marks}) "
                    "GROUP BY key HAVING COUNT(*) <= ?",
                    [*part, MAX_BUCKET],
                )
            ]
            if not small:
                continue
            marks = ",".join("?" * len(small))
            for key, iri in self.conn.execute(
                "SELECT band.key, claim.iri FROM band JOIN claim ON claim.id = band.id "
                f"WHERE band.key IN ({marks})",
                small,
            ):
                members.setdefault(key, []).append(iri)
        return members


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, timeout=60)
    try:
        conn.executescript(_SCHEMA)
        columns = {row[1] for row in conn.execute("PRAGMA table_info(claim)")}
        if "frames" not in columns:  # a file of an earlier version: start it again
            conn.executescript("DROP TABLE claim; DROP TABLE band; DROP TABLE meta;" + _SCHEMA)
    except sqlite3.Error:
        conn.close()
        raise
    return conn


@contextmanager
def open_index(path: Path) -> Iterator[ClaimIndexFile]:
    """Open (creating if needed) the index file at ``path``; a damaged file is started again."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = _connect(path)
        except sqlite3.DatabaseError:  # not an index file, or damaged: it is only a cache
            path.unlink(missing_ok=True)
            conn = _connect(path)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot open the claim index {path}: {exc}") from None
    with closing(conn):
        yield ClaimIndexFile(conn)
