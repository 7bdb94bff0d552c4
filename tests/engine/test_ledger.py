"""The coverage ledger: entries validated with messages naming file, entry and field; a note's formulas and
prose assertions accounted for by claims' quotes or the ledger's reasons; the coverage report."""
from __future__ import annotations

import json

import pytest

from verify.core.ledger import LedgerError, note_coverage, parse_ledger, read_ledger

NOTE = """TITLE OF THE NOTE

Let $x > 0$ be given.

Theorem 1. For all $t \\ge 0$, $f(t) \\le e^{-t}$ and the loss converges.

$$f(t) \\le e^{-t} f(0)$$

$$g := f^2$$

Remark. The rate is linear, as in [Smith 2020].
"""


def _ledger(text: str, source: str = "coverage.toml"):
    import tomllib
    return parse_ledger(tomllib.loads(text), source)


def test_a_complete_ledger_accounts_for_every_formula_and_listed_assertion():
    ledger = _ledger('''
[[assertion]]
quote = "For all $t \\\\ge 0$, $f(t) \\\\le e^{-t}$"
claims = ["n.bound"]

[[assertion]]
quote = "$$g := f^2$$"
reason = "definition"
why = "defines g"

[[assertion]]
quote = "the loss converges"
claims = ["n.converges"]

[[assertion]]
quote = "The rate is linear, as in [Smith 2020]."
reason = "citation"
why = "the cited paper's rate; nothing computed here"

[[review]]
claim = "n.bound"
outcome = "faithful"

[[review]]
claim = "n.converges"
outcome = "differs"
how = "checked for t up to 10"
''')
    claims = [("n.bound", "f(t) \\le e^{-t} f(0)"), ("n.converges", "the loss converges")]
    c = note_coverage("note.txt", NOTE, claims, ledger, "plugin")
    assert c.complete, (c.problems, c.unaccounted, c.unreviewed)
    kinds = [(u.kind, u.claims, u.reason) for u in c.units]
    # displays: the bound (claimed) and the definition; inline relations of the theorem: t >= 0 and the bound
    assert ("display", ("n.bound",), None) in kinds
    assert ("display", (), "definition") in kinds
    assert [k for k in kinds if k[0] == "inline"] == [("inline", ("n.bound",), None)] * 2     # one entry, two relations
    assert ("prose", ("n.converges",), None) in kinds
    assert ("prose", (), "citation") in kinds
    assert c.outcomes() == {"faithful": 1, "repaired": 0, "differs": 1}
    assert [u.start for u in c.units] == sorted(u.start for u in c.units)


def test_an_incomplete_ledger_names_what_is_missing():
    c = note_coverage("note.txt", NOTE, [("n.bound", "f(t) \\le e^{-t} f(0)")], None, "plugin")
    assert not c.complete
    assert c.ledger is None and c.unreviewed == ["n.bound"]
    missing = [u.text for u in c.unaccounted]
    assert "g := f^2" in missing                          # the definition nobody accounted for
    assert "f(t) \\le e^{-t}" in missing                 # the theorem's inline relation: the claim quotes the display
    assert all(u.kind in ("display", "inline") for u in c.unaccounted)


@pytest.mark.parametrize("toml, message", [
    ('[[assertion]]\nquote = "x"\nreason = "obvious"\nwhy = "w"', "assertion 1 ('x'), field reason: 'obvious' is not one of"),
    ('[[assertion]]\nquote = "x"\nreason = "definition"', "assertion 1 ('x'), field why: a reason needs its why"),
    ('[[assertion]]\nquote = "x"', "assertion 1 ('x'): neither claims nor a reason"),
    ('[[assertion]]\nclaims = ["a"]', "assertion 1, field quote: a verbatim quote of the note is required"),
    ('[[assertion]]\nquote = "x"\nclaims = [1]', "assertion 1 ('x'), field claims: a list of claim ids"),
    ('[[assertion]]\nquote = "x"\nclaims = ["a"]\ncalim = 1', "assertion 1 ('x'), field calim: unknown field"),
    ('[[review]]\nclaim = "a"\noutcome = "fine"', "review 1 (a), field outcome: 'fine' is not one of"),
    ('[[review]]\nclaim = "a"\noutcome = "repaired"', "review 1 (a), field how: outcome repaired needs how"),
    ('[[review]]\noutcome = "faithful"', "review 1, field claim: the claim id is required"),
    ('[[assertions]]\nquote = "x"', "unknown table 'assertions'"),
])
def test_bad_entries_are_problems_naming_file_entry_and_field(toml, message):
    ledger = _ledger(toml, "pkg/coverage.toml")
    assert any(p.startswith("pkg/coverage.toml") and message in p for p in ledger.problems), ledger.problems


