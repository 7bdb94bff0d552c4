"""An on-disk cache of symbolic checks' results (SymPy simplification is the slow part of a re-run).

A result is stored under the sha256 of everything it depends on: the engine version (a hash of the
``verify`` package's source files, so any change to the checker invalidates every entry), the code the
check runs (:func:`code_digest`: the files of every module its class, the classes and functions among
its parameters and the SymPy classes of its statement come from, a whole package at a time, so a
helper module of a plugin counts as much as the module defining the check), the check's type and
parameters (SymPy values by ``srepr``, so assumptions count; Dummy symbols by their order of appearance,
:func:`canonical_dummies`), the statement (relation, hypotheses,
definitions and LaTeX, by ``srepr``), the target, the claim id (checks seed their random search from
it), the run seed and the budget. A check whose parameters have no stable representation (a lambda, any
object shown ``at 0x...``) is not cached, and neither is a result with outcome ``error``.

Entries are one JSON file each, ``{"key", "digest", "result"}`` (the result is ``CheckResult.to_json()``,
the digest the sha256 of the key and the result), written to a temporary file and moved into place
with ``os.replace``, so children and Dask workers running in parallel never see half a file. A read
checks the entry's key and digest and validates the result: an entry that fails (truncated, edited,
copied under another key) is a miss, said once on stderr, and removed. The command line uses ``~/.cache/verify`` (or
``$VERIFY_CACHE_DIR``) unless ``--no-cache``; the Python API caches nothing unless :func:`configure`
turns it on.
"""
from __future__ import annotations

import contextlib
import dataclasses
import enum
import functools
import hashlib
import types
import json
import os
import re
import sys
from pathlib import Path

import sympy as sp

from ..core.files import write_atomically
from ..core.jsonsafe import jsonable
from ..core.latex.parser import use_tree_cache
from ..core.model import SYMBOLIC, Budget, CheckResult, InvalidResult, Outcome, Statement, validated_result

ENV = "VERIFY_CACHE_DIR"
_folder: Path | None = None          # None: caching off
_verify: float = 0.0                 # the fraction of cache hits re-proved (--verify-cache); 0: none
DEFAULT_VERIFY = 0.1                 # --verify-cache's fraction unless --verify-cache-fraction


class Unstable(Exception):
    """A value with no representation that is the same in every process."""


def default_folder() -> Path:
    return Path(os.environ.get(ENV) or Path.home() / ".cache" / "verify")


def configure(enabled: bool, folder: str | Path | None = None, verify: float = 0.0) -> None:
    """Turn the cache on (in ``folder``, default :func:`default_folder`) or off, for this process and
    the children it forks. ``verify``: the fraction of cache hits re-proved (:func:`sampled`)."""
    global _folder, _verify
    if not 0.0 <= verify <= 1.0:
        raise ValueError(f"the fraction of cache hits re-proved must be in [0, 1], got {verify}")
    _folder = (Path(folder) if folder is not None else default_folder()) if enabled else None
    _verify = float(verify) if enabled else 0.0
    # claims that state their quotes (Statement.from_quote) read their parse trees from latex/ of the folder
    use_tree_cache(None if _folder is None else _folder / "latex")
    if enabled:
        engine_version()           # once here, not in every forked child


def folder() -> Path | None:
    """The cache folder, or None when caching is off."""
    return _folder


def verifying() -> float:
    """The fraction of cache hits re-proved (0: none)."""
    return _verify


@contextlib.contextmanager
def configured(enabled: bool, folder: str | Path | None = None, verify: float = 0.0):
    """:func:`configure` for the duration of a ``with`` block; the previous setting comes back after."""
    global _folder, _verify
    before = _folder, _verify
    configure(enabled, folder, verify)
    try:
        yield _folder
    finally:
        _folder, _verify = before
        use_tree_cache(None if _folder is None else _folder / "latex")


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
    if isinstance(value, types.FunctionType) and "<" not in value.__qualname__:
        return f"function {value.__module__}.{value.__qualname__}"      # its module's code is in the key
    text = repr(value)
    if " at 0x" in text or callable(value):
        raise Unstable(text)
    return f"{type(value).__module__}.{type(value).__qualname__}:{text}"


def statement_repr(statement: Statement) -> str:
    return stable_repr((statement.relation, tuple(statement.assuming), dict(statement.where), statement.latex))


