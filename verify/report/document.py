"""The report document: ``results.json`` as the data every renderer reads, and its one JSON format."""
from __future__ import annotations

import json
from typing import Iterable, Sequence

from ..core.jsonsafe import jsonable
from ..core.model import Budget, ClaimResult, Evaluation, PluginError, replay_command

__all__ = ["SCHEMA", "NO_FINDING", "budget_name", "dumps", "replay_command", "claim_json", "results_json"]

SCHEMA = 1
NO_FINDING = "—"


def budget_name(budget: Budget | str) -> str:
    return budget.name if isinstance(budget, Budget) else str(budget)


def dumps(data) -> str:
    """The one JSON format of reports: sorted keys, two-space indent, trailing newline."""
    return json.dumps(jsonable(data), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


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
    return {"schema": SCHEMA, "seed": seed, "budget": budget_name(budget),
            "claims": [claim_json(r) for r in results],
            "plugin_errors": [e.to_json() for e in plugin_errors]}
