"""Running claims: guarded checks, child processes, timeouts, dead children, JSON round trip."""
from __future__ import annotations

import json
import os
import signal
from dataclasses import dataclass, field

import numpy as np
import pytest
import sympy as sp

from verify.core.model import (Budget, CheckResult, Correction, Outcome, RunSettings, Statement, Verdict)
from verify.run.runner import RUNNER, run_claim, run_claims
from tests.helpers import claim_with, fixture_claims

x = sp.Symbol("x", real=True)


@dataclass
class Recording:
    """A check that records the contexts it ran with and returns a fixed outcome."""
    name: str = "recording"
    kind: str = "symbolic"
    outcome: Outcome = Outcome.HOLDS
    seen: list = field(default_factory=list)

    def run(self, statement, ctx):
        self.seen.append((statement, ctx))
        return CheckResult(self.name, self.kind, self.outcome, f"recorded {ctx.target}")


@dataclass
class Custom:
    """A check whose behaviour is a function (a lambda: claims need not be picklable)."""
    behaviour: object
    name: str = "custom"
    kind: str = "numeric"

    def run(self, statement, ctx):
        return self.behaviour(statement, ctx)


# ---------------------------------------------------------------------------------------------
# one claim, in process
# ---------------------------------------------------------------------------------------------

def test_each_check_gets_its_own_context():
    first, second = Recording(name="first"), Recording(name="second")
    fixed = Statement(sp.Eq(2 * x, x + x, evaluate=False))
    claim = claim_with(first, second, correction=Correction(fixed, why="because"))
    statement, correction = run_claim(claim, 7, "standard")
    assert statement.verdict == correction.verdict == Verdict.PROVED
    contexts = [(ctx.seed, ctx.budget, ctx.claim_id, ctx.check_name, ctx.target) for _, ctx in first.seen + second.seen]
    budget = Budget.named("standard")
    assert contexts == [(7, budget, "t.claim", "first", "statement"), (7, budget, "t.claim", "first", "correction"),
                        (7, budget, "t.claim", "second", "statement"), (7, budget, "t.claim", "second", "correction")]
    assert first.seen[0][0] is claim.statement and first.seen[1][0] is fixed


def test_a_correction_with_its_own_checks_uses_only_those():
    claim_check, own = Recording(name="claim_check"), Recording(name="own", outcome=Outcome.LOOSE)
    claim = claim_with(claim_check, correction=Correction(Statement(x > 0), why="w", checks=(own,)))
    statement, correction = run_claim(claim, 0, "quick")
    assert [ctx.target for _, ctx in claim_check.seen] == ["statement"]
    assert [ctx.target for _, ctx in own.seen] == ["correction"]
    assert correction.verdict == Verdict.LOOSE


def test_a_raising_check_becomes_an_error_result_and_the_others_still_run():
    claims = fixture_claims("raising")
    statement, correction = run_claim(claims["fx.raises"], 0, "quick")
    assert correction is None
    assert statement.verdict == Verdict.ERROR
    identity, raises, wellformed = statement.checks      # the runner adds the well-formedness check
    assert wellformed.kind == "wellformed" and wellformed.outcome == Outcome.HOLDS
    assert identity.outcome == Outcome.HOLDS
    assert raises.outcome == Outcome.ERROR and raises.kind == "symbolic" and raises.check == "raises"
    assert raises.summary == "ZeroDivisionError: deliberate failure in a fixture check"
    assert statement.findings == ["raises: ZeroDivisionError: deliberate failure in a fixture check"]


def test_a_check_returning_something_else_is_an_error():
    statement, _ = run_claim(claim_with(Custom(lambda s, c: "holds")), 0, "quick")
    assert statement.verdict == Verdict.ERROR
    assert "invalid result (Custom.run): field result: run returned str, not a CheckResult" in statement.checks[0].summary


# ---------------------------------------------------------------------------------------------
# many claims, in child processes
# ---------------------------------------------------------------------------------------------

