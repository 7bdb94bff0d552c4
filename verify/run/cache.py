"""An on-disk cache of symbolic checks' results (SymPy simplification is the slow part of a re-run).

A result is stored under the sha256 of everything it depends on: the engine version (a hash of the
``verify`` package's source files, so any change to the checker invalidates every entry), the source
file of the check's class, the check's type and parameters (SymPy values by ``srepr``, so assumptions
count), the statement (relation, hypotheses, definitions and LaTeX, by ``srepr``), the target, the
claim id (checks seed their random search from it), the run seed and the budget. A check whose
parameters have no stable representation (a lambda, any object shown ``at 0x...``) is not cached,
and neither is a result with outcome ``error``.

Entries are one JSON file each (``CheckResult.to_json()``), written to a temporary file and moved into
place with ``os.replace``, so children and Dask workers running in parallel never see half a file; a
file that cannot be read is a miss. The command line uses ``~/.cache/verify`` (or
``$VERIFY_CACHE_DIR``) unless ``--no-cache``; the Python API caches nothing unless :func:`configure`
turns it on.
"""
from __future__ import annotations

import contextlib
import dataclasses
import enum
import functools
import hashlib
import inspect
import json
import os
from pathlib import Path

import sympy as sp

from ..core.files import write_atomically
from ..core.jsonsafe import jsonable
from ..core.model import SYMBOLIC, Budget, CheckResult, Outcome, Statement

ENV = "VERIFY_CACHE_DIR"
_folder: Path | None = None          # None: caching off


class Unstable(Exception):
    """A value with no representation that is the same in every process."""


def default_folder() -> Path:
    return Path(os.environ.get(ENV) or Path.home() / ".cache" / "verify")


def configure(enabled: bool, folder: str | Path | None = None) -> None:
    """Turn the cache on (in ``folder``, default :func:`default_folder`) or off, for this process and
    the children it forks."""
    global _folder
    _folder = (Path(folder) if folder is not None else default_folder()) if enabled else None
    if enabled:
        engine_version()           # once here, not in every forked child


def folder() -> Path | None:
    """The cache folder, or None when caching is off."""
    return _folder


@contextlib.contextmanager
def configured(enabled: bool, folder: str | Path | None = None):
    """:func:`configure` for the duration of a ``with`` block; the previous setting comes back after."""
    global _folder
    before = _folder
    configure(enabled, folder)
    try:
        yield _folder
    finally:
        _folder = before


# ---------------------------------------------------------------------------------------------
# keys
# ---------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def engine_version() -> str:
    """sha256 of the verify package's source files (names and contents)."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".html", ".css")
                       and "__pycache__" not in p.parts):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@functools.lru_cache(maxsize=None)
def _file_hash(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def stable_repr(value) -> str:
    """A representation that is the same in every process; raises :class:`Unstable` when there is none."""
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return repr(value)
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, (sp.Basic, sp.MatrixBase)):
        return sp.srepr(value)
    if isinstance(value, type):
        if issubclass(value, sp.Basic) and hasattr(value, "name"):        # an undefined function f
            return sp.srepr(value)
        return f"class {value.__module__}.{value.__qualname__}"
    if isinstance(value, (list, tuple)):
        return type(value).__name__ + "(" + ", ".join(stable_repr(v) for v in value) + ")"
    if isinstance(value, (set, frozenset)):
        return type(value).__name__ + "(" + ", ".join(sorted(stable_repr(v) for v in value)) + ")"
    if isinstance(value, dict) or (hasattr(value, "items") and hasattr(value, "keys")):
        return "{" + ", ".join(sorted(f"{stable_repr(k)}: {stable_repr(v)}" for k, v in value.items())) + "}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = ", ".join(f"{f.name}={stable_repr(getattr(value, f.name))}" for f in dataclasses.fields(value))
        return f"{type(value).__module__}.{type(value).__qualname__}({fields})"
    text = repr(value)
    if " at 0x" in text or callable(value):
        raise Unstable(text)
    return f"{type(value).__module__}.{type(value).__qualname__}:{text}"


def statement_repr(statement: Statement) -> str:
    return stable_repr((statement.relation, tuple(statement.assuming), dict(statement.where), statement.latex))


def key(check, statement: Statement, target: str, claim_id: str, seed: int, budget: Budget) -> str | None:
    """The cache key of a check's result, or None when the check is not cacheable."""
    if getattr(check, "kind", None) != SYMBOLIC:
        return None
    try:
        parts = [engine_version(), _file_hash(inspect.getsourcefile(type(check)) or ""),
                 stable_repr(check), statement_repr(statement), target, claim_id, str(seed), stable_repr(budget)]
    except Exception:          # Unstable, or a value srepr cannot show: not cacheable
        return None
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


# ---------------------------------------------------------------------------------------------
# storage
# ---------------------------------------------------------------------------------------------

def _path(k: str) -> Path:
    return _folder / k[:2] / f"{k}.json"


def get(k: str | None) -> CheckResult | None:
    if _folder is None or k is None:
        return None
    try:
        return CheckResult.from_json(json.loads(_path(k).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def put(k: str | None, result: CheckResult) -> None:
    """Store ``result`` atomically; a failure to write is ignored (the cache is only an optimisation)."""
    if _folder is None or k is None or result.outcome is Outcome.ERROR:
        return
    path = _path(k)
    try:
        text = json.dumps(jsonable(result.to_json()))      # key order kept: reports show it
        write_atomically(path, text)
    except (OSError, TypeError, ValueError):
        pass
