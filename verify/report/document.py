"""The report document: one typed, frozen value built once from a run's results, which every renderer
(Markdown, HTML, JUnit, the terminal, ``results.json``) reads, and its one JSON form.

:meth:`Report.to_json` is ``results.json`` (schema 4) and :meth:`Report.from_json` reads it back:
``Report.from_json(report.to_json()) == report``. A statement and a correction are each reported as a
:class:`Formula`: the LaTeX of the SymPy relation that was checked (``statement``), its hypotheses and
definitions, and the hand-written typesetting, if any, apart (``typeset``: shown labelled "not
checked"). The diagnosis of the run (:func:`verify.core.diagnosis.diagnose`, computed once in
:meth:`Report.of`) is part of the document: each claim's ``kind`` (:class:`KindReport`, None when it
holds), ``root_cause`` (the id of the claim where its error is made) and ``proof``
(:class:`ProofReport`), and the report's root causes per note (:class:`RootCauseReport`). Schema 1 had
the hand LaTeX as ``statement`` and no hypotheses or definitions; schema 2 had no diagnosis; schema 3 had
findings and summaries as plain strings only (schema 4: a finding or a check's summary with math in it is
a list of parts, strings and ``{"latex", "plain"}``, see :mod:`verify.core.text`) and no ``tested_by`` in
the proof status. The plugin
that defined a claim is not in ``results.json``: it is outside the comparison, and ``verify show``
takes it from the loaded claims.

Numbers are rounded once, here, as :mod:`verify.core.rounding` states (evidence and plot data to six
significant digits, margins to 1e-6, long decimals in texts), after the verdicts are decided: a report
depends on the seed, the budget and the package versions, not on the machine's BLAS or CPU.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from ..core.diagnosis import Diagnosis, diagnose, marked
from ..core.environment import environment
from ..core.jsonsafe import jsonable
from .notes import note_titles
from ..core import text
from ..core.rounding import rounded, rounded_text
from ..core.model import (RUNNER, CheckKind, CheckResult, ClaimResult, Evaluation, Outcome, PluginError,
                          RunSettings, Source, Statement, Verdict, replay_command)

__all__ = ["SCHEMA", "NO_FINDING", "dumps", "replay_command", "Formula", "CheckReport", "EvaluationReport",
           "CorrectionReport", "KindReport", "ProofReport", "RootCauseReport", "ClaimReport", "Report"]

SCHEMA = 4
NO_FINDING = "—"


def dumps(data) -> str:
    """The one JSON format of reports: sorted keys, two-space indent, trailing newline."""
    return json.dumps(jsonable(data), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _verdict(value: str | None) -> Verdict | None:
    return None if value is None else Verdict(value)


def _value(v: Verdict | None) -> str | None:
    return None if v is None else v.value


@dataclass(frozen=True)
class Formula:
    """A statement as reported: LaTeX rendered from the checked SymPy relation, its hypotheses and
    definitions (also rendered), and the hand-written typesetting (None when there is none)."""
    latex: str
    hypotheses: tuple[str, ...] = ()      # LaTeX, one per hypothesis
    definitions: tuple[str, ...] = ()     # LaTeX "symbol = definition"
    typeset: str | None = None            # the claim's own ``latex=``: not checked

    @staticmethod
    def of(statement: Statement) -> "Formula":
        return Formula(statement.relation_latex(), statement.hypotheses_latex(), statement.definitions_latex(),
                       statement.latex or None)

    def to_json(self) -> dict:
        return {"statement": self.latex, "hypotheses": list(self.hypotheses), "definitions": list(self.definitions),
                "typeset": self.typeset}

    @staticmethod
    def from_json(d: Mapping) -> "Formula":
        return Formula(d["statement"], tuple(d["hypotheses"]), tuple(d["definitions"]), d["typeset"])

    def sources(self) -> list[str]:
        """Every LaTeX text the pages render as math from the checked relation."""
        return [self.latex, *self.hypotheses, *self.definitions]


@dataclass(frozen=True)
class CheckReport:
    """One check's result as reported (evidence and plot data JSON-safe)."""
    check: str
    kind: CheckKind | str
    outcome: Outcome
    summary: str
    evidence: Mapping = field(default_factory=dict)
    plot: Mapping | None = None

    @staticmethod
    def of(result: CheckResult) -> "CheckReport":
        """The result as reported: every float rounded (:func:`verify.core.rounding.rounded`)."""
        return CheckReport.from_json(rounded(jsonable(result.to_json())))

    to_json = CheckResult.to_json          # the same fields, the one JSON form of a check's result

    @staticmethod
    def from_json(d: Mapping) -> "CheckReport":
        r = CheckResult.from_json(d)
        return CheckReport(r.check, r.kind, r.outcome, r.summary, r.evidence, r.plot)


