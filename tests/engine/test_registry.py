"""Discovery and validation of claims: built-in modules, entry points, plugin files and folders."""
from __future__ import annotations

import importlib.metadata
import textwrap
from pathlib import Path

import pytest

from verify.run import registry
from verify.run.registry import ENTRY_POINT_GROUP, PluginError, load, load_plugins, path_plugins
from tests.helpers import FIXTURES


CLAIM_MODULE = textwrap.dedent('''
    import sympy as sp
    from verify import Claim, Source, Statement, Verdict
    from verify.checks.symbolic import Identity

    x = sp.Symbol("x", real=True)

    def make(cid):
        return Claim(id=cid, title=cid, source=Source("n.md", "§1", "x + x = 2x."),
                     statement=Statement(sp.Eq(x + x, 2 * x, evaluate=False)), checks=(Identity(),),
                     expected=Verdict.PROVED)
    ''')


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def _errors_by_key(errors: list[PluginError]) -> dict:
    return {(Path(e.plugin).name, e.claim, e.field): e.message for e in errors}


# ---------------------------------------------------------------------------------------------
# built-in package
# ---------------------------------------------------------------------------------------------

def test_builtin_modules_are_discovered_sorted_and_private_ones_skipped(tmp_path, monkeypatch):
    pkg = tmp_path / "fake_builtin_claims_pkg"
    _write(pkg / "__init__.py", "")
    _write(pkg / "b_note.py", CLAIM_MODULE + "CLAIMS = [make('b.one'), make('b.two')]\n")
    _write(pkg / "a_note.py", CLAIM_MODULE + "CLAIMS = [make('a.one')]\n")
    _write(pkg / "_helpers.py", "raise RuntimeError('a private helper must not be loaded as a note')\n")
    monkeypatch.syspath_prepend(str(tmp_path))

    plugins = registry.builtin_plugins("fake_builtin_claims_pkg")
    assert [p.name for p in plugins] == ["fake_builtin_claims_pkg.a_note", "fake_builtin_claims_pkg.b_note"]
    reg = load_plugins(plugins)
    assert reg.errors == []
    assert [c.id for c in reg.claims] == ["a.one", "b.one", "b.two"]
    assert reg.plugin_of["b.two"] == "fake_builtin_claims_pkg.b_note"


# ---------------------------------------------------------------------------------------------
# plugin files and folders
# ---------------------------------------------------------------------------------------------

def test_folder_plugin_imports_each_py_file_in_name_order(tmp_path):
    _write(tmp_path / "z_last.py", CLAIM_MODULE + "CLAIMS = [make('p.z')]\n")
    _write(tmp_path / "a_first.py", CLAIM_MODULE + "CLAIMS = [make('p.a')]\n")
    _write(tmp_path / "_private.py", "raise RuntimeError('skipped')\n")
    _write(tmp_path / "notes.txt", "not python")
    plugins = path_plugins(tmp_path)
    assert [Path(p.name).name for p in plugins] == ["a_first.py", "z_last.py"]
    reg = load_plugins(plugins)
    assert [c.id for c in reg.claims] == ["p.a", "p.z"]
    assert reg.plugin_of["p.z"] == str(tmp_path / "z_last.py")


def test_files_with_the_same_name_in_different_folders_both_load(tmp_path):
    one = _write(tmp_path / "one" / "note.py", CLAIM_MODULE + "CLAIMS = [make('same.one')]\n")
    two = _write(tmp_path / "two" / "note.py", CLAIM_MODULE + "CLAIMS = [make('same.two')]\n")
    reg = load(builtin=False, entry_points=False, paths=[one, two])
    assert reg.errors == []
    assert [c.id for c in reg.claims] == ["same.one", "same.two"]


