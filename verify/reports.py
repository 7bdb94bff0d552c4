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
import re
import shlex
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import sympy as sp

from .graph import weak_dependencies
from .jsonsafe import jsonable
from .model import Budget, ClaimResult, Evaluation, Verdict
from .registry import PluginError, plugin_replay_args

SCHEMA = 1
DEFAULT_OUTPUT = "reports"
HTML = "html"          # the HTML report's folder inside the output folder
NO_FINDING = "—"


def _budget_name(budget: Budget | str) -> str:
    return budget.name if isinstance(budget, Budget) else str(budget)


def dumps(data) -> str:
    """The one JSON format of reports: sorted keys, two-space indent, trailing newline."""
    return json.dumps(jsonable(data), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def replay_command(claim_id: str, seed: int, budget: Budget | str, plugin: str = "") -> str:
    """The command that reruns one claim exactly."""
    args = ["python", "-m", "verify", "run", claim_id, "--seed", str(seed), "--budget", _budget_name(budget)]
    return " ".join(shlex.quote(a) for a in args + plugin_replay_args(plugin))


# ---------------------------------------------------------------------------------------------
# results.json
# ---------------------------------------------------------------------------------------------

def _evaluation_json(e: Evaluation | None) -> dict:
    if e is None:
        return {"verdict": None, "findings": [], "checks": []}
    return {"verdict": e.verdict.value, "findings": list(e.findings), "checks": [c.to_json() for c in e.checks]}


def claim_json(result: ClaimResult) -> dict:
    c = result.claim
    out = {"id": c.id, "title": c.title, "note": c.note,
           "source": {"file": c.source.file, "section": c.source.section, "quote": c.source.quote},
           "statement": c.statement.to_latex(), "depends_on": list(c.depends_on),
           "expected": c.expected.value if c.expected is not None else None,
           **_evaluation_json(result.statement), "correction": None}
    if c.correction is not None:
        corr = c.correction
        out["correction"] = {"statement": corr.statement.to_latex(), "why": corr.why,
                             "expected": corr.expected.value if corr.expected is not None else None,
                             **_evaluation_json(result.correction)}
    return jsonable(out)


def results_json(results: Sequence[ClaimResult], seed: int, budget: Budget | str,
                 plugin_errors: Iterable[PluginError] = ()) -> dict:
    return {"schema": SCHEMA, "seed": seed, "budget": _budget_name(budget),
            "claims": [claim_json(r) for r in results],
            "plugin_errors": [e.to_json() for e in plugin_errors]}


# ---------------------------------------------------------------------------------------------
# markdown
# ---------------------------------------------------------------------------------------------

def _cell(text: str, limit: int = 200) -> str:
    """Text for one markdown table cell: one line, pipes escaped, at most ``limit`` characters."""
    text = re.sub(r"\s+", " ", str(text)).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text.replace("|", r"\|")


def _fenced(text: str, lang: str = "") -> str:
    """A fenced code block whose fence is longer than any backtick run inside ``text``."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{lang}\n{text}\n{fence}"


def _verdict_text(verdict: Verdict | None, expected: Verdict | None) -> str:
    shown = verdict.value if verdict is not None else "not run"
    if expected is not None and expected != verdict:
        shown += f" (expected {expected.value})"
    return shown


def _mismatch(result: ClaimResult) -> bool:
    return not result.matches_expected


def render_index(results: Sequence[ClaimResult], seed: int, budget: Budget | str,
                 plugin_errors: Sequence[PluginError] = ()) -> str:
    notes: dict[str, list[ClaimResult]] = {}
    for r in results:
        notes.setdefault(r.claim.note, []).append(r)
    stated = Counter(r.verdict for r in results)
    corrected = Counter(r.correction.verdict for r in results if r.correction is not None)
    lines = ["# Claim verification report", "",
             f"Seed `{seed}`, budget `{_budget_name(budget)}`: {len(results)} claims from {len(notes)} notes, "
             f"{sum(corrected.values())} corrections.", "",
             "| verdict | statements | corrections |", "|---|---:|---:|"]
    lines += [f"| {v.value} | {stated[v]} | {corrected[v]} |" for v in Verdict]
    with_expectation = [r for r in results if r.claim.expected is not None
                        or (r.claim.correction is not None and r.claim.correction.expected is not None)]
    mismatched = [r.claim.id for r in results if _mismatch(r)]
    lines += ["", f"Recorded expectations met: {len(with_expectation) - len(mismatched)} of {len(with_expectation)}."]
    if mismatched:
        lines += ["", "Claims whose verdict differs from the expected one: "
                  + ", ".join(f"[{i}](claims/{i}.md)" for i in mismatched) + "."]
    if plugin_errors:
        lines += ["", "## Plugin errors", ""]
        lines += [f"- {_cell(str(e), 1000)}" for e in plugin_errors]
    for note, rows in notes.items():
        lines += ["", f"## {note}", "", "| claim | section | verdict | finding |", "|---|---|---|---|"]
        for r in rows:
            verdict = _verdict_text(r.verdict, r.claim.expected)
            if r.claim.correction is not None:
                cv = r.correction.verdict if r.correction is not None else None
                verdict += f" → corrected: {_verdict_text(cv, r.claim.correction.expected)}"
            finding = r.statement.findings[0] if r.statement.findings else NO_FINDING
            lines.append(f"| [{r.claim.id}](claims/{r.claim.id}.md) | {_cell(r.claim.source.section)} "
                         f"| {_cell(verdict)} | {_cell(finding)} |")
    return "\n".join(lines) + "\n"


def _latex_block(latex: str) -> list[str]:
    return ["$$", latex, "$$"]


def _evaluation_md(e: Evaluation | None, expected: Verdict | None) -> list[str]:
    if e is None:
        return ["**Verdict:** not run", ""]
    exp = expected.value if expected is not None else "none recorded"
    mark = "" if expected is None else (" ✓" if expected == e.verdict else " ✗")
    lines = [f"**Verdict:** {e.verdict.value} (expected: {exp}){mark}", "", "**Findings:**", ""]
    lines += [f"- {_cell(f, 10_000)}" for f in e.findings] or [f"- {NO_FINDING}"]
    lines += ["", "**Checks:**", ""]
    for i, c in enumerate(e.checks, 1):
        lines += [f"{i}. `{c.check}` ({c.kind}) — **{c.outcome.value}**: {_cell(c.summary, 10_000)}", ""]
        if "error_probability" in c.evidence:        # numeric checks: what the verdict risks at this budget
            ep = c.evidence["error_probability"]
            lines += [f"   Error probability: {'not bounded' if ep is None else f'at most {ep:g}'} "
                      f"({_cell(str(c.evidence.get('error_probability_meaning', '')), 10_000)}).", ""]
        lines += ["   " + ln if ln else ln for ln in _fenced(dumps(c.evidence).rstrip("\n"), "json").split("\n")]
        if c.plot is not None:
            lines += ["", "   Plot data:", ""]
            lines += ["   " + ln if ln else ln for ln in _fenced(dumps(c.plot).rstrip("\n"), "json").split("\n")]
        lines.append("")
    return lines


def render_claim_page(result: ClaimResult, seed: int, budget: Budget | str, weak: Sequence[str] = ()) -> str:
    """A claim's Markdown page; ``weak`` says which refuted or gap claims it rests on."""
    c = result.claim
    s = c.statement
    lines = [f"# {c.id} — {_cell(c.title, 10_000)}", "", "[← index](../index.md)", "",
             f"**Source:** `{c.source.file}`, {c.source.section}", ""]
    lines += ["> " + ln if ln else ">" for ln in c.source.quote.strip().split("\n")]
    lines += ["", "## Statement", ""] + _latex_block(s.to_latex())
    lines += ["", "**Hypotheses:**" + ("" if s.assuming else " none")]
    if s.assuming:
        lines += [""] + [f"- ${sp.latex(a)}$" for a in s.assuming]
    if s.where:
        lines += ["", "**Definitions:**", ""] + [f"- ${sp.latex(k)} = {sp.latex(v)}$" for k, v in s.where.items()]
    deps = ", ".join(f"[{d}]({d}.md)" for d in c.depends_on) or "none"
    lines += ["", f"**Depends on:** {deps}", ""]
    if weak:
        lines += ["**Warning — this claim rests on a refuted or gap claim:**", ""] + [f"- {_cell(w, 1000)}" for w in weak] + [""]
    if result.plugin:
        lines += [f"**Plugin:** `{result.plugin}`", ""]
    lines += ["## Verdict", ""] + _evaluation_md(result.statement, c.expected)
    if c.correction is not None:
        lines += ["## Correction", ""] + _latex_block(c.correction.statement.to_latex())
        lines += ["", f"**Why:** {c.correction.why.strip()}", ""]
        lines += _evaluation_md(result.correction, c.correction.expected)
    lines += ["## Replay", "", _fenced(replay_command(c.id, seed, budget, result.plugin), "sh")]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------------------------

def render_all(results: Sequence[ClaimResult], seed: int, budget: Budget | str,
               plugin_errors: Sequence[PluginError] = (), previous: Path | None = None) -> dict[str, str]:
    """Every report file (relative path -> text), claim pages first and the index last, the order in
    which they are moved into place so that the index never links to a page not yet written (the HTML
    report's files come in the same order, before ``index.md``). ``previous``: the output folder of the
    last report, whose unchanged plots are reused (read only)."""
    from .html import render_html       # jinja2, latex2mathml, matplotlib: loaded only to write reports
    weak = weak_dependencies(results)
    files = {f"claims/{r.claim.id}.md": render_claim_page(r, seed, budget, weak.get(r.claim.id, ())) for r in results}
    html = render_html(results, seed, budget, plugin_errors, previous=None if previous is None else Path(previous) / HTML)
    files.update({f"{HTML}/{rel}": text for rel, text in html.items()})
    files["results.json"] = dumps(results_json(results, seed, budget, plugin_errors))
    files["index.md"] = render_index(results, seed, budget, plugin_errors)
    return files


def previous_timings(folder: str | Path) -> dict[str, float]:
    """Seconds per claim id from the ``timings.json`` of an earlier run in ``folder`` ({} if there is
    none or it cannot be read): the runner starts the longest claims first."""
    try:
        seconds = json.loads((Path(folder) / "timings.json").read_text(encoding="utf-8"))["seconds"]
        return {str(k): float(v) for k, v in seconds.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def write_reports(results: Sequence[ClaimResult], out_dir: str | Path = DEFAULT_OUTPUT, *, seed: int,
                  budget: Budget | str, plugin_errors: Sequence[PluginError] = (),
                  timings: Mapping[str, float] | None = None) -> Path:
    """Render and write all reports atomically into ``out_dir``; remove pages of claims no longer
    present. ``timings`` (seconds per claim) go to ``timings.json``, kept out of the other files."""
    out = Path(out_dir)
    files = render_all(results, seed, budget, plugin_errors, previous=out)     # may raise: nothing touched yet
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
