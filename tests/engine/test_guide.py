"""The README's "Writing checks" guide: every python block of the section runs, in order, in one namespace
(each block asserts the outcomes it shows, a false statement failing among them)."""
from __future__ import annotations

import re

from tests.helpers import REPO


def _blocks() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Writing checks\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_the_guide_has_an_example_per_kind_of_check():
    code = "\n".join(_blocks())
    for check in ("Identity", "Enumeration", "Simulation", "Probability", "MonteCarlo", "LimitIsMinimiser"):
        assert f"{check}(" in code, check
    assert code.count("Outcome.FAILS") >= 6


def test_the_guide_runs():
    namespace: dict = {"__name__": "guide"}
    blocks = _blocks()
    assert len(blocks) >= 4
    for k, block in enumerate(blocks):
        exec(compile(block, f"README.md, Writing checks, block {k + 1}", "exec"), namespace)
