"""Where the spaCy work runs: here (`extractor`), or on a Dask distributed cluster (the
optional extra kg-aigeo[cluster]).

The client reads and hashes the articles and decides what to extract, exactly as a local run
(kg.pipeline); only the spaCy work moves: batches of articles go to the workers as tasks, each
worker process loads the pipeline once (kg.extract.load_nlp caches it per process) and sends
back the `Extraction`s, and the client commits them one transaction per article as it does
locally. The results come back in input order, with a bounded number of batches in flight, so
memory does not grow with the archive.

A worker that dies mid-batch loses nothing: the scheduler runs its tasks again on another
worker (and a task that raised is retried); a batch the cluster gives up on comes back as one
`ExtractionFailed` per article, by name, and the run goes on. Dask is imported only here, and
only when a scheduler is given.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from types import ModuleType
from typing import Any, TypeVar

from kg.errors import ClusterError, ClusterUnavailable, KGError
from kg.model import Article, Extraction, ExtractionFailed
from kg.resolve.decisions import Decisions
from kg.resolve.gazetteer import DEFAULT_GAZETTEER, Gazetteer
from kg.settings import Settings

T = TypeVar("T")
R = TypeVar("R")

#: the optional extra that brings the Dask client in
EXTRA = "kg-aigeo[cluster]"
#: articles per task: large enough that a task outweighs its scheduling (a few ms), small
#: enough that a lost worker costs little work and the client sees progress often
BATCH = 8
#: how often the scheduler may lose a task's worker, or a task may raise, before its
#: articles are reported failed
RETRIES = 2
#: seconds to wait for the scheduler to answer
CONNECT_TIMEOUT = 30.0


def distributed() -> ModuleType:
    """The `distributed` module, or a clear error naming the extra that installs it."""
    try:
        import distributed as dist
    except ImportError:
        raise ClusterUnavailable(
            "extraction on a Dask cluster needs the Dask client (`distributed`), which is not "
            "installed",
            hint=f"install the optional extra: pip install '{EXTRA}'",
        ) from None
    return dist


# --- on a worker ---------------------------------------------------------------------------------


def extract_batch(
    articles: list[Article], model: str, gazetteer_path: str | None, decisions: Decisions
) -> list[Extraction | ExtractionFailed]:
    """Extract a batch on a worker (the task Dask runs). The pipeline is loaded on the first
    batch a worker process gets and kept for the next ones. ``gazetteer_path`` None is the
    gazetteer the worker's kg ships (a worker's install may live elsewhere than the client's).
    An article whose extraction raises comes back as an `ExtractionFailed`; the others of its
    batch are still extracted."""
    from kg.extract import extract, extract_many, load_nlp

    gazetteer = Gazetteer.load(gazetteer_path) if gazetteer_path else Gazetteer.default()
    nlp = load_nlp(model, gazetteer)
    try:
        return list(extract_many(articles, nlp, gazetteer, decisions))
    except Exception:  # find the article that raised; the others still count
        out: list[Extraction | ExtractionFailed] = []
        for article in articles:
            try:
                out.append(extract(article, nlp, gazetteer, decisions))
            except KGError as err:
                out.append(ExtractionFailed(article, err.code, err.message, err.hint))
            except Exception as exc:  # reported by name, the run goes on
                out.append(
                    ExtractionFailed(article, ClusterError.code, f"extraction failed: {exc}")
                )
        return out


# --- on the client -------------------------------------------------------------------------------


@contextmanager
def connect(address: str, *, timeout: float | None = None) -> Iterator[Any]:
    """A Dask client of the scheduler at ``address`` (tcp://HOST:PORT), closed on exit."""
    dist = distributed()
    try:
        client = dist.Client(address, timeout=timeout or CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address}: {exc}",
            hint="start one (`dask scheduler`) and give its address, tcp://HOST:PORT",
        ) from None
    try:
        yield client
    finally:
        client.close()


