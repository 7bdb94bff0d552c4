"""Finding and validating claims: built-in notes, installed plugins and plugin files.

Claims come from three places, in this order:

* the built-in package :mod:`claims` — every module in it (sorted by name; names starting with ``_``
  are private helpers and skipped), each defining ``CLAIMS``;
* installed packages declaring entry points in the group ``verify.claims`` (sorted by entry-point
  name); an entry point names a module with ``CLAIMS``, a list of claims, or a callable returning one;
* ``--plugin PATH``: a ``.py`` file, or a folder whose ``.py`` files (sorted; ``_``-prefixed skipped)
  are each a plugin, imported under a unique module name.

A plugin that cannot be imported, or a claim that is malformed, becomes a :class:`PluginError` naming
the plugin, the claim and the field; every other claim still loads. Like pytest's collection errors,
a broken plugin is reported and never stops the run.
"""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib
import importlib.metadata
import importlib.util
import os
import pkgutil
import re
import sys
import traceback
import types
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Callable, Generator, Iterable, Sequence

import sympy as sp

from ..core.ledger import ledger_path
from ..core.model import (BUILTIN_PACKAGE, CLAIM_ID, ENTRY_POINT_PREFIX, CONTROL, LINE_BREAKING, Claim, Correction, PluginError, Source,
                          Statement, Verdict)

ENTRY_POINT_GROUP = "verify.claims"
ID_PATTERN = CLAIM_ID       # the whole id (fullmatch): no newline, no "/"


@dataclass(frozen=True)
class Plugin:
    """A source of claims: its display name, and how to get its claims (which may raise). ``files``
    lists, without importing anything, the files its claims come from (None: not known, so the plugin
    is never taken from the id index, :mod:`verify.run.index`); ``where`` is its resolved location
    (the same name in two checkouts is two plugins)."""
    name: str
    load: Callable[[], object]
    files: Callable[[], list[Path]] | None = field(default=None, compare=False)
    where: str = ""
    package: str = ""        # a module of a claims package (the built-in one): the package's name


