"""Linux's kernel keyring (keyrings(7)), reached through the `add_key` and `keyctl` syscalls.

Reviewer keeps one kind of entry there: what a passphrase derives to, for a few minutes
(`passphrase_key`). The kernel keyring is not the OS keyring of `keyring` (Secret Service):
it exists on every Linux, with or without a desktop, and its entries live in kernel memory
only (never on disk, never in swap). They go in the session keyring of the login session
where the login made one (pam_keyinit; the kernel drops it when the session ends), else in the
user's session keyring, which the user's processes without one share. An entry made here is
readable only by processes that possess that keyring (the login session's own processes, or
then the user's) and expires by itself.

Every function answers "not available" (None / False) instead of raising: on other systems,
on an architecture whose syscall numbers are not listed here, or where a sandbox (a container's
seccomp profile) refuses the calls, Reviewer simply does without.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any

KEY_SPEC_SESSION_KEYRING = -3
KEY_SPEC_USER_SESSION_KEYRING = -5
_KEYCTL_GET_KEYRING_ID = 0
_KEYCTL_JOIN_SESSION_KEYRING = 1
_KEYCTL_SETPERM = 5
_KEYCTL_SEARCH = 10
_KEYCTL_READ = 11
_KEYCTL_SET_TIMEOUT = 15
_KEYCTL_INVALIDATE = 21
# possessor: view, read, write, search, link, setattr; the user, group and others: nothing
POSSESSOR_ONLY = 0x3F000000
_KEY_TYPE = b"user"
_MAX_PAYLOAD = 4096

# (add_key, keyctl) syscall numbers: x86_64's own table, and the generic table of the newer ports
_SYSCALLS = {
    "x86_64": (248, 250),
    "aarch64": (217, 219),
    "arm64": (217, 219),
    "riscv64": (217, 219),
}

_libc: Any = None


def _syscall(number: int, *args: Any) -> int:
    """The syscall's result; -1 when it failed (or cannot be made here)."""
    global _libc  # loaded once, on first use
    import ctypes

    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
        _libc.syscall.restype = ctypes.c_long
    result = _libc.syscall(ctypes.c_long(number), *args)
    return int(result)


def _numbers() -> tuple[int, int] | None:
    if not sys.platform.startswith("linux"):
        return None
    return _SYSCALLS.get(os.uname().machine)


def available() -> bool:
    """Whether this system has a kernel keyring Reviewer knows how to reach."""
    return _numbers() is not None


def store(description: str, payload: bytes, timeout_s: int) -> bool:
    """Keep `payload` in the session keyring under `description` (replacing what was there),
    readable by the session's processes only, gone after `timeout_s` seconds."""
    numbers = _numbers()
    if numbers is None or not 0 < len(payload) <= _MAX_PAYLOAD or timeout_s <= 0:
        return False
    import ctypes

    add_key, keyctl = numbers
    with contextlib.suppress(OSError, AttributeError, ValueError):
        # a new key starts as "possessor: all, user: view": never readable by anyone else
        serial = _syscall(
            add_key,
            ctypes.c_char_p(_KEY_TYPE),
            ctypes.c_char_p(description.encode()),
            ctypes.c_char_p(payload),
            ctypes.c_size_t(len(payload)),
            ctypes.c_long(_keyring_to_store_in(keyctl)),
        )
        if serial < 0:
            return False
        perm = _syscall(
            keyctl,
            ctypes.c_long(_KEYCTL_SETPERM),
            ctypes.c_long(serial),
            ctypes.c_ulong(POSSESSOR_ONLY),
        )
        timeout = _syscall(
            keyctl,
            ctypes.c_long(_KEYCTL_SET_TIMEOUT),
            ctypes.c_long(serial),
            ctypes.c_ulong(timeout_s),
        )
        if perm == 0 and timeout == 0:
            return True
        _invalidate(keyctl, serial)  # never leave an entry without its expiry behind
    return False


