"""The built-in claims, each evaluated once per test session.

``evaluated(claim_id)`` gives a claim's (statement, correction) evaluations at seed 0, budget quick. The
first call runs, in one ``run_claims(..., jobs=2)``, every built-in claim the session's selected tests
need (all of them for the oracle test; a note's claims for its note test); later calls reuse the results.
The evaluations come back from worker processes as a run produces them: evidence is plain JSON (lists,
floats, strings), exactly what the reports see."""
from __future__ import annotations

import pytest

from tests.helpers import REPO, builtin_claims

JOBS = 2


def _needed(session) -> set[str]:
    """Modules whose claims the selected tests evaluate: the claim of a parametrized test, the ``note``
    module of a note test file."""
    modules = set()
    for item in session.items:
        claim = getattr(getattr(item, "callspec", None), "params", {}).get("claim")
        if claim is not None and hasattr(claim, "id"):
            modules.add(_module_of(claim.id))
        note = getattr(getattr(item, "module", None), "note", None)
        if note is not None and "evaluated" in getattr(item, "fixturenames", ()):
            modules.add(note.__name__.split(".")[-1])
    return modules


def _module_of(claim_id: str) -> str:
    for module, claim in builtin_claims():
        if claim.id == claim_id:
            return module
    raise KeyError(f"evaluated({claim_id!r}): no built-in claim has this id")


class Evaluations:
    """claim id -> ClaimResult, filled a batch of note modules at a time."""

    def __init__(self, timings: dict[str, float]):
        self.results: dict = {}
        self.timings = timings          # a previous run's seconds per claim: the longest start first

    def run(self, modules: set[str]) -> None:
        from verify.core.model import RunSettings
        from verify.run.runner import run_claims
        todo = [c for m, c in builtin_claims() if m in modules and c.id not in self.results]
        for result in run_claims(todo, RunSettings(seed=0, budget="quick", jobs=JOBS), expected_seconds=self.timings):
            self.results[result.claim.id] = result

    def __call__(self, claim_id: str):
        if claim_id not in self.results:
            self.run({_module_of(claim_id)})
        result = self.results[claim_id]
        return result.statement, result.correction


@pytest.fixture(scope="session")
def evaluated(request) -> Evaluations:
    """``evaluated(claim_id) -> (statement, correction)``: a built-in claim's evaluations at seed 0, budget
    quick; the first use evaluates every claim the session's selected tests need (see the module docstring)."""
    from verify.report.write import previous_timings
    evaluations = Evaluations(previous_timings(REPO / "reports"))
    evaluations.run(_needed(request.session))
    return evaluations
