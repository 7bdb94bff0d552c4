"""The cache of symbolic results: keys, invalidation, what is never cached, parallel safety."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest
import sympy as sp

from verify.run import cache
from verify.core.model import BUDGETS, CheckResult, Claim, Outcome, Source, Statement
from verify.core.model import RunSettings
from verify.run.runner import run_checks, run_claims
from verify.checks.symbolic import Identity, Inequality
from tests.helpers import FIXTURES

x, y = sp.symbols("x y", real=True)
xp = sp.Symbol("x", positive=True)
CALLS = {"n": 0}


@dataclass
class Counting:
    """A symbolic check that counts its runs (in this process)."""
    name: str = "counting"
    kind: str = "symbolic"
    outcome: Outcome = Outcome.HOLDS

    def run(self, statement, ctx):
        CALLS["n"] += 1
        return CheckResult(self.name, self.kind, self.outcome, f"ran on {sp.sstr(statement.relation)}",
                           evidence={"value": 0.1 + 0.2, "items": (1, 2)})


@dataclass
class WithLambda:
    f: object = field(default=lambda s: s)
    name: str = "lambda"
    kind: str = "symbolic"

    def run(self, statement, ctx):
        CALLS["n"] += 1
        return CheckResult(self.name, self.kind, Outcome.HOLDS, "ok")


@pytest.fixture
def on(tmp_path):
    with cache.configured(True, tmp_path / "cache") as folder:
        CALLS["n"] = 0
        yield folder


STATEMENT = Statement(sp.Eq((x + y) ** 2, x**2 + 2 * x * y + y**2))


def key(check=None, statement=STATEMENT, target="statement", claim="c.id", seed=0, budget="quick"):
    return cache.key(check or Counting(), statement, target, claim, seed, BUDGETS[budget])


def test_the_key_depends_on_everything_the_result_depends_on():
    base = key()
    assert base == key() and len(base) == 64
    others = [key(Counting(name="other")), key(statement=Statement(sp.Eq(x, x, evaluate=False))),
              key(statement=Statement(STATEMENT.relation, assuming=(sp.Gt(x, 0),))),
              key(target="correction"), key(claim="c.other"), key(seed=1), key(budget="standard"),
              key(Identity()), key(Inequality(domains={x: sp.Interval(0, 1)})),
              key(statement=Statement(sp.Eq(xp, xp, evaluate=False)))]
    assert len({base, *others}) == len(others) + 1
    # same printed form, other assumptions: srepr tells them apart
    assert key(statement=Statement(sp.Ge(x - 1, 0))) != key(statement=Statement(sp.Ge(xp - 1, 0)))


def test_numeric_checks_and_unstable_parameters_are_not_cached():
    assert key(Counting(kind="numeric")) is None
    assert key(WithLambda()) is None
    assert key(Identity(instances={sp.Function("f"): lambda t: t})) is None
    assert key(Identity(instances={sp.Function("f")(x): sp.sin(x)})) is not None


def test_run_checks_reads_the_cache_and_gives_the_same_results(on):
    first = run_checks(STATEMENT, (Counting(),), 0, "quick", "c.id")
    second = run_checks(STATEMENT, (Counting(),), 0, "quick", "c.id")
    assert CALLS["n"] == 1
    assert json.dumps(first.to_json()["checks"]) != "" and first.verdict == second.verdict
    assert [c.to_json() for c in second.checks] == [json.loads(json.dumps(c.to_json())) for c in first.checks]
    run_checks(STATEMENT, (Counting(),), 1, "quick", "c.id")          # another seed: a miss
    assert CALLS["n"] == 2


def test_errors_and_lambdas_are_never_stored(on):
    @dataclass
    class Raising:
        name: str = "raising"
        kind: str = "symbolic"

        def run(self, statement, ctx):
            CALLS["n"] += 1
            raise ValueError("no")

    for _ in range(2):
        assert run_checks(STATEMENT, (Raising(), WithLambda()), 0, "quick", "c.id").verdict.value == "error"
    assert CALLS["n"] == 4
    assert not any(on.rglob("*.json"))


def test_a_new_engine_version_invalidates(on, monkeypatch):
    run_checks(STATEMENT, (Counting(),), 0, "quick", "c.id")
    monkeypatch.setattr(cache, "engine_version", lambda: "another version")
    run_checks(STATEMENT, (Counting(),), 0, "quick", "c.id")
    assert CALLS["n"] == 2


def test_off_by_default_in_the_python_api(tmp_path):
    assert cache.folder() is None
    CALLS["n"] = 0
    for _ in range(2):
        run_checks(STATEMENT, (Counting(),), 0, "quick", "c.id")
    assert CALLS["n"] == 2


def test_a_broken_entry_is_a_miss_and_is_rewritten(on):
    k = key()
    run_checks(STATEMENT, (Counting(),), 0, "quick", "c.id")
    path = on / k[:2] / f"{k}.json"
    path.write_text("{not json")
    run_checks(STATEMENT, (Counting(),), 0, "quick", "c.id")
    assert CALLS["n"] == 2 and json.loads(path.read_text())["result"]["outcome"] == "holds"


def test_parallel_children_share_the_cache(on):
    claims = [Claim(id=f"t.c{i % 3}", title="t", source=Source("t.md", "1", "q"), statement=STATEMENT,
                    checks=(Identity(),)) for i in range(6)]
    cold = run_claims(claims, RunSettings(jobs=3))
    warm = run_claims(claims, RunSettings(jobs=3))
    assert [r.statement.to_json() for r in cold] == [r.statement.to_json() for r in warm]
    assert len(list(on.rglob("*.json"))) == 3 and not list(on.rglob(".tmp-*"))


def test_the_cli_bypasses_the_cache_with_no_cache(tmp_path, monkeypatch):
    from verify.cli import main
    fixtures = FIXTURES / "good"
    monkeypatch.setenv(cache.ENV, str(tmp_path / "c"))
    assert main(["run", "fx.trig", "--no-builtin", "--plugin", str(fixtures), "--jobs", "1", "--no-cache"]) == 0
    assert not (tmp_path / "c").exists()
    assert main(["run", "fx.trig", "--no-builtin", "--plugin", str(fixtures), "--jobs", "1"]) == 0
    assert any((tmp_path / "c").rglob("*.json"))
    assert cache.folder() is None          # the command's setting does not leak into the API


def _square_family(d):
    xs = sp.symbols(f"x0:{d}", real=True)
    return sp.Eq(sum(x**2 for x in xs), sum(x * x for x in xs))


def test_a_larger_sizes_check_is_cached_when_its_family_is_a_module_level_function():
    from verify.checks.symbolic import AtSizes
    statement = Statement(sp.Eq(sp.Symbol("a") ** 2, sp.Symbol("b"), evaluate=False))
    named = AtSizes(_square_family, sizes={"d": (3,)})
    assert cache.key(named, statement, "statement", "t.c", 0, BUDGETS["quick"]) is not None
    anonymous = AtSizes(lambda d: _square_family(d), sizes={"d": (3,)})
    assert cache.key(anonymous, statement, "statement", "t.c", 0, BUDGETS["quick"]) is None
    # the seed and the budget are in the key: the random points differ
    assert cache.key(named, statement, "statement", "t.c", 1, BUDGETS["quick"]) != \
        cache.key(named, statement, "statement", "t.c", 0, BUDGETS["quick"])


def _with_dummies(shared: bool) -> Statement:
    a, b = sp.Dummy("t"), sp.Dummy("t")
    f = sp.Function("f")
    return Statement(sp.Eq(f(a, a if shared else b), x, evaluate=False))


def test_a_statement_holding_sympy_dummies_has_the_same_key_in_every_process():
    """SymPy numbers Dummies from a random base per process: the key must not see their numbers, or such a
    statement (a derivative's variable) would be a new entry, never found again, in every run."""
    import os
    import subprocess
    import sys
    from tests.helpers import REPO
    assert key(Identity(), _with_dummies(False)) == key(Identity(), _with_dummies(False))
    assert key(Identity(), _with_dummies(False)) != key(Identity(), _with_dummies(True))     # distinct stay distinct
    script = ("import sympy as sp\nfrom verify.core.model import BUDGETS, Statement\nfrom verify.run import cache\n"
              "from verify.checks.symbolic import Identity\nx = sp.Symbol('x', real=True)\nt = sp.Dummy('t')\n"
              "print(cache.key(Identity(), Statement(sp.Eq(sp.Integral(t**2, (t, 0, x)), x**3 / 3, evaluate=False)), "
              "'statement', 'c.id', 0, BUDGETS['quick']))\n")
    keys = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env=dict(os.environ, PYTHONPATH=str(REPO))).stdout.strip() for _ in range(2)}
    assert len(keys) == 1 and len(next(iter(keys))) == 64
