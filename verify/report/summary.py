"""One screen per note: what is wrong in a note and how to fix it, from the report document alone.

:func:`note_summary` gathers, for one note: the distinct errors (one :class:`ErrorEntry` per root
cause, grouped by kind in the order of ``KINDS``, each with its one-line :class:`Fix`: the corrected
relation's LaTeX, the hypotheses it adds or drops, or a short sentence where no rendering says it);
the proof gaps (each with what is known of its conclusion); the claims accepted although their written
proof is broken; and the counts. ``index.md``, the HTML index and each HTML note page render it first,
before the tables, so a reader sees the errors and their fixes before anything else.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Mapping

from ..core.model import KINDS, Verdict
from .document import ClaimReport, ProofReport, Report, RootCauseReport

__all__ = ["KIND_MEANINGS", "FIX_LATEX_LIMIT", "Fix", "ErrorEntry", "KindGroup", "ProofEntry", "NoteSummary",
           "note_summary", "summaries", "first_sentence", "diagnosis_lines"]

# what each kind means, in a few words (the README's table says the same)
KIND_MEANINGS = {
    "notation": "ill-formed as written, or a symbol in the wrong role",
    "symbol": "one symbol where another belongs",
    "constant": "a wrong number",
    "rate": "a wrong exponent, order or rate",
    "hypothesis": "a missing, extra or wrong hypothesis",
    "false": "no small correction makes it hold",
    "proof": "a proof step that does not follow",
    "loose": "true, but a better constant or rate holds",
}

FIX_LATEX_LIMIT = 400      # a corrected relation longer than this is left to the claim's page
SENTENCE_LIMIT = 160       # words standing in for a fix are cut to this many characters


def first_sentence(text: str, limit: int = SENTENCE_LIMIT) -> str:
    """The first sentence of ``text`` on one line, at most ``limit`` characters."""
    text = re.sub(r"\s+", " ", text).strip()
    m = re.search(r"(?<=[.;])\s+(?=[A-Z(])", text)
    if m is not None:
        text = text[:m.start()]
    text = text.rstrip(".;: ")
    if len(text) > limit:
        text = text[:limit - 1].rstrip() + "…"
    return text


@dataclass(frozen=True)
class Fix:
    """A root cause's fix in one line: the corrected relation (LaTeX; None when there is no correction,
    it is the statement's own relation, or it is too long to show here), the hypotheses it adds and
    drops (LaTeX), words where the rendering does not say it, and the correction's verdict."""
    latex: str | None = None
    added: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    words: str = ""
    verdict: Verdict | None = None

    @staticmethod
    def of(claim: ClaimReport) -> "Fix":
        corr = claim.correction
        if corr is None:
            return Fix(words="no correction: the statement has no small fix")
        added = tuple(h for h in corr.formula.hypotheses if h not in claim.hypotheses)
        dropped = tuple(h for h in claim.hypotheses if h not in corr.formula.hypotheses)
        same = corr.latex == claim.latex
        latex = corr.latex if not same and len(corr.latex) <= FIX_LATEX_LIMIT else None
        words = ""
        if latex is None and not (same and (added or dropped)):
            words = first_sentence(corr.why) or "see the correction on the claim's page"
        return Fix(latex, added, dropped, words, corr.evaluation.verdict)


@dataclass(frozen=True)
class ErrorEntry:
    """One distinct error: its root cause, the claim where it is made (None when the report lacks
    it), and its fix."""
    cause: RootCauseReport
    claim: ClaimReport | None
    fix: Fix

    @property
    def also(self) -> tuple[str, ...]:
        return self.cause.also


@dataclass(frozen=True)
class KindGroup:
    kind: str
    meaning: str
    errors: tuple[ErrorEntry, ...]


