"""Running claims: every check guarded, every claim in a worker process with a timeout.

A check that raises becomes an ``error`` outcome instead of crashing the run. Claims run in forked
worker processes (so plugin modules loaded by the parent are available, and a hanging claim can be
killed: its worker is replaced); a worker sends each claim's results back as JSON, because claims hold
lambdas and cannot be pickled. Verdicts
are still made only by :func:`verify.core.verdict.evaluation` — a claim that timed out or whose child died
gets one synthetic ``runner`` check with outcome ``error``.
"""
from __future__ import annotations

import functools
import gc
import json
import os
import multiprocessing as mp
import random
import signal
import time
import traceback
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable, Iterator, Mapping, Sequence

import numpy as np
from sympy.core.symbol import Dummy

from . import cache
from ..core.files import drop_inherited_locks
from ..core.jsonsafe import jsonable
from ..core.model import (RUNNER, Budget, CheckResult, Claim, ClaimResult, Context, Evaluation, InvalidResult, Outcome,
                          Progress, RunSettings, Statement, Target, check_key, escape_controls,
                          validated_result)
from ..core.diagnosis import Analysis
from ..core.verdict import evaluation
from ..checks._common import forget_symbolic
from ..checks.configurations import forget_simulations
from ..checks.scaling import ScalingCheck
from ..checks.wellformed import WellFormed



def as_budget(budget: Budget | str) -> Budget:
    return budget if isinstance(budget, Budget) else Budget.named(budget)


Work = Callable[[Claim, RunSettings], dict]     # one claim's work in a worker: a JSON-able payload
Finished = Callable[[int, dict, float, int], None]     # (claim index, payload, seconds, claims done)


# ---------------------------------------------------------------------------------------------
# one claim, in this process
# ---------------------------------------------------------------------------------------------

def run_checks(statement: Statement, checks: Sequence, seed: int, budget: Budget | str,
               claim_id: str, target: Target = Target.STATEMENT, plugin: str = "") -> Evaluation:
    """Run every check on ``statement``; a check that raises gives an ``error`` result, and so does one
    whose result is invalid (:func:`validated_result`), with a message naming the plugin (when given),
    the claim, the check and the field. Symbolic checks' results come from, and go to, the on-disk cache
    when it is on (:mod:`verify.run.cache`)."""
    budget = as_budget(budget)
    results = []
    for position, check in enumerate(checks):
        stream = check_key(check, position)
        ctx = Context(seed=seed, budget=budget, claim_id=claim_id, check_name=check.name, target=target,
                      check_key=stream)
        key = cache.key(check, statement, target, claim_id, seed, budget) if cache.folder() is not None else None
        cached = cache.get(key)
        if cached is not None and not cache.sampled(key):
            results.append(cached)
            continue
        result, valid = _run_check(check, statement, ctx, plugin)
        if cached is not None:          # a hit sampled by --verify-cache: proved again, and compared
            result = cache.compare(key, cached, result, f"claim {claim_id}, check {check.name}, {target}")
        elif valid:
            cache.put(key, result)
        results.append(result)
    return evaluation(results)


def _run_check(check, statement: Statement, ctx: Context, plugin: str) -> tuple[CheckResult, bool]:
    """One check's result, and whether it is the check's own valid result (else an ``error`` result:
    the check raised, or returned an invalid result)."""
    try:
        return validated_result(check.run(statement, ctx)), True
    except InvalidResult as exc:       # the claim gets an error verdict; nothing else is affected
        where = f"plugin {plugin}: " if plugin else ""
        return CheckResult(check=check.name, kind=check.kind, outcome=Outcome.ERROR,
                           summary=escape_controls(f"{where}claim {ctx.claim_id}, check {check.name}: invalid result "
                                                   f"({type(check).__name__}.run): {exc}"),
                           evidence={"exception": "InvalidResult", "field": exc.field}
                           | ({"plugin": plugin} if plugin else {})), False
    except Exception as exc:
        return CheckResult(check=check.name, kind=check.kind, outcome=Outcome.ERROR,
                           summary=escape_controls(f"{type(exc).__name__}: {exc}"),
                           evidence={"exception": type(exc).__name__, "where": _where(exc)}), False


