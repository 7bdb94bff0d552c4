"""The report folder: written all or nothing, locked against a second writer, and never losing a file
verify did not write."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from verify.core.model import ClaimResult, RunSettings
from verify.report import write as reports
from verify.report.document import Report
from verify.report.write import write_reports
from verify.run.registry import load
from verify.run.runner import run_claim
from tests.helpers import FIXTURES, REPO

LOCK = ".verify.lock"


@pytest.fixture(scope="module")
def results() -> list[ClaimResult]:
    reg = load(builtin=False, entry_points=False, paths=[FIXTURES / "good"])
    return [ClaimResult(c, *run_claim(c, 0, "quick"), plugin=reg.plugin_of[c.id]) for c in reg.claims]


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file of the folder but its lock."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != LOCK}


def test_files_verify_did_not_write_are_kept_and_its_own_stale_pages_dropped(tmp_path, results):
    out = tmp_path / "reports"
    write_reports(Report.of(results, RunSettings(0, "quick")), out)
    mine = {"claims/my-notes.md": b"mine", "html/plots/extra.svg": b"<svg/>", "html/mine.html": b"<p>",
            "todo.txt": b"todo", "mutation.md": b"# mutation"}
    for rel, data in mine.items():
        (out / rel).write_bytes(data)
    assert (out / "html" / "claims" / "fx.amgm.html").exists()
    write_reports(Report.of(results[:2], RunSettings(0, "quick")), out)
    after = files_of(out)
    assert {rel: after.get(rel) for rel in mine} == mine
    assert "claims/fx.amgm.md" not in after and "html/claims/fx.amgm.html" not in after
    assert "claims/fx.trig.md" in after


def test_a_folder_of_other_files_is_refused_unless_forced(tmp_path, results):
    out = tmp_path / "photos"
    (out / "html").mkdir(parents=True)
    (out / "html" / "page.html").write_text("my page")
    (out / "index.md").write_text("my index")
    with pytest.raises(reports.NotAReportFolder, match="not a verify report folder.*--force"):
        write_reports(Report.of(results, RunSettings(0, "quick")), out)
    assert files_of(out) == {"html/page.html": b"my page", "index.md": b"my index"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photos"]
    write_reports(Report.of(results, RunSettings(0, "quick")), out, force=True)
    assert (out / "html" / "page.html").read_text() == "my page"          # kept
    assert (out / "index.md").read_text() != "my index"                   # replaced: --force said so
    assert (out / "results.json").exists()


def test_folders_verify_commands_wrote_are_report_folders(tmp_path, results):
    out = tmp_path / "reports"
    out.mkdir()
    (out / "mutation.md").write_text("# mutation")
    (out / "stability-quick.json").write_text("{}")
    write_reports(Report.of(results, RunSettings(0, "quick")), out)
    assert (out / "mutation.md").read_text() == "# mutation"


def test_reports_of_an_earlier_schema_are_a_report_folder(tmp_path, results):
    """A report folder written by an earlier version of verify (no manifest, results.json of another
    schema) is verify's: an upgrade writes into it, keeping the files verify did not write."""
    out = tmp_path / "reports"
    (out / "claims").mkdir(parents=True)
    (out / "results.json").write_text('{"schema": 3, "seed": 0, "budget": "quick", "claims": []}')
    (out / "claims" / "old.md").write_text("old page")
    (out / "benchmarks.md").write_text("# benchmarks")
    write_reports(Report.of(results, RunSettings(0, "quick")), out)
    assert not (out / "claims" / "old.md").exists() and (out / "benchmarks.md").read_text() == "# benchmarks"
    with pytest.raises(reports.NotAReportFolder):
        other = tmp_path / "other"
        other.mkdir()
        (other / "results.json").write_text('{"not": "verify"}')
        reports.report_files_of(other)