@dataclass(frozen=True)
class ProofEntry:
    """A claim with a proof gap (``gap``), or accepted while its written proof is broken."""
    claim: ClaimReport
    proof: ProofReport

    @property
    def conclusion(self) -> str:
        """What is known of a gap's conclusion, in words."""
        c = self.proof.conclusion
        known = {"tested and holding": "the conclusion holds where tested",
                 "tested and failing": "the conclusion fails",
                 "untested": "the conclusion is untested"}.get(c or "", "")
        if self.proof.tested_by:
            known += " (tested by " + ", ".join(f"{t}: {r}" for t, _, r in self.proof.tested_by) + ")"
        return known

    @property
    def accepted_by(self) -> str:
        """How an accepted claim is accepted: ``supported numerically`` or ``proved by its own derivation``."""
        return "supported numerically" if self.claim.verdict == Verdict.SUPPORTED else "proved by its own derivation"

    @property
    def broken_at(self) -> tuple[tuple[str, str], ...]:
        """The broken steps as (claim id, kind or verdict)."""
        return tuple((s, k or v) for s, v, k in self.proof.broken_at)


@dataclass(frozen=True)
class NoteSummary:
    note: str
    groups: tuple[KindGroup, ...]
    gaps: tuple[ProofEntry, ...]
    broken: tuple[ProofEntry, ...]
    claims: int
    flagged: int
    verdicts: tuple[tuple[str, int], ...]      # (verdict, number of statements), verdicts with none left out

    @property
    def errors(self) -> int:
        """The number of distinct errors (root causes outside the gaps)."""
        return sum(len(g.errors) for g in self.groups)

    @property
    def kinds(self) -> tuple[tuple[str, int], ...]:
        return tuple((g.kind, len(g.errors)) for g in self.groups)

    @property
    def clean(self) -> bool:
        return not (self.groups or self.gaps or self.broken)


def note_summary(report: Report, note: str, by_id: Mapping[str, ClaimReport] | None = None) -> NoteSummary:
    """What is wrong in ``note``, how to fix it, and the counts."""
    by_id = by_id if by_id is not None else report.by_id()
    rows = [c for c in report.claims if c.note == note]
    entries: dict[str, list[ErrorEntry]] = {k: [] for k in KINDS}
    for cause in report.root_causes_of(note):
        root = by_id.get(cause.id)
        if root is not None and root.verdict == Verdict.GAP:
            continue                       # listed with the proof gaps
        entries.setdefault(cause.kind, []).append(ErrorEntry(cause, root, Fix.of(root) if root else Fix()))
    groups = tuple(KindGroup(k, KIND_MEANINGS.get(k, ""), tuple(v)) for k, v in entries.items() if v)
    gaps = tuple(ProofEntry(c, c.proof) for c in rows if c.verdict == Verdict.GAP and c.proof is not None)
    broken = tuple(ProofEntry(c, c.proof) for c in rows
                   if c.verdict in (Verdict.PROVED, Verdict.SUPPORTED) and c.proof is not None and c.proof.broken)
    stated = Counter(c.verdict for c in rows)
    verdicts = tuple((v.value, stated[v]) for v in Verdict if stated[v])
    return NoteSummary(note, groups, gaps, broken, len(rows), sum(c.flagged for c in rows), verdicts)


def diagnosis_lines(claim: ClaimReport, report: Report) -> list[tuple[str, str]]:
    """(label, text) for a claim's kind (declared or computed, and why), root cause and proof status,
    as the Markdown and HTML pages show them; empty for a claim that holds with no proof steps."""
    lines = []
    if claim.kind is not None:
        how = "declared" if claim.kind.declared else "computed"
        lines.append(("kind", f"{claim.kind.kind} ({how}: {claim.kind.why})"))
    if claim.root_cause is not None:
        cause = next((r for r in report.root_causes_of(claim.note) if r.id == claim.root_cause), None)
        how = f" ({cause.how})" if cause is not None and cause.how != "own" else ""
        if claim.root_cause != claim.id:
            lines.append(("root cause", claim.root_cause + how))
        elif cause is not None and cause.also:
            lines.append(("root cause", f"this claim; the same error is in {', '.join(cause.also)}{how}"))
        else:
            lines.append(("root cause", "this claim"))
    if claim.proof is not None and claim.proof.words:
        lines.append(("proof", claim.proof.words))
    return lines


