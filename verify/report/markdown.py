"""Markdown reports: ``index.md`` and one page per claim."""
from __future__ import annotations

import json
import re
from collections import Counter
from typing import Sequence

from ..core import text as rich
from ..core.jsonsafe import jsonable
from ..core.model import Verdict
from .document import NO_FINDING, ClaimReport, EvaluationReport, Formula, Report, dumps
from ..core.plotdata import KINDS
from .plots import caption
from .summary import ErrorEntry, Fix, NoteSummary, ProofEntry, glossary, hypotheses_met, summaries, wrong_box

TITLE_LIMIT = 90        # a claim's title in the error summary
STEPS_SHOWN = 3         # broken proof steps named in the summary (the claim's page names them all)

# ---------------------------------------------------------------------------------------------
# markdown
# ---------------------------------------------------------------------------------------------

def _cell(text: str, limit: int = 200) -> str:
    """Text for one markdown table cell: one line, pipes escaped, at most ``limit`` characters."""
    text = re.sub(r"\s+", " ", str(text)).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text.replace("|", r"\|")


def _table_math(latex: str) -> str:
    """LaTeX that a table cell cannot mistake for a column break: \\| as \\Vert, | as \\vert."""
    return re.sub(r"\\\|", r"\\Vert ", latex).replace("|", r"\vert ")


def _finding(value: str, limit: int = 10_000, table: bool = False) -> str:
    """A finding or a check's summary on one line: as :func:`_cell` makes its text, its expressions as
    ``$...$`` LaTeX (a math segment is kept whole when the text is cut at ``limit``); in a table cell
    (``table``) the LaTeX avoids ``|``."""
    if not isinstance(value, rich.Text) or not value.has_math:
        return _cell(value, limit)
    value = rich.Text(re.sub(r"\s+", " ", p) if isinstance(p, str) else p for p in value.parts).strip()
    return rich.markdown(value.truncated(limit),
                         escape=lambda s: s.replace("|", r"\|").replace("$", r"\$"),
                         math=_table_math if table else (lambda latex: latex))


