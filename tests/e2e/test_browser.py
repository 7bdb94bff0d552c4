"""The HTML report in a real browser: headless Chromium (Debian's ``chromium``) through Playwright.

On a small generated report (a refuted claim with a plot, a claim with a dependency, a claim whose
title, quote and LaTeX carry ``<script>``): the math renders (MathML elements with non-zero size),
every image and link resolves, the console stays clean, and the script shows as text. Without a
browser the test skips, except in CI (``CI`` set), where a missing browser is a failure.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from verify.core.model import RunSettings
from verify.report.document import Report
from verify.report.write import write_reports

CHROMIUM = os.environ.get("VERIFY_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required in CI: .ci/run installs Debian's chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).is_file():
        _missing(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    from tests.engine.test_html import make_results     # the small report of test_html: same claims
    out = tmp_path_factory.mktemp("browser")
    write_reports(Report.of(make_results(), RunSettings(0, "quick")), out)
    return out / "html"


def visit(browser, path: Path, width: int = 1100):
    """Open ``path`` from file:// in a ``width`` pixels wide window; returns (page, console errors, failed requests)."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors, failed = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(path.as_uri(), wait_until="load")
    return page, errors, failed


def test_claim_page_renders_math_plots_and_has_no_console_errors(browser, report, tmp_path):
    page, errors, failed = visit(browser, report / "claims" / "fx.amgm.html")
    shot = tmp_path / "fx.amgm.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    sizes = page.evaluate("[...document.querySelectorAll('math')].map(m => m.getBoundingClientRect())"
                          ".map(r => [r.width, r.height])")
    assert len(sizes) >= 4 and all(w > 0 and h > 0 for w, h in sizes), sizes
    # as written and the fix in the box "what is wrong", then the statement and the correction
    assert page.evaluate("document.querySelectorAll('math[display=block]').length") == 4
    # MathML laid out as math (Chromium's MathML Core): a superscript is raised above its base
    raised = page.evaluate("""(() => { const s = document.querySelector('msup');
        const [base, exp] = s.children; return exp.getBoundingClientRect().top < base.getBoundingClientRect().top; })()""")
    assert raised
    images = page.evaluate("[...document.images].map(i => [i.getAttribute('src'), i.complete, i.naturalWidth])")
    assert images and all(ok and width > 0 for _, ok, width in images), images
    assert errors == [] and failed == []
    page.close()


def test_every_page_loads_its_images_and_links_resolve(browser, report):
    pages = sorted(report.rglob("*.html"))
    assert len(pages) >= 8
    for path in pages:
        page, errors, failed = visit(browser, path)
        broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
        links = page.evaluate("[...document.querySelectorAll('a[href]')]"            # HTML and SVG links
                              ".map(a => new URL(a.getAttribute('href'), document.baseURI).href)")
        assert links, path.name
        for link in links:
            assert link.startswith("file://"), (path.name, link)
            assert Path(unquote(urlsplit(link).path)).is_file(), (path.name, link)
        assert broken == [] and errors == [] and failed == [], (path.name, broken, errors, failed)
        page.close()


def test_the_dependency_graph_is_drawn_and_clickable(browser, report):
    page, errors, _ = visit(browser, report / "notes" / "other_note_.md.html")
    box = page.locator("svg.depgraph").bounding_box()
    assert box and box["width"] > 200 and box["height"] > 40
    page.locator("svg.depgraph a[href='../claims/fx.decay.html']").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/claims/fx.decay.html")
    assert "rests on a refuted or gap claim" in page.inner_text("main")
    assert errors == []
    page.close()


def test_script_in_title_and_quote_shows_as_text(browser, report):
    page, errors, _ = visit(browser, report / "claims" / "fx.evil.html")
    assert page.evaluate("document.querySelectorAll('script').length") == 0
    assert page.evaluate("window.__owned === undefined")
    assert '<script>alert("owned")</script>' in page.inner_text("h1")
    assert '<script>alert("owned")</script>' in page.inner_text("blockquote.quote")
    assert errors == []
    page.close()


def test_on_a_400_pixel_phone_no_page_overflows_and_tables_become_cards(browser, report):
    for path in sorted(report.rglob("*.html")):
        page, errors, _ = visit(browser, path, width=400)
        assert page.evaluate("document.documentElement.scrollWidth") <= 400, path.name
        if page.locator("table.claims").count():
            assert page.evaluate("getComputedStyle(document.querySelector('table.claims thead')).display") == "none"
            assert page.evaluate("getComputedStyle(document.querySelector('table.claims tr.row')).display") == "block"
        assert errors == [], (path.name, errors)
        page.close()


