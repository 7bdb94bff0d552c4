"""``python -m verify diff``: verdicts that moved, claims added and removed, counterexamples that
changed, and the environment (package versions, engine digest) recorded in results.json."""
from __future__ import annotations

import copy
import json

import pytest

from verify.cli import ExitCode, main
from verify.core.environment import environment, source_digest
from verify.report.diff import compare, load_results


def claim(cid, verdict, counterexample=None, correction=None):
    ev = {} if counterexample is None else {"counterexample": counterexample}
    c = {"id": cid, "verdict": verdict,
         "checks": [{"check": "search", "outcome": "fails" if counterexample else "holds", "evidence": ev}]}
    if correction:
        c["correction"] = {"verdict": correction, "checks": []}
    return c


OLD = {"schema": 4, "seed": 0, "budget": "quick",
       "environment": {"python": "3.11", "packages": {"numpy": "2.0.0"}, "engine": "aaa"},
       "claims": [claim("a", "proved"), claim("b", "refuted", {"x": 10}, "supported"), claim("gone", "proved")]}


def test_an_identical_report_has_no_differences():
    d = compare(OLD, copy.deepcopy(OLD))
    assert d.empty and d.context == [] and "no verdict moved" in d.lines()[-1]


def test_moves_additions_removals_findings_and_versions_are_listed():
    new = copy.deepcopy(OLD)
    new["environment"]["packages"]["numpy"] = "2.1.0"
    new["environment"]["engine"] = "bbb"
    new["claims"] = [claim("a", "refuted", {"x": 1}), claim("b", "refuted", {"x": 2}, "inconclusive"), claim("new", "supported")]
    d = compare(OLD, new)
    assert ("numpy", "2.0.0", "2.1.0") in d.context and ("engine source", "aaa", "bbb") in d.context
    assert d.added == ["new"] and d.removed == ["gone"]
    assert ("a", "statement", "proved", "refuted") in d.moved and ("b", "correction", "supported", "inconclusive") in d.moved
    changed = {(cid, check): (o, n) for cid, _, check, o, n in d.findings}
    assert changed[("b", "search")] == ({"outcome": "fails", "counterexample": {"x": 10}},
                                        {"outcome": "fails", "counterexample": {"x": 2}})
    assert changed[("a", "search")][0] is None
    text = "\n".join(d.lines())
    assert "a: proved -> refuted" in text and "b (correction): supported -> inconclusive" in text


def test_the_command_exits_like_diff(tmp_path, capsys):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "results.json").write_text(json.dumps(OLD))
    same, other = tmp_path / "same.json", tmp_path / "other.json"
    same.write_text(json.dumps(OLD))
    changed = copy.deepcopy(OLD)
    changed["claims"][0]["verdict"] = "supported"
    other.write_text(json.dumps(changed))
    assert main(["diff", str(tmp_path / "old"), str(same)]) == ExitCode.OK
    assert main(["diff", str(tmp_path / "old"), str(other)]) == ExitCode.FAILED
    assert "a: proved -> supported" in capsys.readouterr().out
    (tmp_path / "bad.json").write_text("{not json")
    assert main(["diff", str(same), str(tmp_path / "bad.json")]) == ExitCode.USAGE
    assert "not a readable results.json" in capsys.readouterr().err
    with pytest.raises(ValueError, match="no results.json"):
        load_results(tmp_path / "missing")


def test_the_environment_names_versions_and_a_stable_engine_digest(tmp_path):
    env = environment()
    assert env["python"].count(".") == 1 and set(env["packages"]) >= {"numpy", "sympy", "scipy", "mpmath"}
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "a.py").write_text("x = 1\n")
    first = source_digest(tmp_path / "p")
    assert source_digest(tmp_path / "p") == first
    (tmp_path / "p" / "a.py").write_text("x = 2\n")
    assert source_digest(tmp_path / "p") != first
