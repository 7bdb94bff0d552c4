"""Turning check results into a verdict. The only place where verdicts are made."""
from __future__ import annotations

from .model import SCALING, SYMBOLIC, WELLFORMED, CheckResult, Evaluation, Outcome, Verdict


NECESSARY = (SCALING, WELLFORMED)    # analyses that can refute but never support (scaling, well-formedness)


def _counts(r: CheckResult) -> bool:
    return r.kind not in NECESSARY or r.outcome in (Outcome.FAILS, Outcome.ERROR)


def verdict_of(results: list[CheckResult]) -> Verdict:
    """Combine the outcomes of all checks of one statement.

    Precedence: a check that did not run makes the verdict ``error`` (a claim whose checks did not all
    run is never proved or supported); then a disproof; then a proof gap; then an undecided check; then
    looseness. ``proved`` needs every check to close symbolically.

    The scaling and well-formedness checks (kinds ``scaling``, ``wellformed``) take part only when they
    find a mismatch or err: being
    scale-consistent is necessary, not evidence, and an undeclared symbol does not make a claim
    inconclusive.
    """
    results = [r for r in results if _counts(r)]
    if not results:
        return Verdict.INCONCLUSIVE
    outcomes = [r.outcome for r in results]
    if Outcome.ERROR in outcomes:
        return Verdict.ERROR
    if Outcome.FAILS in outcomes:
        return Verdict.REFUTED
    if Outcome.GAP in outcomes:
        return Verdict.GAP
    if Outcome.UNDECIDED in outcomes:
        return Verdict.INCONCLUSIVE
    if Outcome.LOOSE in outcomes:
        return Verdict.LOOSE
    if all(r.kind == SYMBOLIC for r in results):
        return Verdict.PROVED
    return Verdict.SUPPORTED


_FINDING_ORDER = [Outcome.ERROR, Outcome.FAILS, Outcome.GAP, Outcome.UNDECIDED, Outcome.LOOSE]   # as verdict_of ranks them


def evaluation(results: list[CheckResult]) -> Evaluation:
    """The verdict, with findings: the summaries of the checks that flagged something, worst first."""
    findings = [r.check + ": " + r.summary for o in _FINDING_ORDER for r in results if r.outcome == o and _counts(r)]
    return Evaluation(verdict_of(results), results, findings)
