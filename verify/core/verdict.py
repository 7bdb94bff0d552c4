"""Turning check results into a verdict. The only place where verdicts are made."""
from __future__ import annotations

from .model import NUMERIC, SCALING, SYMBOLIC, WELLFORMED, CheckResult, Evaluation, Outcome, Verdict, sizes_text


NECESSARY = (SCALING, WELLFORMED)    # analyses that can refute but never support (scaling, well-formedness)


def _counts(r: CheckResult) -> bool:
    return r.kind not in NECESSARY or r.outcome in (Outcome.FAILS, Outcome.ERROR)


def _scoped(r: CheckResult) -> bool:
    """A symbolic result on instances of fixed sizes only (the check declared ``sizes``)."""
    return r.kind == SYMBOLIC and bool(r.sizes)


def verdict_of(results: list[CheckResult]) -> Verdict:
    """Combine the outcomes of all checks of one statement.

    Precedence: a check that did not run makes the verdict ``error`` (a claim whose checks did not all
    run is never proved or supported); then a disproof; then a proof gap; then an undecided check; then
    looseness. ``proved`` needs every check to close symbolically and one of them to cover the statement's
    generality: derivations on instances of fixed sizes only (checks with ``sizes``) prove those sizes,
    and a claim with nothing more is ``supported`` (:func:`scope` says which sizes).

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
    if all(r.kind == SYMBOLIC for r in results) and not all(_scoped(r) for r in results):
        return Verdict.PROVED
    return Verdict.SUPPORTED


def _merged(results) -> dict[str, list[int]]:
    out: dict[str, set] = {}
    for r in results:
        for name, values in (r.sizes or {}).items():
            out.setdefault(name, set()).update(values)
    return {k: sorted(v) for k, v in out.items()}


def scope(results: list[CheckResult]) -> str | None:
    """The scope of a statement accepted on a derivation at fixed sizes only, in words: ``proved for
    d = 2, 3; supported beyond (checked numerically at d = 5, 8)``; None when the verdict is not
    ``supported`` or no derivation was limited to fixed sizes."""
    if verdict_of(results) != Verdict.SUPPORTED:
        return None
    held = [r for r in results if r.outcome == Outcome.HOLDS and _counts(r)]
    proved = _merged(r for r in held if _scoped(r))
    if not proved:
        return None
    numeric = [r for r in held if r.kind == NUMERIC]
    beyond = {k: [v for v in vs if v not in proved.get(k, ())] for k, vs in _merged(numeric).items()}
    beyond = {k: vs for k, vs in beyond.items() if vs}
    text = f"proved for {sizes_text(proved)}"
    if beyond:
        return f"{text}; supported beyond (checked numerically at {sizes_text(beyond)})"
    unsized = [r.check for r in numeric if not r.sizes]
    if unsized:
        return f"{text}; supported beyond by {', '.join(unsized)} (sizes not stated)"
    return f"{text} only; not checked beyond"


_FINDING_ORDER = [Outcome.ERROR, Outcome.FAILS, Outcome.GAP, Outcome.UNDECIDED, Outcome.LOOSE]   # as verdict_of ranks them


def evaluation(results: list[CheckResult]) -> Evaluation:
    """The verdict, with findings: the summaries of the checks that flagged something, worst first; a
    statement supported because its derivations cover fixed sizes only has its :func:`scope` instead."""
    findings = [r.check + ": " + r.summary for o in _FINDING_ORDER for r in results if r.outcome == o and _counts(r)]
    limited = scope(results)
    if limited is not None:
        findings.append("scope: " + limited)
    return Evaluation(verdict_of(results), results, findings)
