"""Helpers shared by the test tiers (fixtures are in tests/conftest.py and tests/notes/conftest.py).

Plain functions and constants, imported as ``from tests.helpers import ...``: they are needed at import
time too (``pytest.mark.parametrize`` over claims), where fixtures are not available."""
from __future__ import annotations

import functools
import importlib
import os
import pkgutil
import types
from pathlib import Path

import sympy as sp

from verify.core.model import Claim, Source, Statement

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"          # fixture plugins: good, broken, hang, mismatch, raising, ...


def _seeds() -> Path:
    """The notes the built-in claims quote: $VERIFY_SEEDS, else the repository's own notes/ folder."""
    if "VERIFY_SEEDS" in os.environ:
        return Path(os.environ["VERIFY_SEEDS"])
    return REPO / "notes"


SEEDS = _seeds()


def fixture_claims(*folders: str) -> dict[str, Claim]:
    """The claims of fixture plugin folders (tests/fixtures/<folder>) by id; the folders must load cleanly."""
    from verify.run.registry import load
    reg = load(builtin=False, entry_points=False, paths=[FIXTURES / f for f in folders])
    assert reg.errors == []
    return {c.id: c for c in reg.claims}


_x = sp.Symbol("x", real=True)


def claim_with(*checks, cid: str = "t.claim", correction=None, expected=None) -> Claim:
    """A throw-away claim (statement x = x) that runs ``checks``."""
    return Claim(id=cid, title="test claim", source=Source("t.md", "§1", "quote"),
                 statement=Statement(sp.Eq(_x, _x, evaluate=False)), checks=checks, correction=correction,
                 expected=expected)


# ---------------------------------------------------------------------------------------------
# the built-in claims (tests/notes only: importing them is what the engine tier avoids)
# ---------------------------------------------------------------------------------------------

@functools.cache
def builtin_modules() -> tuple[types.ModuleType, ...]:
    """Every built-in claim module, in name order (private modules skipped)."""
    import claims
    return tuple(importlib.import_module(f"claims.{m.name}") for m in pkgutil.iter_modules(claims.__path__)
                 if not m.name.startswith("_"))


def module_claims(module: types.ModuleType) -> list[Claim]:
    """A claim module's claims as a run sees them (the module's declared scalings attached)."""
    from verify.run.registry import module_claims as attach
    return list(attach(module))


def by_id(module: types.ModuleType) -> dict[str, Claim]:
    """A claim module's claims by id, as a run sees them."""
    return {c.id: c for c in module_claims(module)}


@functools.cache
def builtin_claims() -> tuple[tuple[str, Claim], ...]:
    """(module short name, claim) for every built-in claim, in the registry's order."""
    return tuple((m.__name__.split(".")[-1], c) for m in builtin_modules() for c in module_claims(m))
