"""The id index: which plugin defines which claim id, so that ``run ID`` imports only the module of ID.

Importing every claim module costs seconds (SymPy builds every statement); one claim's run needs one
module. After a plugin is imported, its entry records what a full load learns from it: its valid
claims' ids and dependencies, in order, and its plugin errors; and what it rests on: each file of
:attr:`Plugin.files` (for a built-in note, its own files, the package's ``__init__.py`` and private
helpers, and the files of any other note it imports, found by reading its imports), with size and
modification time. An entry is used only while every one of those files is unchanged, no new file has
appeared among :attr:`Plugin.files`, and the engine (the hash of verify's sources, as the symbolic
cache's), Python and SymPy are the same; otherwise the plugin is imported again and its entry rewritten.
A plugin whose files are not known (an entry point that is not plain source files) is always imported.

:func:`verify.run.registry.load_selected` then imports only the plugins that define the matching ids
(and any stale ones), and checks duplicate ids and dependencies across all plugins from the entries, so
``run`` and ``show`` report the same plugin errors and refuse the same claims as a full load.

Entries are JSON files, one per plugin (name and resolved location), in ``ids/`` of the cache folder
(``~/.cache/verify`` or ``$VERIFY_CACHE_DIR``), written atomically: processes in parallel and checkouts
side by side never see half an entry or each other's. ``--no-cache`` neither reads nor writes them.
"""
from __future__ import annotations

import ast
import contextlib
import hashlib
import json
import sys
from pathlib import Path
from typing import Iterable, Sequence

from ..core.files import write_atomically
from ..core.model import BUILTIN_PACKAGE, Claim, PluginError
from . import cache
from .registry import Known, Plugin, Registry, discover, load_plugins, load_selected

SCHEMA = 1
FOLDER = "ids"


def folder() -> Path:
    return cache.default_folder() / FOLDER


def _environment() -> dict:
    import sympy
    return {"engine": cache.engine_version(), "python": sys.version, "sympy": sympy.__version__}


def _key(plugin: Plugin) -> str:
    return hashlib.sha256(f"{plugin.name}\0{plugin.where}".encode()).hexdigest()[:32]


def stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def plugin_files(plugin: Plugin) -> list[Path] | None:
    """The files ``plugin`` rests on as listed without importing it (None: not known)."""
    if plugin.files is None:
        return None
    try:
        files = plugin.files()
    except OSError:
        return None
    return None if files is None else [Path(f).resolve() for f in files]


def imported_notes(files: Iterable[Path], package: str = BUILTIN_PACKAGE) -> set[str]:
    """The modules of ``package`` (first component after it, public ones) that ``files`` import,
    absolutely or relatively; read from the source, nothing imported."""
    found: set[str] = set()
    for path in files:
        try:
            tree = ast.parse(path.read_bytes(), filename=str(path))
        except (OSError, SyntaxError, ValueError):
            continue
        parts = list(path.with_suffix("").parts)
        here = parts[len(parts) - 1 - parts[::-1].index(package):] if package in parts else []
        base = here[:-1]                  # the package the file is in (for an __init__.py, its own)
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level == 0:
                    module = node.module or ""
                elif base and node.level <= len(base):
                    module = ".".join(base[:len(base) - node.level + 1] + ([node.module] if node.module else []))
                else:
                    continue
                names = [module] + [f"{module}.{a.name}" for a in node.names]     # `from claims import note`
            for name in names:
                bits = name.split(".")
                if len(bits) > 1 and bits[0] == package and not bits[1].startswith("_") and bits[1] != "*":
                    found.add(bits[1])
    return found


def _dependencies(plugin: Plugin, files: list[Path], others: Sequence[Plugin]) -> list[Path]:
    """``files``, and for a module of a claims package, the files of the package's other modules it
    imports (transitively)."""
    package = plugin.package
    if not package:
        return files
    by_module = {p.name[len(package) + 1:]: p for p in others if p.package == package}
    seen, todo, result = {plugin.name[len(package) + 1:]}, list(files), list(files)
    while todo:
        new = imported_notes(todo, package) - seen
        seen |= new
        todo = []
        for module in sorted(new):
            more = plugin_files(by_module[module]) if module in by_module else None
            todo += more or []
        result += todo
    return sorted(set(result))


