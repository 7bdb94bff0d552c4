"""``Statement.from_quote``: a claim's statement parsed from its quote when the claim is built; a quote
that states nothing parseable makes the claim an error naming the field, never a guess."""
from __future__ import annotations

import sympy as sp

from verify import Claim, Source, Statement
from verify.core.latex.parser import LatexError

kappa = sp.Symbol("kappa", positive=True)
f, omega, t = sp.Function("f"), sp.Function("omega"), sp.Symbol("t", nonnegative=True)
f_t = sp.Symbol("f_t", real=True)
SYMBOLS = {"kappa": kappa, "t": t}


def _claim(quote: str, **kw) -> Claim:
    return Claim(id="t.quoted", title="a quoted claim", source=Source("t.md", "§1", quote),
                 statement=Statement.from_quote(SYMBOLS, **kw), checks=())


def test_a_formula_of_the_quote_becomes_the_statement():
    c = _claim(r"If $\kappa > 1$ then the flow converges.")
    assert c.statement.relation == sp.Gt(kappa, 1) and c.statement.text == r"\kappa > 1" and not c.problems


def test_a_quote_without_dollars_is_latex_as_a_whole():
    c = _claim(r"\kappa \leq 2 \kappa^2")
    assert c.statement.relation == sp.Le(kappa, 2 * kappa**2)


def test_readings_turn_the_notes_notation_into_the_checked_quantities():
    c = _claim(r"|\kappa f(\omega(t))| \leq \kappa", where={f(omega(t)): f_t})
    st = c.statement
    assert st.readings == {f(omega(t)): f_t}
    assert st.conclusion == sp.Le(sp.Abs(kappa * f_t), kappa)
    assert st.as_checked().relation == sp.Le(sp.Abs(kappa * f_t), kappa) and not st.as_checked().readings


def test_formula_picks_one_of_several():
    c = _claim(r"For $t \geq 0$ we have $\kappa > 1$", formula=1)
    assert c.statement.relation == sp.Gt(kappa, 1)


def test_several_formulas_without_formula_is_an_error_naming_the_field():
    c = _claim(r"For $t \geq 0$ we have $\kappa > 1$")
    assert [name for name, _ in c.problems] == ["statement"]
    assert "2 formulas" in c.problems[0][1]
    assert "claim t.quoted, field statement" in c.problem_text()


def test_a_quote_that_does_not_parse_is_an_error_with_position_and_token():
    c = _claim(r"If $\kappa > \frac{1$ then")
    (name, message), = c.problems
    assert name == "statement" and "does not state it" in message and "ends too early" in message


def test_a_quote_that_states_no_relation_is_an_error():
    c = _claim(r"the map $\kappa^2$ is smooth")
    assert c.problems and "states no relation" in c.problems[0][1]


def test_from_latex_raises_on_a_syntax_error():
    try:
        Statement.from_latex(r"\kappa > \oops", symbols=SYMBOLS)
    except LatexError as e:
        assert "oops" in str(e)
    else:
        raise AssertionError("a formula that does not parse must raise")


def test_an_implication_states_its_conclusion_under_its_premises():
    st = Statement.from_latex(r"\kappa > 1 \Rightarrow \kappa^2 > 1", symbols=SYMBOLS)
    assert st.relation == sp.Gt(kappa ** 2, 1) and st.assuming == (sp.Gt(kappa, 1),)
    st = Statement.from_latex(r"t > 2 \Rightarrow \kappa t > 2 \kappa", symbols=SYMBOLS, assuming=[sp.Gt(kappa, 1)])
    assert st.relation == sp.Gt(kappa * t, 2 * kappa) and st.assuming == (sp.Gt(kappa, 1), sp.Gt(t, 2))


def test_order_at_reads_the_notes_O_at_its_implicit_limit_point():
    from verify.notation import order_at
    st = Statement.from_latex(r"D = O(1/\kappa)", symbols={**SYMBOLS, "O": order_at(kappa)})
    assert st.relation.rhs == sp.O(1 / kappa, (kappa, sp.oo))
    z = sp.Symbol("z")
    st = Statement.from_latex(r"q(z) = \mathcal{O}(z^4)", symbols={"z": z, "Ocal": order_at(z, 0)})
    assert st.relation.rhs == sp.O(z ** 4)


def test_matrices_read_into_noncommuting_symbols_keep_the_products_order():
    A, X = sp.Symbol("A", commutative=False), sp.Symbol("X", commutative=False)
    Xdot = sp.Symbol("Xdot", commutative=False)
    M, N = sp.Matrix([[0, 1], [0, 0]]), sp.Matrix([[1, 0], [0, 2]])
    st = Statement.from_latex(r"\dot{X} = A X - X A", symbols={"A": A, "X": X, "Xdot": Xdot},
                              where={A: M, X: N, Xdot: M * N - N * M})
    assert set(st.readings) == {A, X, Xdot}                 # noncommutative symbols are read, not defined
    rel = st.conclusion                                     # an equation of matrices, not decided by SymPy
    assert isinstance(rel, sp.Equality) and sp.Matrix(rel.rhs) == M * N - N * M
