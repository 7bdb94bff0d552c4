"""The HTML report: pages, rendered and sanitized math, escaping, links, the dependency graph and
warnings, plots, determinism and stale files."""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import numpy as np
import pytest
import sympy as sp

from verify import Claim, Source, Statement, Verdict
from verify.report.graph import weak_dependencies
from verify.report.html import MathError, math_markup, to_mathml
from verify.core.model import CheckResult, ClaimResult, Outcome
from verify.checks.numeric import Simulation
from verify.run.registry import load
from verify.core.model import RunSettings
from verify.report.document import ClaimReport, Report
from verify.report.write import write_reports
from verify.run.runner import run_claim
from verify.checks.symbolic import Identity
from verify.core.verdict import evaluation
from tests.helpers import FIXTURES

GOOD = FIXTURES / "good"
SCRIPT = '<script>alert("owned")</script>'
x, y = sp.symbols("x y", real=True)
a, b = sp.symbols("a b", positive=True)


@dataclass
class PlotCheck:
    """A plugin check that only hands over plot data: it gets a plot without plotting code."""
    plot: dict
    name: str = "plugin plot"
    kind: str = "numeric"

    def run(self, statement, ctx):
        return CheckResult(self.name, self.kind, Outcome.HOLDS, "plugin data", {"n": 1}, plot=self.plot)


def decay(ctx, precise):
    tt = np.linspace(0, 4, 50)[None, :]
    return {"t": tt, "a": np.ones((3, 1)), "b": np.exp(-tt) * np.ones((3, 1))}


EXTRA = [
    Claim(id="fx.evil", title=f"Evil {SCRIPT} title", source=Source("fixture_algebra.md", "§<b>4</b>",
                                                                      f"A quote with {SCRIPT} & an ampersand."),
          statement=Statement(sp.Eq(x + 1, 1 + x, evaluate=False), latex=r"\text{" + SCRIPT + "} = x"),
          checks=(Identity(),), expected=Verdict.PROVED),
    Claim(id="fx.decay", title="Decay below one", source=Source("other<note>.md", "§1", "e^{-t} <= 1"),
          statement=Statement(sp.Le(b, a)), checks=(Simulation(decay),), depends_on=("fx.amgm",),
          expected=Verdict.SUPPORTED),
    Claim(id="fx.plugin_plot", title="Plugin plots", source=Source("other<note>.md", "§2", "data"),
          statement=Statement(sp.Ge(x**2, x)),
          checks=(PlotCheck({"kind": "estimate", "estimate": [1.0], "low": [0.5], "high": [1.5], "target": [1.2]}),
                  PlotCheck({"kind": "pie"}, name="bad plot")), depends_on=("fx.decay",)),
]


def make_results() -> list[ClaimResult]:
    reg = load(builtin=False, entry_points=False, paths=[GOOD])
    claims = reg.claims + EXTRA
    return [ClaimResult(c, *run_claim(c, 0, "quick"), plugin=reg.plugin_of.get(c.id, "")) for c in claims]


@pytest.fixture(scope="module")
def results() -> list[ClaimResult]:
    return make_results()


@pytest.fixture(scope="module")
def report(tmp_path_factory, results) -> Path:
    out = tmp_path_factory.mktemp("report")
    write_reports(Report.of(results, RunSettings(0, "quick")), out)
    return out


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for k, v in attrs:
            if k in ("href", "src") and v:
                self.targets.append(v)


def html_files(report: Path) -> list[Path]:
    return sorted((report / "html").rglob("*.html"))


def test_the_report_has_an_index_note_pages_claim_pages_plots_and_a_style_sheet(report, results):
    html = report / "html"
    assert (html / "index.html").is_file() and (html / "style.css").is_file()
    assert sorted(p.name for p in (html / "notes").iterdir()) == [          # a note page, and its errata if flagged
        "fixture_algebra.md-errata.html", "fixture_algebra.md.html", "other_note_.md.html"]
    assert sorted(p.stem for p in (html / "claims").iterdir()) == sorted(r.claim.id for r in results)
    assert (html / "plots" / "fx.amgm" / "statement-1.svg").is_file()          # counterexample
    assert (html / "plots" / "fx.decay" / "statement-1.svg").is_file()         # trajectory
    assert (html / "plots" / "fx.plugin_plot" / "statement-1.svg").is_file()   # a plugin's data, drawn
    index = (html / "index.html").read_text()
    assert "Recorded expectations met: 5 of 5." in index
    assert '<a href="claims/fx.amgm.html">fx.amgm</a>' in index and 'href="notes/other_note_.md.html"' in index