def fetch(description: str) -> bytes | None:
    """The payload kept under `description` (None if there is none, or it expired)."""
    found = _search(description)
    if found is None:
        return None
    keyctl, serial = found
    import ctypes

    with contextlib.suppress(OSError, AttributeError, ValueError):
        buffer = ctypes.create_string_buffer(_MAX_PAYLOAD)
        size = _syscall(
            keyctl,
            ctypes.c_long(_KEYCTL_READ),
            ctypes.c_long(serial),
            buffer,
            ctypes.c_size_t(_MAX_PAYLOAD),
        )
        if not 0 < size <= _MAX_PAYLOAD:
            return None
        return buffer.raw[:size]
    return None


def extend(description: str, timeout_s: int) -> bool:
    """The entry under `description` expires `timeout_s` seconds from now; False if none."""
    found = _search(description)
    if found is None or timeout_s <= 0:
        return False
    keyctl, serial = found
    import ctypes

    with contextlib.suppress(OSError, AttributeError, ValueError):
        args = (
            ctypes.c_long(_KEYCTL_SET_TIMEOUT),
            ctypes.c_long(serial),
            ctypes.c_ulong(timeout_s),
        )
        return _syscall(keyctl, *args) == 0
    return False


def remove(description: str) -> bool:
    """Invalidate the entry under `description`: unusable at once (the kernel's garbage collector
    unlists it later); False if none."""
    found = _search(description)
    if found is None:
        return False
    keyctl, serial = found
    return _invalidate(keyctl, serial)


def join_new_session() -> bool:
    """Give this process (and the processes it starts) a new, empty session keyring.

    For isolation: the test suite and the benchmarks run in one, so that nothing they keep
    reaches the keyring of the session they were started from.
    """
    numbers = _numbers()
    if numbers is None:
        return False
    import ctypes

    with contextlib.suppress(OSError, AttributeError, ValueError):
        serial = _syscall(
            numbers[1], ctypes.c_long(_KEYCTL_JOIN_SESSION_KEYRING), ctypes.c_char_p(None)
        )
        return serial >= 0
    return False


def _keyring_to_store_in(keyctl: int) -> int:
    """The login session's keyring where it has one (pam_keyinit makes one per login), else
    the user's session keyring, which the user's processes share when they have none.

    Adding to "the session keyring" of a process that has none would make it a new, private
    one: the entry would be lost with the process, and the next command would never find it.
    (Searching "the session keyring" of such a process searches the user's, as wanted.)
    """
    import ctypes

    session = _syscall(
        keyctl,
        ctypes.c_long(_KEYCTL_GET_KEYRING_ID),
        ctypes.c_long(KEY_SPEC_SESSION_KEYRING),
        ctypes.c_long(0),
    )
    user_session = _syscall(
        keyctl,
        ctypes.c_long(_KEYCTL_GET_KEYRING_ID),
        ctypes.c_long(KEY_SPEC_USER_SESSION_KEYRING),
        ctypes.c_long(0),
    )
    if session >= 0 and session != user_session:
        return KEY_SPEC_SESSION_KEYRING
    return KEY_SPEC_USER_SESSION_KEYRING


def _search(description: str) -> tuple[int, int] | None:
    numbers = _numbers()
    if numbers is None:
        return None
    import ctypes

    keyctl = numbers[1]
    with contextlib.suppress(OSError, AttributeError, ValueError):
        serial = _syscall(
            keyctl,
            ctypes.c_long(_KEYCTL_SEARCH),
            ctypes.c_long(KEY_SPEC_SESSION_KEYRING),
            ctypes.c_char_p(_KEY_TYPE),
            ctypes.c_char_p(description.encode()),
            ctypes.c_long(0),
        )
        if serial >= 0:
            return keyctl, serial
    return None


def _invalidate(keyctl: int, serial: int) -> bool:
    import ctypes

    with contextlib.suppress(OSError, AttributeError, ValueError):
        return _syscall(keyctl, ctypes.c_long(_KEYCTL_INVALIDATE), ctypes.c_long(serial)) == 0
    return False