def all_checks(claim: Claim, target: Target = Target.STATEMENT) -> tuple:
    """The checks run on the statement (or the correction): the claim's own (or the correction's),
    the scaling analysis when the claim declares scalings, and the well-formedness analysis."""
    checks = claim.checks
    if target == Target.CORRECTION and claim.correction is not None and claim.correction.checks:
        checks = claim.correction.checks
    if claim.scaling is not None:
        checks = checks + (ScalingCheck(claim.scaling),)
    return checks + (WellFormed(),)


def run_claim(claim: Claim, seed: int, budget: Budget | str,
              plugin: str = "") -> tuple[Evaluation, Evaluation | None]:
    """The claim's statement evaluated, and its correction (with the correction's checks, or else the
    claim's) if it has one. ``plugin``: the claim's plugin, named in the messages of invalid results.
    A claim with problems (bad field values, ``Claim.problems``) is not run: its evaluations are ``error``."""
    if claim.problems:
        reason = claim.problem_text(plugin)
        return failed_evaluation(reason), failed_evaluation(reason) if claim.correction is not None else None
    forget_simulations()            # the correction may reuse the statement's simulations, never another claim's
    forget_symbolic()
    statement = run_checks(claim.statement, all_checks(claim, Target.STATEMENT), seed, budget, claim.id,
                           Target.STATEMENT, plugin)
    correction = None
    if claim.correction is not None:
        correction = run_checks(claim.correction.statement, all_checks(claim, Target.CORRECTION), seed, budget,
                                claim.id, Target.CORRECTION, plugin)
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

class RunResults(list):
    """The :class:`ClaimResult` list in the claims' order. ``timings`` (seconds per claim id) is kept
    apart from the results because it differs between otherwise identical runs."""

    def __init__(self, results: Sequence[ClaimResult] = (), timings: Mapping[str, float] | None = None,
                 reproved: Mapping[str, int] | None = None):
        super().__init__(results)
        self.timings: dict[str, float] = dict(timings or {})
        # with --verify-cache (cache.configure(verify=...)): cache hits proved again, and those that disagreed
        self.reproved: dict[str, int] = dict(reproved or {"checked": 0, "disagreed": 0})


@dataclass
class _Worker:
    """A forked worker process that runs claims one after another: the claims it was sent, in order, the
    first of them running."""
    process: mp.process.BaseProcess
    tasks: Connection             # parent -> worker: claim indices (None: stop)
    results: Connection           # worker -> parent: per claim, its seconds and its JSON payload
    known: int = 0                # claims[:known] existed when it was forked: it can run only those
    queue: list[int] = field(default_factory=list)     # sent and not yet returned; empty: idle
    started: float = 0.0          # when queue[0] started, as far as this process knows
    deadline: float = float("inf")


# While the parent loads claims it looks at its workers only between two plugins (a second or more).
# A worker is then sent up to this many claims at once, so that it does not wait for the parent between
# two of them; afterwards one at a time, so that no worker holds claims another could be running.
LOADING_QUEUE = 16