def test_children_give_the_same_results_as_in_process_in_claim_order():
    claims = list(fixture_claims("good").values())
    events = []
    results = run_claims(claims, RunSettings(seed=0, budget="quick", jobs=2, timeout=60), progress=events.append,
                         plugin_of={"fx.trig": "somewhere"})
    assert [r.claim.id for r in results] == ["fx.trig", "fx.square", "fx.amgm"]
    assert [r.verdict for r in results] == [Verdict.PROVED, Verdict.REFUTED, Verdict.REFUTED]
    assert [r.correction.verdict if r.correction else None for r in results] == [None, Verdict.PROVED, Verdict.PROVED]
    assert all(r.matches_expected and r.error is None for r in results)
    assert results[0].plugin == "somewhere" and results[1].plugin == ""
    for r in results:
        statement, correction = run_claim(r.claim, 0, "quick")
        assert [c.to_json() for c in r.statement.checks] == json.loads(json.dumps([c.to_json() for c in statement.checks]))
        assert r.statement.findings == statement.findings
    assert sorted(e.done for e in events) == [1, 2, 3]
    assert {e.claim_id for e in events} == {"fx.trig", "fx.square", "fx.amgm"}
    assert all(e.total == 3 for e in events)
    assert set(results.timings) == {"fx.trig", "fx.square", "fx.amgm"}
    assert all(t >= 0 for t in results.timings.values())


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_hanging_claim_times_out_and_the_rest_finish(jobs):
    """The timeout is per claim and generous (the good claims take milliseconds; a loaded machine must not
    time them out); nothing here measures wall-clock time."""
    claims = fixture_claims("hang", "good")
    results = run_claims(list(claims.values()), RunSettings(seed=0, budget="quick", jobs=jobs, timeout=5))
    by_id = {r.claim.id: r for r in results}
    hang = by_id.pop("fx.hang")
    assert hang.verdict == Verdict.ERROR
    assert hang.error == "timed out after 5 s"
    assert hang.statement.findings == [f"{RUNNER}: timed out after 5 s"]
    assert hang.statement.checks[0].outcome == Outcome.ERROR
    assert all(r.verdict != Verdict.ERROR for r in by_id.values())
    assert by_id["fx.quick"].verdict == Verdict.PROVED


def test_a_child_that_dies_becomes_an_error_with_the_reason():
    exits = claim_with(Custom(lambda s, c: os._exit(3)), cid="t.exits",
                       correction=Correction(Statement(x > 0), why="w"))
    killed = claim_with(Custom(lambda s, c: os.kill(os.getpid(), signal.SIGKILL)), cid="t.killed")
    fine = claim_with(Recording(), cid="t.fine")
    results = run_claims([exits, killed, fine], RunSettings(jobs=3, timeout=30))
    assert [r.verdict for r in results] == [Verdict.ERROR, Verdict.ERROR, Verdict.PROVED]
    assert results[0].error == "child process exited with code 3 without sending results"
    assert results[0].correction.verdict == Verdict.ERROR     # the correction did not run either
    assert results[1].error == "child process killed by SIGKILL"
    assert results[2].error is None


def test_an_exception_outside_the_checks_becomes_an_error():
    def explode(statement, ctx):
        raise SystemExit("check called exit")    # not an Exception: escapes the check guard
    results = run_claims([claim_with(Custom(explode), cid="t.exit")], RunSettings(timeout=30))
    assert results[0].verdict == Verdict.ERROR
    assert results[0].error == "SystemExit: check called exit"


def test_evidence_comes_back_as_plain_json():
    evidence = {"nan": float("nan"), "inf": float("inf"), "half": 0.5, "n": np.int64(3), "f": np.float64(0.25),
                "arr": np.array([1.0, 2.0]), "sym": sp.sqrt(2), "set": {"b", "a"}, "tuple": (1, 2)}
    check = Custom(lambda s, c: CheckResult("custom", "numeric", Outcome.HOLDS, "ok", evidence=evidence))
    [result] = run_claims([claim_with(check)], RunSettings(timeout=30))
    assert result.statement.checks[0].evidence == {
        "nan": "nan", "inf": "inf", "half": 0.5, "n": 3, "f": 0.25, "arr": [1.0, 2.0], "sym": "sqrt(2)",
        "set": ["a", "b"], "tuple": [1, 2]}
    assert result.verdict == Verdict.SUPPORTED


