"""The persistent quad store (pyoxigraph on disk). The only module that imports pyoxigraph.

Writes take N-Triples text per named graph and apply in one transaction, so an
article and its provenance are committed together or not at all. Queries run on
the union of all graphs; results come back as plain Python values.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar

import pyoxigraph as ox

from kg.errors import (
    FormatError,
    FormatNotDetected,
    KGError,
    NotAStore,
    QueryError,
    QueryTimeout,
    ResultTooLarge,
    StoreBusy,
    StoreError,
    StoreNotFound,
)
from kg.rdf import ontology

META_GRAPH = str(ontology.META_GRAPH)
ARTICLE_GRAPH_PREFIX = ontology.ARTICLE_GRAPH_PREFIX
KG_NS = ontology.ONT_BASE
T = TypeVar("T")

EXPORT_FORMATS = {
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "trig": (ox.RdfFormat.TRIG, True),
    "turtle": (ox.RdfFormat.TURTLE, False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "jsonld": (None, True),
}


@dataclass(frozen=True)
class Cell:
    """One RDF term in a result: kind is 'uri', 'literal' or 'bnode'."""

    kind: str
    value: str
    datatype: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class Results:
    """SELECT results (or ASK as one boolean, or CONSTRUCT as N-Triples text)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Cell | None, ...], ...]
    boolean: bool | None = None
    triples: str | None = None


@dataclass(frozen=True)
class GraphWrite:
    """A named graph to replace with N-Triples text."""

    graph: str
    ntriples: str


#: What `kg stats` counts as an actor and `kg actors` lists, one definition for both: every
#: entity an article mentions (kg:mentions, which kg.rdf.mapping writes for each actor of an
#: extraction: the speakers of its statements, what its claims are about, its other names),
#: of every kind (people, bodies, unnamed sources, places, models, chips, rules). The
#: "unattributed source" a statement without a speaker points to is no actor: nothing names it.
ACTOR_PATTERN = "?_a <{kg}mentions> ?{var}"


@dataclass(frozen=True)
class StoreStats:
    quads: int
    article_graphs: int
    statements: int
    claims: int
    actors: int
    evidence: int


