"""A cache that cannot lie: keyed by all the code a check runs, every entry checked when read."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from verify.core.model import Verdict
from verify.run import cache
from verify.run.runner import run_claim
from tests.helpers import REPO, fixture_claims

RUN = textwrap.dedent('''
    import sys
    sys.path.insert(0, sys.argv[1])
    import sympy as sp
    from verify.core.model import Statement
    from verify.run import cache
    from verify.run.runner import run_checks
    from {module} import HelperCheck
    x = sp.Symbol("x")
    with cache.configured(True, sys.argv[2]):
        e = run_checks(Statement(sp.Eq(x, x, evaluate=False)), (HelperCheck(),), 0, "quick", "t.helper")
    print(e.checks[0].outcome.value)
    ''')

CHECK = textwrap.dedent('''
    from dataclasses import dataclass
    from verify.core.model import CheckResult, Outcome
    {import_helper}

    @dataclass(frozen=True)
    class HelperCheck:
        name: str = "helper"
        kind: str = "symbolic"

        def run(self, statement, ctx):
            return CheckResult(self.name, self.kind, Outcome(logic.ANSWER), "the helper decides")
    ''')

LAYOUTS = {    # where the check's logic lives: a helper module of its package, or a file beside a plugin file
    "package": ({"helperpkg/__init__.py": "", "helperpkg/checks.py": CHECK.format(import_helper="from . import logic")},
                "helperpkg/logic.py", "helperpkg.checks"),
    "plugin file": ({"plugcheck.py": CHECK.format(import_helper="import pluglogic as logic")},
                    "pluglogic.py", "plugcheck"),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_change_in_a_helper_module_is_a_miss(tmp_path, layout):
    files, helper, module = LAYOUTS[layout]
    code = tmp_path / "code"
    for rel, text in files.items():
        (code / rel).parent.mkdir(parents=True, exist_ok=True)
        (code / rel).write_text(text)

    def outcome() -> str:
        done = subprocess.run([sys.executable, "-c", RUN.format(module=module), str(code), str(tmp_path / "cache")],
                              capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(REPO)), timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    (code / helper).write_text('ANSWER = "holds"\n')
    assert outcome() == "holds"
    assert outcome() == "holds"              # (from the cache)
    (code / helper).write_text('ANSWER = "fails"  # the helper changed\n')
    assert outcome() == "fails"


@pytest.fixture
def square(tmp_path):
    """fx.square (refuted by a symbolic check) run once with the cache on: the cache folder."""
    claim = fixture_claims("good")["fx.square"]
    with cache.configured(True, tmp_path / "cache") as folder:
        statement, _ = run_claim(claim, 0, "quick")
        assert statement.verdict == Verdict.REFUTED
        yield claim, folder


def entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.json"))


def test_an_edited_entry_is_a_miss_said_once(square, capsys):
    claim, folder = square
    assert entries(folder)
    for path in entries(folder):
        entry = json.loads(path.read_text())
        entry["result"].update(outcome="holds", summary="all fine")       # "holds": the claim would be proved
        path.write_text(json.dumps(entry))
    statement, _ = run_claim(claim, 0, "quick")
    assert statement.verdict == Verdict.REFUTED
    err = capsys.readouterr().err
    assert err.count("digest does not match its content") == len(entries(folder)), err
    run_claim(claim, 0, "quick")
    assert capsys.readouterr().err == ""                                      # rewritten: said once


def test_an_entry_filed_under_another_key_or_cut_short_is_a_miss(square, capsys):
    claim, folder = square
    first, *others = entries(folder)
    assert others, "fx.square has several symbolic results"
    shutil.copy(others[0], first)
    others[0].write_text(others[0].read_text()[:40])
    statement, _ = run_claim(claim, 0, "quick")
    assert statement.verdict == Verdict.REFUTED
    err = capsys.readouterr().err
    assert "its key is not the one it is filed under" in err and "is not a cache entry" in err


# ---------------------------------------------------------------------------------------------
# --verify-cache: a sample of the hits proved again
# ---------------------------------------------------------------------------------------------

def lie(folder: Path) -> int:
    """Make every entry say "holds", with a digest that matches (as a cache restored from elsewhere could):
    only running the checks again can tell. The number of entries."""
    paths = [p for p in entries(folder) if "result" in json.loads(p.read_text())]      # (not the id index's)
    for path in paths:
        entry = json.loads(path.read_text())
        entry["result"].update(outcome="holds", summary="all fine")
        entry["digest"] = cache._digest(entry["key"], entry["result"])
        path.write_text(json.dumps(entry))
    return len(paths)


def test_a_lying_entry_with_a_matching_digest_is_caught_by_proving_it_again(square, capsys):
    claim, folder = square
    lied = lie(folder)
    statement, _ = run_claim(claim, 0, "quick")
    assert statement.verdict != Verdict.REFUTED               # the lie, undetected by the digest
    assert capsys.readouterr().err == ""
    with cache.configured(True, folder, verify=1.0):
        cache.reset_reproved()
        statement, _ = run_claim(claim, 0, "quick")
        assert statement.verdict == Verdict.REFUTED
        assert cache.reset_reproved() == {"checked": lied, "disagreed": lied}
        err = capsys.readouterr().err
        assert err.count("disagrees with the check run again: it says holds (all fine), the check gives ") == lied
        assert f"claim {claim.id}, check " in err and "the entry is replaced" in err
        run_claim(claim, 0, "quick")                          # replaced: the next check agrees, silently
        assert cache.reset_reproved() == {"checked": lied, "disagreed": 0}
        assert capsys.readouterr().err == ""
    statement, _ = run_claim(claim, 0, "quick")
    assert statement.verdict == Verdict.REFUTED                # without --verify-cache too


def test_the_sample_is_a_fraction_of_the_hits_chosen_by_key_the_same_at_every_run():
    import hashlib
    keys = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(4000)]
    with cache.configured(True, "/nonexistent", verify=0.25):
        chosen = {k for k in keys if cache.sampled(k)}
        assert chosen == {k for k in reversed(keys) if cache.sampled(k)}          # order does not matter
        assert 0.22 < len(chosen) / len(keys) < 0.28
    with cache.configured(True, "/nonexistent", verify=1.0):
        assert all(cache.sampled(k) for k in keys)
    with cache.configured(True, "/nonexistent"):
        assert not any(cache.sampled(k) for k in keys)
    with pytest.raises(ValueError):
        cache.configure(True, "/nonexistent", verify=1.5)


def test_verify_cache_on_the_command_line(tmp_path, monkeypatch, capfd):
    from verify.cli import ExitCode, main
    from tests.helpers import FIXTURES
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    args = ["run", "fx.square", "--no-builtin", "--plugin", str(FIXTURES / "good"), "--jobs", "1"]
    assert main(args) == ExitCode.OK
    lied = lie(tmp_path / "cache")
    assert lied
    assert main([*args, "--verify-cache", "--verify-cache-fraction", "1"]) == ExitCode.OK    # the verdict is right
    out, err = capfd.readouterr()
    assert "fx.square: refuted" in out
    assert f"cache verified: {lied} cached result(s) proved again (1 of the hits, by key): {lied} disagreed" in out
    assert "disagrees with the check run again" in err
    assert main([*args, "--verify-cache"]) == ExitCode.OK
    assert "cache verified: " in capfd.readouterr().out
    assert main([*args, "--verify-cache", "--no-cache"]) == ExitCode.USAGE
    assert main([*args, "--verify-cache", "--verify-cache-fraction", "0"]) == ExitCode.USAGE