@dataclass(frozen=True)
class EvaluationReport:
    """A statement's verdict (None: not run), the verdict recorded as expected, findings and checks."""
    verdict: Verdict | None
    expected: Verdict | None = None
    findings: tuple[str, ...] = ()
    checks: tuple[CheckReport, ...] = ()

    @staticmethod
    def of(e: Evaluation | None, expected: Verdict | None) -> "EvaluationReport":
        if e is None:
            return EvaluationReport(None, expected)
        return EvaluationReport(e.verdict, expected, tuple(rounded_text(f) for f in e.findings),
                                tuple(CheckReport.of(c) for c in e.checks))

    @property
    def mismatch(self) -> bool:
        """An expectation is recorded and the verdict (or its absence) differs from it."""
        return self.expected is not None and self.expected != self.verdict

    @property
    def first_finding(self) -> str:
        return self.findings[0] if self.findings else NO_FINDING

    def to_json(self) -> dict:
        """The evaluation's keys of results.json (``expected`` included)."""
        return {"verdict": _value(self.verdict), "expected": _value(self.expected),
                "findings": [text.to_json(f) for f in self.findings],
                "checks": [c.to_json() for c in self.checks]}

    @staticmethod
    def from_json(d: Mapping) -> "EvaluationReport":
        return EvaluationReport(_verdict(d["verdict"]), _verdict(d.get("expected")),
                                tuple(text.from_json(f) for f in d["findings"]),
                                tuple(CheckReport.from_json(c) for c in d["checks"]))


@dataclass(frozen=True)
class CorrectionReport:
    """A claim's corrected statement, why it differs, and its evaluation; ``marked``: the LaTeX of the
    statement's and of the correction's relation with the parts in which they differ marked
    (``{\\color{red}{...}}``, :func:`verify.core.diagnosis.marked`), or None."""
    formula: Formula
    why: str
    evaluation: EvaluationReport
    marked: tuple[str, str] | None = None

    @property
    def latex(self) -> str:
        """LaTeX of the checked corrected relation."""
        return self.formula.latex

    def to_json(self) -> dict:
        marked = {"marked": {"statement": self.marked[0], "correction": self.marked[1]}} if self.marked else {}
        return {**self.formula.to_json(), "why": self.why, **self.evaluation.to_json(), **marked}

    @staticmethod
    def from_json(d: Mapping) -> "CorrectionReport":
        m = d.get("marked")
        return CorrectionReport(Formula.from_json(d), d["why"], EvaluationReport.from_json(d),
                                (m["statement"], m["correction"]) if m else None)


@dataclass(frozen=True)
class KindReport:
    """The kind of a flagged claim's error (one of ``verify.core.model.KINDS``), whether the claim
    declared it, and why (the declared reason, or how it was computed)."""
    kind: str
    declared: bool
    why: str

    def to_json(self) -> dict:
        return {"kind": self.kind, "declared": self.declared, "why": self.why}

    @staticmethod
    def from_json(d: Mapping | None) -> "KindReport | None":
        return None if d is None else KindReport(d["kind"], d["declared"], d["why"])