def run_claims(claims: Sequence[Claim], settings: RunSettings = RunSettings(), *,
               progress: Callable[[Progress], None] | None = None,
               plugin_of: Mapping[str, str] | None = None, executor=None,
               expected_seconds: Mapping[str, float] | None = None,
               more: Iterator[Sequence[Claim]] | None = None) -> RunResults:
    """Run the claims in ``settings.jobs`` forked workers (:func:`map_claims`); results in the claims'
    order (those from ``more``, claims loaded while the first ones run, after them in their arrival
    order). A claim running past ``settings.timeout`` seconds is stopped and gets verdict ``error``. ``expected_seconds``
    (e.g. the previous run's timings) only orders the work, longest first. ``executor`` (see
    :mod:`verify.run.executors`, e.g. Dask) runs the claims elsewhere, with the same results."""
    plugin_of = plugin_of if plugin_of is not None else {}
    claims = list(claims)
    results: dict[int, ClaimResult] = {}

    reproved = {"checked": 0, "disagreed": 0}

    def finished(index: int, payload: dict, seconds: float, done: int) -> None:
        counts = payload.get("reproved") if isinstance(payload.get("reproved"), dict) else {}
        for name in reproved:
            reproved[name] += int(counts.get(name, 0))
        result = _claim_result(claims[index], payload, plugin_of.get(claims[index].id, ""))
        results[index] = result
        if progress is not None:
            progress(_progress(result, done, len(claims), seconds))

    work = functools.partial(evaluate, plugin_of=plugin_of)     # plugin_of fills in as ``more`` loads claims
    if executor is None:
        timings = map_claims(claims, work, settings, finished, expected_seconds, more)
    else:
        for step in more or ():
            claims.extend(step)
        timings = executor.map(claims, work, settings, finished)
    return RunResults([results[i] for i in range(len(claims))], timings, reproved)


def evaluate(claim: Claim, settings: RunSettings, plugin_of: Mapping[str, str] | None = None) -> dict:
    """The work of a verdict run: the claim's evaluations as JSON. ``plugin_of`` (claim id -> plugin)
    names the plugin in the messages of invalid results. A claim with problems (``Claim.problems``) is an
    error naming plugin, claim and field, and nothing of it runs."""
    if claim.problems:
        return {"error": claim.problem_text((plugin_of or {}).get(claim.id, ""))}
    cache.reset_reproved()
    started = time.monotonic()
    statement, correction = run_claim(claim, settings.seed, settings.budget, (plugin_of or {}).get(claim.id, ""))
    payload = {"statement": statement.to_json(), "correction": correction.to_json() if correction else None}
    # the diagnosis's part that needs this claim only, here where claims run in parallel; not when the
    # checks took half the claim's time limit, so that it never makes a claim time out (the report
    # computes it then, and when it fails here, with the same result)
    if settings.timeout is None or time.monotonic() - started < settings.timeout / 2:
        try:
            payload["analysis"] = Analysis.of(claim, statement, correction).to_json()
        except Exception:
            pass
    if cache.verifying():
        payload["reproved"] = cache.reset_reproved()        # (--verify-cache) hits proved again, disagreeing
    return payload


