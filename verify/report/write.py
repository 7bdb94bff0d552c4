"""Writing reports: ``index.md``, one page per claim, ``results.json``, and the HTML report in ``html/``.

Reports are committed next to the notes, so they are deterministic (the same seed gives byte-identical
files: no timestamps, no timings, no machine paths; timings go to the git-ignored ``timings.json``) and
written atomically: everything is rendered in memory, written to a temporary folder beside the output
folder, then moved into place file by file with ``os.replace``. A failure while rendering leaves the
previous reports untouched.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Mapping

from .document import Report, dumps
from .graph import weak_dependencies
from .markdown import render_claim_page, render_index

DEFAULT_OUTPUT = "reports"
HTML = "html"          # the HTML report's folder inside the output folder

# ---------------------------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------------------------

def render_all(report: Report, previous: Path | None = None) -> dict[str, str]:
    """Every report file (relative path -> text), claim pages first and the index last, the order in
    which they are moved into place so that the index never links to a page not yet written (the HTML
    report's files come in the same order, before ``index.md``). ``previous``: the output folder of the
    last report, whose unchanged plots are reused (read only)."""
    from .html import render_html       # jinja2, latex2mathml, matplotlib: loaded only to write reports
    weak = weak_dependencies(report.claims)
    files = {f"claims/{c.id}.md": render_claim_page(c, report, weak.get(c.id, ())) for c in report.claims}
    html = render_html(report, previous=None if previous is None else Path(previous) / HTML)
    files.update({f"{HTML}/{rel}": text for rel, text in html.items()})
    files["results.json"] = report.dumps()
    files["index.md"] = render_index(report)
    return files


def previous_timings(folder: str | Path) -> dict[str, float]:
    """Seconds per claim id from the ``timings.json`` of an earlier run in ``folder`` ({} if there is
    none or it cannot be read): the runner starts the longest claims first."""
    try:
        seconds = json.loads((Path(folder) / "timings.json").read_text(encoding="utf-8"))["seconds"]
        return {str(k): float(v) for k, v in seconds.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def write_reports(report: Report, out_dir: str | Path = DEFAULT_OUTPUT, *,
                  timings: Mapping[str, float] | None = None) -> Path:
    """Render and write all reports atomically into ``out_dir``; remove pages of claims no longer
    present. ``timings`` (seconds per claim) go to ``timings.json``, kept out of the other files."""
    out = Path(out_dir)
    files = render_all(report, previous=out)     # may raise: nothing touched yet
    if timings is not None:
        files["timings.json"] = dumps({"seconds": dict(timings), "total_seconds": round(sum(timings.values()), 3)})
    parent = out.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-tmp-", dir=parent))
    try:
        for rel, text in files.items():
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        (out / "claims").mkdir(parents=True, exist_ok=True)
        for rel in files:
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp / rel, out / rel)
        pages = {rel for rel in files if rel.startswith("claims/")}
        for page in (out / "claims").glob("*.md"):
            if f"claims/{page.name}" not in pages:
                page.unlink()
        _remove_stale(out / HTML, {rel[len(HTML) + 1:] for rel in files if rel.startswith(f"{HTML}/")})
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _remove_stale(folder: Path, keep: set[str]) -> None:
    """Remove files of the HTML report that the new report does not have (pages and plots of claims no
    longer present), then the folders left empty. The HTML folder belongs to the report as a whole."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*"), reverse=True):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def read_report(folder: str | Path = DEFAULT_OUTPUT) -> Report:
    """The report document of ``folder``'s ``results.json`` (OSError when unreadable, ValueError when
    it is not a report of this schema)."""
    path = Path(folder) / "results.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        return Report.from_json(data)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{path} is not a report: {type(exc).__name__}: {exc}") from None