def summaries(report: Report) -> list[NoteSummary]:
    """Every note's summary, notes in order of first appearance."""
    by_id = report.by_id()
    return [note_summary(report, note, by_id) for note in report.notes()]


# ---------------------------------------------------------------------------------------------
# a claim page's words: what is wrong and the fix, how many instances met the hypotheses, terms
# ---------------------------------------------------------------------------------------------

GLOSSARY = {
    "relative margin": "how much a relation holds by, relative to the size of its sides: (the side that should "
                       "be larger − the other) / (|one| + |other|), from −1 to 1; at least 0 where the relation "
                       "holds, negative where it fails (for an equation, minus the relative difference of its sides)",
}


def glossary(texts) -> list[tuple[str, str]]:
    """(term, meaning) for each term of :data:`GLOSSARY` that one of ``texts`` uses (findings, summaries)."""
    joined = " ".join(str(t) for t in texts).lower()
    return [(term, meaning) for term, meaning in GLOSSARY.items() if term in joined]


def _count(n: int, of: int, what: str) -> str:
    if n == of:
        return f"all {of} {what}"
    share = f" ({100 * n / of:.0f}%)" if of else ""
    return f"{n} of {of} {what}{share}"


def hypotheses_met(evidence: Mapping) -> str | None:
    """How many instances, configurations or points met the hypotheses, in words, from a check's
    evidence (``instances``/``hypotheses_held``, ``configuration_search``, a search's ``valid_points``);
    None when the evidence does not say."""
    if not isinstance(evidence, Mapping):
        return None
    ints = lambda m, *keys: all(isinstance(m.get(k), int) and not isinstance(m.get(k), bool) for k in keys)  # noqa: E731
    parts = []
    search = evidence.get("configuration_search")
    if isinstance(search, Mapping) and ints(search, "configurations", "configurations_meeting_hypotheses"):
        parts.append(_count(search["configurations_meeting_hypotheses"], search["configurations"], "configurations"))
    if ints(evidence, "instances", "hypotheses_held"):
        parts.append(_count(evidence["hypotheses_held"], evidence["instances"], "simulated instances"))
    if ints(evidence, "valid_points", "examples", "hypothesis_valid_examples"):
        swept = f", {evidence['swept_valid']} swept points" if ints(evidence, "swept_valid") else ""
        parts.append(f"{evidence['valid_points']} points ({_count(evidence['hypothesis_valid_examples'], evidence['examples'], 'Hypothesis examples')}{swept})")
    return "Met the hypotheses: " + "; ".join(parts) if parts else None


@dataclass(frozen=True)
class WrongBox:
    """What a flagged claim's page opens with: the kind of its error and what that means, its first
    finding, the relation as written and as corrected side by side (LaTeX, the parts in which they differ
    marked), the hypotheses the fix adds and drops, why, and the verdicts."""
    kind: str
    meaning: str
    finding: str
    written: str
    verdict: Verdict | None
    corrected: str | None = None
    correction_verdict: Verdict | None = None
    added: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    why: str = ""
    marked: bool = False


def wrong_box(claim: ClaimReport) -> WrongBox | None:
    """The "what is wrong / the fix" box of a flagged claim (None for a claim that holds)."""
    if claim.kind is None:
        return None
    kind = claim.kind.kind
    written, corrected = claim.latex, None
    corr = claim.correction
    added = dropped = ()
    marked = False
    if corr is not None:
        fix = Fix.of(claim)
        added, dropped = fix.added, fix.dropped
        written, corrected = corr.marked if corr.marked else (claim.latex, corr.latex)
        marked = corr.marked is not None
    return WrongBox(kind, KIND_MEANINGS.get(kind, ""), claim.statement.first_finding, written, claim.verdict,
                    corrected, claim.correction_verdict, added, dropped, corr.why.strip() if corr else "", marked)
