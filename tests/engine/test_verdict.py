"""Unit tests for turning check results into a verdict and findings."""
from __future__ import annotations

import itertools

import pytest

from verify.core.model import NUMERIC, SYMBOLIC, CheckResult, Evaluation, Outcome, Verdict
from verify.core.verdict import evaluation, verdict_of


def res(outcome: Outcome, kind: str = SYMBOLIC, name: str | None = None, summary: str | None = None) -> CheckResult:
    return CheckResult(check=name or outcome.value, kind=kind, outcome=outcome,
                       summary=summary or f"{outcome.value} summary")


# worst first, with the verdict each outcome forces when it is the worst present
PRECEDENCE = [
    (Outcome.ERROR, Verdict.ERROR),
    (Outcome.FAILS, Verdict.REFUTED),
    (Outcome.GAP, Verdict.GAP),
    (Outcome.UNDECIDED, Verdict.INCONCLUSIVE),
    (Outcome.LOOSE, Verdict.LOOSE),
]


class TestVerdictOf:
    def test_empty_is_inconclusive(self):
        assert verdict_of([]) is Verdict.INCONCLUSIVE

    @pytest.mark.parametrize("outcome,verdict", PRECEDENCE)
    def test_single_outcome(self, outcome, verdict):
        assert verdict_of([res(outcome)]) is verdict
        assert verdict_of([res(outcome, NUMERIC)]) is verdict

    @pytest.mark.parametrize("i,j", [(i, j) for i in range(len(PRECEDENCE)) for j in range(i + 1, len(PRECEDENCE))])
    def test_worse_outcome_wins_in_any_order(self, i, j):
        worse, verdict = PRECEDENCE[i]
        better, _ = PRECEDENCE[j]
        for order in ([worse, better], [better, worse]):
            assert verdict_of([res(o) for o in order]) is verdict

    @pytest.mark.parametrize("outcome,verdict", PRECEDENCE)
    def test_any_flag_beats_holds(self, outcome, verdict):
        results = [res(Outcome.HOLDS), res(outcome), res(Outcome.HOLDS, NUMERIC)]
        assert verdict_of(results) is verdict

    def test_every_combination_follows_precedence(self):
        rank = {o: i for i, (o, _) in enumerate(PRECEDENCE)}
        outcomes = [o for o, _ in PRECEDENCE] + [Outcome.HOLDS]
        for combo in itertools.product(outcomes, repeat=3):
            flagged = [o for o in combo if o in rank]
            expected = PRECEDENCE[min(rank[o] for o in flagged)][1] if flagged else Verdict.PROVED
            assert verdict_of([res(o) for o in combo]) is expected, combo

    def test_error_beats_refuted(self):
        assert verdict_of([res(Outcome.FAILS), res(Outcome.ERROR)]) is Verdict.ERROR

    def test_proved_only_when_all_symbolic(self):
        assert verdict_of([res(Outcome.HOLDS)]) is Verdict.PROVED
        assert verdict_of([res(Outcome.HOLDS), res(Outcome.HOLDS)]) is Verdict.PROVED
        assert verdict_of([res(Outcome.HOLDS, NUMERIC)]) is Verdict.SUPPORTED
        assert verdict_of([res(Outcome.HOLDS), res(Outcome.HOLDS, NUMERIC)]) is Verdict.SUPPORTED
        assert verdict_of([res(Outcome.HOLDS, NUMERIC), res(Outcome.HOLDS)]) is Verdict.SUPPORTED

    def test_loose_does_not_depend_on_kind(self):
        assert verdict_of([res(Outcome.LOOSE, NUMERIC), res(Outcome.HOLDS)]) is Verdict.LOOSE
        assert verdict_of([res(Outcome.LOOSE), res(Outcome.HOLDS, NUMERIC)]) is Verdict.LOOSE

    def test_does_not_mutate_input(self):
        results = [res(Outcome.HOLDS), res(Outcome.GAP)]
        before = [r.to_json() for r in results]
        verdict_of(results)
        assert [r.to_json() for r in results] == before


class TestEvaluation:
    def test_findings_worst_first(self):
        results = [
            res(Outcome.HOLDS, name="h"),
            res(Outcome.UNDECIDED, name="u"),
            res(Outcome.LOOSE, name="l"),
            res(Outcome.GAP, name="g"),
            res(Outcome.FAILS, name="f"),
            res(Outcome.ERROR, name="e"),
        ]
        ev = evaluation(results)
        assert isinstance(ev, Evaluation)
        assert ev.verdict is Verdict.ERROR
        names = [f.split(":")[0] for f in ev.findings]
        assert names[:3] == ["e", "f", "g"]
        # the relative order of loose and undecided: see test_first_finding_explains_the_verdict
        assert sorted(names[3:]) == ["l", "u"]
        assert ev.checks is results

    def test_finding_text_is_check_and_summary(self):
        ev = evaluation([res(Outcome.GAP, name="derivation", summary="the proof does not deliver it")])
        assert ev.findings == ["derivation: the proof does not deliver it"]
        assert ev.verdict is Verdict.GAP

    def test_holds_gives_no_findings(self):
        ev = evaluation([res(Outcome.HOLDS), res(Outcome.HOLDS, NUMERIC)])
        assert ev.findings == []
        assert ev.verdict is Verdict.SUPPORTED

    def test_same_outcome_keeps_input_order(self):
        ev = evaluation([res(Outcome.FAILS, name="b"), res(Outcome.GAP, name="c"), res(Outcome.FAILS, name="a")])
        assert [f.split(":")[0] for f in ev.findings] == ["b", "a", "c"]
        assert ev.verdict is Verdict.REFUTED

    def test_empty(self):
        ev = evaluation([])
        assert (ev.verdict, ev.findings, ev.checks) == (Verdict.INCONCLUSIVE, [], [])

    def test_to_json(self):
        ev = evaluation([res(Outcome.LOOSE, name="derivation", summary="better bound")])
        out = ev.to_json()
        assert out["verdict"] == "loose"
        assert out["findings"] == ["derivation: better bound"]
        assert out["checks"][0]["outcome"] == "loose"
    def test_first_finding_explains_the_verdict(self):
        ev = evaluation([res(Outcome.LOOSE, name="l"), res(Outcome.UNDECIDED, name="u")])
        assert ev.verdict is Verdict.INCONCLUSIVE
        assert ev.findings[0].startswith("u:")