def test_every_link_and_image_resolves_and_nothing_is_remote(report):
    for page in html_files(report):
        parser = Links()
        parser.feed(page.read_text())
        assert "script" not in parser.tags, page
        for target in parser.targets:
            parts = urlsplit(target)
            assert not parts.scheme and not parts.netloc, f"{page.name}: {target}"
            assert (page.parent / unquote(parts.path)).resolve().is_file(), f"{page.name}: {target}"


def test_script_in_title_quote_and_latex_is_shown_as_text(report):
    page = (report / "html" / "claims" / "fx.evil.html").read_text()
    for f in html_files(report):
        assert "<script" not in f.read_text().lower(), f
    assert "Evil &lt;script&gt;alert(&#34;owned&#34;)&lt;/script&gt; title" in page
    assert "A quote with &lt;script&gt;" in page and "&amp; an ampersand" in page
    assert "§&lt;b&gt;4&lt;/b&gt;" in page
    assert '<code class="latex">\\text{&lt;script&gt;' in page           # not converted: shown as source


def test_statements_render_as_mathml(report):
    page = (report / "html" / "claims" / "fx.amgm.html").read_text()
    # the box "what is wrong / the fix" (as written, corrected), then the statement and the correction
    assert page.count('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">') == 4
    assert "<mo>≥</mo>" in page or "<mo>&#x02265;</mo>" in page or "&#8805;" in page or "≥" in page
    note = (report / "html" / "notes" / "fixture_algebra.md.html").read_text()
    assert note.count('display="inline"') >= 3


@pytest.mark.parametrize("latex", [r"\href{javascript:alert(1)}{x}", r"\text{<img src=x onerror=alert(1)>}",
                                   r"\unknownmacro x", r"\frac{1}{"])
def test_unsafe_or_unknown_latex_falls_back_to_escaped_source(latex):
    with pytest.raises(MathError):
        to_mathml(latex)
    shown = str(math_markup(latex))
    assert shown.startswith('<code class="latex">') and "<img" not in shown and "href=" not in shown


def test_common_macros_are_rewritten():
    assert "<mfrac>" in to_mathml(r"\dfrac{a}{b}")
    assert to_mathml(r"\bigl( x \bigr)").count('minsize="1.2em"') == 2


def test_a_claim_resting_on_a_refuted_one_says_so_in_html_and_markdown(report):
    page = (report / "html" / "claims" / "fx.decay.html").read_text()
    assert "This claim rests on a refuted or gap claim" in page
    assert "depends on fx.amgm, whose verdict is refuted; its correction is proved" in page
    md = (report / "claims" / "fx.decay.md").read_text()
    assert "- depends on fx.amgm, whose verdict is refuted; its correction is proved" in md
    transitive = (report / "claims" / "fx.plugin_plot.md").read_text()
    assert "depends on fx.decay, which rests on fx.amgm (verdict refuted; its correction is proved)" in transitive
    assert "rests on" not in (report / "claims" / "fx.trig.md").read_text()


def test_weak_dependencies_follow_chains_and_survive_cycles(results):
    by = {r.claim.id: r for r in results}
    proved = evaluation([CheckResult("c", "symbolic", Outcome.HOLDS, "ok")])
    gap = evaluation([CheckResult("c", "symbolic", Outcome.GAP, "no")])
    src = Source("n.md", "§", "q")
    mk = lambda i, deps, e: ClaimResult(Claim(id=i, title=i, source=src, statement=Statement(sp.Ge(x**2, x)),  # noqa: E731
                                              checks=(), depends_on=deps), e)
    chain = [mk("n.a", ("n.c",), gap), mk("n.b", ("n.a",), proved), mk("n.c", ("n.b",), proved)]
    weak = weak_dependencies([ClaimReport.of(r) for r in chain])
    assert weak["n.b"] == ["depends on n.a, whose verdict is gap"]
    assert weak["n.c"] == ["depends on n.b, which rests on n.a (verdict gap)"]
    assert "n.a" not in weak            # its only path back to a gap claim is the cycle to itself
    assert "fx.trig" not in weak_dependencies([ClaimReport.of(by["fx.trig"])])