@dataclass(frozen=True)
class ProofReport:
    """The status of a claim's proof: ``complete``, ``unverified`` or ``broken`` (None for a gap with
    no proof steps); the broken steps as (claim id, verdict, kind or None), the inconclusive ones; for a
    gap, what is known of its conclusion and the claims that test it (``tested_by``: claim, verdict,
    ``holds``/``fails``/``undecided``); and the whole in words."""
    status: str | None
    broken_at: tuple[tuple[str, str, str | None], ...] = ()
    unverified_at: tuple[str, ...] = ()
    conclusion: str | None = None
    words: str = ""
    tested_by: tuple[tuple[str, str, str], ...] = ()     # (claim, its verdict, holds | fails | undecided)

    @property
    def broken(self) -> bool:
        return self.status == "broken"

    def to_json(self) -> dict:
        return {"status": self.status,
                "broken_at": [{"claim": s, "verdict": v, "kind": k} for s, v, k in self.broken_at],
                "unverified_at": list(self.unverified_at), "conclusion": self.conclusion, "words": self.words,
                "tested_by": [{"claim": s, "verdict": v, "result": r} for s, v, r in self.tested_by]}

    @staticmethod
    def from_json(d: Mapping | None) -> "ProofReport | None":
        if d is None:
            return None
        return ProofReport(d["status"], tuple((b["claim"], b["verdict"], b["kind"]) for b in d["broken_at"]),
                           tuple(d["unverified_at"]), d["conclusion"], d["words"],
                           tuple((t["claim"], t["verdict"], t["result"]) for t in d["tested_by"]))


@dataclass(frozen=True)
class RootCauseReport:
    """One error and the flagged claims it affects: ``claims[0]`` is ``id``, where it is made; ``how``
    says why they share it ("declared", "computed: the same correction ...", or "own")."""
    id: str
    kind: str
    how: str
    claims: tuple[str, ...]

    @property
    def also(self) -> tuple[str, ...]:
        """The other claims the error affects."""
        return tuple(c for c in self.claims if c != self.id)

    def to_json(self) -> dict:
        return {"id": self.id, "kind": self.kind, "how": self.how, "claims": list(self.claims)}

    @staticmethod
    def from_json(d: Mapping) -> "RootCauseReport":
        return RootCauseReport(d["id"], d["kind"], d["how"], tuple(d["claims"]))


