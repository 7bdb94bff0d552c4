"""Findings with math: a check puts an expression into its summary (verify.core.text.say), and every
output keeps it as math — MathML in HTML, ``$...$`` LaTeX in Markdown, plain text (SymPy's sstr) in the
terminal and JUnit — and results.json keeps it structured. Numbers print to 4 significant digits."""
from __future__ import annotations

import json
import re

import pytest
import sympy as sp

from verify import Claim, Source, Statement
from verify.core.model import NUMERIC, CheckResult, ClaimResult, Outcome, RunSettings
from verify.core.text import Math, Text, apart, from_json, markdown, num, say, to_json
from verify.core.verdict import evaluation
from verify.notation import Norm
from verify.report.document import Report
from verify.report.html import text_with_math
from verify.report.terminal import describe
from verify.report.write import render_all

x, t = sp.symbols("x t", positive=True)
f_star = sp.Symbol("f_star")
BOUND = sp.Le(Norm(x - f_star), sp.exp(-t) / 2)
LATEX = r"\left\|- f^{*} + x\right\|_2 \leq \frac{e^{- t}}{2}"


def failing() -> CheckResult:
    return CheckResult("bound along the flow", NUMERIC, Outcome.FAILS,
                       say("the bound ", BOUND, " fails at ", {"t": 2 / 3, "x": 3.0}, "; margin ", -0.0123456789))


@pytest.fixture(scope="module")
def report() -> Report:
    c = Claim("m.bound", "a bound", Source("note.md", "§1", "quote"), Statement(BOUND), ())
    return Report.of([ClaimResult(c, evaluation([failing()]))], RunSettings(0, "quick"))


@pytest.fixture(scope="module")
def files(report) -> dict[str, str]:
    return render_all(report)


def test_a_summary_keeps_its_expression_as_latex_and_plain_text():
    s = failing().summary
    assert isinstance(s, Text) and s.has_math
    maths = [p for p in s.parts if isinstance(p, Math)]
    assert maths[0] == Math(LATEX, "Norm(-f_star + x) <= exp(-t)/2")
    assert [m.latex for m in maths[1:]] == ["t = 0.6667", "x = 3"]
    # the plain form is what str operations and the terminal see; numbers to 4 significant digits
    assert str(s) == "the bound Norm(-f_star + x) <= exp(-t)/2 fails at t = 0.6667, x = 3; margin -0.01235"
    assert markdown(s) == f"the bound ${LATEX}$ fails at $t = 0.6667$, $x = 3$; margin -0.01235"
    # joining keeps the math: the finding is "check: summary"
    finding = evaluation([failing()]).findings[0]
    assert isinstance(finding, Text) and finding.parts[0] == "bound along the flow: the bound " and finding.has_math


def test_numbers_print_to_four_significant_digits_and_comparisons_keep_their_difference():
    assert [num(v) for v in (2 / 3, 1.0, 123456.0, 1e-17, 7, sp.Rational(1, 3))] == \
        ["0.6667", "1", "1.235e+05", "1e-17", "7", "1/3"]
    assert apart(0.49999, 0.5) == ("0.49999", "0.5") and apart(0.25, 0.5) == ("0.25", "0.5")
    # a counterexample the evidence keeps as text: numbers rounded, exact rationals kept
    assert str(say({"a": "1.0", "b": "1/50", "c": 0.123456})) == "a = 1, b = 1/50, c = 0.1235"


def test_results_json_keeps_the_math_and_reads_it_back(report, files):
    data = json.loads(files["results.json"])
    [claim] = data["claims"]
    [finding] = claim["findings"]
    assert finding[0] == "bound along the flow: the bound "
    assert finding[1] == {"latex": LATEX, "plain": "Norm(-f_star + x) <= exp(-t)/2"}
    assert claim["checks"][0]["summary"][1] == finding[1]
    again = Report.from_json(data)
    assert again == report and again.claims[0].statement.findings[0].parts == report.claims[0].statement.findings[0].parts
    assert from_json(to_json(failing().summary)) == failing().summary
    assert to_json("plain words") == "plain words" and from_json("plain words") == "plain words"


def test_markdown_shows_latex_between_dollars(files):
    page = files["claims/m.bound.md"]
    assert f"- bound along the flow: the bound ${LATEX}$ fails at $t = 0.6667$, $x = 3$; margin -0.01235" in page
    assert "Norm(" not in page.split("**Checks:**")[0]
    # in the index's table a bar inside the math would end the cell: written \Vert
    row = next(line for line in files["index.md"].splitlines() if line.startswith("| [m.bound]"))
    assert r"$\left\Vert - f^{*} + x\right\Vert _2 \leq \frac{e^{- t}}{2}$" in row
    assert len(re.findall(r"(?<!\\)\|", row)) == 6            # the row's own cell bars only


def test_html_shows_mathml(files):
    page = files["html/claims/m.bound.html"]
    findings = page[page.index('<ul class="findings">'):page.index("</ul>", page.index('<ul class="findings">'))]
    assert findings.count("<math") == 3 and "f^{*}" not in findings and "Norm(" not in findings
    assert "<mi>t</mi><mo>=</mo><mn>0.6667</mn>" in findings
    note_page = next(v for k, v in files.items() if k.startswith("html/notes/"))
    assert "<math" in note_page.split('class="finding"', 1)[1].split("</td>")[0]
    assert "<math" in files["html/index.html"].split('class="finding"', 1)[1].split("</td>")[0]
    # the same path as statements: latex2mathml through the sanitizer; a plain string's $...$ spans too
    assert str(text_with_math(say("a ", sp.Symbol("alpha")))) == str(text_with_math(r"a $\alpha$"))


def test_the_terminal_and_junit_show_plain_text(report, files):
    text = describe(report.claims[0], report)
    assert "the bound Norm(-f_star + x) <= exp(-t)/2 fails at t = 0.6667, x = 3" in text and "\\left" not in text
    from verify.report.junit import junit_xml
    xml = junit_xml(report)
    assert "bound along the flow: the bound Norm(-f_star + x) &lt;= exp(-t)/2 fails at t = 0.6667, x = 3" in xml
    assert "\\left" not in xml
