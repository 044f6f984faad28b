"""Putting a finished directory in place in one step, so a reader (or an interrupted run)
never sees half of a bag or half of an OCFL version.

A new directory is renamed into place (atomic). An existing one is swapped with its
replacement by Linux's renameat2(RENAME_EXCHANGE), which Python does not expose; where the
call or the file system lacks it, two renames are used and the short window between them
is recoverable (`recover_aside`).
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _renameat2():
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2  # glibc >= 2.28
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                         ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap two directories atomically; False where the system cannot (the caller falls back)."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def replace_dir(new: Path, target: Path, *, aside: Path, atomic: bool = True) -> None:
    """Put directory NEW at TARGET, replacing what is there; the old one ends at ASIDE and is
    deleted. ASIDE must be on the same file system and not exist."""
    if not target.exists():
        os.rename(new, target)
        return
    if atomic and exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # `new` now holds the old directory
        return
    os.rename(target, aside)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(aside, target)
        raise
    shutil.rmtree(aside, ignore_errors=True)


def recover_aside(target: Path, aside: Path) -> bool:
    """After a crash between the two renames of the fallback, put the old directory back."""
    if not target.exists() and aside.is_dir():
        os.rename(aside, target)
        return True
    return False


def inside(path: Path, folder: Path) -> bool:
    """True when PATH is FOLDER or lies under it (both resolved)."""
    path, folder = Path(path).resolve(), Path(folder).resolve()
    return path == folder or folder in path.parents
