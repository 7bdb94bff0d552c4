"""The per-claim memo of symbolic work (verify.checks._common.symbolic_memo): the same answer, and the
process left as the computation would leave it (SymPy's Dummy counter)."""
import sympy as sp
from sympy.core.symbol import Dummy

from verify.checks._common import forget_symbolic, symbolic_memo
from verify.checks.numeric import probability_bound
from verify.notation import Prob


def test_a_repeat_returns_the_first_answer_and_advances_the_dummy_counter_alike():
    forget_symbolic()
    x = sp.Symbol("x")
    calls = []

    def work(expr):
        calls.append(expr)
        sp.Dummy("a"), sp.Dummy("b")
        return sp.simplify(expr)

    rel = (sp.sin(x) ** 2 + sp.cos(x) ** 2) * x
    start = Dummy._count
    first = symbolic_memo(work, rel)
    after_first = Dummy._count
    again = symbolic_memo(work, rel)
    assert again == first == x
    assert len(calls) == 1
    assert Dummy._count - after_first == after_first - start >= 2
    forget_symbolic()
    symbolic_memo(work, rel)
    assert len(calls) == 2


def test_unhashable_arguments_are_computed_each_time():
    forget_symbolic()
    calls = []

    def work(values):
        calls.append(1)
        return sum(values)

    assert symbolic_memo(work, [1, 2]) == symbolic_memo(work, [1, 2]) == 3
    assert len(calls) == 2


def test_probability_bound_through_the_memo_equals_the_direct_call():
    forget_symbolic()
    p = sp.Symbol("p", positive=True)
    rel = sp.Ge(1 - Prob(sp.Symbol("E") > 0), 1 - p)
    assert symbolic_memo(probability_bound, rel) == probability_bound(rel) == symbolic_memo(probability_bound, rel)


def test_a_subs_written_with_other_bound_variables_is_carried_out_as_written():
    """SymPy finds two ``Subs`` equal up to their bound variables, but prints them: the memoized
    evaluation gives each its own written form."""
    from verify.checks.symbolic import _evaluate
    forget_symbolic()
    f, x = sp.Function("f"), sp.Symbol("x")
    a, b = sp.Symbol("a"), sp.Symbol("b")
    one, other = (sp.Subs(sp.Derivative(f(v), v), v, 2 * x) for v in (a, b))
    assert one == other
    assert "a" in sp.sstr(_evaluate(one)) and "b" in sp.sstr(_evaluate(other))
    assert _evaluate(sp.ImmutableMatrix([one, sp.Derivative(x**2, x)])) == sp.ImmutableMatrix([one, 2 * x])