class Batches:
    """Run a task over a stream of items on a Dask cluster, in batches, in input order.

    At most ``window`` batches are in flight (default: two per worker thread), so memory
    does not grow with the stream. A task is ``task(batch, *args) -> list`` (one result per
    item); a batch the cluster gives up on yields ``lost(item, reason)`` for each item.
    """

    def __init__(
        self,
        client: Any,
        *,
        batch: int | None = None,
        window: int | None = None,
        retries: int = RETRIES,
    ) -> None:
        self.client = client
        self.batch = max(1, batch or BATCH)
        self.window = window
        self.retries = retries

    def _window(self) -> int:
        if self.window:
            return self.window
        threads = sum(self.client.nthreads().values())
        return max(2, 2 * threads)

    def run(
        self,
        items: Iterable[T],
        task: Callable[..., list[R]],
        args: tuple[Any, ...],
        lost: Callable[[T, str], R],
    ) -> Iterator[R]:
        source = iter(items)
        pending: deque[tuple[list[T], Any]] = deque()
        window = self._window()
        try:
            while True:
                while len(pending) < window:
                    chunk = list(islice(source, self.batch))
                    if not chunk:
                        break
                    future = self.client.submit(
                        task, chunk, *args, retries=self.retries, pure=False
                    )
                    pending.append((chunk, future))
                if not pending:
                    return
                chunk, future = pending.popleft()
                try:
                    results = future.result()
                except Exception as exc:  # KilledWorker, CancelledError, a lost scheduler
                    reason = f"the cluster lost this batch: {type(exc).__name__}: {exc}"
                    results = [lost(item, reason) for item in chunk]
                finally:
                    future.release()
                yield from results
        finally:
            for _, future in pending:  # a caller that stops early leaves no work behind
                future.cancel()


def worker_gazetteer(gazetteer: Gazetteer) -> str | None:
    """The gazetteer as a worker names it: None for the one kg ships (a worker's install may
    live elsewhere than the client's), else its path (the same file must be there)."""
    return None if gazetteer.path == str(DEFAULT_GAZETTEER) else gazetteer.path


def lost_extraction(article: Article, reason: str) -> ExtractionFailed:
    return ExtractionFailed(article, ClusterError.code, reason)


class ClusterExtractor:
    """Extract a stream of articles on a Dask cluster: call it like `kg.extract.extract_many`.

    Yields an `Extraction` (or an `ExtractionFailed`) per article, in input order.
    """

    def __init__(
        self,
        client: Any,
        model: str,
        gazetteer: Gazetteer,
        decisions: Decisions,
        *,
        batch: int | None = None,
        window: int | None = None,
    ) -> None:
        self.batches = Batches(client, batch=batch, window=window)
        self.args = (model, worker_gazetteer(gazetteer), decisions)

    def __call__(self, articles: Iterable[Article]) -> Iterator[Extraction | ExtractionFailed]:
        return self.batches.run(articles, extract_batch, self.args, lost_extraction)


#: articles in, an extraction (or, on a cluster, a failure by name) per article out, in order
Extractor = Callable[[Iterable[Article]], Iterator[Extraction | ExtractionFailed]]


@contextmanager
def extractor(
    settings: Settings, gazetteer: Gazetteer, decisions: Decisions, *, workers: int = 1
) -> Iterator[Extractor]:
    """Where the spaCy work runs: in this process (``workers`` parse processes), or on the Dask
    cluster whose scheduler ``settings.scheduler`` names (kg.cluster; the pipeline is then
    loaded on the workers only)."""
    if settings.scheduler:
        with connect(settings.scheduler) as client:
            yield ClusterExtractor(client, settings.model, gazetteer, decisions)
        return
    from kg.extract import extract_many, load_nlp  # spaCy is loaded only when there is work

    nlp = load_nlp(settings.model, gazetteer)

    def local(articles: Iterable[Article]) -> Iterator[Extraction | ExtractionFailed]:
        return extract_many(articles, nlp, gazetteer, decisions, workers=workers)

    yield local
