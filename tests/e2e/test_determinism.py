"""Byte-for-byte determinism across processes (each with its own hash randomisation): two CLI runs write
identical reports, and a plot renders to the same SVG."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from verify.report.plots import render_svg
from tests.helpers import FIXTURES, REPO

GOOD = FIXTURES / "good"


def report_files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_same_seed_gives_byte_identical_reports_across_processes(tmp_path):
    """Two separate CLI runs (each with its own hash randomisation) write identical files."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
    env["PYTHONPATH"] = str(REPO)
    outputs = []
    for name in ("first", "second"):
        out = tmp_path / name
        run = subprocess.run([sys.executable, "-m", "verify", "all", "--no-builtin", "--plugin", str(GOOD),
                              "--plugin", str(FIXTURES / "raising"), "--jobs", "2", "--seed", "3", "--output", str(out)],
                             capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
        assert run.returncode == 1, run.stderr          # fx.raises has verdict error
        outputs.append(report_files(out))
    first, second = outputs
    assert first.pop("timings.json") and second.pop("timings.json")
    first.pop(".verify.lock"), second.pop(".verify.lock")        # the folder's lock file (git-ignored)
    markdown = {name for name in first if not name.startswith("html/")}
    assert markdown == {"index.md", "results.json", "claims/fx.trig.md", "claims/fx.square.md",
                        "claims/fx.amgm.md", "claims/fx.raises.md", ".verify-report.json"}
    assert {"html/index.html", "html/claims/fx.raises.html", "html/plots/fx.amgm/statement-1.svg"} <= set(first)
    assert first == second


PLOTS = {
    "trajectory": {"kind": "trajectory", "x": [0, 1, 2, 3], "lhs": [1, 0.5, 0.25, None], "rhs": [2, 1, 0.5, 0.25],
                   "x_label": "t", "lhs_label": "loss $x$", "rhs_label": "bound", "relation": "<="},
    "loglog": {"kind": "loglog", "x": [2, 4, 8, 16], "q": [1, 2.1, 3.9, 8.2], "slope": 1.0, "claimed_slope": 0.5,
               "x_label": "kappa"},
    "estimate": {"kind": "estimate", "estimate": [1.0, 2.0], "low": [0.9, 1.8], "high": [1.1, 2.2],
                 "target": [1.0, 2.5]},
    "counterexample": {"kind": "counterexample", "point": {"x": 1.0, "y": 2.0}, "lhs": 5.0, "rhs": 6.0,
                       "relation": ">=", "slice": {"variable": "x", "x": [0, 1, 2], "lhs": [4, 5, 8],
                                                   "rhs": [0, 6, 12]}},
}


def test_a_plot_is_byte_identical_across_processes():
    """Matplotlib's SVG ids are salted by a hash: fixed, so files do not change between runs."""
    code = ("import hashlib, json, sys; from verify.report.plots import render_svg; "
            "print(hashlib.sha256(render_svg(json.loads(sys.argv[1])).encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", code, json.dumps(PLOTS["trajectory"])], capture_output=True,
                              text=True, check=True, env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin",
                                                          "PYTHONPATH": str(REPO)}).stdout.strip()
               for seed in ("1", "2")}
    assert len(digests) == 1
    assert digests == {hashlib.sha256(render_svg(PLOTS["trajectory"]).encode()).hexdigest()}