def map_claims(claims: Sequence[Claim], work: Work, settings: RunSettings = RunSettings(),
               finished: Finished | None = None, expected_seconds: Mapping[str, float] | None = None,
               more: Iterator[Sequence[Claim]] | None = None) -> dict[str, float]:
    """Run ``work(claim, settings)`` for each claim in ``settings.jobs`` forked worker processes. ``work``
    returns a JSON-able dict; a claim that raises, kills its worker or runs past ``settings.timeout`` seconds
    gives ``{"error": reason}`` (the worker is replaced). ``finished(index, payload, seconds, done)``
    is called as each claim finishes; the return value is the seconds per claim id.

    Workers are forked once and reused: forking the parent (which holds every plugin's claims) for
    each claim cost more than the typical claim. Each claim starts from the same state: the SymPy cache
    is cleared and BLAS runs on one thread in every worker, so results do not depend on ``jobs``, on
    which worker runs a claim or on what it ran before. ``expected_seconds`` (seconds per claim id,
    e.g. from the previous run) starts the longest claims first, so no long claim is left for last.

    ``more`` (e.g. :func:`verify.run.registry.load_stepwise`, one plugin per step): while this process
    loads claims, ``jobs - 1`` workers run those already loaded (the loading counts as one job); each
    step's claims are appended to ``claims`` (a list), and a worker forked before them is replaced.
    Meanwhile a worker is sent up to :data:`LOADING_QUEUE` claims at once, since this process looks at
    it only between two steps; when one of them times out or kills it, the rest run elsewhere."""
    jobs, timeout = settings.jobs, settings.timeout
    fork = mp.get_context("fork")
    # one claim: one worker, which imports what its checks need; while loading, the first worker starts
    # before the preloading (it imports what its claims need meanwhile), the others after it
    shared = [len(claims) > 1 or more is not None]

    def share() -> None:
        if shared[0]:
            preload()
            freeze_loaded()
            shared[0] = False

    if more is None or jobs == 1:
        share()
    expected = expected_seconds or {}
    pending: list[int] = []

    def add(start: int) -> None:
        pending.extend(range(start, len(claims)))
        pending.sort(key=lambda i: -float(expected.get(claims[i].id, 0.0)))     # stable: ties keep their order

    add(0)
    workers: list[_Worker] = []
    timings: dict[str, float] = {}
    done = 0
    try:
        while more is not None or pending or any(w.queue for w in workers):
            for worker in [w for w in workers if not w.queue and not w.process.is_alive()]:
                _retire(worker)                   # died or timed out: replaced below if work remains
                workers.remove(worker)
            depth = LOADING_QUEUE if more is not None else 1
            for worker in [w for w in workers if len(w.queue) < depth]:
                known = [i for i in pending if i < worker.known][:depth - len(worker.queue)]
                for index in known:
                    pending.remove(index)
                    _assign(worker, index, timeout)
                if not worker.queue and pending:  # forked before the pending claims were loaded
                    _retire(worker)
                    workers.remove(worker)
            limit = jobs - 1 if more is not None else jobs
            if more is None:
                share()
            while pending and len(workers) < limit:
                worker = _start_worker(fork, claims, work, settings)
                workers.append(worker)
                for index in pending[:depth]:
                    _assign(worker, index, timeout)
                del pending[:depth]
            if workers:
                share()
            busy = [w for w in workers if w.queue]
            if more is not None:
                start = len(claims)
                try:
                    claims.extend(next(more))     # load one more step here while the workers run
                except StopIteration:
                    more = None
                freeze_loaded()
                add(start)
                _wait_any(busy, block=False)
            else:
                _wait_any(busy)
            now = time.monotonic()
            for worker in busy:
                for index, payload, seconds in _collect(worker, now, timeout):
                    if seconds is None:           # stopped: what it had not started is run by another
                        pending[:0] = worker.queue
                        worker.queue.clear()
                    timings[claims[index].id] = seconds if seconds is not None else round(now - worker.started, 3)
                    done += 1
                    if finished is not None:
                        finished(index, payload, timings[claims[index].id], done)
    finally:
        for worker in workers:
            _retire(worker)
    return timings


def _start_worker(fork, claims: Sequence[Claim], work: Work, settings: RunSettings) -> _Worker:
    """A worker that knows the claims loaded so far (it runs only those: it was forked with them)."""
    task_recv, task_send = fork.Pipe(duplex=False)
    result_recv, result_send = fork.Pipe(duplex=False)
    process = fork.Process(target=_worker_loop, args=(task_recv, result_send, claims, work, settings,
                                                      os.getpid(), (task_send, result_recv)),
                           name="verify worker")
    process.start()
    task_recv.close()
    result_send.close()
    return _Worker(process, task_send, result_recv, known=len(claims))


def _assign(worker: _Worker, index: int, timeout: float | None) -> None:
    if not worker.queue:
        _started(worker, time.monotonic(), timeout)
    worker.queue.append(index)
    worker.tasks.send(index)


def _started(worker: _Worker, now: float, timeout: float | None) -> None:
    """The worker's next claim started at ``now`` at the latest (its deadline is never early)."""
    worker.started = now
    worker.deadline = now + timeout if timeout is not None else float("inf")