def test_the_note_page_has_the_dependency_graph_with_links_and_a_weak_edge(report):
    note = (report / "html" / "notes" / "other_note_.md.html").read_text()
    svg = note[note.index('<svg xmlns="http://www.w3.org/2000/svg" class="depgraph"'):note.index("</svg>")]
    assert '<a href="../claims/fx.decay.html">' in svg and '<a href="../claims/fx.amgm.html">' in svg
    assert 'class="edge weak"' in svg                 # fx.amgm (refuted) -> fx.decay
    assert 'class="edge"' in svg                      # fx.decay (supported) -> fx.plugin_plot
    assert 'stroke-dasharray="3 2"' in svg            # fx.amgm lives in another note
    assert "#c62828" in svg                           # refuted colour


def test_undrawable_plugin_plot_data_is_reported_on_the_page(report):
    page = (report / "html" / "claims" / "fx.plugin_plot.html").read_text()
    assert "The plot data could not be drawn: PlotError: unknown plot kind &#39;pie&#39;" in page
    assert 'src="../plots/fx.plugin_plot/statement-1.svg"' in page


def test_the_html_report_is_deterministic_and_stale_files_go(tmp_path, results):
    first, second = tmp_path / "a", tmp_path / "b"
    write_reports(Report.of(results, RunSettings(0, "quick")), first)
    write_reports(Report.of(results, RunSettings(0, "quick")), second)
    files = lambda d: {p.relative_to(d).as_posix(): p.read_bytes() for p in sorted((d / "html").rglob("*")) if p.is_file()}  # noqa: E731
    assert files(first) == files(second)
    write_reports(Report.of([r for r in results if r.claim.id != "fx.decay"], RunSettings(0, "quick")), first)
    left = files(first)
    assert "html/claims/fx.decay.html" not in left and not (first / "html" / "plots" / "fx.decay").exists()
    assert "html/claims/fx.amgm.html" in left
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", "".join(v.decode() for v in left.values()))


def test_markdown_pages_show_plots_as_images_and_leave_their_data_to_results_json(report):
    page = (report / "claims" / "fx.decay.md").read_text()
    assert "Plot data" not in page and '"lhs":' not in page
    [image] = re.findall(r"!\[[^\]]*\]\(([^)]+\.svg)\)", page)
    assert (report / "claims" / image).resolve().is_file()
    assert "](../html/plots/" not in (report / "claims" / "fx.plugin_plot.md").read_text().split("`bad plot` (")[1]


def test_a_note_is_named_by_its_title():
    from verify.report.notes import title_of
    assert title_of("\n\nCONVERGENCE OF GRADIENT FLOW\n\nLet f") == "Convergence of gradient flow"
    assert title_of("### Training networks: Dynamics\nInstructor: X") == "Training networks: Dynamics"
    assert title_of("CSE 543 - Lecture 8/9: Global convergence April 26, 2022 Lecturer: Simon Du") == \
        "CSE 543 - Lecture 8/9: Global convergence"
    assert title_of("  \n") is None


def test_note_titles_are_read_from_the_note_files(tmp_path):
    from verify.report.notes import note_titles
    (tmp_path / "a.md").write_text("# A note on kernels\ntext")
    assert note_titles(["a.md", "missing.md", "../a.md"], [tmp_path]) == {"a.md": "A note on kernels"}


def test_claim_pages_link_their_dependants_and_neighbours(report):
    page = (report / "html" / "claims" / "fx.decay.html").read_text()
    assert re.search(r"Used by:</strong>\s*<a href=\"fx.plugin_plot.html\">", page)
    assert 'rel="next" href="fx.plugin_plot.html"' in page and 'rel="prev"' not in page


def test_the_graph_puts_claims_without_edges_in_a_grid_with_full_labels():
    from verify.report.graph import layout
    ids = ["a.long.claim.identifier.that.is.longer.than.thirty.two"] + [f"iso.c{k}" for k in range(9)] + ["b"]
    pos, head = layout(ids, {"b": [ids[0]]}, 400)
    assert head is not None
    rows = {pos[f"iso.c{k}"][1] for k in range(9)}
    assert len(rows) < 9 and min(rows) > max(pos[ids[0]][1], pos["b"][1])       # a compact grid below