def _fenced(text: str, lang: str = "") -> str:
    """A fenced code block whose fence is longer than any backtick run inside ``text``."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{lang}\n{text}\n{fence}"


def compact_json(data, width: int = 140, indent: int = 0) -> str:
    """JSON as :func:`verify.report.document.dumps` writes it (sorted keys, two-space indent), except that
    a value fitting on one line of ``width`` characters is written on one line: a configuration's row,
    a short list of numbers. Pages stay short; ``results.json`` keeps the one format."""
    one = dumps(data).strip() if not isinstance(data, (dict, list)) or not data else None
    if one is not None:
        return one
    flat = json.dumps(jsonable(data), sort_keys=True, ensure_ascii=False, separators=(", ", ": "))
    if indent + len(flat) <= width:
        return flat
    pad = " " * (indent + 2)
    if isinstance(data, dict):
        items = [f"{pad}{json.dumps(str(k), ensure_ascii=False)}: {compact_json(v, width, indent + 2)}"
                 for k, v in sorted(data.items(), key=lambda kv: str(kv[0]))]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [f"{pad}{compact_json(v, width, indent + 2)}" for v in data]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


def _verdict_text(verdict: Verdict | None, expected: Verdict | None) -> str:
    shown = verdict.value if verdict is not None else "not run"
    if expected is not None and expected != verdict:
        shown += f" (expected {expected.value})"
    return shown


def _line(text: str, limit: int) -> str:
    """Plain text on one line (outside a table), at most ``limit`` characters; ``*`` and ``<`` are
    escaped (a title such as "||f*|| ... (H*)^{-1}" is no emphasis, "<a, b>" no HTML; "<=" stays)."""
    text = re.sub(r"\s+", " ", str(text)).strip()
    text = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return re.sub(r"\*|<(?=[A-Za-z/!?])", lambda m: "\\" + m.group(), text)


def _link(claim_id: str, prefix: str = "claims/") -> str:
    return f"[{claim_id}]({prefix}{claim_id}.md)"


def _fix_md(fix: Fix) -> str:
    """A fix on one line: the corrected relation, the hypotheses added and dropped, or words."""
    parts = []
    if fix.latex is not None:
        parts.append(f"${fix.latex}$")
    if fix.added:
        parts.append("assume " + ", ".join(f"${h}$" for h in fix.added))
    if fix.dropped:
        parts.append("drop " + ", ".join(f"${h}$" for h in fix.dropped))
    if fix.words:
        parts.append(fix.words)
    checked = f" (checked: {fix.verdict.value})" if fix.verdict is not None else ""
    return "; ".join(parts) + checked


def _steps_md(entry: ProofEntry, prefix: str) -> str:
    steps = entry.broken_at
    shown = ", ".join(f"{_link(s, prefix)} ({k})" for s, k in steps[:STEPS_SHOWN])
    more = f" and {len(steps) - STEPS_SHOWN} more" if len(steps) > STEPS_SHOWN else ""
    return shown + more


def _error_md(e: ErrorEntry, prefix: str) -> list[str]:
    title = f" — {_line(e.claim.title, TITLE_LIMIT)}" if e.claim is not None else ""
    lines = [f"- {_link(e.cause.id, prefix)}{title}"]
    if e.also:
        lines.append(f"  - also in {', '.join(_link(i, prefix) for i in e.also)}")
    lines.append(f"  - fix: {_fix_md(e.fix)}")
    return lines


def render_note_summary(s: NoteSummary, prefix: str = "claims/", heading: str = "###", title: str | None = None) -> list[str]:
    """What is wrong in one note (headed by its ``title``, else its file name): the distinct errors by
    kind, each with its fix; the proof gaps, each with what is known of its conclusion; claims accepted
    over a broken proof; the counts."""
    lines = [f"{heading} {_line(title, 200)} (`{s.note}`)" if title and title != s.note else f"{heading} {s.note}", ""]
    errors = f"**{s.errors} distinct error{'s' * (s.errors != 1)}**"
    lines += [f"{s.claims} claims, {s.flagged} flagged: {errors}, {len(s.gaps)} proof "
              f"gap{'s' * (len(s.gaps) != 1)}.", ""]
    for g in s.groups:
        lines += [f"**{g.kind}** — {g.meaning}", ""]
        for e in g.errors:
            lines += _error_md(e, prefix)
        lines.append("")
    if s.gaps:
        lines += ["**Proof gaps**", ""]
        for p in s.gaps:
            lines.append(f"- {_link(p.claim.id, prefix)} — {_line(p.claim.title, TITLE_LIMIT)}")
            lines.append(f"  - {p.conclusion}")
            if p.broken_at:
                lines.append(f"  - the proof is broken at {_steps_md(p, prefix)}")
        lines.append("")
    if s.broken:
        lines += ["**Accepted, but the written proof is broken**", ""]
        for p in s.broken:
            lines += [f"- {_link(p.claim.id, prefix)}: {p.accepted_by}", f"  - broken at {_steps_md(p, prefix)}"]
        lines.append("")
    if s.clean:
        lines += ["No errors and no proof gaps found.", ""]
    lines += ["**Counts:** " + ", ".join(f"{n} {v}" for v, n in s.verdicts) + ".", ""]
    return lines


def environment_lines(report: Report) -> list[str]:
    """What the results depend on besides seed and budget (``python -m verify diff`` compares it)."""
    env = report.environment
    if not env:
        return []
    packages = ", ".join(f"{k} {v}" for k, v in sorted(env.get("packages", {}).items()))
    return ["", f"Python {env.get('python', '?')}, {packages}; engine source `{env.get('engine', '?')}`."]


def render_index(report: Report) -> str:
    """``index.md``: what is wrong in each note and how to fix it, then the counts, then every claim."""
    claims = report.claims
    notes = report.notes()
    stated = Counter(c.verdict for c in claims)
    corrected = Counter(c.correction_verdict for c in claims if c.correction_verdict is not None)
    lines = ["# Claim verification report", "",
             f"Seed `{report.seed}`, budget `{report.budget}`: {len(claims)} claims from {len(notes)} notes, "
             f"{sum(corrected.values())} corrections.", *environment_lines(report),
             "", "## What is wrong, note by note", ""]
    for s in summaries(report):
        lines += render_note_summary(s, title=report.title(s.note))
    lines += ["## Counts", "", "| verdict | statements | corrections |", "|---|---:|---:|"]
    lines += [f"| {v.value} | {stated[v]} | {corrected[v]} |" for v in Verdict]
    with_expectation = [c for c in claims if c.has_expectation]
    mismatched = report.mismatched()
    lines += ["", f"Recorded expectations met: {len(with_expectation) - len(mismatched)} of {len(with_expectation)}."]
    if mismatched:
        lines += ["", "Claims whose verdict differs from the expected one: "
                  + ", ".join(f"[{i}](claims/{i}.md)" for i in mismatched) + "."]
    if report.coverage:
        incomplete = [c for c in report.coverage if not c.complete]
        lines += ["", f"Coverage of the notes ([coverage.md](coverage.md)): {len(report.coverage) - len(incomplete)} of "
                  f"{len(report.coverage)} notes have every assertion accounted for and every claim reviewed"
                  + (": not " + ", ".join(_cell(report.title(c.note)) for c in incomplete) if incomplete else "") + "."]
    if report.plugin_errors:
        lines += ["", "## Plugin errors", ""]
        lines += [f"- {_cell(str(e), 1000)}" for e in report.plugin_errors]
    if report.diagnosis_problems:
        lines += ["", "## Problems of the diagnosis", ""]
        lines += [f"- {_cell(p, 1000)}" for p in report.diagnosis_problems]
    lines += ["", "## Claims"]
    for note, rows in notes.items():
        title = report.title(note)
        head = f"{_line(title, 200)} (`{note}`)" if title != note else note
        lines += ["", f"### {head}", "", "| claim | section | verdict | kind | finding |", "|---|---|---|---|---|"]
        for c in rows:
            verdict = _verdict_text(c.verdict, c.expected)
            if c.correction is not None:
                verdict += f" → corrected: {_verdict_text(c.correction_verdict, c.correction.evaluation.expected)}"
            kind = c.kind.kind if c.kind is not None else ""
            lines.append(f"| [{c.id}](claims/{c.id}.md) | {_cell(c.source.section)} "
                         f"| {_cell(verdict)} | {kind} | {_finding(c.statement.first_finding, 200, table=True)} |")
    return "\n".join(lines) + "\n"


def _latex_block(latex: str) -> list[str]:
    return ["$$", latex, "$$"]


TYPESET_LABEL = "Typesetting (not checked)"


def _formula_md(f: Formula) -> list[str]:
    """The checked relation (rendered from SymPy), its hypotheses and definitions, then the hand
    typesetting, labelled as not checked."""
    lines = ["**As checked** (rendered from the SymPy relation):", ""] + _latex_block(f.latex)
    lines += ["", "**Hypotheses:**" + ("" if f.hypotheses else " none")]
    if f.hypotheses:
        lines += [""] + [f"- ${h}$" for h in f.hypotheses]
    if f.definitions:
        lines += ["", "**Definitions:**", ""] + [f"- ${d}$" for d in f.definitions]
    if f.typeset:
        lines += ["", f"**{TYPESET_LABEL}:**", ""] + _latex_block(f.typeset)
    return lines


def _evaluation_md(e: EvaluationReport, claim_id: str | None = None, target: str = "statement") -> list[str]:
    if e.verdict is None:
        return ["**Verdict:** not run", ""]
    expected = e.expected
    exp = expected.value if expected is not None else "none recorded"
    mark = "" if expected is None else (" ✓" if expected == e.verdict else " ✗")
    lines = [f"**Verdict:** {e.verdict.value} (expected: {exp}){mark}", "", "**Findings:**", ""]
    terms = glossary([*e.findings, *(c.summary for c in e.checks)])
    if terms:
        lines += ["*" + " ".join(f"{term.capitalize()}: {meaning}." for term, meaning in terms) + "*", ""]
    lines += [f"- {_finding(f)}" for f in e.findings] or [f"- {NO_FINDING}"]
    lines += ["", "**Checks:**", ""]
    for i, c in enumerate(e.checks, 1):
        lines += [f"{i}. `{c.check}` ({c.kind}) — **{c.outcome.value}**: {_finding(c.summary)}", ""]
        met = hypotheses_met(c.evidence)
        if met:
            lines += [f"   {met}.", ""]
        if "error_probability" in c.evidence:        # numeric checks: what the verdict risks at this budget
            ep = c.evidence["error_probability"]
            lines += [f"   Error probability: {'not bounded' if ep is None else f'at most {ep:g}'} "
                      f"({_cell(str(c.evidence.get('error_probability_meaning', '')), 10_000)}).", ""]
        lines += ["   " + ln if ln else ln for ln in _fenced(compact_json(c.evidence), "json").split("\n")]
        if isinstance(c.plot, dict) and c.plot.get("kind") in KINDS and claim_id is not None:   # data: results.json
            name = f"{target}-{i}"
            lines += ["", f"   ![{_line(caption(c.plot), 200)}](../html/plots/{claim_id}/{name}.svg)", "",
                      f"   *{_line(caption(c.plot), 300)}* (plot data: `results.json`)"]
        lines.append("")
    return lines


def _diagnosis_md(c: ClaimReport, report: Report) -> list[str]:
    """The claim's kind (declared or computed, and why), root cause (linked) and proof status."""
    lines = []
    if c.kind is not None:
        how = "declared" if c.kind.declared else "computed"
        lines += [f"**Kind:** {c.kind.kind} ({how}: {_cell(c.kind.why, 10_000)})", ""]
    if c.root_cause is not None:
        cause = next((r for r in report.root_causes_of(c.note) if r.id == c.root_cause), None)
        if c.root_cause != c.id:
            lines += [f"**Root cause:** {_link(c.root_cause, '')}"
                      + (f" ({cause.how})" if cause is not None and cause.how != "own" else ""), ""]
        elif cause is not None and cause.also:
            lines += [f"**Root cause:** this claim; the same error is in "
                      f"{', '.join(_link(i, '') for i in cause.also)} ({cause.how})", ""]
        else:
            lines += ["**Root cause:** this claim", ""]
    if c.proof is not None and c.proof.words:
        lines += [f"**Proof:** {_cell(c.proof.words, 10_000)}", ""]
    return lines