def test_a_missing_path_or_an_empty_folder_is_a_plugin_error(tmp_path):
    (tmp_path / "empty_dir").mkdir()
    reg = load(builtin=False, entry_points=False, paths=[tmp_path / "nope.py", tmp_path / "empty_dir"])
    assert reg.claims == []
    assert [Path(e.plugin).name for e in reg.errors] == ["nope.py", "empty_dir"]
    assert "not a .py file or a folder" in reg.errors[0].message
    assert "no .py files" in reg.errors[1].message


# ---------------------------------------------------------------------------------------------
# broken plugins: each problem named by plugin, claim and field; valid claims still load
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def broken():
    return load(builtin=False, entry_points=False, paths=[FIXTURES / "broken"])


def test_valid_claims_load_beside_broken_plugins(broken):
    assert [c.id for c in broken.claims] == ["fx.dup", "fx.still_runs"]
    assert Path(broken.plugin_of["fx.dup"]).name == "e_duplicate_a.py"


def test_import_and_syntax_errors_name_the_plugin(broken):
    errors = _errors_by_key(broken.errors)
    imp = errors[("a_import_error.py", None, None)]
    assert "ModuleNotFoundError" in imp and "verify_no_such_module_for_tests" in imp
    syn = errors[("b_syntax_error.py", None, None)]
    assert syn.startswith("failed to load: SyntaxError") and "b_syntax_error.py, line" in syn
    assert "no CLAIMS" in errors[("c_no_claims.py", None, "CLAIMS")]


@pytest.mark.parametrize("claim, field, text", [
    ("Bad-Id", "id", "not a dotted lowercase identifier"),
    ("fx.no_title", "title", "non-empty"),
    ("fx.no_source", "source", "must be a Source"),
    ("fx.no_quote", "source.quote", "non-empty"),
    ("fx.bad_statement", "statement.relation", "SymPy"),
    ("fx.no_checks", "checks", "non-empty"),
    ("fx.check_without_run", "checks[0].run", "callable run"),
    ("fx.unknown_dependency", "depends_on", "fx.does_not_exist"),
    ("fx.dependent_of_invalid", "depends_on", "fx.unknown_dependency"),
    ("fx.bad_expected", "expected", "Verdict"),
    ("fx.unrenderable", "statement", "cannot be rendered in LaTeX: ValueError: no LaTeX for this"),
    ("fx.unrenderable_hypothesis", "statement.assuming[0]", "cannot be rendered in LaTeX"),
    ("CLAIMS[12]", None, "not a Claim"),
])
def test_invalid_claims_are_reported_by_field(broken, claim, field, text):
    errors = _errors_by_key(broken.errors)
    assert text in errors[("d_invalid_claims.py", claim, field)]
    assert claim not in {c.id for c in broken.claims}


def test_duplicate_id_names_both_plugins(broken):
    [dup] = [e for e in broken.errors if e.field == "id" and e.claim == "fx.dup"]
    assert Path(dup.plugin).name == "f_duplicate_b.py"
    assert "e_duplicate_a.py" in dup.message
    assert "f_duplicate_b.py" in str(dup) and "fx.dup" in str(dup) and "field id" in str(dup)


def test_correction_is_validated(tmp_path):
    plugin = _write(tmp_path / "bad_correction.py", CLAIM_MODULE + textwrap.dedent('''
        from dataclasses import replace
        from verify import Correction
        CLAIMS = [replace(make("c.bad"), correction=Correction(Statement(3.5), why="", checks=())),
                  replace(make("c.notcorr"), correction="fixed")]
        '''))
    errors = _errors_by_key(load(builtin=False, entry_points=False, paths=[plugin]).errors)
    assert set(errors) == {("bad_correction.py", "c.bad", "correction.statement.relation"),
                           ("bad_correction.py", "c.bad", "correction.why"),
                           ("bad_correction.py", "c.bad", "correction.checks"),
                           ("bad_correction.py", "c.notcorr", "correction")}


