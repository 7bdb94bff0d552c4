"""The edit loop: `run ID` and `show ID --run` import only the module that defines ID (through the id
index), and `watch` re-runs a changed module's claims and prints the verdicts that moved."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.helpers import REPO

MODULE = textwrap.dedent('''
    import os
    import sympy as sp
    from verify import Claim, Source, Statement, Verdict
    from verify.checks.symbolic import Identity

    with open(os.environ["IMPORT_LOG"], "a") as log:
        log.write(__file__.rsplit("/", 1)[-1] + "\\n")
    x = sp.Symbol("x", real=True)
    CLAIMS = [Claim(id="{id}", title="x + x = 2x", source=Source("n.md", "§1", "x + x = 2x."),
                    statement=Statement(sp.Eq(x + x, {rhs}, evaluate=False)), checks=(Identity(),),
                    expected=Verdict.PROVED)]
    ''')


def _env(tmp_path: Path) -> dict:
    return dict(os.environ, PYTHONPATH=str(REPO), VERIFY_CACHE_DIR=str(tmp_path / "cache"),
                IMPORT_LOG=str(tmp_path / "imports.log"))


def _plugins(tmp_path: Path) -> Path:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "a.py").write_text(MODULE.format(id="a.double", rhs="2 * x"))
    (folder / "b.py").write_text(MODULE.format(id="b.double", rhs="2 * x"))
    return folder


def _verify(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    log = tmp_path / "imports.log"
    log.write_text("")
    proc = subprocess.run([sys.executable, "-m", "verify", *args], capture_output=True, text=True,
                          env=_env(tmp_path), cwd=tmp_path, timeout=600)
    return proc, log.read_text().split()


def test_run_and_show_import_only_the_module_that_defines_the_id(tmp_path):
    folder = _plugins(tmp_path)
    common = ["--no-builtin", "--plugin", str(folder), "--jobs", "1"]
    proc, imported = _verify(tmp_path, "run", "a.double", *common)
    assert proc.returncode == 0, proc.stderr
    assert imported == ["a.py", "b.py"]             # the first run has no index: every module, and the index written
    proc, imported = _verify(tmp_path, "run", "a.double", *common)
    assert proc.returncode == 0, proc.stderr
    assert "a.double: proved (expected proved)" in proc.stdout and imported == ["a.py"]
    proc, imported = _verify(tmp_path, "show", "b.double", "--run", *common)
    assert proc.returncode == 0, proc.stderr
    assert "b.double" in proc.stdout and imported == ["b.py"]
    proc, imported = _verify(tmp_path, "run", "*.double", *common)
    assert imported == ["a.py", "b.py"] and "2 claims: 2 proved" in proc.stdout
    proc, imported = _verify(tmp_path, "run", "a.doubel", *common)      # hints come from the index's ids
    assert proc.returncode == 2 and "did you mean a.double" in proc.stderr and imported == []
    proc, imported = _verify(tmp_path, "run", "a.double", "--no-cache", *common)
    assert imported == ["a.py", "b.py"]             # --no-cache: no index either, a full load


def test_watch_reruns_a_changed_module_and_prints_the_verdict_that_moved(tmp_path):
    folder = _plugins(tmp_path)
    (tmp_path / "imports.log").write_text("")
    watcher = subprocess.Popen([sys.executable, "-m", "verify", "watch", "*.double", "--no-builtin", "--plugin",
                                str(folder), "--jobs", "1", "--interval", "0.2", "--cycles", "1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(tmp_path),
                               cwd=tmp_path)
    try:
        lines = []
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            line = watcher.stdout.readline()
            assert line, f"the watcher ended early: {''.join(lines)} {watcher.stderr.read()}"
            lines.append(line)
            if "watching the files of 2 plugins" in line:
                break
        assert "a.double: proved (expected proved) — x + x = 2x\n" in lines
        log_before = (tmp_path / "imports.log").read_text().split()
        (folder / "a.py").write_text(MODULE.format(id="a.double", rhs="3 * x"))
        out, err = watcher.communicate(timeout=300)
    finally:
        watcher.kill()
    assert watcher.returncode == 0, err
    assert "changed: " + str(folder / "a.py") in out
    assert "  a.double: proved -> refuted — identity: lhs - rhs = -1 at x = 1" in out, out
    assert "b.double" not in out
    assert (tmp_path / "imports.log").read_text().split()[len(log_before):] == ["a.py"]    # only the changed module


def test_a_symbolic_claim_runs_without_loading_scipy_or_hypothesis(tmp_path):
    # the edit loop's time is mostly imports: SciPy and Hypothesis are loaded by the checks that use them
    folder = _plugins(tmp_path)
    script = ("import sys; from verify.cli import main; "
              f"code = main(['run', 'a.double', '--no-builtin', '--plugin', {str(folder)!r}, '--jobs', '1']); "
              "print(code, sorted({m.split('.')[0] for m in sys.modules} & {'scipy', 'hypothesis'}))")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=_env(tmp_path),
                          cwd=tmp_path, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "a.double: proved" in proc.stdout
    assert proc.stdout.strip().splitlines()[-1] == "0 []", proc.stdout