@dataclass(frozen=True)
class ClaimReport:
    """One claim as reported: where it stands, its statement (:class:`Formula`), dependencies, evaluations."""
    id: str
    title: str
    note: str
    source: Source
    formula: Formula
    depends_on: tuple[str, ...]
    statement: EvaluationReport
    correction: CorrectionReport | None = None
    kind: KindReport | None = None        # the kind of its error; None when the claim holds
    root_cause: str | None = None         # the claim where its error is made (itself, or one it inherits from)
    proof: ProofReport | None = None      # its proof's status; None without proof steps (unless a gap)
    # not in results.json: empty in a report read from it
    plugin: str = field(default="", compare=False)

    @staticmethod
    def of(result: ClaimResult, diagnosis: Diagnosis | None = None) -> "ClaimReport":
        """The claim's report; ``diagnosis`` (of the whole run) gives its kind, root cause and proof status."""
        c = result.claim
        correction = None
        if c.correction is not None:
            correction = CorrectionReport(Formula.of(c.correction.statement), c.correction.why,
                                          EvaluationReport.of(result.correction, c.correction.expected),
                                          result.analysis.marked if result.analysis is not None
                                          else marked(c.statement, c.correction.statement))
        return ClaimReport(
            id=c.id, title=c.title, note=c.note, source=c.source, formula=Formula.of(c.statement),
            depends_on=tuple(c.depends_on), statement=EvaluationReport.of(result.statement, c.expected),
            correction=correction, plugin=result.plugin, **_diagnosed(c.id, diagnosis))

    @property
    def latex(self) -> str:
        """LaTeX of the checked relation."""
        return self.formula.latex

    @property
    def hypotheses(self) -> tuple[str, ...]:
        return self.formula.hypotheses

    @property
    def definitions(self) -> tuple[str, ...]:
        return self.formula.definitions

    @property
    def verdict(self) -> Verdict | None:
        return self.statement.verdict

    @property
    def expected(self) -> Verdict | None:
        return self.statement.expected

    @property
    def correction_verdict(self) -> Verdict | None:
        """The correction's verdict; None without a correction or when it did not run."""
        return self.correction.evaluation.verdict if self.correction is not None else None

    @property
    def has_expectation(self) -> bool:
        return self.expected is not None or (self.correction is not None and self.correction.evaluation.expected
                                             is not None)

    @property
    def matches_expected(self) -> bool:
        """Every recorded expectation met (a correction that did not run is not held against it)."""
        ok = not self.statement.mismatch
        if ok and self.correction_verdict is not None:
            ok = not self.correction.evaluation.mismatch
        return ok

    @property
    def error(self) -> str | None:
        """Why the claim did not run (timeout, dead worker), from the runner's synthetic check."""
        checks = self.statement.checks
        if len(checks) == 1 and checks[0].check == RUNNER and checks[0].kind == RUNNER:
            return checks[0].summary
        return None

    @property
    def flagged(self) -> bool:
        """The claim has an error of some kind (refuted, gap or loose)."""
        return self.kind is not None

    def evaluations(self) -> list[tuple[str, EvaluationReport]]:
        """("statement", evaluation), then ("correction", evaluation) when there is a correction."""
        out = [("statement", self.statement)]
        if self.correction is not None:
            out.append(("correction", self.correction.evaluation))
        return out

    def to_json(self) -> dict:
        return jsonable({"id": self.id, "title": self.title, "note": self.note,
                         "source": {"file": self.source.file, "section": self.source.section,
                                    "quote": self.source.quote},
                         **self.formula.to_json(), "depends_on": list(self.depends_on), **self.statement.to_json(),
                         "correction": self.correction.to_json() if self.correction is not None else None,
                         "kind": self.kind.to_json() if self.kind is not None else None,
                         "root_cause": self.root_cause,
                         "proof": self.proof.to_json() if self.proof is not None else None})

    @staticmethod
    def from_json(d: Mapping) -> "ClaimReport":
        corr = d.get("correction")
        return ClaimReport(id=d["id"], title=d["title"], note=d["note"], source=Source(**d["source"]),
                           formula=Formula.from_json(d), depends_on=tuple(d["depends_on"]),
                           statement=EvaluationReport.from_json(d),
                           correction=CorrectionReport.from_json(corr) if corr is not None else None,
                           kind=KindReport.from_json(d["kind"]), root_cause=d["root_cause"],
                           proof=ProofReport.from_json(d["proof"]))


def _diagnosed(claim_id: str, diagnosis: Diagnosis | None) -> dict:
    """A claim's kind, root cause and proof status in the report's types ({} without a diagnosis)."""
    d = diagnosis.claims.get(claim_id) if diagnosis is not None else None
    if d is None:
        return {}
    return {"kind": KindReport(d.kind.kind, d.kind.declared, d.kind.why) if d.kind is not None else None,
            "root_cause": d.root_cause,
            "proof": ProofReport.from_json(jsonable(d.proof.to_json())) if d.proof is not None else None}


