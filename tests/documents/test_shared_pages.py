"""The pool of shared-memory blocks rendered pages live in: reuse, bounds, names removed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reviewer.documents.shared_pages import SharedBlockPool

MIB = 1024 * 1024
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX shared memory names")


def _exists(name: str) -> bool:
    return (Path("/dev/shm") / name).exists()


def test_a_returned_block_serves_the_next_page_of_its_size() -> None:
    pool = SharedBlockPool()
    try:
        first = pool.acquire(7 * MIB)
        first.buf[:4] = b"page"
        pool.release(first)
        again = pool.acquire(7 * MIB)
        assert again is first  # already mapped: no new memory, no page faults
        other = pool.acquire(7 * MIB)
        assert other is not first  # a block in use is never handed out twice
        assert other.size >= 7 * MIB
    finally:
        pool.close()


def test_a_much_bigger_spare_block_is_not_spent_on_a_small_page() -> None:
    pool = SharedBlockPool()
    try:
        big = pool.acquire(40 * MIB)
        pool.release(big)
        small = pool.acquire(2 * MIB)
        assert small is not big
        assert small.size < 4 * MIB
    finally:
        pool.close()


@posix_only
def test_spare_blocks_beyond_the_budget_are_removed() -> None:
    pool = SharedBlockPool(spare_bytes=16 * MIB)
    try:
        blocks = [pool.acquire(8 * MIB) for _ in range(4)]
        assert all(_exists(b.name) for b in blocks)
        assert pool.bytes_held == 32 * MIB
        for block in blocks:
            pool.release(block)
        assert pool.bytes_held == 16 * MIB
        assert sum(_exists(b.name) for b in blocks) == 2
    finally:
        pool.close()
    assert not any(_exists(b.name) for b in blocks)


@posix_only
def test_closing_removes_every_name_but_pixels_still_viewed_stay_readable() -> None:
    pool = SharedBlockPool()
    block = pool.acquire(MIB)
    block.buf[:5] = b"pixel"
    view = block.buf[:5]
    pool.close()
    assert not _exists(block.name)
    assert bytes(view) == b"pixel"  # an image on screen keeps its memory until it goes
    pool.release(block)  # an image dropped after the pool closed: nothing to do
    with pytest.raises(RuntimeError, match="closed"):
        pool.acquire(MIB)


def test_a_block_is_mapped_in_once_and_a_reserved_one_is_ready() -> None:
    pool = SharedBlockPool()
    try:
        pool.reserve(3 * MIB)
        block = pool.acquire(3 * MIB)
        assert block.mapped_bytes == block.size  # made and mapped in ahead of the first page
        assert pool.blocks_held == 1  # the reserved block served the page
        other = pool.acquire(3 * MIB)
        other.map_in(MIB)
        assert other.mapped_bytes == MIB
        other.map_in(MIB // 2)  # already mapped: nothing to do
        assert other.mapped_bytes == MIB
    finally:
        pool.close()
