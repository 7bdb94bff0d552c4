"""The report document: one typed, frozen value built once from a run's results, which every renderer
(Markdown, HTML, JUnit, the terminal, ``results.json``) reads, and its one JSON form.

:meth:`Report.to_json` is ``results.json`` (schema 2) and :meth:`Report.from_json` reads it back:
``Report.from_json(report.to_json()) == report``. A statement and a correction are each reported as a
:class:`Formula`: the LaTeX of the SymPy relation that was checked (``statement``), its hypotheses and
definitions, and the hand-written typesetting, if any, apart (``typeset``: shown labelled "not
checked"). Schema 1 had the hand LaTeX as ``statement`` and no hypotheses or definitions. The plugin
that defined a claim is not in ``results.json``: it is outside the comparison, and ``verify show``
takes it from the loaded claims.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from ..core.jsonsafe import jsonable
from ..core.model import (RUNNER, CheckKind, CheckResult, ClaimResult, Evaluation, Outcome, PluginError,
                          RunSettings, Source, Statement, Verdict, replay_command)

__all__ = ["SCHEMA", "NO_FINDING", "dumps", "replay_command", "Formula", "CheckReport", "EvaluationReport",
           "CorrectionReport", "ClaimReport", "Report"]

SCHEMA = 2
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
        return CheckReport.from_json(jsonable(result.to_json()))

    def to_json(self) -> dict:
        out = {"check": self.check, "kind": str(self.kind), "outcome": self.outcome.value, "summary": self.summary,
               "evidence": self.evidence}
        if self.plot is not None:
            out["plot"] = self.plot
        return out

    @staticmethod
    def from_json(d: Mapping) -> "CheckReport":
        return CheckReport(check=d["check"], kind=CheckKind.of(d["kind"]), outcome=Outcome(d["outcome"]),
                           summary=d["summary"], evidence=d["evidence"], plot=d.get("plot"))


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
        return EvaluationReport(e.verdict, expected, tuple(e.findings), tuple(CheckReport.of(c) for c in e.checks))

    @property
    def mismatch(self) -> bool:
        """An expectation is recorded and the verdict (or its absence) differs from it."""
        return self.expected is not None and self.expected != self.verdict

    @property
    def first_finding(self) -> str:
        return self.findings[0] if self.findings else NO_FINDING

    def to_json(self) -> dict:
        """The evaluation's keys of results.json (``expected`` included)."""
        return {"verdict": _value(self.verdict), "expected": _value(self.expected), "findings": list(self.findings),
                "checks": [c.to_json() for c in self.checks]}

    @staticmethod
    def from_json(d: Mapping) -> "EvaluationReport":
        return EvaluationReport(_verdict(d["verdict"]), _verdict(d.get("expected")), tuple(d["findings"]),
                                tuple(CheckReport.from_json(c) for c in d["checks"]))


@dataclass(frozen=True)
class CorrectionReport:
    """A claim's corrected statement, why it differs, and its evaluation."""
    formula: Formula
    why: str
    evaluation: EvaluationReport

    @property
    def latex(self) -> str:
        """LaTeX of the checked corrected relation."""
        return self.formula.latex

    def to_json(self) -> dict:
        return {**self.formula.to_json(), "why": self.why, **self.evaluation.to_json()}

    @staticmethod
    def from_json(d: Mapping) -> "CorrectionReport":
        return CorrectionReport(Formula.from_json(d), d["why"], EvaluationReport.from_json(d))


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
    # not in results.json: empty in a report read from it
    plugin: str = field(default="", compare=False)

    @staticmethod
    def of(result: ClaimResult) -> "ClaimReport":
        c = result.claim
        correction = None
        if c.correction is not None:
            correction = CorrectionReport(Formula.of(c.correction.statement), c.correction.why,
                                          EvaluationReport.of(result.correction, c.correction.expected))
        return ClaimReport(
            id=c.id, title=c.title, note=c.note, source=c.source, formula=Formula.of(c.statement),
            depends_on=tuple(c.depends_on), statement=EvaluationReport.of(result.statement, c.expected),
            correction=correction, plugin=result.plugin)

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
                         "correction": self.correction.to_json() if self.correction is not None else None})

    @staticmethod
    def from_json(d: Mapping) -> "ClaimReport":
        corr = d.get("correction")
        return ClaimReport(id=d["id"], title=d["title"], note=d["note"], source=Source(**d["source"]),
                           formula=Formula.from_json(d), depends_on=tuple(d["depends_on"]),
                           statement=EvaluationReport.from_json(d),
                           correction=CorrectionReport.from_json(corr) if corr is not None else None)


@dataclass(frozen=True)
class Report:
    """A run's report: seed, budget (its name), the claims in the run's order and the plugin errors."""
    seed: int
    budget: str
    claims: tuple[ClaimReport, ...]
    plugin_errors: tuple[PluginError, ...] = ()
    schema: int = SCHEMA

    @staticmethod
    def of(results: Sequence[ClaimResult], settings: RunSettings,
           plugin_errors: Iterable[PluginError] = ()) -> "Report":
        """The document of a run (built once; every renderer reads it)."""
        return Report(settings.seed, settings.budget.name, tuple(ClaimReport.of(r) for r in results),
                      tuple(plugin_errors))

    # -- views the renderers share ------------------------------------------------------------

    def by_id(self) -> dict[str, ClaimReport]:
        return {c.id: c for c in self.claims}

    def notes(self) -> dict[str, list[ClaimReport]]:
        """The claims grouped by note, notes in order of first appearance."""
        out: dict[str, list[ClaimReport]] = {}
        for c in self.claims:
            out.setdefault(c.note, []).append(c)
        return out

    def mismatched(self) -> list[str]:
        """Ids of the claims whose verdict differs from a recorded expectation."""
        return [c.id for c in self.claims if not c.matches_expected]

    def failed(self) -> bool:
        """A plugin error, an ``error`` verdict or a verdict other than the expected one."""
        return bool(self.plugin_errors) or any(
            Verdict.ERROR in (c.verdict, c.correction_verdict) or not c.matches_expected for c in self.claims)

    def replay(self, claim: ClaimReport) -> str:
        """The command that reruns ``claim`` exactly."""
        return replay_command(claim.id, self.seed, self.budget, claim.plugin)

    # -- results.json ---------------------------------------------------------------------------

    def to_json(self) -> dict:
        return {"schema": self.schema, "seed": self.seed, "budget": self.budget,
                "claims": [c.to_json() for c in self.claims],
                "plugin_errors": [e.to_json() for e in self.plugin_errors]}

    @staticmethod
    def from_json(d: Mapping[str, Any]) -> "Report":
        if d.get("schema") != SCHEMA:
            raise ValueError(f"results.json schema {d.get('schema')!r} is not {SCHEMA}")
        return Report(seed=d["seed"], budget=d["budget"], claims=tuple(ClaimReport.from_json(c) for c in d["claims"]),
                      plugin_errors=tuple(PluginError(**e) for e in d.get("plugin_errors", [])), schema=d["schema"])

    def dumps(self) -> str:
        """``results.json``'s text."""
        return dumps(self.to_json())
