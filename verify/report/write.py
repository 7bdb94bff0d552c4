"""Writing reports: ``index.md``, one page per claim, ``results.json``, and the HTML report in ``html/``.

Reports are committed next to the notes, so they are deterministic (the same seed gives byte-identical
files: no timestamps, no timings, no machine paths; timings go to the git-ignored ``timings.json``).

The write is all or nothing: everything is rendered in memory, written to a new folder beside the output
folder (``.NAME-new-*``) together with the files of the old folder that verify did not write, and that
folder is switched in with one ``renameat2(RENAME_EXCHANGE)`` (:func:`verify.core.files.switch_folder`),
so a process killed at any moment leaves the old reports or the new ones, never a mixture; a failure
before the switch leaves the previous reports untouched. The folder's lock (``.verify.lock``) makes a
second concurrent write fail at once (:class:`verify.core.files.FolderBusy`). ``.verify-report.json``
lists the files verify wrote; only those are ever replaced or dropped, and a non-empty folder that is not
a report folder is refused (:class:`NotAReportFolder`) unless ``force``.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import shutil
import tempfile
import threading
import traceback
from pathlib import Path
from typing import Callable, Mapping

from ..core.files import LOCK, can_fork, folder_lock, remove_tree, switch_folder
from .document import Report, dumps
from .graph import weak_dependencies
from .markdown import render_claim_page, render_index

DEFAULT_OUTPUT = "reports"
HTML = "html"          # the HTML report's folder inside the output folder

# ---------------------------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------------------------

def render_all(report: Report, previous: Path | None = None) -> dict[str, str]:
    """Every report file (relative path -> text), claim pages first and the index last (the HTML
    report's files in the same order, before ``index.md``). ``previous``: the output folder of the last
    report, whose unchanged plots are reused (read only). The HTML pages of the notes holding the first
    half of the claims are rendered in a forked process while this one renders the rest (:class:`Forked`):
    reports are written after the last claim has run, when the workers' CPUs are idle."""
    from .html import html_files, load_renderers, render_front, render_notes
    load_renderers()        # jinja2, latex2mathml, matplotlib: loaded only to write reports, before the fork
    previous_html = None if previous is None else Path(previous) / HTML
    notes = report.notes()
    first, count = [], 0
    for note, rows in notes.items():
        if 2 * count < len(report.claims):
            first.append(note)
            count += len(rows)
    with Forked(lambda: render_notes(report, first, previous_html)) as forked:
        weak = weak_dependencies(report.claims)
        pages = {f"claims/{c.id}.md": render_claim_page(c, report, weak.get(c.id, ())) for c in report.claims}
        mine = render_notes(report, [note for note in notes if note not in first], previous_html)
        front = render_front(report)
        last = {"results.json": report.dumps()}
        if report.coverage:
            from .coverage import render_coverage, render_coverage_json
            last["coverage.md"] = render_coverage(report)
            last["coverage.json"] = render_coverage_json(report)
        last["index.md"] = render_index(report)
        html = html_files(forked.result(), mine, front)
    return {**pages, **{f"{HTML}/{rel}": text for rel, text in html.items()}, **last}


def may_fork() -> bool:
    """Whether rendering may fork: not where forking is impossible (no ``os.fork``, a daemonic worker),
    nor beside other threads (a Dask client's), whose locks the copy would inherit held."""
    return can_fork() and threading.active_count() == 1


class Forked:
    """``work()`` computed in a forked copy of this process while this one goes on: :meth:`result` waits
    for its value, or raises the exception it raised (with the copy's traceback as a note). Leaving the
    ``with`` block ends the copy if its result was not taken (this process failed meanwhile), so no
    process outlives the block."""

    def __init__(self, work: Callable[[], object]):
        self._process = None
        if not may_fork():          # the work is done in this process when the result is asked for
            self._work, self._taken = work, True
            return
        fork = multiprocessing.get_context("fork")
        self._receive, send = fork.Pipe(duplex=False)
        self._process = fork.Process(target=_send_outcome, args=(work, send), name="verify report")
        self._process.start()
        send.close()
        self._taken = False

    def result(self):
        if self._process is None:
            return self._work()
        try:
            failed, value = self._receive.recv()
            self._taken = True
        except EOFError:
            self._process.join()
            raise RuntimeError(f"the forked process rendering reports ended without a result "
                               f"(exit code {self._process.exitcode})") from None
        if failed:
            raise value
        return value

    def __enter__(self) -> "Forked":
        return self

    def __exit__(self, *exc) -> None:
        if self._process is None:
            return
        if not self._taken:
            self._process.kill()
        self._process.join()
        self._receive.close()


def _send_outcome(work: Callable[[], object], send) -> None:
    """In the forked process: send (False, work()) or (True, the exception it raised)."""
    try:
        outcome = (False, work())
    except BaseException as exc:                    # sent to the parent, which raises it
        exc.add_note("(raised in the forked process rendering reports:)\n" + traceback.format_exc())
        try:
            pickle.loads(pickle.dumps(exc))
        except Exception:                           # an exception that cannot be sent as it is
            exc = RuntimeError(f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}")
        outcome = (True, exc)
    send.send(outcome)
    send.close()


def previous_timings(folder: str | Path) -> dict[str, float]:
    """Seconds per claim id from the ``timings.json`` of an earlier run in ``folder`` ({} if there is
    none or it cannot be read): the runner starts the longest claims first."""
    try:
        seconds = json.loads((Path(folder) / "timings.json").read_text(encoding="utf-8"))["seconds"]
        return {str(k): float(v) for k, v in seconds.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


MANIFEST = ".verify-report.json"     # the files verify wrote into the folder: its mark as a report folder
# files other verify commands write into a report folder (mutate, stability, bench, the timings)
OTHER_OUTPUTS = ("timings.json", "mutation.md", "mutation.json", "benchmarks.md", "stability-*.md", "stability-*.json")


class NotAReportFolder(ValueError):
    """A non-empty folder that verify did not write: writing reports into it is refused unless forced."""


def report_files_of(folder: str | Path, force: bool = False) -> set[str]:
    """The files of ``folder`` that an earlier report write made (relative paths): replaced or dropped
    by the next write, every other file is kept. Raises :class:`NotAReportFolder` for a non-empty folder
    that holds neither ``.verify-report.json``, nor a ``results.json`` of verify's, nor only files other
    verify commands write, unless ``force`` (then nothing in it counts as verify's)."""
    from fnmatch import fnmatchcase
    out = Path(folder)
    if not out.exists():
        return set()
    if not out.is_dir():
        raise NotAReportFolder(f"{folder} is not a folder")
    entries = sorted(e.name for e in out.iterdir() if e.name != LOCK)
    if not entries:
        return set()
    try:
        files = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
        if isinstance(files, list) and all(isinstance(f, str) for f in files):
            return set(files) | {MANIFEST}
    except (OSError, ValueError, KeyError, TypeError):
        pass
    try:                           # written before .verify-report.json existed (any schema): verify's own layout
        data = json.loads((out / "results.json").read_text(encoding="utf-8"))
        if not (isinstance(data, dict) and isinstance(data.get("schema"), int) and isinstance(data.get("claims"), list)):
            raise ValueError("not a results.json of verify's")
        legacy = {"index.md", "results.json", "timings.json"}
        return legacy | {p.relative_to(out).as_posix() for p in out.glob("claims/*.md")} \
            | {p.relative_to(out).as_posix() for p in (out / HTML).rglob("*") if p.is_file() or p.is_symlink()}
    except (OSError, ValueError):
        pass
    if all((out / e).is_file() and any(fnmatchcase(e, pat) for pat in OTHER_OUTPUTS) for e in entries):
        return set()
    if force:
        return set()
    shown = ", ".join(entries[:3]) + (", ..." if len(entries) > 3 else "")
    raise NotAReportFolder(f"{folder} is not a verify report folder (it holds {shown}); verify does not write "
                           "into a folder of other files. Choose another --output, or add --force to write into "
                           "it anyway (files of the same name as verify's are replaced, no other file is deleted)")


def write_reports(report: Report, out_dir: str | Path = DEFAULT_OUTPUT, *,
                  timings: Mapping[str, float] | None = None, force: bool = False) -> Path:
    """Render and write all reports into ``out_dir``, all or nothing (see the module's docstring). Pages
    of claims no longer present are dropped; files verify did not write are kept. ``timings`` (seconds
    per claim) go to ``timings.json``, kept out of the other files. Raises :class:`FolderBusy` when
    another process writes the folder, :class:`NotAReportFolder` (see :func:`report_files_of`)."""
    out = Path(out_dir)
    report_files_of(out, force)                           # refuse before creating anything
    with folder_lock(out):
        real = out.resolve()
        owned = report_files_of(real, force)
        _remove_leftovers(real)
        files = render_all(report, previous=real)          # may raise: nothing touched yet
        if timings is not None:
            files["timings.json"] = dumps({"seconds": dict(timings),
                                           "total_seconds": round(sum(timings.values()), 3)})
        files[MANIFEST] = dumps({"written_by": "verify", "files": sorted(files)})
        new = Path(tempfile.mkdtemp(prefix=f".{real.name}-new-", dir=real.parent))
        try:
            for rel, text in files.items():
                path = new / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(text.encode("utf-8"))
            _carry_over(real, new, skip=owned | set(files) | {LOCK})
            (new / LOCK).touch()
            os.chmod(new, 0o755)
            old = switch_folder(new, real)
            if old is not None:
                new = old
        finally:
            remove_tree(new)
    return out


def _carry_over(old: Path, new: Path, skip: set[str]) -> None:
    """Hard-link (or copy) into ``new`` every file of ``old`` not in ``skip``: files verify did not write."""
    for path in sorted(old.rglob("*")):
        rel = path.relative_to(old).as_posix()
        if rel in skip or (path.is_dir() and not path.is_symlink()):
            continue
        target = new / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink():
            os.symlink(os.readlink(path), target)
            continue
        try:
            os.link(path, target)
        except OSError:
            shutil.copy2(path, target)


def _remove_leftovers(real: Path) -> None:
    """Folders of earlier writes killed before they finished (``.NAME-new-*``, and ``.NAME-old-*`` once the
    folder is back in place); called with the folder's lock held."""
    for left in sorted(real.parent.glob(f".{real.name}-new-*")) + sorted(real.parent.glob(f".{real.name}-old-*")):
        if left.is_dir() and not left.is_symlink():
            remove_tree(left)


def read_report(folder: str | Path = DEFAULT_OUTPUT) -> Report:
    """The report document of ``folder``'s ``results.json`` (OSError when unreadable, ValueError when
    it is not a report of this schema)."""
    path = Path(folder) / "results.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        return Report.from_json(data)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{path} is not a report: {type(exc).__name__}: {exc}") from None
