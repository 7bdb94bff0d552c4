"""``verify new``: the generated plugin package is valid, its claim runs, and it installs."""
from __future__ import annotations

import os
import subprocess
import sys
import tomllib

import pytest

from verify.cli import main
from verify.scaffold import ScaffoldError, files_for, scaffold



def test_the_package_declares_the_entry_point_and_has_a_claim_and_a_test():
    files = files_for("my_notes")
    assert set(files) == {"pyproject.toml", "README.md", "my_notes/__init__.py", "my_notes/claims.py",
                          "tests/test_claims.py"}
    project = tomllib.loads(files["pyproject.toml"])
    assert project["project"]["name"] == "my-notes"
    assert project["project"]["entry-points"]["verify.claims"] == {"my_notes": "my_notes.claims"}
    assert "verify-claims" in project["project"]["dependencies"]
    claims = files["my_notes/claims.py"]
    assert "Inequality()" in claims and "Simulation(" in claims and 'id="my_notes.' in claims
    assert 'Only "supported"' in claims and '"proved"' in claims and "Correction(" in claims    # it teaches
    test = files["tests/test_claims.py"]
    assert "claim.expected" in test and "claim.correction.expected" in test       # both oracles


@pytest.mark.parametrize("name", ["My-Notes", "1notes", "", "a b", "verify", "notes/../x"])
def test_bad_names_are_refused(name):
    with pytest.raises(ScaffoldError, match="invalid plugin name"):
        files_for(name)


def test_an_existing_non_empty_folder_is_refused(tmp_path, capsys):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "keep.txt").write_text("mine")
    assert main(["new", "taken", "--dir", str(tmp_path)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "taken" / "keep.txt").read_text() == "mine"
    assert main(["new", "Bad-Name", "--dir", str(tmp_path)]) == 2


def test_the_generated_claim_runs_and_meets_its_expectation(tmp_path, capsys):
    assert main(["new", "demo_notes", "--dir", str(tmp_path)]) == 0
    assert "pip install -e" in capsys.readouterr().out
    plugin = tmp_path / "demo_notes" / "demo_notes" / "claims.py"
    assert main(["run", "demo_notes.*", "--no-builtin", "--plugin", str(plugin), "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "demo_notes.decay_rate: supported (expected supported)" in out
    assert "demo_notes.square: refuted (expected refuted)" in out and "correction: proved (expected proved)" in out


def test_the_generated_test_fails_when_a_correction_misses_its_oracle(tmp_path):
    """The generated test checks the correction's recorded verdict, not only the statement's."""
    package = scaffold("oracle_notes", tmp_path)
    claims = package / "oracle_notes" / "claims.py"
    claims.write_text(claims.read_text().replace('why="the cross term 2xy is missing", expected=Verdict.PROVED',
                                                 'why="the cross term 2xy is missing", expected=Verdict.REFUTED'))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(package), os.environ.get("PYTHONPATH")]))}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(package / "tests")],
                         capture_output=True, text=True, timeout=300, env=env, cwd=package)
    assert run.returncode == 1 and "1 failed" in run.stdout, run.stdout + run.stderr
    assert "square" in run.stdout


def test_pip_install_e_makes_the_claims_visible_to_verify_list(tmp_path):
    """Installed editable into a virtual environment that sees this one's packages (verify included),
    so the test leaves the running environment alone."""
    package = scaffold("installed_notes", tmp_path)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    pip = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--disable-pip-version-check",
                          "-e", str(package)], capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path)
    assert pip.returncode == 0, pip.stderr
    listed = subprocess.run([str(python), "-m", "verify", "list", "--no-builtin"], capture_output=True, text=True,
                            timeout=120, env=env, cwd=tmp_path)
    assert any(line.split()[:2] == ["installed_notes.decay_rate", "installed_notes.md"]
               for line in listed.stdout.splitlines()), listed.stdout + listed.stderr
    tests = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(package / "tests")],
                           capture_output=True, text=True, timeout=300, env=env, cwd=package)
    assert tests.returncode == 0, tests.stdout + tests.stderr