def test_jobs_must_be_positive():
    with pytest.raises(ValueError, match="jobs"):
        run_claims([], RunSettings(jobs=0))


def test_no_claims_is_an_empty_run():
    results = run_claims([], RunSettings(jobs=2))
    assert list(results) == [] and results.timings == {}


def test_workers_are_reused_and_replaced_after_a_death():
    pids = Custom(lambda s, c: CheckResult("pid", "numeric", Outcome.HOLDS, "ok", evidence={"pid": os.getpid()}))
    dies = claim_with(Custom(lambda s, c: os._exit(3)), cid="t.dies")
    claims = [claim_with(pids, cid=f"t.pid{i}") for i in range(4)] + [dies] + [claim_with(pids, cid="t.after")]
    results = run_claims(claims, RunSettings(jobs=1, timeout=30))
    seen = [r.statement.checks[0].evidence["pid"] for r in results if r.claim.id != "t.dies"]
    assert len(set(seen[:4])) == 1 and seen[0] != os.getpid()        # one worker ran the first four
    assert seen[4] != seen[0]                                        # a new worker after the death
    assert results[4].error == "child process exited with code 3 without sending results"


def test_each_claim_starts_with_an_empty_sympy_cache_and_one_blas_thread():
    def state(statement, ctx):
        from sympy.core.cache import print_cache
        from threadpoolctl import threadpool_info
        import io, contextlib
        sp.sin(sp.Symbol("cached_here")) + 1                          # fills the cache for the next claim
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            print_cache()
        return CheckResult("state", "numeric", Outcome.HOLDS, "ok",
                           evidence={"cached": "cached_here" in out.getvalue(),
                                     "threads": sorted({p["num_threads"] for p in threadpool_info()})})
    claims = [claim_with(Custom(state), cid=f"t.state{i}") for i in range(3)]
    results = run_claims(claims, RunSettings(jobs=1, timeout=30))
    assert [r.statement.checks[0].evidence for r in results] == [{"cached": False, "threads": [1]}] * 3


def test_expected_seconds_only_order_the_work(tmp_path):
    claims = list(fixture_claims("good").values())
    order = []
    first = run_claims(claims, RunSettings(jobs=1, timeout=60))
    second = run_claims(claims, RunSettings(jobs=1, timeout=60), progress=lambda p: order.append(p.claim_id),
                        expected_seconds={"fx.amgm": 9.0, "fx.square": 1.0})
    assert order == ["fx.amgm", "fx.square", "fx.trig"]
    assert [r.claim.id for r in second] == [r.claim.id for r in first]
    assert [[c.to_json() for c in r.statement.checks] for r in second] == \
        [[c.to_json() for c in r.statement.checks] for r in first]


def test_claims_loaded_during_the_run_are_run_by_workers_that_know_them():
    pids = Custom(lambda s, c: CheckResult("pid", "numeric", Outcome.HOLDS, "ok", evidence={"pid": os.getpid()}))
    first = [claim_with(pids, cid="t.first")]
    steps = iter([[claim_with(pids, cid="t.second")], [claim_with(pids, cid="t.third")]])
    order = []
    results = run_claims(first, RunSettings(jobs=2, timeout=30), more=steps, progress=lambda p: order.append(p.claim_id))
    assert [r.claim.id for r in results] == ["t.first", "t.second", "t.third"]
    assert all(r.verdict == Verdict.SUPPORTED for r in results)
    assert set(order) == {"t.first", "t.second", "t.third"}
    # with one job nothing runs while this process loads: one worker, forked after the loading
    results = run_claims(first, RunSettings(jobs=1, timeout=30), more=iter([[claim_with(pids, cid="t.second")]]))
    assert len({r.statement.checks[0].evidence["pid"] for r in results}) == 1


