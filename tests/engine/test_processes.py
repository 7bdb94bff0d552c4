"""Processes a claim starts end with it: after it finishes, and when it is stopped at its timeout."""
from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from verify.core.model import CheckResult, Outcome, RunSettings
from verify.run.runner import run_claims
from tests.helpers import claim_with

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in (b"Z", b"X")


@dataclass(frozen=True)
class Spawns:
    """Starts ``sleep 300`` (and a grandchild of its own through a shell), writes their pids to ``record``,
    then returns at once or sleeps past any timeout."""
    record: str
    hang: bool
    name: str = "spawns"
    kind: str = "numeric"

    def run(self, statement, ctx):
        child = subprocess.Popen(["sh", "-c", "sleep 300 & echo $!; wait"], stdout=subprocess.PIPE, text=True)
        grandchild = child.stdout.readline().strip()
        Path(self.record).write_text(f"{child.pid} {grandchild}")
        if self.hang:
            time.sleep(300)
        return CheckResult(self.name, self.kind, Outcome.HOLDS, "started processes")


@pytest.mark.parametrize("hang", [False, True], ids=["finished", "timed out"])
def test_processes_a_claim_started_do_not_outlive_it(tmp_path, hang):
    record = tmp_path / "pids"
    claim = claim_with(Spawns(str(record), hang), cid="t.spawns")
    results = run_claims([claim], RunSettings(jobs=1, timeout=5.0 if hang else 60.0))
    assert (results[0].error or "").startswith("timed out") == hang
    pids = [int(p) for p in record.read_text().split()]
    assert len(pids) == 2
    deadline = time.monotonic() + 5
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(p) for p in pids), f"left running: {[p for p in pids if alive(p)]}"


@dataclass(frozen=True)
class Group:
    """Returns its worker's process group id."""
    name: str = "group"
    kind: str = "numeric"

    def run(self, statement, ctx):
        import os
        return CheckResult(self.name, self.kind, Outcome.HOLDS, "its group",
                           evidence={"group": os.getpgrp(), "members": len(members(os.getpgrp()))})


def members(group: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and alive(int(entry.name)):
            try:
                if int((entry / "stat").read_bytes().rsplit(b")", 1)[1].split()[2]) == group:
                    out.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                pass
    return out


def test_a_worker_and_its_groups_watchdog_are_gone_after_the_run():
    """Each worker's group has a watchdog (it kills the group when the worker dies without cleanup): it
    ends with its worker, so a finished run leaves no process behind."""
    results = run_claims([claim_with(Group(), cid="t.group")], RunSettings(jobs=1, timeout=60.0))
    evidence = results[0].statement.checks[0].evidence
    group = evidence["group"]
    assert evidence["members"] == 2          # the worker and its watchdog
    deadline = time.monotonic() + 5
    while members(group) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert members(group) == []
