"""Where claims run: forked children on this machine (the default), or Dask tasks on a cluster.

Both executors run the same work function on each claim — :func:`verify.run.runner._evaluate` for a
verdict, :func:`verify.run.mutation.mutate_claim` for a mutation run — and hand back the same JSON payload,
so the reports are byte for byte the same whichever executor ran them.

Claims cannot cross a process boundary by pickling (they hold lambdas, and plugin modules loaded from
files are not importable elsewhere), so a Dask task is a small description of the work, a
:class:`Task`: where the claims come from (built-in flag, entry points, ``--plugin`` paths), the claim
id, the run settings and the work function (a module-level function or a ``functools.partial`` of one, which pickles by name). A worker loads the claims once per process
(:data:`_REGISTRIES`, keyed by those sources) and runs the work in a forked child with the timeout,
exactly like the local runner (:func:`verify.run.runner.map_claims`); on a worker process that may not
have children (Dask's default ``distributed.worker.daemon: true``) it runs the work in the worker
itself and the timeout is applied by the client to the task's result.

Workers need ``verify`` and the plugins' files at the same paths (a shared file system or the same
image), and ``PYTHONHASHSEED`` equal to the client's (``python -m verify`` sets 0) for byte-identical
reports: a worker with another hash seed is reported on stderr.
"""
from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..core.files import can_fork
from ..core.jsonsafe import jsonable
from . import cache
from ..core.model import Claim, RunSettings
from .registry import load
from .runner import Finished, Work, fresh_payload, map_claims, one_blas_thread

DASK_MISSING = "the dask executor needs `pip install 'verify-claims[dask]'`"
KINDS = ("local", "dask")
GRACE = 2.0        # seconds the client waits past the timeout for a worker's own timeout to arrive



@dataclass(frozen=True)
class Sources:
    """Where the claims come from, as :func:`verify.run.registry.load` takes it (paths absolute), and a
    stamp of the plugin files (names, sizes, modification times), so a worker that loaded an older
    version of a plugin file loads it again. (Built-in claims and installed plugins are imported once
    per worker process: restart long-lived workers after changing them.)"""
    builtin: bool = True
    entry_points: bool = True
    paths: tuple = ()
    stamp: str = ""

    @staticmethod
    def of(builtin: bool = True, entry_points: bool = True, paths: Sequence = ()) -> "Sources":
        paths = tuple(str(Path(p).resolve()) for p in paths)
        return Sources(bool(builtin), bool(entry_points), paths, _stamp(paths))