def test_the_claims_table_filters_by_verdict_without_javascript(browser, report):
    page = browser.new_page(viewport={"width": 1100, "height": 900}, java_script_enabled=False)
    page.goto((report / "index.html").as_uri(), wait_until="load")
    rows = "[...document.querySelector('.filterable').querySelectorAll('tr.row')]"
    shown = rows + ".filter(r => getComputedStyle(r).display !== 'none').length"
    everything = page.evaluate(shown)
    page.locator("input.fv-refuted").first.check()
    refuted = page.evaluate(shown)
    assert 0 < refuted < everything
    assert page.evaluate(rows + ".filter(r => getComputedStyle(r).display !== 'none')"
                                ".every(r => r.classList.contains('rv-refuted'))")
    page.close()


@pytest.fixture(scope="module")
def annotated(tmp_path_factory) -> Path:
    """The annotated page of the fixture note (tests/fixtures/annotated): quotes over text and formulas,
    in a display, in a list, and two that overlap."""
    from tests.engine.test_html import ANNOTATED, annotated_report, annotated_results
    out = tmp_path_factory.mktemp("annotated")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VERIFY_SEEDS", str(ANNOTATED))
        write_reports(annotated_report(annotated_results()), out)
    return out / "html" / "notes" / "annotated_note.md-annotated.html"


def test_the_annotated_note_highlights_each_quote_with_a_link_to_its_claim(browser, annotated):
    page, errors, failed = visit(browser, annotated)
    spans = page.evaluate("[...document.querySelectorAll('.note-text .hl')].map(s => [s.className, "
                          "s.querySelector('a.hl-link').getAttribute('href'), "
                          "[...s.querySelectorAll('.tip a')].map(a => a.getAttribute('href'))])")
    assert spans == [
        ["hl v-proved", "../claims/an.expand.html", ["../claims/an.expand.html"]],
        ["hl v-refuted", "../claims/an.dream.html", ["../claims/an.dream.html"]],
        ["hl v-refuted", "../claims/an.sqrt.html", ["../claims/an.sqrt.html"]],
        ["hl v-proved", "../claims/an.amgm.html", ["../claims/an.amgm.html"]],
        ["hl v-refuted multi", "../claims/an.amgm.html", ["../claims/an.amgm.html", "../claims/an.tight.html"]],
        ["hl v-refuted", "../claims/an.tight.html", ["../claims/an.tight.html"]]]
    # in the verdict's colour; the math inside a highlight is laid out
    colour = page.evaluate("getComputedStyle(document.querySelectorAll('.note-text .hl')[1]).borderBottomColor")
    assert colour == "rgb(198, 40, 40)"
    sizes = page.evaluate("[...document.querySelectorAll('.note-text .hl > a.hl-link math')].map(m => m.getBoundingClientRect())"
                          ".map(r => [r.width, r.height])")
    assert len(sizes) >= 4 and all(w > 0 and h > 0 for w, h in sizes), sizes
    for link in page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)"):
        assert Path(unquote(urlsplit(link).path)).is_file(), link
    assert page.evaluate("document.querySelectorAll('script').length") == 0
    assert errors == [] and failed == []
    page.close()


def test_the_finding_and_fix_show_on_hover_and_on_keyboard_focus_without_javascript(browser, annotated):
    page = browser.new_page(viewport={"width": 1100, "height": 900}, java_script_enabled=False)
    page.goto(annotated.as_uri(), wait_until="load")
    tip = page.locator(".note-text .hl").nth(1).locator(".tip")
    assert not tip.is_visible()
    page.locator(".note-text .hl").nth(1).locator("a.hl-link").hover()
    assert tip.is_visible() and "fix:" in tip.inner_text() and "identity: lhs - rhs = 2" in tip.inner_text()
    page.mouse.move(0, 0)
    assert not tip.is_visible()
    for _ in range(40):                                   # Tab through the page to the dream's highlight
        page.keyboard.press("Tab")
        if page.locator(".note-text .hl").nth(1).locator("a.hl-link").evaluate("a => a === document.activeElement"):
            break
    else:
        pytest.fail("the highlight is not reachable with Tab")
    assert tip.is_visible()
    page.keyboard.press("Tab")                             # into the tip: its claim link keeps it open
    assert tip.is_visible() and tip.locator("a").evaluate("a => a === document.activeElement")
    page.close()


def test_the_annotated_note_does_not_overflow_a_400_pixel_phone(browser, annotated):
    page, errors, _ = visit(browser, annotated, width=400)
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    page.locator(".note-text .hl").nth(4).locator("a.hl-link").focus()
    assert page.locator(".note-text .hl").nth(4).locator(".tip").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 400          # nor does an open tip
    assert errors == []
    page.close()


def test_a_claim_page_opens_its_quote_in_the_annotated_note(browser, annotated):
    page, errors, failed = visit(browser, annotated.parent.parent / "claims" / "an.tight.html")
    page.get_by_text("the quote in the note's text").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/notes/annotated_note.md-annotated.html#q-an.tight")
    assert page.evaluate("document.getElementById('q-an.tight').nextElementSibling.classList.contains('hl')")
    assert errors == [] and failed == []
    page.close()