def _worker_loop(tasks: Connection, results: Connection, claims: Sequence[Claim], work: Work,
                 settings: RunSettings, parent: int | None = None, parent_ends: Sequence[Connection] = ()) -> None:
    """Worker process: run the claims the parent sends, one at a time, until told to stop."""
    for end in parent_ends:         # the parent's ends of this worker's pipes: the parent's death must reach us
        end.close()
    drop_inherited_locks()
    die_with_parent(parent)
    own_process_group()
    guard_process_group()
    one_blas_thread()
    keep_freed_memory()
    while True:
        try:
            index = tasks.recv()
        except (EOFError, OSError):
            return
        if index is None:
            return
        started = time.perf_counter()
        payload = fresh_payload(claims[index], work, settings)
        end_group_members()                 # processes the claim started end with it
        results.send_bytes(f"{time.perf_counter() - started:.3f}\n{payload}".encode())


def own_process_group() -> None:
    """Make this worker the leader of a process group of its own: every process a claim starts joins it
    (unless it leaves on purpose), so the parent can kill the worker and all of them at once
    (:func:`_stop`), and the worker can end them after each claim (:func:`end_group_members`)."""
    try:
        os.setpgid(0, 0)
    except OSError:
        pass


_watchdog: int | None = None      # in a worker: the pid of its group's watchdog (guard_process_group)


def guard_process_group() -> int | None:
    """Fork a watchdog into this worker's process group that kills the whole group (SIGKILL) as soon as
    the worker dies, however it dies: so the processes a claim started never outlive a parent killed
    without cleanup (kill -9, OOM), which takes the worker with it (:func:`die_with_parent`) and leaves
    no one to run :func:`end_group_members` or :func:`_stop`. The watchdog holds no file of the worker's
    (so it keeps no pipe or stdout open) and waits for its parent-death signal; it is in the group, so
    the group's id cannot be reused while it waits. Linux only (``PR_SET_PDEATHSIG``); returns its pid,
    or None where there is none."""
    global _watchdog
    import ctypes
    try:
        prctl = ctypes.CDLL(None).prctl
    except (OSError, AttributeError):
        return None
    if os.getpgrp() != os.getpid():
        return None
    worker = os.getpid()
    pid = os.fork()
    if pid:
        _watchdog = pid
        return pid
    try:                                # the watchdog: nothing here may return into the worker's code
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})
        PR_SET_PDEATHSIG = 1
        prctl(PR_SET_PDEATHSIG, int(signal.SIGUSR1))
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.closerange(3, 1 << 16)
        if os.getppid() == worker:      # else the worker died already
            signal.sigwait({signal.SIGUSR1})
        os.killpg(os.getpgrp(), signal.SIGKILL)
    finally:
        os._exit(0)


def end_group_members() -> None:
    """Kill (SIGKILL) every other process of this worker's process group, and reap those that are its
    children: what the last claim started and left running (not the group's watchdog,
    :func:`guard_process_group`). Linux (it reads ``/proc``); elsewhere the parent kills the group when
    the worker is stopped."""
    me = os.getpid()
    if os.getpgrp() != me or not os.path.isdir("/proc"):
        return
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) in (me, _watchdog):
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if len(fields) > 2 and int(fields[2]) == me and fields[0] not in (b"Z", b"X"):
            try:
                os.kill(int(entry), signal.SIGKILL)
            except OSError:
                pass
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


# Dummy symbols made while a claim runs are numbered from here: SymPy numbers them in creation order, and
# their numbers set their sort keys, hence the order of terms and symbols a check works through. Loading
# plugins makes Dummies too, fewer than this, and how many depends on what the process loaded (every note
# or one, a forked worker or a Dask worker); from a fixed start each claim sees the same numbers anywhere.
CLAIM_DUMMIES = 1_000_000