@dataclass
class Registry:
    """The valid claims in discovery order, the plugin each came from, and everything that failed."""
    claims: list[Claim] = field(default_factory=list)
    plugin_of: dict[str, str] = field(default_factory=dict)
    errors: list[PluginError] = field(default_factory=list)
    # every valid id, in order, when only some plugins were imported (load_selected); None: ``claims`` is all
    ids: list[str] | None = None
    # per imported plugin: its valid claims (before ids are compared across plugins) and its errors
    loaded: dict[str, tuple[list[Claim], list[PluginError]]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def all_ids(self) -> list[str]:
        """Every valid claim id, imported or only known from the id index."""
        return [c.id for c in self.claims] if self.ids is None else self.ids

    def select(self, patterns: Sequence[str]) -> tuple[list[Claim], list[str]]:
        """Claims whose id matches any of the fnmatch ``patterns`` (in discovery order), and the
        patterns that matched nothing (among every valid id, imported or not)."""
        chosen = [c for c in self.claims if any(fnmatchcase(c.id, p) for p in patterns)]
        unmatched = [p for p in patterns if not any(fnmatchcase(i, p) for i in self.all_ids)]
        return chosen, unmatched


# ---------------------------------------------------------------------------------------------
# discovery
# ---------------------------------------------------------------------------------------------

def builtin_plugins(package: str = BUILTIN_PACKAGE) -> list[Plugin]:
    """One plugin per module of the built-in claims package, sorted by module name."""
    try:
        pkg = importlib.import_module(package)
    except Exception as exc:  # the package itself is broken: report it as one plugin
        return [Plugin(package, _raiser(exc))]
    names = sorted(m.name for m in pkgutil.iter_modules(pkg.__path__) if not m.name.startswith("_"))
    roots = [Path(p) for p in pkg.__path__]
    return [Plugin(f"{package}.{n}", _module_claims(lambda n=n: importlib.import_module(f"{package}.{n}")),
                   files=lambda n=n: builtin_files(roots, n), where=_location(roots, n), package=package)
            for n in names]


def _python_files(path: Path) -> list[Path]:
    """``path`` if it is a .py file; every .py file below it if it is a folder."""
    if path.is_dir():
        return sorted(f for f in path.rglob("*.py") if "__pycache__" not in f.parts)
    return [path] if path.suffix == ".py" and path.is_file() else []


def builtin_files(roots: Sequence[Path], name: str) -> list[Path]:
    """The files a built-in claim module ``name`` of the package at ``roots`` rests on: its own (all of
    a subpackage), the package's ``__init__.py`` and its private (``_``) helper modules. (Modules of
    other notes it imports are found when the id index is built, :func:`verify.run.index.imported_notes`.)"""
    files: list[Path] = []
    for root in roots:
        for entry in sorted(root.iterdir()):
            stem = entry.name[:-3] if entry.name.endswith(".py") else entry.name
            if stem == name or stem.startswith("_") and stem != "__pycache__":
                files += _python_files(entry)
    return files


def _location(roots: Sequence[Path], name: str) -> str:
    for root in roots:
        for candidate in (root / name, root / f"{name}.py"):
            if candidate.exists():
                return str(candidate.resolve())
    return ""


def entry_point_plugins(group: str = ENTRY_POINT_GROUP) -> list[Plugin]:
    """One plugin per installed entry point of ``group``, sorted by name."""
    eps = sorted(_entry_points(group), key=lambda ep: (ep.name, ep.value))
    return [Plugin(f"{ENTRY_POINT_PREFIX}{ep.name} = {ep.value}", lambda ep=ep: _claims_of(ep.load()),
                   files=lambda ep=ep: entry_point_files(ep), where=_entry_point_location(ep)) for ep in eps]


def _top_level_spec(ep):
    """The import spec of the top-level package of an entry point's module, found without importing it."""
    top = ep.value.split(":")[0].strip().split(".")[0]
    try:
        return importlib.util.find_spec(top)
    except (ImportError, ValueError):
        return None


def _entry_point_location(ep) -> str:
    spec = _top_level_spec(ep)
    if spec is None:
        return ""
    locations = list(spec.submodule_search_locations or ()) or [spec.origin or ""]
    return os.pathsep.join(str(Path(p).resolve()) for p in locations if p)


def entry_point_files(ep) -> list[Path] | None:
    """Every .py file of the top-level package an entry point's module belongs to (None when it is
    not found as source files: such a plugin is always imported)."""
    spec = _top_level_spec(ep)
    if spec is None:
        return None
    if spec.submodule_search_locations:
        return [f for p in spec.submodule_search_locations for f in _python_files(Path(p))]
    if spec.origin and spec.origin.endswith(".py"):
        return [Path(spec.origin)]
    return None


def path_plugins(path: str | Path) -> list[Plugin]:
    """One plugin for a ``.py`` file; one per ``.py`` file of a folder (sorted)."""
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.iterdir() if f.suffix == ".py" and f.is_file() and not f.name.startswith("_"))
        if not files:
            return [Plugin(str(p), _raiser(FileNotFoundError(f"no .py files in folder {p}")))]
        return [Plugin(str(f), _module_claims(lambda f=f: import_file(f)), files=lambda f=f: plugin_file_files(f),
                       where=str(f.resolve())) for f in files]
    if p.suffix != ".py" or not p.is_file():
        return [Plugin(str(p), _raiser(FileNotFoundError(f"not a .py file or a folder: {p}")))]
    return [Plugin(str(p), _module_claims(lambda: import_file(p)), files=lambda: plugin_file_files(p),
                   where=str(p.resolve()))]


def plugin_file_files(path: Path) -> list[Path]:
    """The files a plugin file rests on: itself and the private (``_``) .py files beside it, which the
    registry never loads as plugins and a plugin may import as helpers."""
    helpers = sorted(f for f in path.parent.glob("_*.py") if f.is_file())
    return [path, *(f for f in helpers if f != path)]


def import_file(path: Path) -> types.ModuleType:
    """Import a plugin file afresh under a module name unique to its absolute path."""
    path = Path(path).resolve()
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:12]
    name = f"verify_plugin_{digest}_{re.sub(r'[^0-9a-zA-Z_]', '_', path.stem)}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module       # dataclasses and pickling look the module up while it executes
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def _entry_points(group: str):
    return importlib.metadata.entry_points(group=group)


class MissingClaims(LookupError):
    """A plugin module without ``CLAIMS``."""


def _raiser(exc: BaseException) -> Callable[[], object]:
    def load():
        raise exc
    return load


def _module_claims(importer: Callable[[], types.ModuleType]) -> Callable[[], object]:
    def load():
        return _claims_of(importer())
    return load