def key(check, statement: Statement, target: str, claim_id: str, seed: int, budget: Budget) -> str | None:
    """The cache key of a check's result, or None when the check is not cacheable."""
    if getattr(check, "kind", None) != SYMBOLIC and not getattr(check, "cacheable", False):
        return None
    try:
        parts = [engine_version(), code_digest(check, statement),
                 stable_repr(check), statement_repr(statement), target, claim_id, str(seed), stable_repr(budget)]
    except Exception:          # Unstable, or a value srepr cannot show: not cacheable
        return None
    return hashlib.sha256(canonical_dummies("\x1f".join(parts)).encode()).hexdigest()


_DUMMY_INDEX = re.compile(r"dummy_index=(\d+)")


def canonical_dummies(text: str) -> str:
    """``text`` with each SymPy Dummy's index (``dummy_index=N`` in ``srepr``) replaced by its rank of first
    appearance: SymPy numbers Dummies from a random base drawn in each process, so a statement built with
    one (a derivative's variable, say) would have another key in every run and never be found again.
    Distinct Dummies stay distinct."""
    ranks: dict[str, int] = {}
    return _DUMMY_INDEX.sub(lambda m: f"dummy_index=#{ranks.setdefault(m.group(1), len(ranks))}", text)


# modules whose code is covered otherwise (verify: the engine version) or that are the platform
_PLATFORM = frozenset({"verify", "sympy", "numpy", "scipy", "mpmath", "hypothesis", "builtins"})


def code_modules(check, statement: Statement) -> frozenset[str]:
    """The modules whose code a check's result depends on, beyond verify's own: the check's class's, those
    of the classes and functions among its parameters, and those of the SymPy classes in the statement
    (a plugin's notation class evaluates itself)."""
    found = {type(check).__module__}

    def visit(value, depth: int = 0) -> None:
        if depth > 4:
            return
        if isinstance(value, type) or callable(value) and hasattr(value, "__module__") and not isinstance(value, sp.Basic):
            found.add(getattr(value, "__module__", None) or "")
        elif isinstance(value, (list, tuple, set, frozenset)):
            for v in value:
                visit(v, depth + 1)
        elif isinstance(value, dict):
            for v in value.values():
                visit(v, depth + 1)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                visit(getattr(value, f.name, None), depth + 1)

    visit(check)
    for expr in (statement.relation, *statement.assuming, *statement.where.keys(), *statement.where.values()):
        if isinstance(expr, sp.Basic):
            for node in sp.preorder_traversal(expr):
                found.add(type(node).__module__)
                if isinstance(node, sp.Function):           # an applied function: its class
                    found.add(getattr(node.func, "__module__", "") or "")
    return frozenset(m for m in found if m and m.split(".")[0] not in _PLATFORM
                     and m.split(".")[0] not in sys.stdlib_module_names)


def code_digest(check, statement: Statement) -> str:
    """sha256 of the files of :func:`code_modules` (see :func:`_module_files`)."""
    return _modules_digest(code_modules(check, statement))


@functools.lru_cache(maxsize=None)
def _modules_digest(modules: frozenset[str]) -> str:
    files = sorted({f for m in modules for f in _module_files(m)})
    h = hashlib.sha256()
    for f in files:
        h.update(f.encode() + b"\0" + _file_hash(f).encode() + b"\0")
    return h.hexdigest()


def _module_files(name: str) -> tuple[str, ...]:
    """The source files standing for module ``name``: every ``.py`` file of its top-level package when it
    is in a package; else its file and the ``.py`` files beside it (a plugin file's helpers), unless it
    lies in site-packages (then its file alone). A module with no file: ("<name>: no file",), so that a
    change between having and not having a file still changes the digest."""
    module = sys.modules.get(name)
    top = sys.modules.get(name.split(".")[0])
    path = getattr(top, "__path__", None)
    if path:
        roots = [Path(p) for p in path]
        return tuple(sorted(str(f) for r in roots if r.is_dir() for f in r.rglob("*.py")
                            if "__pycache__" not in f.parts))
    file = getattr(module, "__file__", None)
    if not file:
        return (f"{name}: no file",)
    here = Path(file).resolve()
    if "site-packages" in here.parts or "dist-packages" in here.parts:
        return (str(here),)
    return tuple(sorted(str(f) for f in here.parent.glob("*.py"))) or (str(here),)


# ---------------------------------------------------------------------------------------------
# storage
# ---------------------------------------------------------------------------------------------

def _path(k: str) -> Path:
    return _folder / k[:2] / f"{k}.json"


_reported: set[str] = set()          # entries already said to be bad, in this process


