"""``python -m verify watch [PATTERN ...]``: re-run a module's claims when it changes, print the verdicts that moved.

The watcher runs the claims matching the patterns once (default: every claim), then polls the files
each plugin rests on (their sizes and modification times, the files the id index records; stat calls
only, no new dependency) every ``--interval`` seconds. When a plugin's files change (and have stayed
unchanged for one more interval, so an editor's several writes count once), the claims of that plugin
matching the patterns run again, in a fresh process: the changed module is imported anew, with
nothing left over from its previous version, and only it (the id index vouches for the others). The
watcher then prints the verdicts that moved (statement or correction), the claims that appeared or
disappeared, and the plugin errors of the changed plugin; a plugin that no longer imports keeps its
previous verdicts as the baseline, so fixing it shows what moved since it last loaded. Ctrl-C stops it
(``--cycles N``: after N re-runs).
"""
from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Sequence

from .core.model import RunSettings
from .run import index
from .run.registry import Plugin, discover

STOPPED = "stopped"


@dataclass(frozen=True)
class Seen:
    """A claim's verdicts as last run, and where it came from."""
    plugin: str
    verdict: str | None
    correction: str | None
    expected: str | None
    title: str
    finding: str | None

    def label(self) -> str:
        text = str(self.verdict)
        if self.correction is not None:
            text += f" (correction {self.correction})"
        return text

    def why(self) -> str:
        """The first finding, else the title."""
        return self.finding or self.title


def _stamp(plugin: Plugin) -> dict[str, list[int] | None] | None:
    files = index.dependencies(plugin)
    if files is None:
        return None
    return {str(f): index.stat(Path(f)) for f in files}


def stamps(plugins: Sequence[Plugin]) -> dict[str, dict | None]:
    """Per plugin: the sizes and modification times of its files (None: not known, never re-run)."""
    return {p.name: _stamp(p) for p in plugins}


def _forget_bytecode(stamps_: dict[str, dict | None], names: Sequence[str] | None) -> None:
    """Remove the cached bytecode of the files of the plugins ``names`` (None: all) before they are
    imported again: Python trusts a .pyc whose source has the same size and the same modification
    second, which an edit made within a second of an import can have."""
    import importlib.util
    for name, stamp in stamps_.items():
        if names is None or name in names:
            for path in stamp or {}:
                if path.endswith(".py"):
                    with contextlib.suppress(OSError, ValueError, NotImplementedError):
                        os.unlink(importlib.util.cache_from_source(path))


def _run_child(args, patterns: Sequence[str], only: Sequence[str] | None) -> dict:
    """Run the claims matching ``patterns`` (of the plugins ``only``, or of all) in a fresh process;
    its verdicts, plugins and plugin errors."""
    with tempfile.TemporaryDirectory(prefix="verify-watch-") as tmp:
        out = Path(tmp) / "result.json"
        spec = {"builtin": not args.no_builtin, "paths": list(args.plugin),        # as given: the same plugin names
                "patterns": list(patterns), "only": None if only is None else list(only),
                "settings": {"seed": args.seed, "budget": args.budget, "timeout": args.timeout, "jobs": args.jobs},
                "cache": not args.no_cache, "out": str(out)}
        env = dict(os.environ, PYTHONHASHSEED=os.environ.get("PYTHONHASHSEED") or "0")
        if env["PYTHONHASHSEED"] == "random":
            env["PYTHONHASHSEED"] = "0"
        proc = subprocess.run([sys.executable, "-m", "verify.watch", json.dumps(spec)], env=env)
        try:
            return json.loads(out.read_text())
        except (OSError, ValueError):
            return {"claims": {}, "errors": [], "failed": f"the run ended with status {proc.returncode}"}


def _seen(data: dict) -> dict[str, Seen]:
    return {cid: Seen(**row) for cid, row in data["claims"].items()}


def moved_lines(before: dict[str, Seen], after: dict[str, Seen], plugins: set[str], broken: set[str]) -> list[str]:
    """What moved among the claims of ``plugins``: verdicts that changed, claims added, claims removed
    (a claim of a plugin in ``broken``, one that failed to import, is not counted as removed)."""
    lines = []
    for cid, now in after.items():
        old = before.get(cid)
        if old is None:
            lines.append(f"  {cid}: new, {now.label()} — {now.why()}")
        elif (old.verdict, old.correction) != (now.verdict, now.correction):
            lines.append(f"  {cid}: {old.label()} -> {now.label()} — {now.why()}")
    for cid, old in before.items():
        if old.plugin in plugins and old.plugin not in broken and cid not in after:
            lines.append(f"  {cid}: removed (was {old.label()})")
    return lines


