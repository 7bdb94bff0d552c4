"""The id index: built after a load, used to import only the plugins that define the matching ids,
invalidated when a file changes, and giving the same errors as a full load."""
from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest

from verify.run import index, registry
from verify.run.registry import load_plugins, path_plugins

MODULE = textwrap.dedent('''
    import os
    import sympy as sp
    from verify import Claim, Source, Statement, Verdict
    from verify.checks.symbolic import Identity

    with open(os.environ["IMPORT_LOG"], "a") as log:
        log.write(__file__.rsplit("/", 1)[-1] + "\\n")
    x = sp.Symbol("x", real=True)

    def make(cid, depends_on=()):
        return Claim(id=cid, title=cid, source=Source("n.md", "§1", "x + x = 2x."),
                     statement=Statement(sp.Eq(x + x, 2 * x, evaluate=False)), checks=(Identity(),),
                     depends_on=depends_on, expected=Verdict.PROVED)
    ''')


def _write(path: Path, claims: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(MODULE + f"CLAIMS = [{claims}]\n")
    return path


@pytest.fixture
def setup(tmp_path, monkeypatch):
    """A plugin folder of two modules, an import log and a cache folder of its own."""
    monkeypatch.setenv("VERIFY_CACHE_DIR", str(tmp_path / "cache"))
    log = tmp_path / "imports.log"
    monkeypatch.setenv("IMPORT_LOG", str(log))
    folder = tmp_path / "plugins"
    _write(folder / "a.py", "make('a.one'), make('a.shared_x')")
    _write(folder / "b.py", "make('b.one', depends_on=('a.one',)), make('b.shared_y')")

    def select(*patterns):
        log.write_text("")
        plugins = path_plugins(folder)
        reg = index.select(plugins, list(patterns))
        imported = log.read_text().split()
        full = load_plugins(path_plugins(folder))          # what a full load says, for comparison
        assert reg.errors == full.errors
        assert reg.all_ids == [c.id for c in full.claims]
        return reg, imported
    return folder, select


def test_the_index_is_built_then_used_to_import_only_the_module_of_the_id(setup):
    folder, select = setup
    reg, imported = select("a.one")
    assert imported == ["a.py", "b.py"]               # no index yet: everything is imported, entries written
    assert len(list((index.folder()).glob("*.json"))) == 2
    reg, imported = select("a.one")
    assert imported == ["a.py"]
    assert [c.id for c in reg.claims] == ["a.one", "a.shared_x"]
    assert reg.select(["a.one"]) == ([reg.claims[0]], [])
    assert reg.plugin_of == {"a.one": str(folder / "a.py"), "a.shared_x": str(folder / "a.py")}
    reg, imported = select("b.one")
    assert imported == ["b.py"]                       # its dependency a.one is known from the index, not imported
    assert [c.id for c in reg.claims] == ["b.one", "b.shared_y"] and reg.errors == []
    # a pattern that matches nothing is told among every known id, imported or not
    assert reg.select(["a.*", "zz.*"])[1] == ["zz.*"]


def test_a_glob_imports_every_module_whose_ids_match(setup):
    _, select = setup
    select("*")
    assert select("*.shared_*")[1] == ["a.py", "b.py"]
    assert select("b.*")[1] == ["b.py"]
    assert select("nothing.*")[1] == []


def test_a_changed_module_is_imported_again_and_its_entry_rewritten(setup):
    folder, select = setup
    select("a.one")
    _write(folder / "b.py", "make('b.one', depends_on=('a.one',)), make('b.new')")
    reg, imported = select("a.one")
    assert imported == ["a.py", "b.py"]               # b is stale: imported, and its new ids learnt
    assert "b.new" in reg.all_ids and "b.shared_y" not in reg.all_ids
    reg, imported = select("b.new")
    assert imported == ["b.py"] and [c.id for c in reg.claims] == ["b.one", "b.new"]
    # a helper beside the plugins (never a plugin itself) counts as one of their files
    (folder / "_helpers.py").write_text("VALUE = 1\n")
    assert select("a.one")[1] == ["a.py", "b.py"]
    assert select("a.one")[1] == ["a.py"]


def test_a_stale_or_unreadable_index_falls_back_to_importing(setup, monkeypatch):
    folder, select = setup
    select("a.one")
    for entry in index.folder().glob("*.json"):
        entry.write_text("{ not json")
    assert select("a.one")[1] == ["a.py", "b.py"]
    assert select("a.one")[1] == ["a.py"]
    # another engine (or Python, or SymPy): every entry is stale
    monkeypatch.setattr(index, "_environment", lambda: {"engine": "another"})
    assert select("a.one")[1] == ["a.py", "b.py"]
    # a new plugin file in the folder has no entry: imported
    _write(folder / "c.py", "make('c.one')")
    assert select("a.one")[1] == ["a.py", "c.py"]


def test_dependencies_and_duplicates_are_checked_across_plugins_that_are_not_imported(setup):
    folder, select = setup
    select("*")
    _write(folder / "a.py", "make('a.shared_x'), make('b.shared_y')")       # a.one gone; b.shared_y now in a
    reg, imported = select("a.*")
    assert imported == ["a.py"]                       # a is stale; b's ids and dependencies come from the index
    problems = {(e.claim, e.field) for e in reg.errors}
    assert problems == {("b.one", "depends_on"), ("b.shared_y", "id")}      # as a full load (the fixture compares)
    reg, imported = select("b.*")
    assert "a.py" in imported                         # b.shared_y is a's now; b.one is refused: nothing of b runs
    assert [c.id for c in reg.claims] == ["a.shared_x", "b.shared_y"]
    assert reg.select(["b.*"])[0] == [reg.claims[1]]


def test_a_plugin_error_is_remembered_without_importing_the_plugin(setup):
    folder, select = setup
    (folder / "c.py").write_text("import os\nopen(os.environ['IMPORT_LOG'], 'a').write('c.py\\n')\nraise RuntimeError('broken')\n")
    reg, _ = select("a.one")
    reg, imported = select("a.one")
    assert imported == ["a.py"]
    assert [(Path(e.plugin).name, e.message) for e in reg.errors] == \
        [("c.py", "failed to load: RuntimeError: broken (at c.py:3)")]


def test_disabled_it_is_a_full_load_that_writes_nothing(setup, tmp_path):
    folder, _ = setup
    reg = index.load(builtin=False, entry_points=False, paths=[folder], patterns=["a.one"], enabled=False)
    assert [c.id for c in reg.claims] == ["a.one", "a.shared_x", "b.one", "b.shared_y"] and reg.ids is None
    assert not index.folder().exists()


def test_a_note_of_a_package_rests_on_its_files_the_helpers_and_the_notes_it_imports(tmp_path, monkeypatch):
    monkeypatch.setenv("VERIFY_CACHE_DIR", str(tmp_path / "cache"))
    log = tmp_path / "imports.log"
    monkeypatch.setenv("IMPORT_LOG", str(log))
    pkg = tmp_path / "fake_index_claims"
    (pkg / "note1").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "_shared.py").write_text("K = 1\n")
    (pkg / "note1" / "__init__.py").write_text(MODULE + "from .parts import IDS\nCLAIMS = [make(i) for i in IDS]\n")
    (pkg / "note1" / "parts.py").write_text("IDS = ['one.a']\n")
    (pkg / "note2.py").write_text(MODULE + "from fake_index_claims.note1.parts import IDS\nCLAIMS = [make('two.a')]\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert index.imported_notes([pkg / "note2.py"], "fake_index_claims") == {"note1"}
    assert index.imported_notes([pkg / "note1" / "__init__.py"], "fake_index_claims") == {"note1"}

    def select(pattern):
        log.write_text("")
        for name in [m for m in list(__import__("sys").modules) if m.startswith("fake_index_claims")]:
            monkeypatch.delitem(__import__("sys").modules, name)
        plugins = registry.builtin_plugins("fake_index_claims")
        reg = index.select(plugins, [pattern])
        return [c.id for c in reg.claims], [Path(p).name for p in log.read_text().split()]

    assert select("two.*") == (["one.a", "two.a"], ["__init__.py", "note2.py"])
    assert select("two.*") == (["two.a"], ["note2.py", "__init__.py"])    # note1 only as note2 imports it
    entry = json.loads(next(p for p in index.folder().glob("*.json") if "note2" in p.read_text()).read_text())
    assert {Path(f).name for f in entry["files"]} == {"note2.py", "__init__.py", "_shared.py", "parts.py"}
    os.utime(pkg / "note1" / "parts.py", ns=(1, 1))       # a file of note1, which note2 imports: both stale
    assert select("two.*") == (["one.a", "two.a"], ["__init__.py", "note2.py"])
    assert select("one.*") == (["one.a"], ["__init__.py"])
    os.utime(pkg / "_shared.py", ns=(1, 1))               # a private helper of the package
    assert select("one.*")[1] == ["__init__.py", "note2.py"]
    assert select("one.*") == (["one.a"], ["__init__.py"])