# ---------------------------------------------------------------------------------------------
# the annotated note page (fixture note and plugin: tests/fixtures/annotated)
# ---------------------------------------------------------------------------------------------

ANNOTATED = FIXTURES / "annotated"


def annotated_results() -> list[ClaimResult]:
    reg = load(builtin=False, entry_points=False, paths=[ANNOTATED])
    assert reg.errors == []
    return [ClaimResult(c, *run_claim(c, 0, "quick"), plugin=reg.plugin_of.get(c.id, "")) for c in reg.claims]


def annotated_report(results) -> Report:
    with pytest.MonkeyPatch.context() as mp:          # the note file is found where $VERIFY_SEEDS says
        mp.setenv("VERIFY_SEEDS", str(ANNOTATED))
        return Report.of(results, RunSettings(0, "quick"))


@pytest.fixture(scope="module")
def annotated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("annotated")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VERIFY_SEEDS", str(ANNOTATED))
        write_reports(annotated_report(annotated_results()), out)
    return out / "html"


def highlights(page: str) -> list[tuple[str, str, str, list[str]]]:
    """(classes, link, highlighted HTML, claims listed in the tip) of each highlight."""
    out = []
    page = re.sub(r'<span class="anchor" id="[^"]+"></span>', "", page)
    for m in re.finditer(r'<span class="hl ([^"]+)"><a class="hl-link" href="([^"]+)" aria-describedby="(tip-\d+)">'
                         r'(.*?)</a><span class="tip" id="\3" role="tooltip">(.*?)</span></span>(?=[^<]|<span class="hl |</)',
                         page, re.S):
        tip = m.group(5)
        out.append((m.group(1), m.group(2), m.group(4),
                    re.findall(r'<span class="tip-claim"><a href="../claims/([^"]+).html">', tip)))
    return out


def test_the_annotated_page_is_named_by_the_title_and_linked_from_index_note_and_errata(annotated):
    page = (annotated / "notes" / "annotated_note.md-annotated.html").read_text()
    assert "<h1>Squares &amp; bounds &lt;script&gt;alert(&#34;note&#34;)&lt;/script&gt;</h1>" in page
    assert 'href="notes/annotated_note.md-annotated.html"' in (annotated / "index.html").read_text()
    assert 'href="annotated_note.md-annotated.html"' in (annotated / "notes" / "annotated_note.md.html").read_text()
    assert 'href="annotated_note.md-annotated.html"' in (annotated / "notes" / "annotated_note.md-errata.html").read_text()
    assert 'href="annotated_note.md-errata.html"' in page and 'href="annotated_note.md.html"' in page


def test_a_note_whose_file_is_not_found_has_no_annotated_page(report):
    assert not list((report / "html" / "notes").glob("*-annotated.html"))
    assert "annotated" not in (report / "html" / "index.html").read_text()


def test_each_quote_is_highlighted_in_its_verdicts_colour_and_links_to_its_claim(annotated):
    page = (annotated / "notes" / "annotated_note.md-annotated.html").read_text()
    spans = highlights(page)
    assert [(link, claims) for _, link, _, claims in spans] == [
        ("../claims/an.expand.html", ["an.expand"]), ("../claims/an.dream.html", ["an.dream"]),
        ("../claims/an.sqrt.html", ["an.sqrt"]), ("../claims/an.amgm.html", ["an.amgm"]),
        ("../claims/an.amgm.html", ["an.amgm", "an.tight"]), ("../claims/an.tight.html", ["an.tight"])]
    assert [cls for cls, *_ in spans] == ["v-proved", "v-refuted", "v-refuted", "v-proved", "v-refuted multi",
                                          "v-refuted"]
    # the finding and the fix of a refuted claim are in its tip
    dream = page[page.index('id="tip-2"'):]
    dream = dream[:dream.index("</li>")]
    assert "identity: lhs - rhs = 2 at" in dream and 'class="tip-fix">fix: <math' in dream
    assert "(checked: <span class=\"badge v-proved\">proved</span>)" in dream