def _box_md(c: ClaimReport) -> list[str]:
    """The "what is wrong / the fix" box of a flagged claim: the kind, the first finding, and the
    relation as written and as corrected side by side (a table; the differing parts in red)."""
    box = wrong_box(c)
    if box is None:
        return []
    lines = [f"> **What is wrong:** {box.kind} — {box.meaning}", ">", f"> {_finding(box.finding)}", ">"]
    written = f"as written ({_verdict_text(box.verdict, None)})"
    if box.corrected is None:
        return lines + [f"> {written}: ${box.written}$", ">", "> No correction: no small change of the statement makes it hold.", ""]
    fixed = f"the fix ({_verdict_text(box.correction_verdict, None)})"
    extra = "; ".join(filter(None, ["assume " + ", ".join(f"${h}$" for h in box.added) if box.added else "",
                                    "drop " + ", ".join(f"${h}$" for h in box.dropped) if box.dropped else ""]))
    lines += [f"> | {written} | {fixed} |", "> |---|---|",
              f"> | ${_table_math(box.written)}$ | ${_table_math(box.corrected)}${'; ' + _table_math(extra) if extra else ''} |", ">"]
    if box.why:
        lines += [f"> **Why:** {_line(box.why, 10_000)}", ">"]
    if box.marked:
        lines += ["> In red: the parts in which the statement and its correction differ."]
    return lines + [""]