def watch(args) -> int:
    patterns = list(args.patterns) or ["*"]
    out = sys.stdout
    plugins = discover(builtin=not args.no_builtin, paths=args.plugin)
    _forget_bytecode(stamps(plugins), None)
    first = _run_child(args, patterns, None)
    state = _seen(first)
    for line in first.get("errors", []):
        print(f"plugin error: {line}", file=sys.stderr)
    for cid, s in state.items():
        expected = f" (expected {s.expected})" if s.expected is not None else ""
        print(f"{cid}: {s.label()}{expected} — {s.why()}", file=out)
    plugins = discover(builtin=not args.no_builtin, paths=args.plugin)
    known = stamps(plugins)
    watched = sum(v is not None for v in known.values())
    print(f"{len(state)} claims; watching the files of {watched} plugins every {args.interval:g} s "
          "(Ctrl-C to stop)", file=out, flush=True)
    cycles = 0
    try:
        while args.cycles is None or cycles < args.cycles:
            time.sleep(args.interval)
            plugins = discover(builtin=not args.no_builtin, paths=args.plugin)
            now = stamps(plugins)
            changed = {name for name, stamp in now.items() if stamp is not None and stamp != known.get(name)}
            gone = {name for name in known if name not in now}
            if not changed and not gone:
                continue
            while True:                     # wait until the files stay the same for one interval
                time.sleep(args.interval)
                plugins = discover(builtin=not args.no_builtin, paths=args.plugin)
                settled = stamps(plugins)
                if settled == now:
                    break
                now = settled
                changed |= {name for name, stamp in now.items() if stamp is not None and stamp != known.get(name)}
            _forget_bytecode(now, sorted(changed))
            known = now
            started = time.perf_counter()
            names = sorted(changed)
            print(f"changed: {', '.join(names + sorted(gone))}", file=out, flush=True)
            data = _run_child(args, patterns, names) if names else {"claims": {}, "errors": []}
            after = _seen(data)
            broken = {e["plugin"] for e in data.get("errors_of", []) if e["claim"] is None}
            for line in data.get("errors", []):
                print(f"plugin error: {line}", file=sys.stderr)
            if "failed" in data:
                print(f"  {data['failed']}", file=out)
            lines = moved_lines(state, after, changed | gone, broken)
            lines += [f"  {name} did not load: its claims keep their last verdicts" for name in sorted(broken)]
            for cid in [c for c, s in state.items() if s.plugin in (changed | gone) - broken]:
                state.pop(cid)
            state.update(after)
            print("\n".join(lines) if lines else "  no verdict moved", file=out)
            print(f"  {len(after)} claims run in {time.perf_counter() - started:.1f} s", file=out, flush=True)
            cycles += 1
    except KeyboardInterrupt:
        print(STOPPED, file=out)
    return 0


# ---------------------------------------------------------------------------------------------
# the run in a fresh process
# ---------------------------------------------------------------------------------------------

def child(spec: dict) -> int:
    """Load (through the id index) and run the claims ``spec`` names; write their verdicts as JSON."""
    from .report.document import Report
    from .run import cache
    from .run.registry import load_plugins
    from .run.runner import run_claims
    only = spec["only"]
    patterns = spec["patterns"]
    with cache.configured(spec["cache"]):
        plugins = discover(builtin=spec["builtin"], paths=spec["paths"])
        if spec["cache"]:
            registry = index.select(plugins, patterns if only is None else None, also=only or ())
        else:
            registry = load_plugins(plugins)
        chosen = [c for c in registry.claims if any(fnmatchcase(c.id, p) for p in patterns)
                  and (only is None or registry.plugin_of[c.id] in only)]
        settings = RunSettings(**spec["settings"])
        results = run_claims(chosen, settings, plugin_of=registry.plugin_of)
        report = Report.of(results, settings, registry.errors)
    errors = [e for e in registry.errors if only is None or e.plugin in only]
    data = {"claims": {c.id: {"plugin": registry.plugin_of[c.id], "verdict": _value(c.verdict),
                              "correction": _value(c.correction_verdict), "expected": _value(c.expected),
                              "title": c.title, "finding": c.statement.findings[0] if c.statement.findings else None}
                       for c in report.claims},
            "errors": [str(e) for e in errors],
            "errors_of": [{"plugin": e.plugin, "claim": e.claim} for e in errors]}
    Path(spec["out"]).write_text(json.dumps(data))
    return 0


def _value(verdict) -> str | None:
    return None if verdict is None else verdict.value


if __name__ == "__main__":
    sys.exit(child(json.loads(sys.argv[1])))