@dataclass(frozen=True)
class Report:
    """A run's report: seed, budget (its name), the claims in the run's order, the plugin errors, the
    root causes of each note's errors (note -> root causes in the claims' order; a root cause whose
    claims lie in several notes is listed under each) and the problems the diagnosis met (a
    ``because_of`` naming no claim, a cycle)."""
    seed: int
    budget: str
    claims: tuple[ClaimReport, ...]
    plugin_errors: tuple[PluginError, ...] = ()
    root_causes: Mapping[str, tuple[RootCauseReport, ...]] = field(default_factory=dict)
    diagnosis_problems: tuple[str, ...] = ()
    schema: int = SCHEMA
    environment: Mapping[str, Any] = field(default_factory=dict)    # verify.core.environment: versions, engine digest
    note_titles: Mapping[str, str] = field(default_factory=dict)    # note file -> title (verify.report.notes)
    # the notes' coverage ledgers laid over their texts (verify.core.ledger), when the run covers whole
    # plugins (``verify all``); rendered into coverage.md and coverage.json, not into results.json
    coverage: tuple = field(default=(), compare=False)

    @staticmethod
    def of(results: Sequence[ClaimResult], settings: RunSettings,
           plugin_errors: Iterable[PluginError] = ()) -> "Report":
        """The document of a run (built once, the diagnosis with it; every renderer reads it)."""
        results = list(results)
        diagnosis = diagnose(r for r in results if r.statement is not None)     # a claim not run has none
        notes = dict.fromkeys(r.claim.note for r in results)
        causes = {note: tuple(RootCauseReport.from_json(jsonable(rc.to_json())) for rc in diagnosis.of_note(note))
                  for note in notes}
        return Report(settings.seed, settings.budget.name, tuple(ClaimReport.of(r, diagnosis) for r in results),
                      tuple(plugin_errors), causes, tuple(diagnosis.problems), environment=environment(),
                      note_titles=note_titles(notes))

    # -- views the renderers share ------------------------------------------------------------

    def by_id(self) -> dict[str, ClaimReport]:
        return {c.id: c for c in self.claims}

    def notes(self) -> dict[str, list[ClaimReport]]:
        """The claims grouped by note, notes in order of first appearance."""
        out: dict[str, list[ClaimReport]] = {}
        for c in self.claims:
            out.setdefault(c.note, []).append(c)
        return out

    def title(self, note: str) -> str:
        """A note's title (its first line), or its file name when the note file was not found."""
        return self.note_titles.get(note, note)

    def mismatched(self) -> list[str]:
        """Ids of the claims whose verdict differs from a recorded expectation."""
        return [c.id for c in self.claims if not c.matches_expected]

    def failed(self) -> bool:
        """A plugin error, an ``error`` verdict or a verdict other than the expected one."""
        return bool(self.plugin_errors) or any(
            Verdict.ERROR in (c.verdict, c.correction_verdict) or not c.matches_expected for c in self.claims)

    def root_causes_of(self, note: str) -> tuple[RootCauseReport, ...]:
        """The root causes of ``note``'s errors, each once."""
        return tuple(self.root_causes.get(note, ()))

    def replay(self, claim: ClaimReport) -> str:
        """The command that reruns ``claim`` exactly."""
        return replay_command(claim.id, self.seed, self.budget, claim.plugin)

    # -- results.json ---------------------------------------------------------------------------

    def to_json(self) -> dict:
        return {"schema": self.schema, "seed": self.seed, "budget": self.budget,
                "claims": [c.to_json() for c in self.claims],
                "plugin_errors": [e.to_json() for e in self.plugin_errors],
                "root_causes": {note: [r.to_json() for r in causes] for note, causes in self.root_causes.items()},
                "diagnosis_problems": list(self.diagnosis_problems), "environment": dict(self.environment),
                **({"note_titles": dict(self.note_titles)} if self.note_titles else {})}

    @staticmethod
    def from_json(d: Mapping[str, Any]) -> "Report":
        if d.get("schema") != SCHEMA:
            raise ValueError(f"results.json schema {d.get('schema')!r} is not {SCHEMA}")
        return Report(seed=d["seed"], budget=d["budget"], claims=tuple(ClaimReport.from_json(c) for c in d["claims"]),
                      plugin_errors=tuple(PluginError(**e) for e in d.get("plugin_errors", [])),
                      root_causes={note: tuple(RootCauseReport.from_json(r) for r in causes)
                                   for note, causes in d["root_causes"].items()},
                      diagnosis_problems=tuple(d["diagnosis_problems"]), schema=d["schema"],
                      environment=d.get("environment", {}), note_titles=d.get("note_titles", {}))

    def dumps(self) -> str:
        """``results.json``'s text."""
        return dumps(self.to_json())