def test_select_matches_globs_and_reports_unmatched_patterns():
    reg = load(builtin=False, entry_points=False, paths=[FIXTURES / "good"])
    chosen, unmatched = reg.select(["fx.tr*", "fx.amgm", "fx.nothing*"])
    assert [c.id for c in chosen] == ["fx.trig", "fx.amgm"]
    assert unmatched == ["fx.nothing*"]


# ---------------------------------------------------------------------------------------------
# entry points
# ---------------------------------------------------------------------------------------------

def test_entry_points_may_name_a_module_a_list_or_a_callable(tmp_path, monkeypatch):
    _write(tmp_path / "ep_inproc_mod.py", CLAIM_MODULE + textwrap.dedent('''
        CLAIMS = [make("ep.module")]
        MORE = [make("ep.list")]
        NUMBER = 3
        def make_claims():
            return [make("ep.callable")]
        def not_a_list():
            return "oops"
        '''))
    monkeypatch.syspath_prepend(str(tmp_path))
    eps = [importlib.metadata.EntryPoint(name, value, ENTRY_POINT_GROUP) for name, value in [
        ("m", "ep_inproc_mod"), ("l", "ep_inproc_mod:MORE"), ("c", "ep_inproc_mod:make_claims"),
        ("n", "ep_inproc_mod:NUMBER"), ("s", "ep_inproc_mod:not_a_list"), ("x", "ep_no_such_module")]]
    monkeypatch.setattr(registry, "_entry_points", lambda group: eps if group == ENTRY_POINT_GROUP else [])
    reg = load(builtin=False)
    # sorted by entry-point name: c, l, m, n, s, x
    assert [c.id for c in reg.claims] == ["ep.callable", "ep.list", "ep.module"]
    assert reg.plugin_of["ep.list"] == "entry point l = ep_inproc_mod:MORE"
    errors = {e.plugin: e for e in reg.errors}
    assert set(errors) == {"entry point n = ep_inproc_mod:NUMBER", "entry point s = ep_inproc_mod:not_a_list",
                           "entry point x = ep_no_such_module"}
    assert "got int" in errors["entry point n = ep_inproc_mod:NUMBER"].message
    assert errors["entry point s = ep_inproc_mod:not_a_list"].field == "CLAIMS"
    assert "ModuleNotFoundError" in errors["entry point x = ep_no_such_module"].message


# ---------------------------------------------------------------------------------------------
# stepwise loading: claims start while later plugins load
# ---------------------------------------------------------------------------------------------

def test_stepwise_load_yields_final_claims_and_ends_with_the_same_registry(tmp_path):
    from verify.run.registry import StepwiseLoad, load_stepwise
    _write(tmp_path / "a.py", CLAIM_MODULE + textwrap.dedent('''
        import dataclasses
        CLAIMS = [make("s.one"), dataclasses.replace(make("s.waits"), depends_on=("s.later",)),
                  dataclasses.replace(make("s.never"), depends_on=("s.nowhere",))]
        '''))
    _write(tmp_path / "b.py", CLAIM_MODULE + 'CLAIMS = [make("s.later"), make("s.one")]\n')
    plugins = registry.path_plugins(tmp_path)
    steps = load_stepwise(plugins)
    first = next(steps)
    assert [c.id for c, _ in first] == ["s.one"]                   # s.waits waits for its dependency
    second = next(steps)
    assert [c.id for c, _ in second] == ["s.waits", "s.later"]      # the duplicate s.one is refused
    with pytest.raises(StopIteration) as done:
        next(steps)
    plain = load_plugins(plugins)
    assert [c.id for c in done.value.value.claims] == [c.id for c in plain.claims] == ["s.one", "s.waits", "s.later"]
    assert done.value.value.errors == plain.errors
    assert {e.claim for e in plain.errors} == {"s.never", "s.one"}
    loading = StepwiseLoad(plugins)
    assert [c.id for c in next(loading)] == ["s.one"] and Path(loading.plugin_of["s.one"]).name == "a.py"
    assert loading.finish().errors == plain.errors
    assert loading.finish() is loading.registry                     # finishing twice keeps the registry