def _digest(k: str, result: dict) -> str:
    return hashlib.sha256((k + "\0" + json.dumps(result, sort_keys=True)).encode()).hexdigest()


def get(k: str | None) -> CheckResult | None:
    """The cached result under key ``k``, or None: a miss when there is no entry, and when the entry is
    bad (unreadable, another key's, a digest that does not match, an invalid result): that is said once
    on stderr and the entry removed, so the result is computed again."""
    if _folder is None or k is None:
        return None
    path = _path(k)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        return _bad(path, f"cannot be read: {exc}")
    try:
        entry = json.loads(text)
        if not isinstance(entry, dict) or entry.get("key") != k:
            return _bad(path, "its key is not the one it is filed under")
        if entry.get("digest") != _digest(k, entry.get("result")):
            return _bad(path, "its digest does not match its content (edited or damaged)")
        result = validated_result(CheckResult.from_json(entry["result"]))
    except InvalidResult as exc:
        return _bad(path, f"holds an invalid result: {exc}")
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        return _bad(path, f"is not a cache entry: {type(exc).__name__}: {exc}")
    if result.outcome is Outcome.ERROR:
        return _bad(path, "holds an error result, which is never cached")
    return result


def _bad(path: Path, why: str) -> None:
    """Say once that the entry at ``path`` is bad and remove it; a miss."""
    if str(path) not in _reported:
        _reported.add(str(path))
        print(f"warning: cache entry {path} {why}; ignored and removed (the check runs again)",
              file=sys.stderr, flush=True)
    with contextlib.suppress(OSError):
        path.unlink()
    return None


def put(k: str | None, result: CheckResult) -> None:
    """Store ``result`` atomically with its key and digest; a failure to write is ignored (the cache is
    only an optimisation)."""
    if _folder is None or k is None or result.outcome is Outcome.ERROR:
        return
    path = _path(k)
    try:
        data = jsonable(result.to_json())                  # key order kept: reports show it
        text = json.dumps({"key": k, "digest": _digest(k, data), "result": data})
        write_atomically(path, text)
    except (OSError, TypeError, ValueError):
        pass


# ---------------------------------------------------------------------------------------------
# re-proving a sample of the hits (--verify-cache)
# ---------------------------------------------------------------------------------------------

def sampled(k: str | None) -> bool:
    """Whether the hit under key ``k`` is re-proved: when the first 64 bits of sha256("verify-cache", k),
    read as a fraction of 2**64, fall below the configured fraction. The same entries at every run (a
    sample that does not depend on the order claims run in, on ``--jobs`` or on the executor), each entry
    on its own, so on average that fraction of the hits; a fraction of 1 re-proves every hit."""
    if _verify <= 0.0 or k is None:
        return False
    if _verify >= 1.0:
        return True
    draw = int(hashlib.sha256(b"verify-cache\0" + k.encode()).hexdigest()[:16], 16)
    return draw < _verify * 2**64


reproved = {"checked": 0, "disagreed": 0}       # in this process, since the last reset_reproved()


def reset_reproved() -> dict:
    """The counts of re-proved hits so far (``checked``, ``disagreed``), then zero them."""
    counts = dict(reproved)
    reproved.update(checked=0, disagreed=0)
    return counts


def _comparable(result: CheckResult) -> str:
    return json.dumps(json.loads(json.dumps(jsonable(result.to_json()))), sort_keys=True)


def compare(k: str, cached: CheckResult, fresh: CheckResult, where: str) -> CheckResult:
    """The result to use for a sampled hit: ``cached`` when the check, run again, gave the same result
    (``fresh``); else ``fresh``, after saying so once on stderr (``where``: claim, check and statement)
    and replacing the entry with it (removing it when the fresh result is an error, never cached)."""
    reproved["checked"] += 1
    if _comparable(cached) == _comparable(fresh):
        return cached
    reproved["disagreed"] += 1
    path = _path(k)
    if str(path) not in _reported:
        _reported.add(str(path))
        print(f"warning: cache entry {path} ({where}) disagrees with the check run again: it says "
              f"{cached.outcome.value} ({_short(cached.summary)}), the check gives {fresh.outcome.value} "
              f"({_short(fresh.summary)}); the entry is replaced and the result of the run again used",
              file=sys.stderr, flush=True)
    with contextlib.suppress(OSError):
        path.unlink()
    put(k, fresh)
    return fresh


def _short(summary, limit: int = 120) -> str:
    text = " ".join(str(summary).split())
    return text if len(text) <= limit else text[:limit - 3] + "..."