def _counting_kill(limit: int, write) -> int:
    """Run ``write`` in a forked child that is killed (os._exit) at its ``limit``-th file-system call
    that changes something; return how many such calls the child made (it tells through a pipe)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:                  # the child: count, and die without cleanup at the limit
        os.close(read_end)
        calls = [0]

        def counted(name, original):
            def call(*args, **kwargs):
                calls[0] += 1
                if calls[0] == limit:
                    os._exit(9)
                return original(*args, **kwargs)
            return call
        try:
            for mod, name in [(os, "replace"), (os, "rename"), (os, "link"), (os, "unlink"), (os, "rmdir"),
                              (os, "symlink"), (Path, "write_bytes")]:
                setattr(mod, name, counted(name, getattr(mod, name)))
            write()
            os.write(write_end, str(calls[0]).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    told = os.read(read_end, 32)
    os.close(read_end)
    os.waitpid(pid, 0)
    return int(told) if told else -1


def test_a_kill_at_any_point_of_the_write_leaves_the_old_reports_or_the_new_ones(tmp_path, results):
    out = tmp_path / "reports"
    old_report = Report.of(results, RunSettings(0, "quick"))
    new_report = Report.of(results[:2], RunSettings(9, "thorough"))
    write_reports(old_report, out)
    old = files_of(out)
    reference = tmp_path / "reference"
    write_reports(new_report, reference)
    new = files_of(reference)
    assert old != new
    total = _counting_kill(0, lambda: write_reports(new_report, tmp_path / "counted"))
    assert total > 10
    outcomes = set()
    for limit in sorted({1, 2, total // 4, total // 2, 3 * total // 4, total - 2, total - 1, total}):
        write_reports(old_report, out)
        _counting_kill(limit, lambda: write_reports(new_report, out))
        now = files_of(out)
        assert now in (old, new), f"killed at call {limit} of {total}: a mixture of the old and new reports"
        outcomes.add("new" if now == new else "old")
    write_reports(new_report, out)            # and the next write cleans up what the killed ones left
    assert files_of(out) == new
    assert sorted(p.name for p in tmp_path.iterdir()) == ["counted", "reference", "reports"]


def test_a_second_writer_fails_at_once_while_the_folder_is_locked(tmp_path, results):
    from verify.core.files import FolderBusy
    out = tmp_path / "reports"
    write_reports(Report.of(results, RunSettings(0, "quick")), out)
    before = files_of(out)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom verify.core.files import folder_lock\n"
         f"with folder_lock({str(out)!r}):\n    print('held', flush=True)\n    time.sleep(60)\n"],
        stdout=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONPATH=str(REPO)))
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with pytest.raises(FolderBusy, match=rf"being written by another verify run \(process {holder.pid}\)"):
            write_reports(Report.of(results, RunSettings(9, "quick")), out)
        assert time.monotonic() - started < 5
        assert files_of(out) == before
    finally:
        holder.kill()
        holder.wait()
    write_reports(Report.of(results, RunSettings(9, "quick")), out)      # the lock dies with its holder
    assert files_of(out) != before


@pytest.mark.parametrize("failing", ["claims/", "html/", "results.json", "index.md"])
def test_a_write_that_fails_part_way_leaves_the_previous_reports_untouched(tmp_path, results, monkeypatch, failing):
    """A file that cannot be written (a read-only html/, a full disk) fails the write before the switch:
    every previous file is as it was (what the command line then says), and nothing is left beside it."""
    out = tmp_path / "reports"
    write_reports(Report.of(results, RunSettings(0, "quick")), out)
    before = files_of(out)
    original = Path.write_bytes

    def write_bytes(path, data):
        rel = path.as_posix().split("-new-", 1)[-1].split("/", 1)[-1]
        if rel.startswith(failing):
            raise PermissionError(13, "Permission denied", str(path))
        return original(path, data)
    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    with pytest.raises(PermissionError):
        write_reports(Report.of(results[:1], RunSettings(9, "thorough")), out)
    monkeypatch.undo()
    assert files_of(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]
