"""The command line: commands, exit statuses, progress, and an end-to-end run of built-in claims of two notes."""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from verify.cli import ProgressPrinter, main
from verify.core.model import Verdict
from verify.run.registry import load
from verify.run.runner import Progress
from tests.helpers import FIXTURES, REPO

GOOD = str(FIXTURES / "good")
PLUGIN_ONLY = ["--no-builtin", "--plugin", GOOD]


def cli(*args: str, cwd: Path, env_extra: dict | None = None, drop: tuple = ()) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["PYTHONPATH"] = str(REPO)
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "verify", *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=600)


# ---------------------------------------------------------------------------------------------
# exit status
# ---------------------------------------------------------------------------------------------

def test_run_prints_verdicts_findings_and_replay_and_exits_0_when_all_match(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["run", "fx.trig", "fx.sq*", *PLUGIN_ONLY, "--jobs", "2", "--seed", "4"]) == 0
    out, err = capsys.readouterr()
    assert "fx.trig: proved (expected proved) — Pythagorean identity" in out
    assert "fx.square: refuted (expected refuted) — Freshman's dream" in out
    assert "  correction: proved (expected proved)" in out
    assert re.search(r"^  - identity: lhs - rhs = ", out, re.M)
    plugin = str(Path(GOOD) / "algebra.py")
    # replay lines for flagged claims only (or with -v); each claim printed once (no progress lines off a terminal)
    assert f"  replay: python -m verify run fx.square --seed 4 --budget quick --plugin {plugin}" in out
    assert "replay: python -m verify run fx.trig" not in out
    assert "fx.amgm" not in out
    assert out.count("fx.trig") == 1 and err == ""
    assert re.search(r"^2 claims: 1 proved, 1 refuted in \d+\.\d s$", out, re.M)
    assert list(tmp_path.iterdir()) == []       # run writes reports only with --output
    assert main(["run", "fx.trig", *PLUGIN_ONLY, "-v", "--seed", "4"]) == 0
    assert f"  replay: python -m verify run fx.trig --seed 4 --budget quick --plugin {plugin}" in capsys.readouterr().out


