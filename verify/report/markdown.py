"""Markdown reports: ``index.md`` and one page per claim."""
from __future__ import annotations

import re
from collections import Counter
from typing import Sequence

import sympy as sp

from ..core.model import Budget, ClaimResult, Evaluation, PluginError, Verdict
from .document import NO_FINDING, budget_name, dumps, replay_command

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
             f"Seed `{seed}`, budget `{budget_name(budget)}`: {len(results)} claims from {len(notes)} notes, "
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
