"""The command line under faults: folders that are not report folders, concurrent runs, bad plugins,
malformed reports, hostile text, bad options."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

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