def render_claim_page(c: ClaimReport, report: Report, weak: Sequence[str] = ()) -> str:
    """A claim's Markdown page; ``weak`` says which refuted or gap claims it rests on."""
    ids = [o.id for o in report.claims if o.note == c.note]
    k = ids.index(c.id) if c.id in ids else 0
    pager = " · ".join(filter(None, [f"[← {ids[k - 1]}]({ids[k - 1]}.md)" if k > 0 else "",
                                     f"[{ids[k + 1]} →]({ids[k + 1]}.md)" if k + 1 < len(ids) else ""]))
    title = report.title(c.note)
    source = f"{_line(title, 200)} (`{c.source.file}`)" if title != c.note else f"`{c.source.file}`"
    lines = [f"# {c.id} — {_cell(c.title, 10_000)}", "", "[← index](../index.md)" + (f" · {pager}" if pager else ""), "",
             f"**Source:** {source}, {c.source.section}", ""] + _box_md(c)
    lines += ["## Statement", "", "**The note's text:**", ""]
    lines += ["> " + ln if ln else ">" for ln in c.source.quote.strip().split("\n")]
    lines += [""] + _formula_md(c.formula)
    deps = ", ".join(f"[{d}]({d}.md)" for d in c.depends_on) or "none"
    users = ", ".join(f"[{u.id}]({u.id}.md)" for u in report.claims if c.id in u.depends_on) or "no other claim"
    lines += ["", f"**Depends on:** {deps}", "", f"**Used by:** {users}", ""]
    if weak:
        lines += ["**Warning — this claim rests on a refuted or gap claim:**", ""] + [f"- {_cell(w, 1000)}" for w in weak] + [""]
    if c.plugin:
        lines += [f"**Plugin:** `{c.plugin}`", ""]
    lines += ["## Verdict", ""] + _diagnosis_md(c, report) + _evaluation_md(c.statement, c.id)
    if c.correction is not None:
        lines += ["## Correction", ""] + _formula_md(c.correction.formula)
        lines += ["", f"**Why:** {c.correction.why.strip()}", ""]
        lines += _evaluation_md(c.correction.evaluation, c.id, "correction")
    lines += ["## Replay", "", _fenced(report.replay(c), "sh")]
    return "\n".join(lines) + "\n"