def test_run_only_flagged_last_failed_and_did_you_mean(capsys, tmp_path):
    assert main(["run", "fx.*", *PLUGIN_ONLY, "--only", "flagged", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "fx.square: refuted" in out and "fx.trig:" not in out
    assert main(["run", "fx.sqaure", *PLUGIN_ONLY]) == 2
    assert "did you mean fx.square" in capsys.readouterr().err
    # --lf: only the claims not as expected in the last report
    reports = tmp_path / "r"
    both = [*PLUGIN_ONLY, "--plugin", str(FIXTURES / "mismatch")]
    assert main(["run", "fx.*", *both, "--jobs", "1", "--output", str(reports)]) == 1
    capsys.readouterr()
    assert main(["run", "--lf", "--reports", str(reports), *both, "--jobs", "1"]) == 1
    out = capsys.readouterr().out
    assert "fx.wrong: refuted (expected proved)" in out and "1 claims: 1 refuted" in out


def test_all_ends_with_the_flagged_claims_per_note_the_time_and_the_html_index(capsys, tmp_path):
    assert main(["all", *PLUGIN_ONLY, "--jobs", "1", "--output", str(tmp_path / "r")]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^  fx\.square: refuted( \[\w+\])? — ", out, re.M)
    assert "fx.trig" not in out.split("reports written")[0]
    assert f"open {tmp_path / 'r' / 'html' / 'index.html'}" in out


def test_a_verdict_other_than_expected_exits_1(capsys):
    assert main(["run", "fx.*", "--no-builtin", "--plugin", str(FIXTURES / "mismatch"), "--jobs", "1"]) == 1
    out, _ = capsys.readouterr()
    assert "fx.wrong: refuted (expected proved)" in out
    assert "verdict differs from expected for fx.wrong" in out


def test_an_error_verdict_exits_1(capsys):
    assert main(["run", "fx.raises", "--no-builtin", "--plugin", str(FIXTURES / "raising")]) == 1
    assert "fx.raises: error (expected proved)" in capsys.readouterr().out


def test_a_plugin_error_exits_1_and_the_valid_claims_still_run(capsys, tmp_path):
    code = main(["all", *PLUGIN_ONLY, "--plugin", str(FIXTURES / "broken"), "--output", str(tmp_path / "r")])
    assert code == 1
    out, err = capsys.readouterr()
    assert re.search(r"plugin error: .*d_invalid_claims\.py: claim fx\.no_title, field title: ", err)
    assert re.search(r"plugin error: .*f_duplicate_b\.py: claim fx\.dup, field id: duplicate id: already defined by "
                     r".*e_duplicate_a\.py", err)
    data = json.loads((tmp_path / "r" / "results.json").read_text())
    assert [c["id"] for c in data["claims"]] == ["fx.trig", "fx.square", "fx.amgm", "fx.dup", "fx.still_runs"]
    assert all(c["verdict"] == c["expected"] for c in data["claims"])
    assert len(data["plugin_errors"]) == len(load(builtin=False, entry_points=False,
                                                  paths=[FIXTURES / "broken"]).errors)


def test_reports_that_cannot_be_written_exit_1_after_the_run(capsys, tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("in the way")
    assert main(["all", *PLUGIN_ONLY, "--output", str(blocker / "reports")]) == 1
    out, err = capsys.readouterr()
    assert "could not write reports" in err and "3 claims: 1 proved, 2 refuted" in out
    assert blocker.read_text() == "in the way"


@pytest.mark.parametrize("args, message", [
    (["all", "--budget", "huge"], "invalid choice: 'huge'"),
    (["all", "--jobs", "0"], "must be at least 1"),
    (["all", "--timeout", "-1"], "must be positive"),
    (["run", *PLUGIN_ONLY], "run needs claim ids or patterns (or --lf)"),
    (["run", "fx.nothing*", *PLUGIN_ONLY], "no claim matches 'fx.nothing*'"),
    (["run", "fx.trig", "fx.nothing", *PLUGIN_ONLY], "no claim matches 'fx.nothing'"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    ([], "the following arguments are required"),
])
def test_usage_errors_exit_2(capsys, args, message):
    assert main(args) == 2
    assert message in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# commands
# ---------------------------------------------------------------------------------------------

def test_list_prints_id_note_section_title(capsys):
    assert main(["list", *PLUGIN_ONLY]) == 0
    rows = [re.split(r"\s{2,}", line) for line in capsys.readouterr().out.splitlines()]
    assert rows == [["fx.trig", "fixture_algebra.md", "§1", "Pythagorean identity"],
                    ["fx.square", "fixture_algebra.md", "§2", "Freshman's dream"],
                    ["fx.amgm", "fixture_algebra.md", "§3", "Two-term AM-GM"]]


def test_all_writes_reports_to_the_default_folder(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["all", *PLUGIN_ONLY, "--plugin", str(FIXTURES / "hang"), "--timeout", "1"]) == 1
    data = json.loads((tmp_path / "reports" / "results.json").read_text())
    verdicts = {c["id"]: c["verdict"] for c in data["claims"]}
    assert verdicts == {"fx.trig": "proved", "fx.square": "refuted", "fx.amgm": "refuted",
                        "fx.hang": "error", "fx.quick": "proved"}
    assert "timed out after 1 s" in (tmp_path / "reports" / "claims" / "fx.hang.md").read_text()
    timings = json.loads((tmp_path / "reports" / "timings.json").read_text())["seconds"]
    assert set(timings) == set(verdicts) and timings["fx.hang"] >= 1
    out = capsys.readouterr().out
    assert "5 claims: 2 proved, 2 refuted, 1 error" in out


def test_progress_on_a_terminal_updates_one_line():
    class Tty(io.StringIO):
        def isatty(self):
            return True
    stream = Tty()
    ticks = iter([0.0, 1.5, 3.25])
    printer = ProgressPrinter(stream, clock=lambda: next(ticks))
    printer(Progress(1, 2, "a.long_claim_id", Verdict.PROVED, Verdict.PROVED, None, None, 0.1))
    printer(Progress(2, 2, "b.c", Verdict.GAP, Verdict.PROVED, None, None, 0.1))
    printer.close()
    first = "[1/2   1.5s 0 flagged] a.long_claim_id ... proved (expected proved)"
    second = "[2/2   3.2s 1 flagged, 1 NOT AS EXPECTED] b.c ... gap (expected proved)"
    assert stream.getvalue() == "\r" + first + "\r" + second.ljust(len(first)) + "\n"


def test_python_m_verify_fixes_the_hash_seed_and_returns_the_exit_status(tmp_path):
    plugin = tmp_path / "hashseed.py"
    plugin.write_text((FIXTURES / "good" / "algebra.py").read_text().replace(
        'title="Pythagorean identity"', 'title="hash seed " + __import__("os").environ["PYTHONHASHSEED"]'))
    listed = cli("list", "--no-builtin", "--plugin", str(plugin), cwd=tmp_path, drop=("PYTHONHASHSEED",))
    assert listed.returncode == 0, listed.stderr
    assert "hash seed 0" in listed.stdout
    usage = cli("run", "no.such.claim", "--no-builtin", cwd=tmp_path)
    assert usage.returncode == 2 and "no claim matches 'no.such.claim'" in usage.stderr


# ---------------------------------------------------------------------------------------------
# end to end on some built-in claims (tests/notes evaluates all of them, once per session)
# ---------------------------------------------------------------------------------------------

# two notes' sections, symbolic and numeric, proved, supported and refuted (with a correction): built-in
# discovery, the report and the exit status through the command line, without running all the claims again
PATTERNS = ("lazy.lemma1*", "gd.s3.*")


@pytest.mark.notes
def test_run_on_builtin_claims_of_two_notes_writes_a_consistent_report(tmp_path):
    out = tmp_path / "out"
    run = cli("run", *PATTERNS, "--budget", "quick", "--jobs", "2", "--output", str(out), cwd=tmp_path)
    assert run.returncode in (0, 1), run.stderr
    data = json.loads((out / "results.json").read_text(), parse_constant=lambda c: pytest.fail(f"bare {c} in JSON"))
    assert set(data) == {"schema", "seed", "budget", "claims", "plugin_errors", "root_causes", "diagnosis_problems",
                         "environment", "note_titles"}
    assert (data["schema"], data["seed"], data["budget"]) == (4, 0, "quick")
    registry = load(builtin=True)
    chosen, unmatched = registry.select(PATTERNS)
    assert not unmatched and len({c.id.split(".")[0] for c in chosen}) == 2
    assert [c["id"] for c in data["claims"]] == [c.id for c in chosen]
    assert data["plugin_errors"] == [e.to_json() for e in registry.errors]
    verdicts = {v.value for v in Verdict}
    index = (out / "index.md").read_text()
    for claim in data["claims"]:
        assert claim["verdict"] in verdicts
        assert claim["correction"] is None or claim["correction"]["verdict"] in verdicts
        assert claim["statement"] and claim["source"]["file"] and claim["checks"]
        assert (out / "claims" / f"{claim['id']}.md").is_file()
        assert f"[{claim['id']}](claims/{claim['id']}.md)" in index
    assert sorted(p.stem for p in (out / "claims").glob("*.md")) == sorted(c["id"] for c in data["claims"])
    ok = not data["plugin_errors"] and all(
        c["verdict"] != "error" and c["expected"] in (None, c["verdict"])
        and (c["correction"] is None or (c["correction"]["verdict"] != "error"
                                         and c["correction"]["expected"] in (None, c["correction"]["verdict"])))
        for c in data["claims"])
    assert run.returncode == (0 if ok else 1)


# ---------------------------------------------------------------------------------------------
# show
# ---------------------------------------------------------------------------------------------

def test_show_prints_a_claim_from_the_reports_or_runs_it(capsys, tmp_path):
    out = tmp_path / "reports"
    assert main(["all", *PLUGIN_ONLY, "--jobs", "1", "--output", str(out)]) == 0
    capsys.readouterr()
    assert main(["show", "fx.amgm", *PLUGIN_ONLY, "--reports", str(out)]) == 0
    shown = capsys.readouterr().out
    for text in ("fx.amgm — Two-term AM-GM", "x^2 + y^2 >= 3xy for all real x, y.", "refuted (expected refuted)",
                 "x^{2} + y^{2} \\geq 2 x y", "python -m verify run fx.amgm --seed 0 --budget quick",
                 "Depends on: fx.square (refuted)"):
        assert text in shown, text
    assert main(["show", "fx.square", *PLUGIN_ONLY, "--run", "--seed", "2"]) == 0
    assert "fx.square — Freshman's dream" in capsys.readouterr().out


def test_show_explains_a_missing_report_or_claim(capsys, tmp_path):
    assert main(["show", "fx.amgm", *PLUGIN_ONLY, "--reports", str(tmp_path)]) == 1
    assert "run `python -m verify all` first, or use --run" in capsys.readouterr().err
    assert main(["show", "no.such", *PLUGIN_ONLY, "--run"]) == 2
    assert "no claim 'no.such'" in capsys.readouterr().err