def _stamp(paths: Sequence[str]) -> str:
    import hashlib
    h = hashlib.sha256()
    for p in paths:
        path = Path(p)
        files = sorted(path.glob("*.py")) if path.is_dir() else [path]
        for f in files:
            try:
                st = f.stat()
                h.update(f"{f}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
            except OSError:
                h.update(f"{f}\0missing\0".encode())
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class Task:
    """One claim's work, as data a worker can run without the client's objects."""
    sources: Sources
    claim_id: str
    settings: RunSettings
    work: Work          # runner.evaluate, or a partial of mutation.mutate_work
    cache_dir: str | None = None      # the symbolic cache's folder on the worker; None: no cache
    cache_verify: float = 0.0         # the fraction of cache hits re-proved (--verify-cache)


# ---------------------------------------------------------------------------------------------
# executors
# ---------------------------------------------------------------------------------------------

class LocalExecutor:
    """Today's runner: each claim in a forked child, at most ``jobs`` at a time."""
    name = "local"

    def __init__(self, jobs: int = 1):
        self.jobs = jobs

    def map(self, claims: Sequence[Claim], work: Work, settings: RunSettings,
            finished: Finished | None) -> dict[str, float]:
        return map_claims(claims, work, dataclasses.replace(settings, jobs=self.jobs), finished)

    def close(self) -> None:
        pass


class DaskExecutor:
    """Claims as Dask tasks, through the client's standard :mod:`concurrent.futures` executor.

    ``address``: a running scheduler (``tcp://host:8786``); None starts a ``LocalCluster`` of ``jobs``
    single-threaded worker processes (allowed to fork, so each claim runs in its own child as locally).
    """
    name = "dask"

    def __init__(self, sources: Sources, address: str | None = None, jobs: int = 2, client=None):
        try:
            import dask
            import distributed
        except ImportError:
            raise RuntimeError(DASK_MISSING) from None
        self.sources = sources
        self._own = []
        if client is None:
            if address is None:
                with dask.config.set({"distributed.worker.daemon": False}):
                    cluster = distributed.LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                                       dashboard_address=None)
                self._own.append(cluster)
                address = cluster
            client = distributed.Client(address)
            self._own.insert(0, client)
        self.client = client

    def slots(self) -> int:
        """Tasks in flight: one per worker thread (at least one)."""
        try:
            return max(1, sum(self.client.nthreads().values()))
        except Exception:
            return 1

    def map(self, claims: Sequence[Claim], work: Work, settings: RunSettings,
            finished: Finished | None) -> dict[str, float]:
        folder = cache.folder()
        timeout = settings.timeout
        one = dataclasses.replace(settings, jobs=1)       # each task runs one claim
        tasks = [Task(self.sources, c.id, one, work, str(folder) if folder is not None else None, cache.verifying())
                 for c in claims]
        ours = os.environ.get("PYTHONHASHSEED", "random")
        warned = set()
        timings: dict[str, float] = {}
        pending = list(enumerate(tasks))[::-1]
        running: dict[cf.Future, tuple[int, float]] = {}
        done = 0
        limit = self.slots()
        with self.client.get_executor(pure=False) as executor:
            try:
                while pending or running:
                    while pending and len(running) < limit:
                        index, task = pending.pop()
                        running[executor.submit(run_task, task)] = (index, time.monotonic())
                    deadlines = [s + timeout + GRACE for _, s in running.values()] if timeout is not None else []
                    wait = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
                    ready, _ = cf.wait(list(running), timeout=wait, return_when=cf.FIRST_COMPLETED)
                    now = time.monotonic()
                    for future in list(running):
                        index, started = running[future]
                        if future in ready:
                            try:
                                answer = future.result()
                                payload = answer["payload"]
                                seed_there = answer.get("hashseed", ours)
                                if seed_there != ours and seed_there not in warned:
                                    warned.add(seed_there)
                                    print(f"warning: a dask worker runs with PYTHONHASHSEED={seed_there}, this "
                                          f"process with {ours}: reports may differ from a local run",
                                          file=sys.stderr)
                            except Exception as exc:      # the task failed on the cluster (worker lost...)
                                payload = {"error": f"dask task failed: {type(exc).__name__}: {exc}"}
                        elif timeout is not None and now >= started + timeout + GRACE:
                            future.cancel()
                            payload = {"error": f"timed out after {timeout:g} s"}
                        else:
                            continue
                        del running[future]
                        seconds = round(now - started, 3)
                        timings[tasks[index].claim_id] = seconds
                        done += 1
                        if finished is not None:
                            finished(index, payload, seconds, done)
            finally:
                for future in running:
                    future.cancel()
        return timings

    def close(self) -> None:
        for thing in self._own:
            try:
                thing.close()
            except Exception:
                pass
        self._own = []


def make_executor(kind: str = "local", jobs: int = 1, sources: Sources | None = None,
                  scheduler: str | None = None):
    """The executor named ``kind`` ("local" or "dask"); raises RuntimeError with install advice when
    dask is not installed."""
    if kind == "local":
        if scheduler is not None:
            raise ValueError("--scheduler needs --executor dask")
        return LocalExecutor(jobs)
    if kind == "dask":
        return DaskExecutor(sources or Sources(), scheduler, jobs)
    raise ValueError(f"unknown executor {kind!r}; choose one of {', '.join(KINDS)}")


# ---------------------------------------------------------------------------------------------
# the worker side
# ---------------------------------------------------------------------------------------------

_REGISTRIES: dict[Sources, dict[str, Claim]] = {}


def claims_for(sources: Sources) -> dict[str, Claim]:
    """The claims of ``sources`` by id, loaded once per worker process."""
    if sources not in _REGISTRIES:
        reg = load(builtin=sources.builtin, entry_points=sources.entry_points, paths=sources.paths)
        _REGISTRIES[sources] = {c.id: c for c in reg.claims}
    return _REGISTRIES[sources]


def run_task(task: Task, isolate: bool | None = None) -> dict:
    """Run one task on a worker: ``{"payload": the runner's JSON payload, "hashseed": ...}``."""
    hashseed = os.environ.get("PYTHONHASHSEED", "random")
    try:
        claim = claims_for(task.sources).get(task.claim_id)
    except BaseException as exc:
        return {"payload": {"error": f"could not load the claims on the worker: {type(exc).__name__}: {exc}"},
                "hashseed": hashseed}
    if claim is None:
        return {"payload": {"error": f"claim {task.claim_id} not found on the worker (are the plugins there?)"},
                "hashseed": hashseed}
    work = task.work
    isolate = can_fork() if isolate is None else isolate
    with cache.configured(task.cache_dir is not None, task.cache_dir, task.cache_verify):
        if isolate:
            got: dict = {}
            map_claims([claim], work, dataclasses.replace(task.settings, jobs=1),
                       lambda index, payload, seconds, done: got.update(payload=payload))
            payload = got["payload"]
        else:
            with one_blas_thread():
                payload = json.loads(fresh_payload(claim, work, task.settings))
    return {"payload": jsonable(payload), "hashseed": hashseed}