def test_while_this_process_loads_a_worker_runs_several_claims_without_waiting_for_it(tmp_path):
    """The parent looks at its workers only between two loading steps; a worker is sent several claims at
    once meanwhile. The step below returns only after three claims ran (before, it waited for ever)."""
    import time
    log = tmp_path / "ran"

    def record(s, c):
        with open(log, "a") as f:
            f.write(f"{c.claim_id}\n")
        return CheckResult("ran", "numeric", Outcome.HOLDS, "ok", evidence={"pid": os.getpid()})
    first = [claim_with(Custom(record), cid=f"t.first{i}") for i in range(3)]

    def steps():
        deadline = time.monotonic() + 60
        while (len(log.read_text().split()) if log.exists() else 0) < 3:
            assert time.monotonic() < deadline, "the worker ran one claim and waited for this step"
            time.sleep(0.01)
        yield [claim_with(Custom(record), cid="t.later")]
    results = run_claims(first, RunSettings(jobs=2, timeout=30), more=steps())
    assert [r.claim.id for r in results] == ["t.first0", "t.first1", "t.first2", "t.later"]
    assert all(r.verdict == Verdict.SUPPORTED for r in results)
    assert len({r.statement.checks[0].evidence["pid"] for r in results[:3]}) == 1


def test_a_claim_that_hangs_or_kills_its_worker_costs_only_itself_when_the_worker_had_more_queued():
    """While loading, a worker holds several claims: when one of them times out or kills it, the ones
    queued behind it run in a new worker."""
    pids = Custom(lambda s, c: CheckResult("pid", "numeric", Outcome.HOLDS, "ok", evidence={"pid": os.getpid()}))
    hang = claim_with(Custom(lambda s, c: __import__("time").sleep(60)), cid="t.hang")
    dies = claim_with(Custom(lambda s, c: os._exit(3)), cid="t.dies")
    claims = [claim_with(pids, cid="t.a"), hang, claim_with(pids, cid="t.b"), dies, claim_with(pids, cid="t.c")]
    results = run_claims(claims, RunSettings(jobs=2, timeout=3), more=iter([[claim_with(pids, cid="t.later")]]))
    by_id = {r.claim.id: r for r in results}
    assert [r.claim.id for r in results] == ["t.a", "t.hang", "t.b", "t.dies", "t.c", "t.later"]
    assert by_id["t.hang"].error == "timed out after 3 s"
    assert by_id["t.dies"].error == "child process exited with code 3 without sending results"
    assert all(by_id[i].verdict == Verdict.SUPPORTED for i in ("t.a", "t.b", "t.c", "t.later"))
    pid = {i: by_id[i].statement.checks[0].evidence["pid"] for i in ("t.a", "t.b", "t.c")}
    assert pid["t.a"] not in (pid["t.b"], pid["t.c"])     # the worker that timed out was replaced


def test_a_worker_dies_with_its_parent(tmp_path):
    """A parent killed without cleanup (kill -9) takes its forked worker with it (PR_SET_PDEATHSIG)."""
    import os
    import signal
    import subprocess
    import sys
    import time
    if not sys.platform.startswith("linux"):
        pytest.skip("PR_SET_PDEATHSIG is Linux only")
    script = tmp_path / "parent.py"
    script.write_text(
        "import multiprocessing as mp, os, sys, time\n"
        "from verify.run.runner import die_with_parent\n"
        "def child(parent):\n"
        "    die_with_parent(parent)\n"
        "    time.sleep(120)\n"
        "p = mp.get_context('fork').Process(target=child, args=(os.getpid(),))\n"
        "p.start()\n"
        "print(p.pid, flush=True)\n"
        "time.sleep(120)\n", encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    for _ in range(100):                      # the child is reaped by init once it is gone
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        os.kill(child, signal.SIGKILL)
        raise AssertionError("the worker outlived its parent")