def test_quotes_and_ids_are_checked_against_the_note_and_its_claims():
    ledger = _ledger('''
[[assertion]]
quote = "not in the note"
reason = "untestable"
why = "w"

[[assertion]]
quote = "the loss converges"
claims = ["n.nope"]

[[review]]
claim = "n.ghost"
outcome = "faithful"

[[review]]
claim = "n.bound"
outcome = "faithful"

[[review]]
claim = "n.bound"
outcome = "faithful"
''', "L")
    c = note_coverage("note.txt", NOTE, [("n.bound", "f(t) \\le e^{-t} f(0)")], ledger, "plugin")
    text = "\n".join(c.problems)
    assert "'not in the note', field quote: not found verbatim in note.txt" in text
    assert "field claims: no claim 'n.nope' in plugin" in text
    assert "review of 'n.ghost': no such claim" in text
    assert "review of 'n.bound': reviewed twice" in text
    assert not c.complete


def test_a_ledger_that_is_not_toml_is_an_error_naming_its_file(tmp_path):
    path = tmp_path / "coverage.toml"
    path.write_text("[[assertion]\nquote = ", encoding="utf-8")
    with pytest.raises(LedgerError, match="coverage.toml: cannot be read as TOML"):
        read_ledger(path)
    assert read_ledger(tmp_path / "absent.toml") is None


def test_the_coverage_report_lists_units_reasons_reviews_and_what_is_missing(tmp_path):
    import dataclasses
    from verify.report.coverage import render_coverage, render_coverage_json
    from verify.report.document import Report
    ledger = _ledger('[[assertion]]\nquote = "$$g := f^2$$"\nreason = "definition"\nwhy = "defines | g"\n'
                     '[[review]]\nclaim = "n.bound"\noutcome = "faithful"\n', str(tmp_path / "claims" / "pkg" / "coverage.toml"))
    c = note_coverage("note.txt", NOTE, [("n.bound", "f(t) \\le e^{-t} f(0)")], ledger, "plugin")
    report = dataclasses.replace(Report(seed=0, budget="quick", claims=()), coverage=(c,))
    md = render_coverage(report)
    assert "| note.txt | 2 | 2 | 0 | 1 | 1 | 2 | 1 | 1 | 0 | 0 | 0 | incomplete |" in md
    assert "*definition*: defines \\| g" in md
    assert "**Unaccounted for (2):**" in md and "ledger: `claims/pkg/coverage.toml`" in md
    assert str(tmp_path) not in md                       # no machine's folders in a report
    data = json.loads(render_coverage_json(report))
    note = data["notes"][0]
    assert note["counts"]["unaccounted"] == 2 and note["complete"] is False
    assert note["ledger"] == "claims/pkg/coverage.toml"


PLUGIN = '''
import sympy as sp
from verify import Claim, Source, Statement, Verdict
from verify.checks import Identity

x = sp.Symbol("x", real=True)
NOTE = "ledger_note.md"
CLAIMS = [Claim(id="lg.trig", title="Pythagoras", source=Source(NOTE, "1", "\\\\sin^2 x + \\\\cos^2 x = 1"),
                statement=Statement(sp.Eq(sp.sin(x) ** 2 + sp.cos(x) ** 2, 1)), checks=(Identity(),),
                expected=Verdict.PROVED)]
'''
LEDGER_NOTE = "A NOTE\n\nTheorem. For all real $x$,\n\n$$\\sin^2 x + \\cos^2 x = 1$$\n\nand this is well known.\n"


def test_verify_all_writes_the_coverage_and_verify_coverage_fails_until_it_is_complete(tmp_path, monkeypatch):
    from verify.cli import ExitCode, main
    (tmp_path / "ledger_note.md").write_text(LEDGER_NOTE, encoding="utf-8")
    plugin = tmp_path / "lg.py"
    plugin.write_text(PLUGIN, encoding="utf-8")
    monkeypatch.setenv("VERIFY_SEEDS", str(tmp_path))
    args = ["--no-builtin", "--plugin", str(plugin)]
    assert main(["coverage", *args]) == ExitCode.FAILED            # no ledger: the claim is not reviewed
    (tmp_path / "lg.coverage.toml").write_text(
        '[[assertion]]\nquote = "and this is well known."\nreason = "untestable"\nwhy = "an opinion"\n\n'
        '[[review]]\nclaim = "lg.trig"\noutcome = "faithful"\n', encoding="utf-8")
    assert main(["coverage", *args]) == ExitCode.OK
    out = tmp_path / "reports"
    assert main(["all", *args, "--output", str(out), "--jobs", "1", "--no-cache"]) == ExitCode.OK
    md = (out / "coverage.md").read_text(encoding="utf-8")
    assert "| A note | 1 | 0 | 1 | 1 | 1 | 0 | 1 | 1 | 0 | 0 | 0 | complete |" in md
    assert "[`lg.trig`](claims/lg.trig.md) (proved)" in md
    assert json.loads((out / "coverage.json").read_text(encoding="utf-8"))["notes"][0]["complete"] is True
    assert "Coverage of the notes ([coverage.md](coverage.md)): 1 of 1 notes" in (out / "index.md").read_text(encoding="utf-8")
    # a partial run does not know every claim of the plugin: no coverage
    assert main(["run", "lg.trig", *args, "--output", str(out), "--no-cache"]) == ExitCode.OK
    assert not (out / "coverage.md").exists()
