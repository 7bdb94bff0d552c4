"""Entry points of an installed package: built and pip-installed (offline) into a folder, its claims are
listed by a fresh interpreter."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from tests.helpers import FIXTURES, REPO


def test_installed_package_entry_points_are_discovered(tmp_path):
    """Build and pip-install (offline, into a --target folder) a package declaring verify.claims
    entry points, then list claims in a fresh interpreter."""
    src = tmp_path / "src"
    shutil.copytree(FIXTURES / "entry_point_pkg", src, ignore=shutil.ignore_patterns("__pycache__"))
    target = tmp_path / "site"
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index",
                          "--disable-pip-version-check", "--quiet", "--target", str(target), str(src)],
                         capture_output=True, text=True, timeout=120)
    assert pip.returncode == 0, pip.stderr
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(target), str(REPO)]))
    out = subprocess.run([sys.executable, "-m", "verify", "list", "--no-builtin"], capture_output=True, text=True,
                         env=env, cwd=tmp_path, timeout=120)
    ids = [line.split()[0] for line in out.stdout.splitlines()]
    assert ids == ["epdemo.callable", "epdemo.list", "epdemo.module"]
    assert "entry point demo_broken = ep_demo_claims.missing_module" in out.stderr
    assert "ModuleNotFoundError" in out.stderr
    assert out.returncode == 1        # the broken entry point is a plugin error
