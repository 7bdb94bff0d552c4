"""Every plot of the built-in claims' report can be read: tick labels and a label on both axes.

Each claim's plot data is taken as the report takes it (rounded, :class:`verify.report.document.CheckReport`)
from the session's one evaluation of the built-in claims (tests/notes/conftest.py) and drawn as the HTML
report draws it."""
from __future__ import annotations

import pytest

from tests.helpers import builtin_claims
from verify.report.document import CheckReport
from verify.report.plots import axis_texts, render_svg

CLAIMS = builtin_claims()


@pytest.mark.parametrize("claim", [c for _, c in CLAIMS], ids=[f"{m}:{c.id}" for m, c in CLAIMS])
def test_every_plot_has_tick_labels_and_labels_on_both_axes(claim, evaluated):
    for target, evaluation in zip(("statement", "correction"), evaluated(claim.id)):
        for k, result in enumerate(evaluation.checks if evaluation is not None else (), 1):
            plot = CheckReport.of(result).plot
            if plot is None:
                continue
            texts = axis_texts(render_svg(plot))
            where = f"{claim.id} {target}-{k}: {texts}"
            assert texts["xticks"] and len(texts["yticks"]) >= 2, where       # a categorical x axis may have one
            assert texts["xlabel"] and texts["ylabel"], where
