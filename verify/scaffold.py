"""``python -m verify new NAME``: a ready-to-install claims plugin package.

The package declares the ``verify.claims`` entry point, so ``pip install -e NAME`` makes its claims
visible to ``python -m verify list`` at once; its example claims use symbolic and numeric checks and
say why one is only "supported" and what makes a verdict "proved"; one has a correction, and the
generated test checks the statement's and the correction's recorded verdicts.
"""
from __future__ import annotations

import re
from pathlib import Path

NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


class ScaffoldError(ValueError):
    """A name or a target folder that cannot be used."""


PYPROJECT = '''[build-system]
requires = ["setuptools>=64"]
build-backend = "setuptools.build_meta"

[project]
name = "{dist}"
version = "0.1.0"
description = "Claims of {name} for verify"
requires-python = ">=3.11"
dependencies = ["verify-claims"]

[project.optional-dependencies]
test = ["pytest"]

[project.entry-points."verify.claims"]
{name} = "{name}.claims"

[tool.setuptools]
packages = ["{name}"]
'''

INIT = '''"""Claims of {name}, checked by verify (found through the ``verify.claims`` entry point)."""
'''

CLAIMS = '''"""Claims of {name}: one claim per checkable statement, each encoded as the note writes it.

Run them with ``python -m verify run '{name}.*'``; list them with ``python -m verify list``.

Each claim records the verdict it is expected to get (``expected=``, and ``Correction(expected=...)``
for its corrected statement): the verdict is computed by the checks, never taken from there, and
``tests/test_claims.py`` fails when a verdict moves. The verdicts mean:

* proved: a symbolic derivation closes (SymPy shows the relation for every value its symbols may take);
* supported: numeric evidence only, no counterexample (a simulation, a counterexample search);
* refuted: a counterexample, or a symbolic disproof, of the statement as written.
"""
from __future__ import annotations

import numpy as np
import sympy as sp

from verify import Claim, Correction, Source, Statement, Verdict
from verify.checks import Identity, Inequality, Simulation

NOTE = "{name}.md"                       # the note's file name, shown in reports

t, mu = sp.symbols("t mu", positive=True)
x, y = sp.symbols("x y", real=True)


def gradient_flow(ctx, precise):
    """Times and curvatures of gradient flow on random quadratics l(w) = mu w^2 / 2, whose loss decays
    by the factor exp(-2 mu t). Returns an environment: symbol name -> array, instances on axis 0 and
    time on axis 1 (``precise`` asks for a more accurate replay; this one is exact already)."""
    rng = ctx.rng("instances")                 # seeded by the run seed, the claim and the check
    mus = rng.uniform(0.1, 2.0, (ctx.budget.samples, 1))
    return {{"mu": mus, "t": np.linspace(0.0, 10.0, 101)[None, :]}}


CLAIMS = [
    # Only "supported": exp(-2 mu t) <= 1/(1 + 2 mu t) is true (e^u >= 1 + u), but SymPy's sign inference
    # cannot show it, so Inequality() falls back to a counterexample search at 50 digits, which finds none,
    # and the simulation holds at every instance and time. Numeric evidence, however strong, is not a
    # proof: the verdict is "supported". A derivation SymPy can close (the claim below) is "proved".
    Claim(id="{name}.decay_rate", title="The loss decays at least like 1/(1 + 2 mu t)",
          source=Source(NOTE, "Section 1", "Under gradient flow the loss factor exp(-2 mu t) is at most 1/(1 + 2 mu t)."),
          statement=Statement(sp.Le(sp.exp(-2 * mu * t), 1 / (1 + 2 * mu * t))),
          checks=(Inequality(), Simulation(gradient_flow)),
          expected=Verdict.SUPPORTED),
    # A wrong statement and its fix. As written it is "refuted": Identity() finds the two sides differ
    # and a point where they do (x = y = 1). The correction is checked by the same checks and gets its own
    # verdict: "proved", since SymPy expands both sides to the same polynomial.
    Claim(id="{name}.square", title="The square of a sum",
          source=Source(NOTE, "Section 2", "(x + y)^2 = x^2 + y^2"),
          statement=Statement(sp.Eq((x + y) ** 2, x ** 2 + y ** 2)),
          checks=(Identity(),),
          correction=Correction(Statement(sp.Eq((x + y) ** 2, x ** 2 + 2 * x * y + y ** 2)),
                                why="the cross term 2xy is missing", expected=Verdict.PROVED),
          expected=Verdict.REFUTED),
]
'''

TEST = '''"""The plugin's claims load, and each statement and each correction reaches its recorded verdict."""
import pytest

from verify.testing import load, run_claim

from {name}.claims import CLAIMS


def test_claims_are_valid():
    registry = load(builtin=False, entry_points=False, paths=[__import__("{name}.claims").claims.__file__])
    assert not registry.errors, registry.errors
    assert [c.id for c in registry.claims] == [c.id for c in CLAIMS]


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c.id)
def test_verdicts_are_the_expected_ones(claim):
    statement, correction = run_claim(claim, seed=0, budget="quick")
    assert statement.verdict == claim.expected, statement.findings
    if claim.correction is not None:         # the corrected statement has its own oracle
        assert correction is not None and correction.verdict == claim.correction.expected, correction.findings
'''

README = '''# {name}

Claims for [verify](https://pypi.org/project/verify-claims/): install, then list and check them.

```sh
python -m pip install -e .
python -m verify list                       # shows {name}.* claims
python -m verify run '{name}.*'             # verdicts, findings, replay commands
python -m pytest -q tests
```

Add claims to `{name}/claims.py` (a list `CLAIMS` of `verify.Claim`).
'''


def _importable(name: str) -> bool:
    """Whether ``import name`` finds a module already (standard library, installed packages, the current
    folder): a package of that name would shadow it, or be shadowed."""
    import importlib.util
    import sys
    if name in sys.stdlib_module_names or name in sys.builtin_module_names:
        return True
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return True


def files_for(name: str) -> dict[str, str]:
    """The package's files (relative path -> text)."""
    if not NAME_PATTERN.match(name):
        raise ScaffoldError(f"invalid plugin name {name!r}: use lowercase letters, digits and _, "
                            "starting with a letter (it becomes the package name and the claims' id prefix)")
    if name in {"verify", "claims", "tests", "test"} or _importable(name):
        raise ScaffoldError(f"invalid plugin name {name!r}: it would shadow an existing module or package "
                            f"(`import {name}` already finds one); choose another name")
    fill = {"name": name, "dist": name.replace("_", "-")}
    return {"pyproject.toml": PYPROJECT.format(**fill), "README.md": README.format(**fill),
            f"{name}/__init__.py": INIT.format(**fill), f"{name}/claims.py": CLAIMS.format(**fill),
            "tests/test_claims.py": TEST.format(**fill)}


def scaffold(name: str, parent: str | Path = ".") -> Path:
    """Write the package into ``parent/name``, which must not exist or be empty. Returns the folder."""
    files = files_for(name)
    folder = Path(parent) / name
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ScaffoldError(f"{folder} already exists and is not an empty folder")
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder
