"""The formula on a claim's page is the relation that was checked: every page (Markdown, HTML, results.json,
``verify show``) renders the SymPy relation, its hypotheses and definitions; hand LaTeX appears only
labelled "typesetting (not checked)"; notation classes print through their ``_latex``; schema 2 round trips."""
from __future__ import annotations

import io
import json
import re

import pytest
import sympy as sp
from markupsafe import escape
from sympy.printing.latex import LatexPrinter

from verify import Claim, Correction, Source, Statement
from verify.core.model import ClaimResult, RunSettings, latex
from verify.core.notation import LambdaMin, Norm, Prob
from verify.report.document import SCHEMA, ClaimReport, Formula, Report
from verify.report.html import render_html, text_with_math, to_mathml
from verify.report.markdown import TYPESET_LABEL, render_claim_page
from verify.report.terminal import show_claim
from verify.run.registry import load

x, y = sp.symbols("x y", real=True)
sigma = sp.Symbol("sigma_min", positive=True)
f_star = sp.Symbol("f_star", real=True)
HAND = r"\text{hand-written } x \leq 1"


class Spectral(sp.Function):
    """A notation class of a plugin: it prints the note's way."""
    nargs = 1

    def _latex(self, printer, exp=None):
        return r"\rho_{\mathrm{spec}}\left(%s\right)" % printer._print(self.args[0])


def _claim(statement: Statement, correction: Statement | None = None, cid: str = "t.formula") -> Claim:
    corr = Correction(correction, why="because") if correction is not None else None
    return Claim(id=cid, title="a formula", source=Source("t.md", "§1", "the note's words"), statement=statement,
                 checks=(), correction=corr)


def _report(claims) -> Report:
    return Report.of([ClaimResult(c, None) for c in claims], RunSettings())


@pytest.fixture(scope="module")
def registry():
    return load(builtin=True, entry_points=False)


@pytest.fixture(scope="module")
def builtin(registry) -> Report:
    """Every built-in claim as reported, not run: the formulas do not depend on verdicts."""
    return _report(registry.claims)


# ---------------------------------------------------------------------------------------------
# every built-in page shows the checked relation
# ---------------------------------------------------------------------------------------------

def _formulas(report: Report):
    for c in report.claims:
        yield c, "statement", c.formula
        if c.correction is not None:
            yield c, "correction", c.correction.formula


def test_every_builtin_formula_is_the_rendering_of_its_checked_relation(registry, builtin):
    claims = {c.id: c for c in registry.claims}
    for c, target, f in _formulas(builtin):
        claim = claims[c.id]
        statement = claim.statement if target == "statement" else claim.correction.statement
        assert f.latex == latex(statement.relation) and f.latex != statement.latex, (c.id, target)
        assert f.hypotheses == tuple(latex(a) for a in statement.assuming), (c.id, target)
        assert len(f.definitions) == len(statement.where), (c.id, target)
        assert f.typeset == (statement.latex or None), (c.id, target)


def test_every_builtin_markdown_page_shows_the_relation_and_hand_latex_only_labelled(builtin):
    for c in builtin.claims:
        page = render_claim_page(c, builtin)
        sections = page.split("## Correction\n")
        pairs = [(sections[0], c.formula)] + ([(sections[1], c.correction.formula)] if c.correction else [])
        for text, f in pairs:
            assert f"**As checked** (rendered from the SymPy relation):\n\n$$\n{f.latex}\n$$" in text, c.id
            for h in f.hypotheses:
                assert f"- ${h}$" in text, c.id
            if f.typeset:
                label = f"**{TYPESET_LABEL}:**\n\n$$\n{f.typeset}\n$$"
                assert text.count(f"$$\n{f.typeset}\n$$") == 1 + (f.typeset == f.latex) and label in text, c.id
                assert text.index(f"$$\n{f.latex}\n$$") < text.index(label), c.id


def test_every_builtin_html_page_renders_the_relation_and_hand_latex_only_labelled(builtin):
    files = render_html(builtin)
    for c in builtin.claims:
        page = files[f"claims/{c.id}.html"]
        assert page.count('<div class="math checked">') == 1 + (c.correction is not None), c.id
        checked = re.findall(r'<div class="math checked">(.*?)</div>', page, re.S)
        formulas = [c.formula] + ([c.correction.formula] if c.correction else [])
        for shown, f in zip(checked, formulas):
            try:
                assert shown == to_mathml(f.latex), c.id
            except Exception:           # a relation latex2mathml cannot convert is shown as its source
                assert shown.startswith('<code class="latex">'), c.id
        # hand LaTeX sits only inside the labelled "typesetting (not checked)" blocks
        blocks = page.split('<div class="typeset">\n')
        assert len(blocks) - 1 == sum(bool(f.typeset) for f in formulas), c.id
        assert all(b.startswith("<p><strong>Typesetting (not checked):</strong></p>") for b in blocks[1:]), c.id
        outside = blocks[0] + "".join(b.split("</details>\n</div>", 1)[1] for b in blocks[1:])
        for f in formulas:
            if f.typeset and f.typeset != f.latex:
                assert f"<pre>{escape(f.typeset)}</pre>" not in outside, c.id


def test_builtin_checked_formulas_rarely_fall_back_to_latex_source(builtin):
    from verify.report.html import math_fallbacks
    sources = [s for _, _, f in _formulas(builtin) for s in f.sources()]
    failed = math_fallbacks(sources)
    assert len(failed) <= max(2, len(sources) // 100), failed


# ---------------------------------------------------------------------------------------------
# notation classes and symbol names print the note's way
# ---------------------------------------------------------------------------------------------

def test_a_relation_with_a_notation_class_renders_with_its_latex():
    st = Statement(sp.Le(Spectral(x) + Norm(y), LambdaMin(x)), assuming=[sp.Gt(Prob(sp.Gt(x, 0)), 0)], latex=HAND)
    f = Formula.of(st)
    assert r"\rho_{\mathrm{spec}}\left(x\right)" in f.latex
    printer = LatexPrinter()
    assert Norm(y)._latex(printer) in f.latex and LambdaMin(x)._latex(printer) in f.latex
    assert f.hypotheses == (Prob(sp.Gt(x, 0))._latex(printer) + " > 0",)
    page = render_claim_page(ClaimReport.of(ClaimResult(_claim(st), None)), _report([_claim(st)]))
    assert r"\rho_{\mathrm{spec}}\left(x\right)" in page and HAND in page


def test_symbol_names_print_the_notes_way():
    assert latex(sigma**2 / f_star) == r"\frac{\sigma_{\min}^{2}}{f^{*}}"
    assert latex(sp.Symbol("H_K not learnable")) == latex(sp.Symbol("H_K_not_learnable")) == r"H_{\text{K not learnable}}"
    assert latex(sp.Symbol("w_i_j")) == sp.latex(sp.Symbol("w_i_j"))
    assert latex(sp.Symbol("x_1") + sp.Symbol("R_inf")) == sp.latex(sp.Symbol("x_1") + sp.Symbol("R_inf"))


# ---------------------------------------------------------------------------------------------
# results.json schema 2
# ---------------------------------------------------------------------------------------------

def test_results_json_holds_the_checked_statement_hypotheses_definitions_and_typesetting_apart():
    M = sp.Symbol("M", positive=True)
    st = Statement(sp.Le(Norm(x), M), assuming=[sp.Gt(sigma, x), sp.Lt(x, 1)], where={M: sigma / 2}, latex=HAND)
    corr = Statement(sp.Le(Norm(x), 2 * M), where={M: sigma / 2})
    report = _report([_claim(st, corr)])
    data = json.loads(report.dumps())
    assert data["schema"] == SCHEMA == 4
    claim = data["claims"][0]
    assert claim["statement"] == r"\left\|x\right\|_2 \leq M" and claim["typeset"] == HAND
    assert claim["hypotheses"] == [r"\sigma_{\min} > x", "x < 1"]
    assert claim["definitions"] == [r"M = \frac{\sigma_{\min}}{2}"]
    assert claim["correction"]["statement"] == r"\left\|x\right\|_2 \leq 2 M"
    assert claim["correction"]["typeset"] is None and claim["correction"]["definitions"] == claim["definitions"]
    again = Report.from_json(data)
    assert again == report and again.dumps() == report.dumps()
    assert again.claims[0].hypotheses == report.claims[0].hypotheses != ()
    # hypotheses, definitions and typesetting are real fields: a change is a different document
    changed = dict(claim, hypotheses=[], typeset=None)
    assert Report.from_json({**data, "claims": [changed]}) != report
    with pytest.raises(ValueError, match="schema"):
        Report.from_json({**data, "schema": 1})


# ---------------------------------------------------------------------------------------------
# findings with math, and verify show
# ---------------------------------------------------------------------------------------------

def test_math_spans_of_findings_render_as_mathml_and_the_rest_is_escaped():
    shown = str(text_with_math(r"violated: $\left\|x\right\|_2 > 1$ at <x=2>, costs $5 and $\frac{1}{$"))
    assert shown.count("<math") == 1 and 'display="inline"' in shown
    assert "&lt;x=2&gt;" in shown and "<x=2>" not in shown
    assert str(text_with_math("no math here")) == "no math here"
    assert '<code class="latex">' in str(text_with_math(r"bad $\unknownmacro x$ span"))


def test_show_prints_the_checked_relation_and_labels_the_typesetting():
    from rich.console import Console
    st = Statement(sp.Le(Norm(x), 1), assuming=[sp.Gt(x, 0)], latex=HAND)
    report = _report([_claim(st, Statement(sp.Le(Norm(x), 2)))])
    out = io.StringIO()
    show_claim(report.claims[0], report, console=Console(file=out, width=200, color_system=None))
    text = out.getvalue()
    assert r"checked: \left\|x\right\|_2 \leq 1" in text and r"assuming: x > 0" in text
    assert r"checked: \left\|x\right\|_2 \leq 2" in text
    assert f"typesetting (not checked): {HAND}" in text
