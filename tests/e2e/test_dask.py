"""The Dask executor: the same reports, byte for byte, as the local runner.

A ``LocalCluster`` of two worker processes (Dask's defaults: daemonic workers, so each claim runs in
the worker itself and the timeout is the client's) runs a symbolic, a simulation and a probability
claim and a small mutation run; ``--executor dask`` alone (a cluster the command starts, whose workers
fork a child per claim like the local runner) runs a hanging claim into its timeout.
"""
from __future__ import annotations

import os
import subprocess
import re
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

from verify.run import cache
from verify.run.executors import (DASK_MISSING, DaskExecutor, LocalExecutor, Sources, Task,   # noqa: E402
                              make_executor, run_task)
from verify.core.model import RunSettings                                          # noqa: E402
from verify.run.registry import load                                           # noqa: E402
from verify.run.runner import evaluate                                        # noqa: E402
from tests.helpers import FIXTURES, REPO

ROOT = REPO
CLAIMS = ["lazy.lemma1.expansion",      # symbolic (proved)
          "lazy.theorem.bound",         # simulation (refuted; correction supported)
          "lazy.lemma3.eigenvalue",     # probability (supported)
          "lazy.proof.integral"]        # symbolic (proved)
MUTATED = ["lazy.lemma1.expansion", "lazy.proof.integral"]


@pytest.fixture(scope="module")
def scheduler():
    """A two-worker cluster whose workers hash strings as ``python -m verify`` does (PYTHONHASHSEED=0:
    the environment is copied when the workers are spawned)."""
    before = os.environ.get("PYTHONHASHSEED")
    os.environ["PYTHONHASHSEED"] = "0"
    try:
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
    finally:
        if before is None:
            os.environ.pop("PYTHONHASHSEED", None)
        else:
            os.environ["PYTHONHASHSEED"] = before
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def verify(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, VERIFY_CACHE_DIR=str(cwd / "cache"))
    return subprocess.run([sys.executable, "-m", "verify", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name not in ("timings.json", ".verify.lock")}     # the folder's lock is no report


@pytest.mark.notes
def test_dask_reports_are_byte_identical_to_the_local_runner(scheduler, tmp_path):
    """Byte for byte, lazy.theorem.bound's Hypothesis search included: its draws do not depend on the
    modules the process loaded (see ``verify.checks.search._no_local_constants``)."""
    local = verify("run", *CLAIMS, "--jobs", "2", "--no-cache", "--output", "local", cwd=tmp_path)
    dask = verify("run", *CLAIMS, "--jobs", "2", "--no-cache", "--executor", "dask", "--scheduler", scheduler,
                  "--output", "dask", cwd=tmp_path)
    assert local.returncode == dask.returncode, dask.stderr
    def same(out: str, folder: str) -> str:        # the folder's name and the run's time aside
        return re.sub(r" in \d+\.\d s$", "", out.replace(f"{folder}/", "OUT/"), flags=re.M)
    assert same(local.stdout, "local") == same(dask.stdout, "dask")
    a, b = files(tmp_path / "local"), files(tmp_path / "dask")
    assert "results.json" in a and len(a) > 4
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []


@pytest.mark.notes
def test_dask_mutation_reports_are_byte_identical(scheduler, tmp_path):
    common = ["mutate", *MUTATED, "--limit", "3", "--jobs", "2", "--no-cache"]
    local = verify(*common, "--output", "local", cwd=tmp_path)
    dask = verify(*common, "--executor", "dask", "--scheduler", scheduler, "--output", str(tmp_path / "dask"),
                  cwd=tmp_path)
    assert local.returncode == 0 and dask.returncode == 0, dask.stderr
    a, b = files(tmp_path / "local"), files(tmp_path / "dask")
    assert set(a) == {"mutation.md", "mutation.json"} and a == b


@pytest.mark.notes
def test_a_task_gives_the_same_payload_in_the_worker_and_in_a_forked_child(tmp_path):
    sources = Sources.of(builtin=True)
    for claim_id in ("lazy.lemma1.expansion", "lazy.proof.integral"):
        task = Task(sources, claim_id, RunSettings(0, "quick"), evaluate)
        inline, forked = run_task(task, isolate=False), run_task(task, isolate=True)
        assert inline["payload"] == forked["payload"]
        assert inline["payload"]["statement"]["verdict"] == "proved"


def test_dask_executor_gives_the_local_payloads_for_plugin_claims(scheduler):
    reg = load(builtin=False, entry_points=False, paths=[FIXTURES / "good"])
    sources = Sources.of(builtin=False, entry_points=False, paths=[FIXTURES / "good"])
    got: dict[str, dict] = {"local": {}, "dask": {}}
    local = LocalExecutor(jobs=2)
    local.map(reg.claims, evaluate, RunSettings(3, "quick", timeout=60),
              lambda i, payload, s, d: got["local"].__setitem__(reg.claims[i].id, payload))
    with distributed.Client(scheduler) as client:
        dask = DaskExecutor(sources, client=client)
        timings = dask.map(reg.claims, evaluate, RunSettings(3, "quick", timeout=60),
                           lambda i, payload, s, d: got["dask"].__setitem__(reg.claims[i].id, payload))
    assert set(timings) == {c.id for c in reg.claims}
    assert got["local"] == got["dask"] and len(got["dask"]) == len(reg.claims)


def test_unknown_claims_on_the_worker_are_an_error_payload():
    task = Task(Sources.of(builtin=False, entry_points=False), "no.such.claim", RunSettings(0, "quick"), evaluate)
    assert "not found on the worker" in run_task(task)["payload"]["error"]


def test_a_local_cluster_started_by_the_command_applies_the_timeout(tmp_path):
    """A generous timeout: fx.quick takes milliseconds, but a 2 s limit timed it out on a loaded machine."""
    out = verify("run", "fx.*", "--no-builtin", "--plugin", str(FIXTURES / "hang"), "--timeout", "10",
                 "--executor", "dask", "--jobs", "2", "--no-cache", "--output", str(tmp_path / "r"), cwd=tmp_path)
    assert out.returncode == 1, out.stderr
    assert "timed out after 10 s" in (tmp_path / "r" / "claims" / "fx.hang.md").read_text()
    assert "proved" in (tmp_path / "r" / "claims" / "fx.quick.md").read_text()


def test_without_dask_the_executor_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(RuntimeError) as info:
        make_executor("dask", 2, Sources())
    assert str(info.value) == DASK_MISSING
    with pytest.raises(ValueError):
        make_executor("local", 2, Sources(), scheduler="tcp://127.0.0.1:1")


def test_the_cli_reports_a_missing_dask_as_a_usage_error(monkeypatch, capsys):
    from verify.cli import main
    monkeypatch.setitem(sys.modules, "distributed", None)
    code = main(["run", "fx.*", "--no-builtin", "--plugin", str(FIXTURES / "good"), "--executor", "dask", "--no-cache"])
    assert code == 2
    assert "pip install 'verify-claims[dask]'" in capsys.readouterr().err


def test_cache_setting_is_restored_after_a_task():
    with cache.configured(False):
        run_task(Task(Sources.of(builtin=False, entry_points=False), "x", RunSettings(0, "quick"), evaluate, cache_dir="/tmp/x"))
        assert cache.folder() is None