IMPORT_FORMATS = {
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


def _term_size(term: Any) -> int:
    if term is None:
        return 0
    value = getattr(term, "value", None)
    return len(value) if isinstance(value, str) else len(str(term))


def _bounded(
    items: Iterable[T],
    max_rows: int | None,
    deadline: float | None,
    max_bytes: int | None = None,
) -> tuple[list[T], KGError | None]:
    """Drain a lazily evaluated result, stopping past the row cap, the size cap or the deadline.

    The size counted is the characters of the values of every term (a lower bound of any
    serialisation), so one huge row (a GROUP_CONCAT over everything) is bounded too.
    Errors are returned, not raised: pyoxigraph's result iterators may only be dropped on the
    thread that made them, and a raised exception's traceback would carry this frame (and the
    iterator) to whichever thread handles it.
    """
    out: list[T] = []
    size = 0
    try:
        for item in items:
            out.append(item)
            if max_rows is not None and len(out) > max_rows:
                return out, ResultTooLarge(
                    f"the result has more than {max_rows} rows",
                    hint="add LIMIT to the query, or raise the row cap",
                )
            if max_bytes is not None:
                terms: Iterable[Any] = item  # type: ignore[assignment]  # a solution or a triple
                size += sum(_term_size(t) for t in terms)
                if size > max_bytes:
                    return out, ResultTooLarge(
                        f"the result is larger than {_megabytes(max_bytes)}",
                        hint="select fewer or shorter values, or raise the size cap",
                    )
            if deadline is not None and len(out) % 256 == 0 and time.monotonic() > deadline:
                return out, QueryTimeout("the query ran past its time limit")
    except (RuntimeError, SyntaxError) as exc:
        return out, QueryError(f"query failed: {exc}")
    except OSError as exc:
        return out, StoreError(f"query failed: {exc}")
    if deadline is not None and time.monotonic() > deadline:
        return out, QueryTimeout("the query ran past its time limit")
    return out, None


def _megabytes(n: int) -> str:
    return f"{n / (1 << 20):g} MB" if n >= 1 << 20 else f"{n} bytes"


def _cell(term: Any) -> Cell | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Cell("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Cell("bnode", term.value)
    if isinstance(term, ox.Literal):
        return Cell("literal", term.value, term.datatype.value, term.language)
    return Cell("literal", str(term))


def term_for(value: str, kind: str = "literal") -> ox.NamedNode | ox.Literal:
    """A query parameter as an RDF term (never pasted into query text)."""
    if kind == "iri":
        try:
            return ox.NamedNode(value)
        except ValueError as exc:
            raise QueryError(f"not a valid IRI: {value!r} ({exc})") from None
    if kind == "integer":
        try:
            int(value)
        except ValueError:
            raise QueryError(f"not an integer: {value!r}") from None
        return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    if kind == "date":
        return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    return ox.Literal(value)


def _open_read_only(path: Path, attempts: int = 4) -> ox.Store:
    """A read-only snapshot of the store as of its last committed write.

    It needs no lock, so it opens while another process writes (an ingest, a push from
    elsewhere). An open that races the writer deleting a file (a flush or compaction) fails
    with "Corruption: ... No such file"; it is retried a few times before the error is
    reported.
    """
    for attempt in range(attempts):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:  # RocksDB: "Corruption: ... No such file"
            if attempt == attempts - 1:
                raise OSError(str(exc)) from None
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _import_format(path: Path, fmt: str | None) -> ox.RdfFormat | None:
    if fmt:
        return IMPORT_FORMATS.get(fmt)
    return ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower())


def is_rdfxml(path: Path, fmt: str | None = None) -> bool:
    """Whether `Store.bulk_import` would read ``path`` as RDF/XML."""
    return _import_format(path, fmt) == ox.RdfFormat.RDF_XML


class Store:
    """A kg store on disk: read-write (one process at a time) or a read-only snapshot."""

    def __init__(self, path: str | Path, *, read_only: bool = False, create: bool = True) -> None:
        self.path = Path(path)
        is_store = (self.path / "CURRENT").is_file()  # every Oxigraph (RocksDB) store has one
        if (read_only or not create) and not is_store:
            raise StoreNotFound(f"no store at {self.path}")
        if self.path.is_dir() and not is_store and any(self.path.iterdir()):
            raise NotAStore(
                f"{self.path} is a folder with other files in it, not a kg store",
                hint="a store goes in an empty or new folder",
            )
        try:
            if read_only:
                self._store = _open_read_only(self.path)
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            msg = str(exc)
            if "lock" in msg.lower():
                raise StoreBusy(
                    f"the store at {self.path} is in use by another kg process",
                    hint="wait for it to finish, or use another store",
                ) from None
            raise StoreError(f"cannot open the store at {self.path}: {msg}") from None

    # --- writing ---------------------------------------------------------------------------------

    def replace_graphs(
        self,
        writes: list[GraphWrite],
        *,
        meta_subjects: tuple[str, ...] = (),
        meta_ntriples: str = "",
        drop: tuple[str, ...] = (),
    ) -> None:
        """Replace named graphs and some subjects' triples in the meta graph, atomically."""
        ops: list[str] = []
        for graph in (*drop, *(w.graph for w in writes)):
            ops.append(f"DROP SILENT GRAPH <{graph}>")
        for subject in meta_subjects:
            ops.append(f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ <{subject}> ?p ?o }} }}")
        inserts = [f"GRAPH <{w.graph}> {{\n{w.ntriples}\n}}" for w in writes if w.ntriples.strip()]
        if meta_ntriples.strip():
            inserts.append(f"GRAPH <{META_GRAPH}> {{\n{meta_ntriples}\n}}")
        if inserts:
            ops.append("INSERT DATA {\n" + "\n".join(inserts) + "\n}")
        self._apply(ops)

    def _apply(self, ops: list[str]) -> None:
        """Run update operations as one transaction: all of them are written, or none."""
        if not ops:
            return
        try:
            self._store.update(" ;\n".join(ops))
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"write to {self.path} failed; nothing was changed: {exc}") from None

    def flush(self) -> None:
        self._store.flush()

    # --- reading ---------------------------------------------------------------------------------

    def graph_sha(self, graph: str) -> str | None:
        res = self.select(
            f"SELECT ?sha WHERE {{ GRAPH <{META_GRAPH}> {{ <{graph}> <{KG_NS}sha256> ?sha }} }}",
            union=False,
        )
        return res.rows[0][0].value if res.rows and res.rows[0][0] else None

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def select(
        self, sparql: str, bindings: Mapping[str, Any] | None = None, *, union: bool = True
    ) -> Results:
        """Run a SPARQL query over the union of the graphs; parameters bound as RDF terms."""
        return self.evaluate(sparql, bindings, union=union)

    def graph_ntriples(self, graph: str) -> str:
        out = io.BytesIO()
        self._store.dump(out, ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
        return out.getvalue().decode("utf-8")

    def dump(self, out: IO[bytes], fmt: str = "nquads") -> None:
        """Write the whole store (or its union, for triple formats) in an RDF format."""
        if fmt not in EXPORT_FORMATS:
            raise FormatError(
                f"unknown export format {fmt!r}", hint="one of " + ", ".join(EXPORT_FORMATS)
            )
        rdf_format, quads = EXPORT_FORMATS[fmt]
        if rdf_format is None:
            raise FormatError("JSON-LD is written by kg.store.transfer, not by the store")
        if quads:
            self._store.dump(out, rdf_format)
        else:
            triples = self._store.query(
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
            )
            assert isinstance(triples, ox.QueryTriples)
            triples.serialize(out, rdf_format)

    def stats(self) -> StoreStats:
        def count(where: str) -> int:
            res = self.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}")
            cell = res.rows[0][0] if res.rows else None
            return int(cell.value) if cell else 0

        quads = len(self._store)
        graphs = sum(1 for g in self.named_graphs() if g.startswith(ARTICLE_GRAPH_PREFIX))
        return StoreStats(
            quads=quads,
            article_graphs=graphs,
            statements=count(f"?x a <{KG_NS}Statement>"),
            claims=count("?x a <https://schema.org/Claim>"),
            actors=count(ACTOR_PATTERN.format(kg=KG_NS, var="x")),
            evidence=count(f"?x <{KG_NS}inArticle> ?a"),
        )

    # --- serving, importing (kg serve, kg import) ---------------------------------------------------

    def evaluate(
        self,
        sparql: str,
        bindings: Mapping[str, Any] | None = None,
        *,
        union: bool = True,
        max_rows: int | None = None,
        deadline: float | None = None,
        triples_format: str = "ntriples",
        max_bytes: int | None = None,
    ) -> Results:
        """Run any SPARQL query, stopping with a clear error past ``max_rows`` results, past
        ``max_bytes`` characters of values, or past the ``deadline`` (a time.monotonic()
        value), checked while the results stream in.

        CONSTRUCT/DESCRIBE come back as text in ``triples_format`` (ntriples or turtle).
        """
        subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        try:
            result = self._store.query(
                sparql, use_default_graph_as_union=union, substitutions=subs or None
            )
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {exc}") from None
        except RuntimeError as exc:
            raise QueryError(f"query failed: {exc}") from None
        except OSError as exc:
            raise StoreError(f"query failed: {exc}") from None
        if isinstance(result, ox.QueryBoolean):
            return Results((), (), boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            triples, error = _bounded(result, max_rows, deadline, max_bytes)
            del result
            if error:
                del triples
                raise error
            fmt = ox.RdfFormat.TURTLE if triples_format == "turtle" else ox.RdfFormat.N_TRIPLES
            text = ox.serialize(triples, format=fmt) or b""
            return Results((), (), triples=text.decode("utf-8"))
        variables = tuple(v.value for v in result.variables)
        solutions, error = _bounded(result, max_rows, deadline, max_bytes)
        del result
        if error:
            del solutions
            raise error
        rows = tuple(tuple(_cell(sol[v]) for v in variables) for sol in solutions)
        return Results(variables, rows)

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 UPDATE in one transaction (only on a store opened for writing)."""
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL update: {exc}") from None
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"update on {self.path} failed: {exc}") from None

    def bulk_import(self, path: Path, fmt: str | None = None, graph: str | None = None) -> int:
        """Load an RDF file with Oxigraph's bulk loader; returns how many quads were added.

        The bulk loader writes sorted files straight to disk (fast on millions of quads) but
        is not one transaction: a file with a syntax error part-way leaves what came before it.
        The store is compacted afterwards: the loader leaves many files per index, and every
        index lookup of a query would otherwise open each of them (queries ~20% faster).
        """
        rdf_format = _import_format(path, fmt)
        if rdf_format is None:
            raise FormatNotDetected(
                f"cannot tell the RDF format of {path}",
                hint="name it .nq/.trig/.ttl/.nt/.jsonld/.rdf, or give the format",
            )
        before = len(self._store)
        try:
            self._store.bulk_load(
                path=str(path),
                format=rdf_format,
                to_graph=ox.NamedNode(graph) if graph else None,
            )
        except SyntaxError as exc:
            raise StoreError(f"{path} is not valid {rdf_format.name}: {exc}") from None
        except (OSError, ValueError) as exc:
            raise StoreError(f"cannot import {path}: {exc}") from None
        try:
            self._store.optimize()
        except OSError as exc:
            raise StoreError(f"imported {path}, but compacting the store failed: {exc}") from None
        return len(self._store) - before

    def __len__(self) -> int:
        return len(self._store)

    def quads(self) -> Iterator[tuple[str, str, str, str]]:
        """Every quad as N-Triples-style term strings (for tests and diffs)."""
        for q in self._store:
            yield (str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))

    def close(self) -> None:
        # RuntimeError: a store opened read-only has nothing to flush
        with suppress(OSError, RuntimeError):
            self._store.flush()
        del self._store

    def update_graph(self, graph: str, delete_ntriples: str, insert_ntriples: str) -> None:
        """Delete some triples from a named graph and insert others, in one transaction."""
        ops = []
        if delete_ntriples.strip():
            ops.append(f"DELETE DATA {{ GRAPH <{graph}> {{\n{delete_ntriples}\n}} }}")
        if insert_ntriples.strip():
            ops.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{insert_ntriples}\n}} }}")
        self._apply(ops)


@contextmanager
def open_store(
    path: str | Path, *, read_only: bool = False, create: bool = True
) -> Iterator[Store]:
    """The store for a block. Read commands pass ``read_only=True``: a snapshot that takes no
    lock, so queries, exports and pushes never hold up an ingest (nor it them)."""
    store = Store(path, read_only=read_only, create=create)
    try:
        yield store
    finally:
        store.close()