class ExitAtImport(BaseException):
    """A plugin called ``os._exit`` (or ``os.abort``) while it was imported: it would have ended the run."""


@contextlib.contextmanager
def _exits_refused():
    """While a plugin loads, ``os._exit`` and ``os.abort`` raise :class:`ExitAtImport` instead of ending
    this process (a ``sys.exit`` is a ``SystemExit``, caught like any error of the plugin)."""
    saved = os._exit, os.abort

    def refuse_exit(code=0):
        raise ExitAtImport(f"the plugin called os._exit({code}) while it was loaded")

    def refuse_abort():
        raise ExitAtImport("the plugin called os.abort() while it was loaded")
    os._exit, os.abort = refuse_exit, refuse_abort
    try:
        yield
    finally:
        os._exit, os.abort = saved


class BadScaling(TypeError):
    """A plugin module whose ``SCALING`` is not a :class:`verify.checks.scaling.Scaling`."""


def module_claims(module: types.ModuleType) -> object:
    """A claim module's claims as a run sees them: the module's ``SCALING`` (its note's declared
    scalings) goes to each of its claims that does not declare its own."""
    if not hasattr(module, "CLAIMS"):
        raise MissingClaims("the module defines no CLAIMS list")
    scaling = getattr(module, "SCALING", None)
    if scaling is None:
        return module.CLAIMS
    from ..checks.scaling import Scaling
    if not isinstance(scaling, Scaling):
        raise BadScaling(f"SCALING must be a verify.checks.scaling.Scaling, got {type(scaling).__name__}")
    if not isinstance(module.CLAIMS, (list, tuple)):
        return module.CLAIMS
    return [dataclasses.replace(c, scaling=scaling) if isinstance(c, Claim) and c.scaling is None else c
            for c in module.CLAIMS]


def _claims_of(obj) -> object:
    """The claims an entry point or plugin module provides."""
    if isinstance(obj, types.ModuleType):
        return module_claims(obj)
    if isinstance(obj, (list, tuple)):
        return obj
    if callable(obj):
        return obj()
    raise TypeError(f"expected a module, a list of claims or a callable returning one, got {type(obj).__name__}")


# ---------------------------------------------------------------------------------------------
# loading and validation
# ---------------------------------------------------------------------------------------------

def discover(builtin: bool = True, entry_points: bool = True, paths: Iterable[str | Path] = ()) -> list[Plugin]:
    """All plugins to load, in order: built-in, installed, then the given paths."""
    plugins = builtin_plugins() if builtin else []
    if entry_points:
        plugins += entry_point_plugins()
    for p in paths:
        plugins += path_plugins(p)
    return plugins


def load(builtin: bool = True, entry_points: bool = True, paths: Iterable[str | Path] = ()) -> Registry:
    """Discover, import and validate every claim. Never raises for a broken plugin."""
    return load_plugins(discover(builtin, entry_points, paths))


def load_plugins(plugins: Sequence[Plugin]) -> Registry:
    """Import each plugin, validate each claim, then check ids for duplicates and dependencies."""
    steps = load_stepwise(plugins)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


def load_stepwise(plugins: Sequence[Plugin]) -> Generator[list[tuple[Claim, str]], None, Registry]:
    """:func:`load_plugins` one plugin at a time: after each plugin, yields the claims that have become
    final (valid, first with their id, every dependency loaded and final) with their plugin's name,
    so a run can start them
    while later plugins load; returns the :class:`Registry`, equal to :func:`load_plugins`'. Later
    plugins cannot undo a yielded claim: a duplicate id is refused in the later plugin, and a claim
    yields only when all its dependencies have."""
    reg = Registry()
    candidates: list[tuple[Claim, str]] = []
    announced: set[str] = set()
    for plugin in plugins:
        valid, errors = load_one(plugin)
        reg.errors += errors
        reg.loaded[plugin.name] = (valid, errors)
        candidates += [(claim, plugin.name) for claim in valid]
        final = _with_dependencies(_first_of_each_id(candidates, []), [])
        ready = [(c, p) for c, p in final if c.id not in announced]
        announced.update(c.id for c, _ in ready)
        yield ready
    unique = _with_dependencies(_first_of_each_id(candidates, reg.errors), reg.errors)
    reg.claims = [c for c, _ in unique]
    reg.plugin_of = {c.id: p for c, p in unique}
    return reg


