"""Running claims: every check guarded, every claim in its own child process with a timeout.

A check that raises becomes an ``error`` outcome instead of crashing the run. Each claim runs in a
forked child (so plugin modules loaded by the parent are available and a hanging claim can be killed);
the child sends its results back as JSON, because claims hold lambdas and cannot be pickled. Verdicts
are still made only by :func:`verify.verdict.evaluation` — a claim that timed out or whose child died
gets one synthetic ``runner`` check with outcome ``error``.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import signal
import time
import traceback
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable, Mapping, Sequence

from . import cache
from .jsonsafe import jsonable
from .model import Budget, CheckResult, Claim, ClaimResult, Context, Evaluation, Outcome, Statement, Verdict
from .verdict import evaluation

RUNNER = "runner"     # check name and kind of the synthetic result for a claim that could not run


def as_budget(budget: Budget | str) -> Budget:
    return budget if isinstance(budget, Budget) else Budget.named(budget)


# ---------------------------------------------------------------------------------------------
# one claim, in this process
# ---------------------------------------------------------------------------------------------

def run_checks(statement: Statement, checks: Sequence, seed: int, budget: Budget | str,
               claim_id: str, target: str = "statement") -> Evaluation:
    """Run every check on ``statement``; a check that raises gives an ``error`` result. Symbolic
    checks' results come from, and go to, the on-disk cache when it is on (:mod:`verify.cache`)."""
    budget = as_budget(budget)
    results = []
    for check in checks:
        ctx = Context(seed=seed, budget=budget, claim_id=claim_id, check_name=check.name, target=target)
        key = cache.key(check, statement, target, claim_id, seed, budget) if cache.folder() is not None else None
        result = cache.get(key)
        if result is not None:
            results.append(result)
            continue
        try:
            result = check.run(statement, ctx)
            if not isinstance(result, CheckResult):
                raise TypeError(f"{type(check).__name__}.run returned {type(result).__name__}, not a CheckResult")
            cache.put(key, result)
        except Exception as exc:
            result = CheckResult(check=check.name, kind=check.kind, outcome=Outcome.ERROR,
                                 summary=f"{type(exc).__name__}: {exc}",
                                 evidence={"exception": type(exc).__name__, "where": _where(exc)})
        results.append(result)
    return evaluation(results)


def run_claim(claim: Claim, seed: int, budget: Budget | str) -> tuple[Evaluation, Evaluation | None]:
    """The claim's statement evaluated, and its correction (with the correction's checks, or else the
    claim's) if it has one."""
    statement = run_checks(claim.statement, claim.all_checks("statement"), seed, budget, claim.id, "statement")
    correction = None
    if claim.correction is not None:
        correction = run_checks(claim.correction.statement, claim.all_checks("correction"), seed, budget,
                                claim.id, "correction")
    return statement, correction


def _where(exc: BaseException) -> str:
    """The innermost frame as ``file.py:line in function`` (no directories: reports must not depend
    on where the code is installed)."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    f = frames[-1]
    return f"{Path(f.filename).name}:{f.lineno} in {f.name}"


# ---------------------------------------------------------------------------------------------
# many claims, each in a child process
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Progress:
    """One finished claim, for progress display."""
    done: int
    total: int
    claim_id: str
    verdict: Verdict
    expected: Verdict | None
    correction: Verdict | None
    correction_expected: Verdict | None
    seconds: float
    error: str | None = None


class RunResults(list):
    """The :class:`ClaimResult` list in the claims' order. ``timings`` (seconds per claim id) is kept
    apart from the results because it differs between otherwise identical runs."""

    def __init__(self, results: Sequence[ClaimResult] = (), timings: Mapping[str, float] | None = None):
        super().__init__(results)
        self.timings: dict[str, float] = dict(timings or {})


@dataclass
class _Job:
    index: int
    claim: Claim
    process: mp.process.BaseProcess
    conn: Connection
    started: float
    deadline: float


def run_claims(claims: Sequence[Claim], seed: int = 0, budget: Budget | str = "quick", jobs: int = 1,
               timeout: float | None = 300.0, progress: Callable[[Progress], None] | None = None,
               plugin_of: Mapping[str, str] | None = None, executor=None) -> RunResults:
    """Run each claim in its own forked child, at most ``jobs`` at a time; results in the claims'
    order. A child running past ``timeout`` seconds is killed and its claim gets verdict ``error``.
    ``executor`` (see :mod:`verify.executors`, e.g. Dask) runs the claims elsewhere, with the same results."""
    plugin_of = plugin_of or {}
    results: list[ClaimResult | None] = [None] * len(claims)

    def finished(index: int, payload: dict, seconds: float, done: int) -> None:
        result = _claim_result(claims[index], payload, plugin_of.get(claims[index].id, ""))
        results[index] = result
        if progress is not None:
            progress(_progress(result, done, len(claims), seconds))

    if executor is None:
        timings = map_claims(claims, _evaluate, seed, budget, jobs, timeout, finished)
    else:
        timings = executor.map(claims, "evaluate", {}, seed, as_budget(budget), timeout, finished)
    return RunResults(results, timings)


def _evaluate(claim: Claim, seed: int, budget: Budget) -> dict:
    statement, correction = run_claim(claim, seed, budget)
    return {"statement": _to_json(statement), "correction": _to_json(correction) if correction else None}


def map_claims(claims: Sequence[Claim], work: Callable[[Claim, int, Budget], dict], seed: int = 0,
               budget: Budget | str = "quick", jobs: int = 1, timeout: float | None = 300.0,
               finished: Callable[[int, dict, float, int], None] | None = None) -> dict[str, float]:
    """Run ``work(claim, seed, budget)`` for each claim in its own forked child, at most ``jobs`` at a
    time. ``work`` returns a JSON-able dict; a child that raises, dies or runs past ``timeout``
    seconds gives ``{"error": reason}``. ``finished(index, payload, seconds, done)`` is called as each
    claim finishes; the return value is the seconds per claim id."""
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    budget = as_budget(budget)
    fork = mp.get_context("fork")
    pending = deque(enumerate(claims))
    running: list[_Job] = []
    timings: dict[str, float] = {}
    done = 0
    try:
        while pending or running:
            while pending and len(running) < jobs:
                index, claim = pending.popleft()
                running.append(_start(fork, index, claim, work, seed, budget, timeout))
            _wait_any(running)
            now = time.monotonic()
            for job in list(running):
                payload = _collect(job, now, timeout)
                if payload is None:
                    continue
                running.remove(job)
                seconds = round(time.monotonic() - job.started, 3)
                timings[job.claim.id] = seconds
                done += 1
                if finished is not None:
                    finished(job.index, payload, seconds, done)
    finally:
        for job in running:
            _stop(job.process)
            job.conn.close()
    return timings


def _start(fork, index: int, claim: Claim, work, seed: int, budget: Budget, timeout: float | None) -> _Job:
    recv, send = fork.Pipe(duplex=False)
    process = fork.Process(target=_child, args=(send, claim, work, seed, budget), name=f"verify {claim.id}")
    started = time.monotonic()
    process.start()
    send.close()
    deadline = started + timeout if timeout is not None else float("inf")
    return _Job(index, claim, process, recv, started, deadline)


def _child(conn: Connection, claim: Claim, work, seed: int, budget: Budget) -> None:
    """Child process: do the work for one claim and send back its result as JSON."""
    conn.send_bytes(_child_payload(claim, work, seed, budget).encode())
    conn.close()


def _child_payload(claim: Claim, work, seed: int, budget: Budget) -> str:
    """The work's result for one claim as JSON text (``{"error": reason}`` if it raised)."""
    try:
        return json.dumps(jsonable(work(claim, seed, budget)))
    except BaseException as exc:  # report anything, even SystemExit from a check
        return json.dumps({"error": f"{type(exc).__name__}: {exc}"})


def _wait_any(running: list[_Job]) -> None:
    """Block until a child sends, exits, or reaches its deadline."""
    remaining = min(job.deadline for job in running) - time.monotonic()
    handles = [job.conn for job in running] + [job.process.sentinel for job in running]
    wait(handles, timeout=None if remaining == float("inf") else max(0.0, remaining))


def _collect(job: _Job, now: float, timeout: float | None) -> dict | None:
    """The child's payload (or ``{"error": reason}``) if it finished or timed out; None if still running."""
    if job.conn.poll():
        try:
            payload = json.loads(job.conn.recv_bytes().decode())
        except (EOFError, OSError, ValueError):
            payload = None
        job.process.join(timeout=5)
        _stop(job.process)
        job.conn.close()
        return payload if payload is not None else {"error": _death(job.process)}
    if not job.process.is_alive():
        job.process.join()
        job.conn.close()
        return {"error": _death(job.process)}
    if now >= job.deadline:
        _stop(job.process)
        job.conn.close()
        return {"error": f"timed out after {timeout:g} s"}
    return None


def _stop(process) -> None:
    if process.is_alive():
        process.terminate()
        process.join(timeout=2)
    if process.is_alive():
        process.kill()
        process.join()


def _death(process) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        try:
            return f"child process killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"child process killed by signal {-code}"
    return f"child process exited with code {code} without sending results"


# ---------------------------------------------------------------------------------------------
# results across the process boundary
# ---------------------------------------------------------------------------------------------

def _to_json(e: Evaluation) -> dict:
    return jsonable({"verdict": e.verdict, "findings": e.findings,
                     "checks": [c.to_json() for c in e.checks]})


def _from_json(d: dict) -> Evaluation:
    checks = [CheckResult(check=c["check"], kind=c["kind"], outcome=Outcome(c["outcome"]), summary=c["summary"],
                          evidence=c["evidence"], plot=c.get("plot")) for c in d["checks"]]
    return Evaluation(Verdict(d["verdict"]), checks, list(d["findings"]))


def failed_evaluation(reason: str) -> Evaluation:
    """The evaluation of a statement whose checks could not run (timeout, dead child)."""
    return evaluation([CheckResult(check=RUNNER, kind=RUNNER, outcome=Outcome.ERROR, summary=reason)])


def _claim_result(claim: Claim, payload: dict, plugin: str) -> ClaimResult:
    if "error" in payload:
        reason = payload["error"]
        correction = failed_evaluation(reason) if claim.correction is not None else None
        return ClaimResult(claim, failed_evaluation(reason), correction, error=reason, plugin=plugin)
    correction = _from_json(payload["correction"]) if payload["correction"] is not None else None
    return ClaimResult(claim, _from_json(payload["statement"]), correction, plugin=plugin)


def _progress(result: ClaimResult, done: int, total: int, seconds: float) -> Progress:
    c = result.claim.correction
    return Progress(done=done, total=total, claim_id=result.claim.id, verdict=result.verdict,
                    expected=result.claim.expected,
                    correction=result.correction.verdict if result.correction is not None else None,
                    correction_expected=c.expected if c is not None else None,
                    seconds=seconds, error=result.error)
