"""The one way a file is written: atomically (a temporary file beside it, then ``os.replace``), as UTF-8."""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` as UTF-8 so that a reader sees the old file or the new one, never half
    of one; a failure leaves any previous file untouched."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8"))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


# ---------------------------------------------------------------------------------------------
# a folder's lock, and switching a whole folder in one step
# ---------------------------------------------------------------------------------------------

LOCK = ".verify.lock"        # the lock file in a folder verify writes (git-ignored)


class FolderBusy(RuntimeError):
    """Another process holds the folder's lock."""


_held: dict[str, tuple[int, int]] = {}      # real path of a locked folder -> (fd of its lock file, depth)


def can_fork() -> bool:
    """Whether this process may start children by forking (a daemonic multiprocessing worker may not)."""
    import multiprocessing
    return hasattr(os, "fork") and not multiprocessing.current_process().daemon


def drop_inherited_locks() -> None:
    """In a forked child: close the copies of the parent's lock files, so that a child outliving its
    parent does not keep the parent's folders locked."""
    for fd, _ in _held.values():
        with contextlib.suppress(OSError):
            os.close(fd)
    _held.clear()


@contextlib.contextmanager
def folder_lock(folder: str | Path):
    """Hold ``folder``'s lock (``folder/.verify.lock``, created with the folder if need be) for a ``with``
    block; raise :class:`FolderBusy` at once, naming the holder's process id, when another process holds
    it. Re-entrant within a process. The lock is ``flock`` on the lock file; the file is never deleted
    (deleting a lock file lets two processes lock two different files), and a lock taken on a file that
    has since been switched out with its folder is taken again on the new one."""
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    real = str(path.resolve())
    if real in _held:
        fd, depth = _held[real]
        _held[real] = (fd, depth + 1)
        try:
            yield path
        finally:
            fd, depth = _held[real]
            _held[real] = (fd, depth - 1)
        return
    try:
        import fcntl
    except ImportError:            # no flock (Windows): no lock
        yield path
        return
    lock = Path(real) / LOCK
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 64).decode(errors="replace").strip()
            os.close(fd)
            raise FolderBusy(f"{folder} is being written by another verify run"
                             + (f" (process {holder})" if holder else "")
                             + "; wait for it to finish, or choose another folder") from None
        try:
            same = os.fstat(fd).st_ino == os.stat(lock).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)               # the folder was switched meanwhile: lock the new one's file
    os.ftruncate(fd, 0)
    os.write(fd, str(os.getpid()).encode())
    _held[real] = (fd, 1)
    try:
        yield path
    finally:
        del _held[real]
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)         # an unheld lock file is empty
        os.close(fd)


def _renameat2_exchange(a: Path, b: Path) -> bool:
    """Exchange two paths atomically (Linux ``renameat2(RENAME_EXCHANGE)``); False where that is not
    available (another system, an old C library or kernel, a file system without it)."""
    import ctypes
    import errno
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    AT_FDCWD, RENAME_EXCHANGE = -100, 2
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def switch_folder(new: str | Path, target: str | Path) -> Path | None:
    """Put the folder ``new`` in ``target``'s place in one step, so that a reader (or a process killed at
    any moment) sees the old folder or the new one, never a mixture. Returns where the old folder now
    is (to be removed by the caller), or None when there was none. On Linux the two are exchanged by one
    ``renameat2(RENAME_EXCHANGE)``; elsewhere the old folder is first renamed aside (a kill between the
    two renames leaves it at ``.NAME-old-*`` beside the target)."""
    new, target = Path(new), Path(target)
    if not target.exists():
        os.rename(new, target)
        return None
    if _renameat2_exchange(new, target):
        return new
    aside = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
    os.rmdir(aside)
    os.rename(target, aside)
    os.rename(new, target)
    return aside


def remove_tree(path: str | Path) -> None:
    """Remove a folder verify built or switched out, read-only subfolders included; errors ignored."""
    import shutil
    import stat

    def writable_then_retry(func, p, _exc):
        try:
            os.chmod(os.path.dirname(p), stat.S_IRWXU)
            func(p)
        except OSError:
            pass
    shutil.rmtree(path, onerror=writable_then_retry)
