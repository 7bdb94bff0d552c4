"""The built-in claim package as a plugin: it loads through the registry like any plugin, with unique ids, and its statements render as MathML (the engine tier never imports it)."""
from __future__ import annotations

from verify import Verdict

from verify.report.html import math_fallbacks
from verify.run.registry import load


def test_builtin_statements_rarely_fall_back_to_latex_source():
    registry = load(builtin=True, entry_points=False)
    sources = [c.statement.to_latex() for c in registry.claims]
    sources += [c.correction.statement.to_latex() for c in registry.claims if c.correction is not None]
    failed = math_fallbacks(sources)
    assert len(failed) <= max(2, len(sources) // 100), failed


def test_the_real_builtin_package_loads_whatever_it_holds():
    reg = load(builtin=True, entry_points=False)
    assert all(reg.plugin_of[c.id].startswith("claims.") for c in reg.claims)
    assert all(e.plugin.startswith("claims") for e in reg.errors)
    assert len({c.id for c in reg.claims}) == len(reg.claims)


def test_no_finding_on_any_built_in_statement_that_holds():
    """The check raises no false alarm: no finding on a built-in statement or correction whose oracle
    says it holds (proved or supported), and it never fails on a built-in statement."""
    from verify.checks.wellformed import findings
    from verify.testing import load
    registry = load(entry_points=False)
    holds = (Verdict.PROVED, Verdict.SUPPORTED)
    flagged = []
    for c in registry.claims:
        targets = [(c.statement, c.expected)]
        if c.correction is not None:
            targets.append((c.correction.statement, c.correction.expected))
        for statement, expected in targets:
            found = findings(statement)
            assert not any(f.certain for f in found), (c.id, found)
            if found and expected in holds:
                flagged.append((c.id, found))
    assert flagged == []