def load_one(plugin: Plugin) -> tuple[list[Claim], list[PluginError]]:
    """Import one plugin: its valid claims (before ids are compared across plugins) and its errors."""
    errors: list[PluginError] = []
    try:
        with _exits_refused():
            claims = plugin.load()
    except MissingClaims as exc:
        errors.append(PluginError(plugin.name, None, "CLAIMS", str(exc)))
        claims = None
    except BadScaling as exc:
        errors.append(PluginError(plugin.name, None, "SCALING", str(exc)))
        claims = None
    except BaseException as exc:  # SyntaxError, ImportError, SystemExit... a plugin must not stop us
        if isinstance(exc, KeyboardInterrupt):
            raise
        errors.append(PluginError(plugin.name, None, None, f"failed to load: {_describe(exc)}"))
        claims = None
    if claims is not None and not isinstance(claims, (list, tuple)):
        errors.append(PluginError(plugin.name, None, "CLAIMS",
                                  f"CLAIMS must be a list of Claim, got {type(claims).__name__}"))
        claims = None
    valid = []
    for i, claim in enumerate(claims or ()):
        problems = validate_claim(claim, plugin.name, index=i)
        errors += problems
        if not problems:
            valid.append(claim)
    return valid, errors


@dataclass(frozen=True)
class Known:
    """A valid claim of a plugin that was not imported, as the id index remembers it: enough to compare
    ids across plugins and to check dependencies."""
    id: str
    depends_on: tuple[str, ...] = ()


def load_selected(plugins: Sequence[Plugin], patterns: Sequence[str] | None,
                  known: Callable[[Plugin], tuple[list[Known], list[PluginError]] | None],
                  also: Iterable[str] = ()) -> Registry:
    """The registry :func:`load_plugins` would give, restricted to the claims of the plugins that define
    the ids matching ``patterns`` (None: none), and of the plugins named in ``also``: only those
    plugins, and the ones ``known`` cannot vouch for (it returns None: not indexed, or stale), are
    imported; every other plugin's valid claims (id and dependencies) and errors come from ``known``.
    Duplicate ids and dependencies are checked across all plugins as a full load checks them, so the
    errors are the full load's. ``Registry.ids`` lists every valid id, loaded or not."""
    outcome: dict[str, tuple[list, list[PluginError]] | None] = {p.name: known(p) for p in plugins}
    imported: dict[str, tuple[list[Claim], list[PluginError]]] = {}
    wanted = set(also)
    if patterns:      # the plugins known to define matching ids, imported in the same pass as the stale ones (in order)
        wanted |= {name for name, known_ in outcome.items() if known_ is not None
                   and any(fnmatchcase(c.id, pat) for c in known_[0] for pat in patterns)}
    while True:
        for plugin in plugins:
            if plugin.name not in imported and (outcome[plugin.name] is None or plugin.name in wanted):
                imported[plugin.name] = load_one(plugin)
        candidates: list[tuple[object, str]] = []
        errors: list[PluginError] = []
        for plugin in plugins:
            valid, errs = imported.get(plugin.name) or outcome[plugin.name]
            candidates += [(c, plugin.name) for c in valid]
            errors += errs
        unique = _with_dependencies(_first_of_each_id(candidates, errors), errors)
        owners = {p for c, p in unique if patterns and any(fnmatchcase(c.id, pat) for pat in patterns)}
        if owners <= set(imported):
            break
        wanted |= owners
    reg = Registry(errors=errors, ids=[c.id for c, _ in unique])
    reg.loaded = {name: imported[name] for name in imported}
    chosen = [(c, p) for c, p in unique if p in imported]
    reg.claims = [c for c, _ in chosen]
    reg.plugin_of = {c.id: p for c, p in chosen}
    return reg


class StepwiseLoad:
    """:func:`load_stepwise` as an iterator of claim lists (for ``map_claims(more=...)``): ``plugin_of``
    fills in as claims arrive, and ``registry`` is set once every plugin has loaded."""

    def __init__(self, plugins: Sequence[Plugin]):
        self.plugins = list(plugins)
        self._steps = load_stepwise(plugins)
        self.plugin_of: dict[str, str] = {}
        self.registry: Registry | None = None

    def __iter__(self):
        return self

    def __next__(self) -> list[Claim]:
        try:
            pairs = next(self._steps)
        except StopIteration as done:
            if self.registry is None:         # a finished generator stops again with no value
                self.registry = done.value
            raise
        self.plugin_of.update((c.id, p) for c, p in pairs)
        return [c for c, _ in pairs]

    def finish(self) -> Registry:
        """Load whatever is left; the registry."""
        for _ in self:
            pass
        return self.registry