def fresh_payload(claim: Claim, work: Work, settings: RunSettings) -> str:
    """:func:`_child_payload` from the state every claim starts in: SymPy's cache emptied, Python's and
    NumPy's global random generators reseeded (SymPy's assumption system shuffles with ``random``, and
    a plugin may draw from ``np.random``); BLAS on one thread is the caller's (:func:`one_blas_thread`)."""
    clear_cache()
    random.seed(settings.seed)
    np.random.seed(settings.seed % 2**32)
    Dummy._count = CLAIM_DUMMIES         # Dummy symbols numbered alike whatever the process loaded before
    return _child_payload(claim, work, settings)


PRELOADED = ("scipy.stats", "scipy.special", "scipy.linalg", "scipy.integrate", "scipy.optimize", "scipy.sparse",
             "hypothesis")


def preload() -> None:
    """Import, once in the parent, the modules most claims' checks import lazily, so that forked workers
    share them instead of each importing them again (scipy.stats alone: about a second per worker, its
    distributions' docstrings built at import). Importing changes no result; a module that is missing is
    left to the check that needs it."""
    import importlib
    for name in PRELOADED:
        try:
            importlib.import_module(name)
        except ImportError:
            pass


def freeze_loaded() -> None:
    """Move every object this process holds now (the plugins' claims, SymPy, the preloaded modules) out
    of the garbage collector's reach (``gc.freeze``): they live as long as the run, yet every full
    collection, in this process while it loads the next plugins and in each forked worker, walked all of
    them again (a second or two of the load, and as much in the workers), and in a worker that walk
    wrote to every inherited page, copying the parent's memory. Collection changes no result."""
    gc.freeze()


def one_blas_thread():
    """BLAS on one thread in this process: parallelism comes from the workers (two BLAS thread pools
    per core spin against each other), and results do not depend on the thread count. Returns the
    limiter (``.restore_original_limits()`` undoes it)."""
    from threadpoolctl import threadpool_limits
    return threadpool_limits(limits=1)


def die_with_parent(parent: int | None) -> None:
    """Make this process get SIGKILL when the process that forked it dies (Linux ``PR_SET_PDEATHSIG``),
    so a worker, and the claim it runs, never outlive a parent killed without cleanup (kill -9, OOM);
    and exit now if that parent is already gone. Elsewhere the closed pipe ends still end the worker
    at its next task."""
    import ctypes
    try:
        prctl = ctypes.CDLL(None).prctl
    except (OSError, AttributeError):
        return
    PR_SET_PDEATHSIG = 1
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def keep_freed_memory(trim_bytes: int = 256 * 2**20, mmap_bytes: int = 32 * 2**20) -> None:
    """Let glibc's malloc keep up to ``trim_bytes`` of freed memory and serve arrays below
    ``mmap_bytes`` from its heap. By default it returns memory to the system as soon as a few MB are
    free, so a simulation that allocates and frees MB-sized temporaries at every ODE step page-faults
    them in again each time: measured, 6 million page faults and half of a 25 s two-layer flow.
    Nothing happens where the C library has no ``mallopt`` (not glibc)."""
    import ctypes
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
    mallopt(M_TRIM_THRESHOLD, trim_bytes)
    mallopt(M_MMAP_THRESHOLD, mmap_bytes)


def clear_cache() -> None:
    """Empty SymPy's cache, so a claim sees the same state whichever claims its worker ran before."""
    from sympy.core.cache import clear_cache as clear
    clear()


def _child_payload(claim: Claim, work: Work, settings: RunSettings) -> str:
    """The work's result for one claim as JSON text (``{"error": reason}`` if it raised)."""
    try:
        return json.dumps(jsonable(work(claim, settings)))
    except BaseException as exc:  # report anything, even SystemExit from a check
        return json.dumps({"error": escape_controls(f"{type(exc).__name__}: {exc}")})


