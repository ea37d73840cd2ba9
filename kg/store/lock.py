"""One writer per store: an advisory lock file beside the store, held for a whole ingest.

Two `kg ingest` runs on one store must not interleave (each would skip or replace the
other's articles on stale knowledge), so the second either waits for the first
(`--wait`) or stops at once with a message naming the process that holds the lock.
The lock is `flock` on `<store>.ingest/lock`: the kernel releases it when the holder
exits, even by SIGKILL, so a crashed run never leaves a stale lock behind. It sits
beside the store, not in it, so it works before the store exists and whatever the
store engine itself locks (readers such as `kg serve` are not blocked by it).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import IngestLocked, StoreError


def work_dir(store_path: str | Path) -> Path:
    """The folder beside a store for its ingest lock and fetched pages: `<store>.ingest/`."""
    path = Path(store_path)
    return path.with_name(path.name + ".ingest")


@contextmanager
def writer_lock(store_path: str | Path, *, wait: bool = False) -> Iterator[None]:
    """Hold the store's writer lock for the block; raise StoreError if busy and not waiting."""
    folder = work_dir(store_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"cannot create the ingest lock in {folder}: {exc.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise IngestLocked(
                f"another kg ingest (pid {holder}) is writing to the store at {store_path}",
                hint="wait for it to finish, or take the lock with wait=True to queue behind it",
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # closing releases the flock