def ledger_file(plugin: Plugin) -> Path | None:
    """Where ``plugin`` keeps its coverage ledger (:mod:`verify.core.ledger`): ``coverage.toml`` in a claims
    package's folder, ``NAME.coverage.toml`` beside a plugin file ``NAME.py``; None when it has no one place."""
    if not plugin.where or os.pathsep in plugin.where:
        return None
    where = Path(plugin.where)
    return ledger_path(where / "__init__.py" if where.is_dir() else where)


def _first_of_each_id(candidates: list[tuple[Claim, str]], errors: list[PluginError]) -> list[tuple[Claim, str]]:
    """The first claim with each id; each later one is a ``duplicate id`` error."""
    unique: list[tuple[Claim, str]] = []
    first: dict[str, str] = {}
    for claim, plugin in candidates:
        if claim.id in first:
            errors.append(PluginError(plugin, claim.id, "id", f"duplicate id: already defined by {first[claim.id]}"))
            continue
        first[claim.id] = plugin
        unique.append((claim, plugin))
    return unique


def _with_dependencies(loaded: list[tuple[Claim, str]], errors: list[PluginError]) -> list[tuple[Claim, str]]:
    """Drop claims depending on ids that are not loaded, until none is left to drop (a claim whose
    dependency was dropped is dropped too)."""
    while True:
        ids = {c.id for c, _ in loaded}
        keep = []
        for claim, plugin in loaded:
            missing = [d for d in claim.depends_on if d not in ids]
            if missing:
                errors.append(PluginError(plugin, claim.id, "depends_on",
                                          f"unknown claim id(s) {', '.join(map(repr, missing))} "
                                          "(not among the valid loaded claims)"))
            else:
                keep.append((claim, plugin))
        if len(keep) == len(loaded):
            return keep
        loaded = keep


def validate_claim(claim, plugin: str, index: int = 0) -> list[PluginError]:
    """Every problem that keeps a claim out of the run, each naming the plugin, the claim and the field:
    what a report could not show (id, title, source, statement, checks, correction, expected, scaling).
    The declarations of its diagnosis (``kind``, ``kind_why``, ``because_of``, ``tested_by``) are checked
    by their validators in :class:`Claim`: a bad one makes the claim an ``error`` verdict (``Claim.problems``)."""
    if not isinstance(claim, Claim):
        return [PluginError(plugin, f"CLAIMS[{index}]", None, f"not a Claim: {type(claim).__name__}")]
    cid = claim.id if isinstance(claim.id, str) and claim.id else f"CLAIMS[{index}]"
    problems: list[tuple[str, str]] = []
    if not isinstance(claim.id, str) or not ID_PATTERN.fullmatch(claim.id):
        problems.append(("id", f"{claim.id!r} is not a dotted lowercase identifier ({ID_PATTERN.pattern})"))
    if not _text(claim.title):
        problems.append(("title", "must be a non-empty string"))
    elif LINE_BREAKING.search(claim.title):
        problems.append(("title", _ONE_LINE))
    if not isinstance(claim.source, Source):
        problems.append(("source", f"must be a Source, got {type(claim.source).__name__}"))
    else:
        for name in ("file", "section", "quote"):
            value = getattr(claim.source, name)
            if not _text(value):
                problems.append((f"source.{name}", "must be a non-empty string"))
            elif name != "quote" and LINE_BREAKING.search(value):
                problems.append((f"source.{name}", _ONE_LINE))
            elif name == "quote" and CONTROL.search(value):
                problems.append((f"source.{name}", "must not hold control characters (NUL, escape codes...) "
                                                   "other than newlines and tabs"))
    problems += _statement_problems(claim.statement, "statement")
    problems += _checks_problems(claim.checks, "checks", allow_none=False)
    for i, dep in enumerate(claim.depends_on):
        if not isinstance(dep, str) or not ID_PATTERN.fullmatch(dep):
            problems.append((f"depends_on[{i}]", f"{dep!r} is not a claim id"))
    if claim.correction is not None:
        c = claim.correction
        if not isinstance(c, Correction):
            problems.append(("correction", f"must be a Correction or None, got {type(c).__name__}"))
        else:
            problems += _statement_problems(c.statement, "correction.statement")
            if not _text(c.why):
                problems.append(("correction.why", "must be a non-empty string"))
            elif LINE_BREAKING.search(c.why):
                problems.append(("correction.why", _ONE_LINE))
            problems += _checks_problems(c.checks, "correction.checks", allow_none=True)
            if c.expected is not None and not isinstance(c.expected, Verdict):
                problems.append(("correction.expected", f"must be a Verdict or None, got {c.expected!r}"))
    if claim.expected is not None and not isinstance(claim.expected, Verdict):
        problems.append(("expected", f"must be a Verdict or None, got {claim.expected!r}"))
    if claim.scaling is not None:
        from ..checks.scaling import Scaling
        if not isinstance(claim.scaling, Scaling):
            problems.append(("scaling", f"must be a verify.checks.scaling.Scaling or None, got {type(claim.scaling).__name__}"))
    return [PluginError(plugin, cid, f, m) for f, m in problems]


