"""Reports do not depend on the machine: the same claims run with BLAS on one thread, on two threads and
with OpenBLAS's kernels for another CPU (``OPENBLAS_CORETYPE``) write byte-identical report files.

The claims exercise BLAS and LAPACK (matrix products, eigen- and singular values, kernels) and ODE flows,
whose last bits differ between those settings; what keeps them out of the reports is the rounding of
:mod:`verify.core.rounding`, the fixed evaluation grids and steady steps of :mod:`verify.maths.flows`,
the explicit steppers' steps capped at the grid's spacing, and the one near-tie rule for worst instances and
configurations (``verify.core.rounding.worst_position``)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

CLAIMS = [
    "lazy.lemma1", "lazy.proof.velocity",                          # gradient flows of quadratic models, SVDs
    "gd.s5.ntk_definition", "gd.s2.no_unique_minimiser",           # ReLU networks: Jacobians, Gram matrices
    "dyn.theorem2", "dyn.sd.orthonormal", "dyn.lemma14",           # flows on landscapes, random-feature flow
    "rq.prop.rate", "rq.kl.theorem", "rq.rayleigh.strictly",       # eigenvalues along least-squares flows
    "kr.theorem2_4.bound", "kr.linreg.kernel_limit", "kr.theorem3.kernel_limit",   # kernel and rich regimes
    "kr.ntk.theorem1",                                             # NTK Gram matrices
]

SETTINGS = {
    "one thread": {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"},
    "two threads": {"OPENBLAS_NUM_THREADS": "2", "OMP_NUM_THREADS": "2"},
    "another core type": {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "OPENBLAS_CORETYPE": "Sandybridge"},
}


def _reports(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "timings.json"}


@pytest.mark.notes
def test_reports_are_byte_identical_across_blas_threads_and_core_types(tmp_path):
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("OPENBLAS_", "OMP_", "MKL_", "GOTO", "PYTHONHASHSEED"))}
    base["PYTHONPATH"] = str(REPO)
    reports = {}
    for name, env in SETTINGS.items():
        out = tmp_path / name.replace(" ", "-")
        run = subprocess.run([sys.executable, "-m", "verify", "run", *CLAIMS, "--jobs", "2", "--no-cache",
                              "--output", str(out)], capture_output=True, text=True, env={**base, **env},
                             cwd=tmp_path, timeout=300)
        assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
        reports[name] = _reports(out)
    first = reports["one thread"]
    assert "results.json" in first and len(first) > 2 * len(CLAIMS)
    for name, files in reports.items():
        differing = sorted(f for f in set(first) | set(files) if first.get(f) != files.get(f))
        owners = {f: _claims_of(f, first, files) for f in differing}
        claims = set().union(*(o for o in owners.values() if o))
        others = [f for f, o in owners.items() if not o]
        assert not others, f"{name}: {others}"
        assert not claims, f"{name}: {sorted(claims)}"


def _claims_of(name: str, first: dict, other: dict) -> set[str] | None:
    """The claims a differing report file belongs to: its page, its plots, or (results.json) the claims
    whose entries differ when nothing else in it does; None for a file of the whole report."""
    parts = Path(name).parts
    if parts[:1] == ("claims",) or parts[:2] == ("html", "claims"):
        return {Path(name).stem}
    if parts[:2] == ("html", "plots"):
        return {parts[2]}
    if name == "results.json" and name in first and name in other:
        a, b = json.loads(first[name]), json.loads(other[name])
        ca, cb = ({c["id"]: c for c in d.pop("claims")} for d in (a, b))
        if a != b:
            return None
        return {i for i in ca.keys() | cb.keys() if ca.get(i) != cb.get(i)} or None
    return None