def _wait_any(busy: list[_Worker], block: bool = True) -> None:
    """Until a busy worker sends, exits, or reaches its deadline (``block=False``: only look)."""
    if not busy:
        return
    remaining = min(w.deadline for w in busy) - time.monotonic() if block else 0.0
    handles = [w.results for w in busy] + [w.process.sentinel for w in busy]
    wait(handles, timeout=None if remaining == float("inf") else max(0.0, remaining))


def _collect(worker: _Worker, now: float, timeout: float | None) -> list[tuple[int, dict, float | None]]:
    """The claims the worker finished since last asked, as (index, payload, seconds it ran); a worker
    that died or timed out is stopped, and the claim it was running gets ``{"error": reason}`` with
    seconds None (the caller runs the rest of its queue elsewhere, and starts a new worker as needed)."""
    out: list[tuple[int, dict, float | None]] = []
    while worker.queue:
        if worker.results.poll():
            try:
                seconds, payload = worker.results.recv_bytes().decode().split("\n", 1)
                out.append((worker.queue.pop(0), json.loads(payload), float(seconds)))
            except (EOFError, OSError, ValueError):
                _stop(worker.process)
                out.append((worker.queue.pop(0), {"error": _death(worker.process)}, None))
                return out
            _started(worker, now, timeout)
        elif not worker.process.is_alive():
            worker.process.join()
            out.append((worker.queue.pop(0), {"error": _death(worker.process)}, None))
            return out
        elif now >= worker.deadline:
            _stop(worker.process)
            out.append((worker.queue.pop(0), {"error": f"timed out after {timeout:g} s"}, None))
            return out
        else:
            return out
    return out


def _retire(worker: _Worker) -> None:
    """Tell an idle worker to stop (a busy one is killed), and close its pipes."""
    if not worker.queue and worker.process.is_alive():
        try:
            worker.tasks.send(None)
        except OSError:
            pass
        worker.process.join(timeout=2)
    _stop(worker.process)
    worker.tasks.close()
    worker.results.close()


def _stop(process) -> None:
    """Stop a worker and every process in its process group (what its claim started), before the worker
    is reaped (its process group id cannot be reused until then)."""
    if process.is_alive():
        process.terminate()
        process.join(timeout=2)
    if process.is_alive():
        _kill_group(process.pid)
        process.kill()
        process.join()
    else:
        _kill_group(process.pid)


def _kill_group(pgid: int | None) -> None:
    """SIGKILL the process group ``pgid`` (a worker's: its id is the worker's pid), if it still exists."""
    if pgid is None or not hasattr(os, "killpg"):
        return
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


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

def failed_evaluation(reason: str) -> Evaluation:
    """The evaluation of a statement whose checks could not run (timeout, dead child)."""
    return evaluation([CheckResult(check=RUNNER, kind=RUNNER, outcome=Outcome.ERROR, summary=reason)])


def _claim_result(claim: Claim, payload: dict, plugin: str) -> ClaimResult:
    if "error" in payload:
        reason = payload["error"]
        correction = failed_evaluation(reason) if claim.correction is not None else None
        return ClaimResult(claim, failed_evaluation(reason), correction, error=reason, plugin=plugin)
    correction = Evaluation.from_json(payload["correction"]) if payload["correction"] is not None else None
    analysis = Analysis.from_json(payload["analysis"]) if payload.get("analysis") is not None else None
    return ClaimResult(claim, Evaluation.from_json(payload["statement"]), correction, plugin=plugin, analysis=analysis)


def _progress(result: ClaimResult, done: int, total: int, seconds: float) -> Progress:
    c = result.claim.correction
    return Progress(done=done, total=total, claim_id=result.claim.id, verdict=result.verdict,
                    expected=result.claim.expected,
                    correction=result.correction.verdict if result.correction is not None else None,
                    correction_expected=c.expected if c is not None else None,
                    seconds=seconds, error=result.error)