_ONE_LINE = "must be one line of text: no newline, tab or other control character (a report would show it as " \
            "a line of its own, or a terminal would obey it)"


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _statement_problems(statement, where: str) -> list[tuple[str, str]]:
    if not isinstance(statement, Statement):
        return [(where, f"must be a Statement, got {type(statement).__name__}")]
    if not isinstance(statement.relation, sp.Basic):
        return [(f"{where}.relation", f"must be a SymPy expression or relation, got {type(statement.relation).__name__}")]
    if statement.latex is not None and not isinstance(statement.latex, str):
        return [(f"{where}.latex", f"must be a string or None, got {type(statement.latex).__name__}")]
    if statement.latex is not None and CONTROL.search(statement.latex):
        return [(f"{where}.latex", "must not hold control characters other than newlines and tabs")]
    return _latex_problems(statement, where)


def _latex_problems(statement: Statement, where: str) -> list[tuple[str, str]]:
    """Reports show the statement in LaTeX: a statement that cannot be rendered is caught here, at
    load time, rather than failing the report after every claim has run."""
    parts = [("", statement.to_latex)]
    parts += [(f".assuming[{i}]", lambda a=a: sp.latex(a)) for i, a in enumerate(statement.assuming)]
    parts += [(f".where[{k}]", lambda k=k, v=v: sp.latex(k) + sp.latex(v)) for k, v in statement.where.items()]
    problems = []
    for suffix, render in parts:
        try:
            render()
        except Exception as exc:
            problems.append((where + suffix, f"cannot be rendered in LaTeX: {_describe(exc)}"))
    return problems


def _checks_problems(checks, where: str, allow_none: bool) -> list[tuple[str, str]]:
    if checks is None and allow_none:
        return []
    if not isinstance(checks, (list, tuple)) or not checks:
        return [(where, "must be a non-empty tuple of checks")]
    problems = []
    for i, check in enumerate(checks):
        name = getattr(check, "name", None)
        if not _text(name):
            problems.append((f"{where}[{i}].name", "a check needs a non-empty string name"))
        elif LINE_BREAKING.search(name):
            problems.append((f"{where}[{i}].name", _ONE_LINE))
        kind = getattr(check, "kind", None)
        if not _text(kind):
            problems.append((f"{where}[{i}].kind", "a check needs a non-empty string kind"))
        elif LINE_BREAKING.search(kind):
            problems.append((f"{where}[{i}].kind", _ONE_LINE))
        if not callable(getattr(check, "run", None)):
            problems.append((f"{where}[{i}].run", "a check needs a callable run(statement, ctx)"))
    return problems


def _describe(exc: BaseException) -> str:
    """``ExcType: message`` and where it happened (file name and line only, so that reports do not
    depend on the machine's paths)."""
    if isinstance(exc, SyntaxError):
        return f"{type(exc).__name__}: {exc.msg} ({Path(exc.filename or '?').name}, line {exc.lineno})"
    text = f"{type(exc).__name__}: {exc}"
    machinery = (importlib.__file__.rsplit("/", 1)[0], __file__)
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if not f.filename.startswith("<") and not f.filename.startswith(machinery)]
    if frames:
        text += f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})"
    return text
