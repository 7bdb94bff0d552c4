"""Built-in claims state their LaTeX once: wherever a claim's quote parses to the relation it checks, the
statement is parsed from the quote (``Statement.from_quote``); every claim still stated in SymPy is listed
here with why (computed where it can be: the quote is prose, does not parse, or states no relation; else
the reason its package gives in ``STATED_IN_SYMPY``). Run with ``-s`` to print the list."""
from __future__ import annotations

import importlib
from collections import Counter

import pytest
import sympy as sp

from verify.core.latex.display import parse_display
from verify.core.model import FromQuote
from verify.run.registry import load

PACKAGES = ("claims.note000_lazy_training", "claims.note001_gd_global_convergence",
            "claims.note002_training_dynamics", "claims.note003_rayleigh_kl", "claims.note004_kernel_rich")


@pytest.fixture(scope="module")
def registry():
    return load(builtin=True, entry_points=False)


def _same(a, b) -> bool:
    if a == b:
        return True
    if type(a) is not type(b) or not isinstance(a, sp.core.relational.Relational):
        return False
    try:
        return sp.simplify(a.lhs - b.lhs) == 0 and sp.simplify(a.rhs - b.rhs) == 0
    except Exception:                      # noqa: BLE001 - a comparison that fails is no match
        return False


def why_sympy(claim, symbols) -> tuple[str, str]:
    """(category, detail) of a claim stated in SymPy: ``prose`` (no LaTeX in the quote), ``no parse``
    (the parser's message), ``no relation`` (the quote's formulas state none), ``differs`` (they parse,
    to other relations than the one checked), or ``parses`` (the quote states the checked relation: it
    should be parsed from the quote)."""
    quote = claim.source.quote
    if "$" not in quote and "\\" not in quote:
        return "prose", "the quote is prose, without a formula"
    errors, relations = [], []
    for text in FromQuote().formulas(quote):
        result = parse_display(text, symbols)
        if result.error is not None:
            errors.append(str(result.error))
            continue
        for p in result.formulas:
            relations.extend(p.relations)
            if len(p.relations) > 1:
                relations.append(p.relation)
    target = claim.statement.relation
    if any(_same(r, target) for r in relations):
        return "parses", "the quote parses to the relation checked"
    if relations:
        return "differs", "; ".join(sp.sstr(r)[:80] for r in relations[:2])
    if errors:
        return "no parse", errors[0]
    return "no relation", "the quote's formulas state no relation (an expression, or a chain's continuation)"


@pytest.fixture(scope="module")
def packages():
    return {name: importlib.import_module(name) for name in PACKAGES}


def _claims_by_package(packages):
    for name, module in packages.items():
        for claim in module.CLAIMS:
            yield name, module, claim


def test_every_note_declares_the_symbols_of_its_formulas(packages):
    for name, module in packages.items():
        assert isinstance(getattr(module, "SYMBOLS", None), dict), f"{name} declares no SYMBOLS"
        assert isinstance(getattr(module, "STATED_IN_SYMPY", None), dict), f"{name} has no STATED_IN_SYMPY"


def test_claims_whose_quote_parses_are_parsed_from_it(packages):
    table, counts = [], Counter()
    missing, stale, should_parse = [], [], []
    for name, module, claim in _claims_by_package(packages):
        reasons = module.STATED_IN_SYMPY
        if claim.statement.text is not None:
            counts["from the quote"] += 1
            if claim.id in reasons:
                stale.append(claim.id)
            continue
        category, detail = why_sympy(claim, module.SYMBOLS)
        counts[category] += 1
        if category == "parses":
            should_parse.append(claim.id)
        if category == "differs" and claim.id not in reasons:
            missing.append(f"{claim.id}: the quote parses to {detail}")
        table.append(f"{claim.id:55s} {category:12s} {reasons.get(claim.id, detail)[:160]}")
    print("\n".join(table))
    print(dict(counts))
    assert not should_parse, f"parse these statements from their quotes: {should_parse}"
    assert not missing, "say why these are stated in SymPy (STATED_IN_SYMPY):\n" + "\n".join(missing)
    assert not stale, f"stated from their quotes, but STATED_IN_SYMPY gives a reason: {stale}"


def test_reasons_name_claims_of_their_package(packages):
    for name, module in packages.items():
        ids = {c.id for c in module.CLAIMS}
        assert set(module.STATED_IN_SYMPY) <= ids, (name, sorted(set(module.STATED_IN_SYMPY) - ids))
        assert all(isinstance(v, str) and v.strip() for v in module.STATED_IN_SYMPY.values()), name


def test_no_builtin_statement_carries_hand_typeset_latex(registry):
    for claim in registry.claims:
        assert claim.statement.latex is None, claim.id
        if claim.correction is not None:
            assert claim.correction.statement.latex is None, claim.id


def test_a_statement_from_its_quote_is_the_quote_parsed(packages):
    for name, module, claim in _claims_by_package(packages):
        if claim.statement.text is not None:
            assert claim.statement.text in claim.source.quote, claim.id
            assert not claim.problems, (claim.id, claim.problems)


def test_the_classification_finds_a_quote_that_states_the_checked_relation():
    # must fail the main test: a claim stated in SymPy although its quote states exactly that relation
    from verify import Claim, Source, Statement
    kappa = sp.Symbol("kappa", positive=True)

    def claim(quote, relation):
        return Claim(id="t.c", title="t", source=Source("t.md", "§", quote), statement=Statement(relation), checks=())
    assert why_sympy(claim(r"If $\kappa > 1$ then", sp.Gt(kappa, 1)), {"kappa": kappa})[0] == "parses"
    assert why_sympy(claim(r"If $\kappa > 1$ then", sp.Gt(kappa, 2)), {"kappa": kappa})[0] == "differs"
    assert why_sympy(claim(r"the flow converges", sp.Gt(kappa, 2)), {"kappa": kappa})[0] == "prose"
    assert why_sympy(claim(r"$\kappa > \frac{1$", sp.Gt(kappa, 2)), {"kappa": kappa})[0] == "no parse"
    assert why_sympy(claim(r"$\kappa^2$", sp.Gt(kappa, 2)), {"kappa": kappa})[0] == "no relation"
