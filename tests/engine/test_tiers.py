"""The engine tier stays free of the built-in claims: no test file here imports ``claims`` or loads the
built-in package (those tests belong in tests/notes, where each claim is evaluated once per session)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parent
BUILTIN_HELPERS = {"builtin_modules", "builtin_claims", "by_id", "module_claims"}


def offences(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name == "claims" or a.name.startswith("claims.")]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "claims" or node.module.startswith("claims."):
                found.append(node.module)
            if node.module == "tests.helpers":
                found += [f"tests.helpers.{a.name}" for a in node.names if a.name in BUILTIN_HELPERS]
        elif isinstance(node, ast.Call):
            found += ["builtin=True" for k in node.keywords
                      if k.arg == "builtin" and isinstance(k.value, ast.Constant) and k.value.value is True]
    return found


@pytest.mark.parametrize("path", sorted(ENGINE.glob("test_*.py")), ids=lambda p: p.name)
def test_engine_tests_do_not_use_the_builtin_claims(path):
    assert offences(ast.parse(path.read_text())) == [], path.name


def test_the_guard_finds_each_way_in():
    code = ("import claims.note000_lazy_training\nfrom claims import note001\n"
            "from tests.helpers import FIXTURES, by_id\nload(builtin=True, entry_points=False)\n")
    assert offences(ast.parse(code)) == ["claims.note000_lazy_training", "claims", "tests.helpers.by_id", "builtin=True"]
    assert offences(ast.parse("load(builtin=False)\nfrom tests.helpers import FIXTURES\n")) == []
