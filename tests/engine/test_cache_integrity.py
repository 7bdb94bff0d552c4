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
