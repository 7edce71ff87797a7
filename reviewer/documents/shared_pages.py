"""Shared-memory blocks that rendered pages live in, from the worker's brush to the screen.

The documents worker draws a page straight into a block; the app wraps that block as its
image without copying and keeps it as long as the image lives (in the page cache, on
screen). When the image is gone the block goes back to the pool and the next page is drawn
into it: memory already mapped in both processes, so neither side pays page faults again.

Blocks are raw mappings, not `SharedMemory` objects: an image may still be wrapping a block
when the pool lets go of it, and a mapping only goes away once nothing views it, without the
`BufferError` that `SharedMemory.close()` raises then. Names are registered with
multiprocessing's resource tracker, which removes any a crash leaves behind.
"""

from __future__ import annotations

import mmap
import os
import secrets
import sys
import threading
from contextlib import suppress
from dataclasses import dataclass, field
from multiprocessing import resource_tracker

_POSIX = sys.platform != "win32"
if sys.platform != "win32":
    import _posixshmem

_MIB = 1024 * 1024
_PAGE = mmap.PAGESIZE


@dataclass(eq=False)
class SharedBlock:
    """One named shared-memory mapping (`buf` is writable, `size` bytes)."""

    name: str
    size: int
    buf: memoryview = field(repr=False)
    mapped_bytes: int = 0  # how much of it this process has touched (see `map_in`)

    def map_in(self, nbytes: int) -> None:
        """Touch the first `nbytes` so this process's page tables map them now.

        Call it on a worker thread: otherwise the first paint of the page, on the GUI thread,
        takes the page faults, thousands for a page image (5 ms for 8 MiB measured on a VM).
        Once per block: a reused block is mapped already.
        """
        if nbytes > self.mapped_bytes:
            bytes(self.buf[self.mapped_bytes : nbytes : _PAGE])
            self.mapped_bytes = nbytes


def _create(size: int) -> SharedBlock:
    while True:
        name = "rvpg_" + secrets.token_hex(8)
        if sys.platform == "win32":
            return SharedBlock(name, size, memoryview(mmap.mmap(-1, size, tagname=name)))
        try:
            fd = _posixshmem.shm_open("/" + name, os.O_CREAT | os.O_EXCL | os.O_RDWR, mode=0o600)
        except FileExistsError:
            continue
        try:
            os.ftruncate(fd, size)
            mapping = mmap.mmap(fd, size)
        except OSError:
            _posixshmem.shm_unlink("/" + name)
            raise
        finally:
            os.close(fd)
        resource_tracker.register("/" + name, "shared_memory")
        return SharedBlock(name, size, memoryview(mapping))


def _unlink(block: SharedBlock) -> None:
    """Remove the block's name; its memory goes once no process maps it any more."""
    if _POSIX:
        with suppress(FileNotFoundError):  # already gone: nothing left to remove
            _posixshmem.shm_unlink("/" + block.name)
        resource_tracker.unregister("/" + block.name, "shared_memory")


class SharedBlockPool:
    """Blocks handed out for rendered pages and taken back for reuse; thread-safe.

    Up to `spare_bytes` of returned blocks are kept for the next pages; beyond that the
    largest go. A block in use is never reclaimed, so what the pool holds in all is the
    pages alive (the app's page cache bounds them) plus the spare.
    """

    def __init__(self, spare_bytes: int = 64 * _MIB, typical_bytes: int = 8 * _MIB) -> None:
        self.spare_bytes = spare_bytes
        self.typical_bytes = typical_bytes  # a first guess at a page's size; then the last one
        self._lock = threading.RLock()  # release() may run from a finalizer inside acquire()
        self._free: list[SharedBlock] = []
        self._live: dict[str, SharedBlock] = {}
        self._closed = False

    def acquire(self, nbytes: int) -> SharedBlock:
        """A block of at least `nbytes`: a returned one that fits well, or a new one."""
        nbytes = max(nbytes, 1)
        with self._lock:
            if self._closed:
                raise RuntimeError("the page memory pool is closed")
            # a block more than twice too big would waste it on a small page
            fits = [b for b in self._free if nbytes <= b.size <= 2 * nbytes + _MIB]
            if fits:
                block = min(fits, key=lambda b: b.size)
                self._free.remove(block)
                return block
        block = _create(-(-nbytes // _MIB) * _MIB)
        with self._lock:
            self._live[block.name] = block
        return block

    def release(self, block: SharedBlock) -> None:
        """Take a block back: its pixels are no longer looked at."""
        with self._lock:
            if self._closed or block.name not in self._live:
                return
            self._free.append(block)
            spare = sum(b.size for b in self._free)
            while spare > self.spare_bytes and self._free:
                largest = max(self._free, key=lambda b: b.size)
                self._free.remove(largest)
                del self._live[largest.name]
                spare -= largest.size
                _unlink(largest)

    def reserve(self, nbytes: int) -> None:
        """Have a block of `nbytes` ready and mapped in, made now (off the GUI thread) rather
        than when the first page needs it."""
        block = self.acquire(nbytes)
        block.map_in(block.size)
        self.release(block)

    def note_size(self, nbytes: int) -> None:
        """Remember the size of the last page, as the guess for the next one."""
        self.typical_bytes = max(nbytes, 1)

    @property
    def bytes_held(self) -> int:
        """Bytes of every block the pool has made and not yet let go, in use or spare."""
        with self._lock:
            return sum(b.size for b in self._live.values())

    @property
    def blocks_held(self) -> int:
        """How many blocks the pool has made and not yet let go, in use or spare."""
        with self._lock:
            return len(self._live)

    def close(self) -> None:
        """Remove every block's name; memory still viewed by an image stays until it goes."""
        with self._lock:
            self._closed = True
            blocks = list(self._live.values())
            self._live.clear()
            self._free.clear()
        for block in blocks:
            _unlink(block)
