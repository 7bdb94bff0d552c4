"""The package's floor plan, enforced: each layer imports only the layers below it (function-level
imports included), ``verify.maths`` never imports the engine, no module imports another module's
private names, and the built-in claims use only the public API."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from tests.helpers import REPO

ROOT = REPO
PACKAGE = ROOT / "verify"

# layer -> the layers it may import (itself included); modules directly in verify/ are the face (cli)
ALLOWED = {
    "core": {"core"},
    "checks": {"core", "checks"},
    "run": {"core", "checks", "run"},
    "report": {"core", "report"},
    "maths": {"maths"},
    "face": {"core", "checks", "run", "report", "maths", "face"},
}
PUBLIC = {"verify", "verify.checks", "verify.notation", "verify.scaling", "verify.testing"}


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) >= 2 and parts[1] in ALLOWED else "face"


def _module_name(path: Path, root: Path = ROOT) -> str:
    rel = path.relative_to(root).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, root: Path = ROOT):
    """(line, imported module, names) of every import in ``path``, relative ones resolved."""
    name = _module_name(path, root)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for a in node.names:
                yield node.lineno, a.name, []
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [a.name for a in node.names]
            if not node.module and node.level:          # from . import x: x is a module
                for n in names:
                    yield node.lineno, f"{target}.{n}", []
            else:
                yield node.lineno, target, names


def _sources(folder: Path):
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def upward_imports(root: Path = ROOT) -> list[str]:
    """Every import in ``root/verify`` that goes to a layer its layer may not import."""
    wrong = []
    for path in _sources(root / "verify"):
        here = _layer(_module_name(path, root))
        for line, target, _ in _imports(path, root):
            if target == "verify" or not target.startswith("verify."):
                continue
            there = _layer(target)
            if there not in ALLOWED[here]:
                wrong.append(f"{path.relative_to(root)}:{line}: {here} imports {target} ({there})")
    return wrong


def test_layers_import_only_downward():
    wrong = upward_imports()
    assert not wrong, "\n".join(wrong)


def test_no_private_name_crosses_a_module():
    wrong = []
    for folder in (PACKAGE, ROOT / "claims"):
        for path in _sources(folder):
            for line, target, names in _imports(path):
                private = [n for n in names if n.startswith("_") and not n.startswith("__")]
                if private and target != _module_name(path):
                    wrong.append(f"{path.relative_to(ROOT)}:{line}: imports {', '.join(private)} from {target}")
    assert not wrong, "\n".join(wrong)


def test_builtin_claims_use_the_public_api():
    wrong = []
    for path in _sources(ROOT / "claims"):
        for line, target, _ in _imports(path):
            if target.startswith("verify") and target not in PUBLIC and not target.startswith("verify.maths"):
                wrong.append(f"{path.relative_to(ROOT)}:{line}: imports {target}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_every_layer_is_a_package(layer):
    assert layer == "face" or (PACKAGE / layer / "__init__.py").is_file()


def test_the_checker_sees_a_violation(tmp_path):
    """A function-level upward import is found (a check that cannot fail is a defect)."""
    core = tmp_path / "verify" / "core"
    core.mkdir(parents=True)
    (core / "probe.py").write_text("def f():\n    from ..run import runner\n", encoding="utf-8")
    assert upward_imports(tmp_path) == ["verify/core/probe.py:2: core imports verify.run (run)"]