def read(plugin: Plugin, environment: dict | None = None) -> tuple[list[Known], list[PluginError]] | None:
    """What the index knows of ``plugin`` (its valid claims and its errors), or None when it has no
    entry or the entry is stale."""
    files = plugin_files(plugin)
    if files is None:
        return None
    try:
        entry = json.loads((folder() / f"{_key(plugin)}.json").read_text())
        if entry.get("schema") != SCHEMA or entry.get("plugin") != plugin.name or entry.get("where") != plugin.where \
                or entry.get("environment") != (environment or _environment()):
            return None
        recorded = entry["files"]
        if not set(map(str, files)) <= set(recorded):
            return None
        if any(stat(Path(path)) != recorded_stat for path, recorded_stat in recorded.items()):
            return None
        known = [Known(cid, tuple(deps)) for cid, deps in entry["claims"]]
        errors = [PluginError(plugin.name, claim, fld, message) for claim, fld, message in entry["errors"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return known, errors


def dependencies(plugin: Plugin) -> list[Path] | None:
    """The files ``plugin``'s entry rests on (those of :attr:`Plugin.files` when it has none)."""
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError, AttributeError):
        entry = json.loads((folder() / f"{_key(plugin)}.json").read_text())
        if entry.get("plugin") == plugin.name and entry.get("where") == plugin.where:
            return [Path(p) for p in entry["files"]]
    return plugin_files(plugin)


def write(plugin: Plugin, valid: Sequence[Claim], errors: Sequence[PluginError], others: Sequence[Plugin] = (),
          environment: dict | None = None, stats: dict[Path, list[int] | None] | None = None) -> bool:
    """Record what importing ``plugin`` gave. ``stats`` are its files' sizes and times taken before it
    was imported (so an edit made while it loaded leaves the entry stale); False when it cannot be
    indexed or the entry cannot be written."""
    files = plugin_files(plugin)
    if files is None:
        return False
    deps = _dependencies(plugin, files, others)
    stats = dict(stats or {})
    recorded = {}
    for path in deps:
        now = stats[path] if path in stats else stat(path)
        if now is None:
            return False
        recorded[str(path)] = now
    entry = {"schema": SCHEMA, "plugin": plugin.name, "where": plugin.where, "environment": environment or _environment(),
             "files": recorded, "claims": [[c.id, list(c.depends_on)] for c in valid],
             "errors": [[e.claim, e.field, e.message] for e in errors]}
    try:
        write_atomically(folder() / f"{_key(plugin)}.json", json.dumps(entry, indent=1, sort_keys=True) + "\n")
    except OSError:
        return False
    return True


def snapshot(plugins: Sequence[Plugin]) -> dict[str, dict[Path, list[int] | None]]:
    """Sizes and modification times of each plugin's files, taken before the plugins are imported."""
    result = {}
    for p in plugins:
        files = plugin_files(p)
        if files is not None:
            result[p.name] = {f: stat(f) for f in files}
    return result


def record(plugins: Sequence[Plugin], registry: Registry, before: dict[str, dict] | None = None) -> int:
    """Write the entries of the plugins ``registry`` imported; how many were written."""
    environment = _environment()
    written = 0
    for plugin in plugins:
        if plugin.name in registry.loaded:
            valid, errors = registry.loaded[plugin.name]
            written += write(plugin, valid, errors, plugins, environment, (before or {}).get(plugin.name))
    return written


def select(plugins: Sequence[Plugin], patterns: Sequence[str] | None, also: Iterable[str] = ()) -> Registry:
    """:func:`verify.run.registry.load_selected` with this index; the entries of the plugins it had to
    import are written afresh."""
    environment = _environment()
    before = snapshot(plugins)
    registry = load_selected(plugins, patterns, lambda p: read(p, environment), also=also)
    record(plugins, registry, before)
    return registry


def load(builtin: bool = True, entry_points: bool = True, paths: Iterable[str | Path] = (),
         patterns: Sequence[str] | None = None, enabled: bool = True) -> Registry:
    """The registry for a command on ``patterns``: through the index when ``enabled`` (the claims of
    the plugins defining matching ids), else a full load; either way the same errors and claims."""
    plugins = discover(builtin, entry_points, paths)
    if not enabled:
        return load_plugins(plugins)
    return select(plugins, patterns)