def test_a_claim_page_links_to_its_quote_in_the_annotated_note(annotated, report):
    page = (annotated / "notes" / "annotated_note.md-annotated.html").read_text()
    for cid in ("an.expand", "an.dream", "an.sqrt", "an.amgm", "an.tight"):
        claim = (annotated / "claims" / f"{cid}.html").read_text()
        assert f'<a href="../notes/annotated_note.md-annotated.html#q-{cid}">the quote in the note' in claim
        assert page.count(f'id="q-{cid}"') == 1
    # the anchor stands where the quote starts: an.tight's where the overlap begins
    assert page.index('id="q-an.tight"') < page.index(">for all real x and y</a>")
    assert "the quote in the note" not in (report / "html" / "claims" / "fx.amgm.html").read_text()


def test_a_quote_spanning_text_and_formulas_is_highlighted_whole_with_its_math_rendered(annotated):
    page = (annotated / "notes" / "annotated_note.md-annotated.html").read_text()
    _, _, html, _ = highlights(page)[0]
    assert html.startswith("For every <math") and html.count("<math") == 2 and "<mo>=</mo>" in html
    # a quote inside a displayed formula highlights the whole display, rendered as block math
    _, _, html, _ = highlights(page)[2]
    assert html.startswith('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">') and "<msqrt>" in html
    assert '<div class="block display"><span class="anchor" id="q-an.sqrt"></span><span class="hl v-refuted">' in page


def test_overlapping_quotes_are_split_where_they_overlap_and_list_every_claim(annotated):
    page = (annotated / "notes" / "annotated_note.md-annotated.html").read_text()
    texts = [html for _, _, html, _ in highlights(page)[3:]]
    assert texts == ["The two-term AM-GM bound holds ", "for all real x and y", ", and the bound is tight at x = y"]


def test_the_note_text_is_escaped_and_unsafe_math_shown_as_source(annotated):
    page = (annotated / "notes" / "annotated_note.md-annotated.html").read_text()
    assert "<script" not in page.lower() and "<img" not in page
    assert '<code class="latex">\\text{&lt;img src=x onerror=alert(1)&gt;}</code>' in page
    assert "5 &lt; 6 &amp; 7 &gt; 3." in page
    assert '<ul class="block">\n<li>the freshman&#39;s dream ' in page          # a list stays a list


def test_quotes_are_found_in_the_notes_order_and_a_missing_quote_is_reported():
    from verify.report.html import locate_quotes
    text = "a = b here. Later: a = b again, and $x + y = z$ too."
    placed, missing = locate_quotes(text, [("c1", "a = b"), ("c2", "Later"), ("c3", "a = b"), ("c4", "nowhere"),
                                           ("c5", "y = z$ too"), ("c6", "  ")])
    assert [(q.claim, q.start) for q in placed] == [("c1", 0), ("c2", 12), ("c3", 19), ("c5", 41)]
    assert placed[3].span == (36, 51)                 # widened to the start of the formula it starts in
    assert missing == ["c4", "c6"]


def test_a_claim_whose_quote_is_not_in_the_note_is_listed_on_the_annotated_page(tmp_path):
    from verify.report.html import render_html
    results = annotated_results()
    lost = Claim(id="an.lost", title="Lost", source=Source("annotated_note.md", "Setting", "not <b>in</b> the note"),
                 statement=Statement(sp.Ge(x ** 2, x)), checks=(Identity(),))
    results.append(ClaimResult(lost, *run_claim(lost, 0, "quick")))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VERIFY_SEEDS", str(ANNOTATED))
        first = render_html(annotated_report(results))
        second = render_html(annotated_report(results))
    page = first["notes/annotated_note.md-annotated.html"]
    assert "1 of 6 claims quote text not found in the note" in page
    assert '<a href="../claims/an.lost.html">an.lost</a>: <q>not &lt;b&gt;in&lt;/b&gt; the note</q>' in page
    assert first == second                                          # byte-identical


def test_the_note_text_keeps_its_headings_lists_and_displays():
    from verify.report.html import annotated_text
    text = ("TITLE IN CAPITALS\n\n1.2 Kernel Regime\n\nTheorem 2\n\nNote: a sentence, not a heading.\n\n"
            "- one $a$\n- two\n  continued\n\n$$x = 1$$\n\nA paragraph\non two lines.")
    blocks, missing = annotated_text(text, [])
    assert [b["tag"] for b in blocks] == ["h4", "h4", "h4", "p", "ul", "display", "p"]
    assert [[str(r["html"]) for r in item] for item in blocks[4]["items"]][1] == ["two\n  continued"]
    assert str(blocks[6]["items"][0][0]["html"]) == "A paragraph\non two lines."
    assert missing == []
