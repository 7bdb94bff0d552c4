"""The test tiers and their markers, and the fixtures every tier shares.

tests/engine  engine unit tests: no built-in claim is imported or run
tests/notes   the built-in claims (marker ``notes``), each evaluated once per session (tests/notes/conftest.py)
tests/e2e     CLI subprocesses, scaffold and pip, Dask, the browser (marker ``e2e``; those that run
              built-in claims are marked ``notes`` too)

The markers follow from the folder, so ``-m "not notes and not e2e"`` runs exactly tests/engine."""
from __future__ import annotations

from pathlib import Path

import pytest

from verify.core.model import Context

TESTS = Path(__file__).resolve().parent
TIER_MARKERS = {"notes": "notes", "e2e": "e2e"}
TIER_ORDER = {"engine": 0, "notes": 1, "e2e": 2}        # fast feedback first; a test elsewhere runs with the engine's


def _tier(item) -> str:
    parts = Path(str(item.path)).resolve().relative_to(TESTS).parts
    return parts[0] if len(parts) > 1 else ""


def pytest_collection_modifyitems(config, items):
    for item in items:
        marker = TIER_MARKERS.get(_tier(item))
        if marker is not None:
            item.add_marker(marker)
        if item.get_closest_marker("builtin_claims") is not None:        # the marker's old name
            item.add_marker("notes")
    items.sort(key=lambda item: TIER_ORDER.get(_tier(item), 0))          # stable: files stay contiguous


@pytest.fixture
def ctx() -> Context:
    """The context of a check run outside a claim (seed 0)."""
    return Context(seed=0, claim_id="test")
