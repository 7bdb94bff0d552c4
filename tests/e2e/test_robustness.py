"""The command line under faults: folders that are not report folders, concurrent runs, bad plugins,
malformed reports, hostile text, bad options."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from verify.cli import ExitCode, main
from tests.helpers import FIXTURES, REPO

GOOD = str(FIXTURES / "good")
PLUGIN_ONLY = ["--no-builtin", "--plugin", GOOD]


def cli(*args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "verify", *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=timeout)


# ---------------------------------------------------------------------------------------------
# the output folder
# ---------------------------------------------------------------------------------------------

def test_all_refuses_a_folder_of_other_files_and_deletes_nothing_even_when_forced(tmp_path):
    out = tmp_path / "mine"
    (out / "claims").mkdir(parents=True)
    (out / "html").mkdir()
    mine = {"claims/draft.md": "draft", "html/site.html": "<p>site</p>", "notes.txt": "notes"}
    for rel, text in mine.items():
        (out / rel).write_text(text)
    done = cli("all", *PLUGIN_ONLY, "--output", str(out), cwd=tmp_path)
    assert done.returncode == ExitCode.USAGE
    assert "is not a verify report folder" in done.stderr and "--force" in done.stderr
    assert "fx.trig" not in done.stderr + done.stdout                   # refused before running anything
    assert {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} == set(mine)
    done = cli("all", *PLUGIN_ONLY, "--output", str(out), "--force", cwd=tmp_path)
    assert done.returncode == ExitCode.OK, done.stderr
    assert all((out / rel).read_text() == text for rel, text in mine.items())
    assert (out / "claims" / "fx.trig.md").exists()


def test_a_second_run_into_a_locked_folder_fails_at_once_with_its_own_exit_status(tmp_path, capsys):
    out = tmp_path / "reports"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import time\nfrom verify.core.files import folder_lock\n"
         f"with folder_lock({str(out)!r}):\n    print('held', flush=True)\n    time.sleep(60)\n"],
        stdout=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONPATH=str(REPO)))
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        assert main(["all", *PLUGIN_ONLY, "--output", str(out)]) == ExitCode.BUSY == 3
        assert time.monotonic() - started < 5
        _, err = capsys.readouterr()
        assert f"is being written by another verify run (process {holder.pid})" in err
        assert not (out / "results.json").exists()
    finally:
        holder.kill()
        holder.wait()
    assert main(["all", *PLUGIN_ONLY, "--output", str(out)]) == ExitCode.OK


HANG = str(FIXTURES / "hang")


@pytest.mark.parametrize("command", [["mutate", "fx.trig", *PLUGIN_ONLY, "--limit", "1"],
                                     ["stability", "fx.trig", *PLUGIN_ONLY, "--seeds", "0"],
                                     ["bench", "--scale", "0.01"]], ids=lambda c: c[0])
def test_every_command_writing_a_report_folder_fails_at_once_while_it_is_locked(tmp_path, capsys, command):
    out = tmp_path / "reports"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import time\nfrom verify.core.files import folder_lock\n"
         f"with folder_lock({str(out)!r}):\n    print('held', flush=True)\n    time.sleep(60)\n"],
        stdout=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONPATH=str(REPO)))
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        target = str(out / "benchmarks.md") if command[0] == "bench" else str(out)
        assert main([*command, "--output", target]) == ExitCode.BUSY
        assert time.monotonic() - started < 10
        assert f"is being written by another verify run (process {holder.pid})" in capsys.readouterr().err
        assert sorted(p.name for p in out.iterdir()) == [".verify.lock"]            # nothing written
    finally:
        holder.kill()
        holder.wait()


def test_a_run_into_a_folder_that_mutate_or_stability_is_writing_fails_at_once(tmp_path, capsys):
    out = tmp_path / "reports"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    stability = subprocess.Popen([sys.executable, "-m", "verify", "stability", "fx.hang", "--no-builtin", "--plugin",
                                  HANG, "--seeds", "0", "--timeout", "60", "--jobs", "1", "--output", str(out)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True)
    try:
        lock = out / ".verify.lock"
        deadline = time.monotonic() + 60
        while not (lock.exists() and lock.read_text().strip() == str(stability.pid)):
            assert time.monotonic() < deadline and stability.poll() is None
            time.sleep(0.1)
        assert main(["all", *PLUGIN_ONLY, "--output", str(out)]) == ExitCode.BUSY
        assert f"(process {stability.pid})" in capsys.readouterr().err
        assert not (out / "results.json").exists()
    finally:
        os.killpg(stability.pid, 9)
        stability.wait()


# ---------------------------------------------------------------------------------------------
# processes
# ---------------------------------------------------------------------------------------------

SPAWNS = '''
import os, subprocess, time
from dataclasses import dataclass
import sympy as sp
from verify import Claim, Source, Statement
from verify.core.model import CheckResult, Outcome

x = sp.Symbol("x", real=True)


@dataclass(frozen=True)
class Spawns:
    name: str = "spawns"
    kind: str = "numeric"

    def run(self, statement, ctx):
        sleeper = subprocess.Popen(["sleep", "300"])
        with open(os.environ["SPAWNS_RECORD"] + ".tmp", "w") as f:
            f.write(f"{os.getpid()} {sleeper.pid}")
        os.replace(os.environ["SPAWNS_RECORD"] + ".tmp", os.environ["SPAWNS_RECORD"])
        time.sleep(300)
        return CheckResult(self.name, self.kind, Outcome.HOLDS, "slept")


CLAIMS = [Claim(id="fx.spawns", title="starts a long sleep", source=Source("spawns.md", "§1", "x = x."),
                statement=Statement(sp.Eq(x, x, evaluate=False)), checks=(Spawns(),))]
'''


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[0] not in (b"Z", b"X")
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal: Linux only")
def test_processes_a_check_started_end_when_verify_is_killed_with_sigkill(tmp_path):
    """kill -9 of ``verify`` leaves no worker and nothing a check started (here a ``sleep 300``) running, and
    nothing holding its stdout open (``verify all | tee`` ends)."""
    (tmp_path / "spawns.py").write_text(SPAWNS)
    record = tmp_path / "pids"
    env = dict(os.environ, PYTHONPATH=str(REPO), SPAWNS_RECORD=str(record))
    parent = subprocess.Popen([sys.executable, "-m", "verify", "run", "fx.spawns", "--no-builtin", "--plugin",
                               str(tmp_path / "spawns.py"), "--jobs", "1", "--timeout", "250", "--no-cache"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=tmp_path)
    pids: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while not record.exists():
            assert time.monotonic() < deadline and parent.poll() is None, "the check did not start"
            time.sleep(0.05)
        pids = [int(p) for p in record.read_text().split()]            # the worker, and the sleep it started
        assert all(_alive(p) for p in pids)
        parent.kill()                                                   # SIGKILL: no cleanup in the parent
        parent.wait()
        deadline = time.monotonic() + 5
        while any(_alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(p) for p in pids), f"left running: {[p for p in pids if _alive(p)]}"
        reader = threading.Thread(target=parent.stdout.read, daemon=True)     # end of file: no writer left
        reader.start()
        reader.join(timeout=5)
        assert not reader.is_alive(), "something still holds verify's stdout open"
    finally:
        for pid in pids:
            if _alive(pid):
                os.kill(pid, 9)
        if parent.poll() is None:
            parent.kill()
            parent.wait()


# ---------------------------------------------------------------------------------------------
# plugins, reports and options
# ---------------------------------------------------------------------------------------------

def test_a_plugin_calling_os_exit_at_import_is_a_plugin_error_and_a_failure(tmp_path):
    (tmp_path / "exits.py").write_text("import os\nos._exit(0)\n")
    done = cli("all", *PLUGIN_ONLY, "--plugin", str(tmp_path / "exits.py"), "--output", str(tmp_path / "r"),
               cwd=tmp_path)
    assert done.returncode == ExitCode.FAILED
    assert "plugin error: " in done.stderr and "exits.py: failed to load: ExitAtImport: the plugin called " \
                                                "os._exit(0) while it was loaded" in done.stderr
    assert "3 claims: 1 proved, 2 refuted; 1 plugin error(s)" in done.stdout
    assert (tmp_path / "r" / "results.json").exists()


def test_show_on_a_malformed_results_json_says_so_without_a_traceback(tmp_path):
    out = tmp_path / "r"
    assert cli("all", *PLUGIN_ONLY, "--output", str(out), cwd=tmp_path).returncode == 0
    text = (out / "results.json").read_text()
    wrong_types = json.loads(text)
    wrong_types["claims"][0]["source"]["quote"] = 5
    wrong_types["claims"][0]["checks"][0]["summary"] = None
    for broken in (text[:200], json.dumps(wrong_types), "[1, 2]"):
        (out / "results.json").write_text(broken)
        done = cli("show", "fx.trig", *PLUGIN_ONLY, "--reports", str(out), cwd=tmp_path)
        assert done.returncode == ExitCode.FAILED, done.stderr
        assert "Traceback" not in done.stderr and "error: " in done.stderr and "results.json" in done.stderr


HOSTILE = '''
import sympy as sp
from dataclasses import dataclass
from verify import Claim, Source, Statement, CheckResult
from verify.core.model import Outcome

x = sp.Symbol("x", real=True)


@dataclass(frozen=True)
class Hostile:
    name: str = "hostile"
    kind: str = "symbolic"

    def run(self, statement, ctx):
        return CheckResult(self.name, self.kind, Outcome.FAILS,
                           "bad\\x00\\x1b[2K\\r\\n**Verdict:** proved\\n\\x1b[32mfx.fake: proved (expected proved)",
                           evidence={"why": "\\x00\\x1b]0;title\\x07"})


CLAIMS = [Claim(id="fx.hostile", title="hostile text", source=Source("hostile.md", "§1", "x = x."),
                statement=Statement(sp.Eq(x, x, evaluate=False)), checks=(Hostile(),)),
          Claim(id="fx.fake", title="fake\\x1b[2K\\rfx.fake: proved", source=Source("hostile.md", "§1\\n\\n**Verdict:** proved", "x"),
                statement=Statement(sp.Eq(x, x, evaluate=False)), checks=(Hostile(),))]
'''


def test_hostile_text_reaches_neither_the_terminal_nor_the_reports_as_control(tmp_path):
    (tmp_path / "hostile.py").write_text(HOSTILE)
    out = tmp_path / "r"
    done = cli("run", "fx.*", "--no-builtin", "--plugin", str(tmp_path / "hostile.py"), "--output", str(out),
               cwd=tmp_path)
    assert done.returncode == ExitCode.FAILED
    for stream in (done.stdout, done.stderr):
        assert "\x1b" not in stream and "\x00" not in stream and "\r" not in stream
    assert not any(line.startswith("fx.fake:") for line in done.stdout.splitlines())       # refused at load
    assert "claim fx.fake, field title: must be one line" in done.stderr
    assert "claim fx.fake, field source.section: must be one line" in done.stderr
    assert "fx.hostile: refuted" in done.stdout
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"\x00" not in data and b"\x1b" not in data, path
    page = (out / "claims" / "fx.hostile.md").read_text()
    verdict_lines = [line for line in page.splitlines() if line.lstrip("#*> ").startswith("Verdict:")]
    assert verdict_lines == ["**Verdict:** refuted (expected: none recorded)"], page


def test_a_negative_seed_is_a_usage_error(capsys):
    assert main(["run", "fx.trig", *PLUGIN_ONLY, "--seed", "-1"]) == ExitCode.USAGE
    assert "--seed: must be 0 or more, got -1" in capsys.readouterr().err


def test_jobs_are_capped_with_a_note(capsys):
    assert main(["run", "fx.trig", *PLUGIN_ONLY, "--jobs", "100000"]) == ExitCode.OK
    err = capsys.readouterr().err
    assert "--jobs 100000 capped at" in err and "per CPU" in err


def test_new_refuses_names_that_shadow_importable_modules(tmp_path, capsys):
    for name in ("json", "numpy", "os"):
        assert main(["new", name, "--dir", str(tmp_path)]) == ExitCode.USAGE
        assert "would shadow an existing module" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
