"""The LaTeX front end (verify.core.latex): each construct of ML-theory notation parses to the expected SymPy
object, an unparsable formula gives its position and token, printed statements parse back to themselves, and
``verify extract`` drafts a plugin that loads and runs."""
from __future__ import annotations

import re

import pytest
import sympy as sp

from tests.helpers import FIXTURES, SEEDS
from verify.core import latex as L
from verify.core.latex import functions as F
from verify.core.latex.display import parse_display
from verify.core.model import Statement, latex
from verify.core.notation import FrobNorm, LambdaMin, Norm, Prob, Rank

x, y, t, mu, n, m = (sp.Symbol(s) for s in ("x", "y", "t", "mu", "n", "m"))
f, g = sp.Function("f"), sp.Function("g")


def one(text, symbols=None):
    r = parse_display(text, symbols)
    assert r.error is None, r.error
    assert len(r.formulas) == 1
    return r.formulas[0]


def rel(text, symbols=None):
    return one(text, symbols).relation


def expr(text, symbols=None):
    p = one(text, symbols)
    assert not p.relations
    return p.expression


CONSTRUCTS = [
    (r"\|x\|", Norm(x)),
    (r"\lVert x \rVert_2", Norm(x)),
    (r"\|x - y\|_2^2", Norm(x - y) ** 2),
    (r"\|A\|_F", FrobNorm(sp.Symbol("A"))),
    (r"\|x\|_1", F.SubNorm(x, 1)),
    (r"\langle x, y \rangle", F.Inner(x, y)),
    (r"\mathbb{E}_{x}[f(x)]", F.Expectation(f(x), x)),
    (r"\mathbb{E}[x]", F.Expectation(x)),
    (r"\mathbb{P}(x > t)", Prob(sp.Gt(x, t))),
    (r"\nabla f(x)", F.Grad(f(x))),
    (r"\nabla_\theta f(x)", F.Grad(f(x), sp.Symbol("theta"))),
    (r"\nabla^2 f(x)", F.Hessian(f(x))),
    (r"\hat{K}", sp.Symbol("Khat")),
    (r"\bar{w}", sp.Symbol("wbar")),
    (r"\tilde{a}", sp.Symbol("atilde")),
    (r"f^*", sp.Symbol("f_star")),
    (r"w'", sp.Symbol("wprime")),
    (r"\mathcal{L}", sp.Symbol("Lcal")),
    (r"\hat{\mathcal{R}}_n", sp.Symbol("Rcalhat_n")),
    (r"\mathbf{w}", sp.Symbol("wbold")),
    (r"\operatorname{rank}(A)", Rank(sp.Symbol("A"))),
    (r"\sigma_{\min}", sp.Symbol("sigma_min")),
    (r"\lambda_n(K)", sp.Function("lambda_n")(sp.Symbol("K"))),
    (r"\lambda_{\min}(K)", LambdaMin(sp.Symbol("K"))),
    (r"\theta_t", sp.Symbol("theta_t")),
    (r"\theta_{t+1}", sp.Symbol(r"\theta_{t+1}")),     # a subscript that is an expression: kept as written
    (r"x^\top y", F.Transposed(x) * y),
    (r"x^T y", F.Transposed(x) * y),
    (r"\min_{u} f(u)", F.MinOver(f(sp.Symbol("u")), sp.Symbol("u"))),
    (r"\sup_{t \geq 0} g(t)", F.SupOver(g(t), sp.Ge(t, 0))),
    (r"\operatorname{argmin}_{x} f(x)", F.ArgminOver(f(x), x)),
    (r"\max(x, y)", sp.Max(x, y)),
    (r"\sum_{i=1}^n x_i", sp.Sum(sp.Symbol("x_i"), (sp.Symbol("i"), 1, n))),
    (r"\prod_{i=1}^{n} x_i", sp.Product(sp.Symbol("x_i"), (sp.Symbol("i"), 1, n))),
    (r"O(1/n)", F.BigO(1 / n)),
    (r"\Omega(n^2)", F.BigOmega(n ** 2)),
    (r"\Theta(n)", F.BigTheta(n)),
    (r"o(n)", F.LittleO(n)),
    (r"\mathcal{O}(n)", F.CalO(n)),
    (r"\arccos(x)", sp.acos(x)),
    (r"\log(x) + \exp(y)", sp.log(x) + sp.exp(y)),
    (r"e^{-\mu t}", sp.exp(-mu * t)),
    (r"\frac{1}{2} x", x / 2),
    (r"\tfrac{x}{y}", x / y),
    (r"\sqrt{\left(x + y\right)}", sp.sqrt(x + y)),
    (r"\pi", sp.pi),
    # an integral over a set against a measure (note 004, Barron's theorem)
    (r"\int_B (f(x) - y)^2 \mu(dx)", F.IntegralOver((f(x) - y) ** 2, x, sp.Symbol("B"), mu)),
    (r"\int_{B_r} g(t) \mu(dt) + y", F.IntegralOver(g(t), t, sp.Symbol("B_r"), mu) + y),
    # a limit in several variables at once (note 004, Chizat and Bach); its body runs to the next relation
    (r"\lim_{m, t \rightarrow \infty} f(\mu_{m,t})", F.JointLimit(f(sp.Symbol("mu_m,t")), sp.Tuple(m, t), sp.oo)),
    (r"\lim_{m, n \to 0} x + y", F.JointLimit(x + y, sp.Tuple(m, n), 0)),
]


@pytest.mark.parametrize("text, expected", CONSTRUCTS, ids=[c[0] for c in CONSTRUCTS])
def test_each_construct_parses_to_its_sympy_object(text, expected):
    assert expr(text) == expected


RELATIONS = [
    (r"x \le y", sp.Le(x, y)),
    (r"x \lesssim y", F.Lesssim(x, y)),
    (r"x \gtrsim y", F.Gtrsim(x, y)),
    (r"x \sim y", F.Sim(x, y)),
    (r"x \asymp y", F.Asymp(x, y)),
    (r"x \ne y", sp.Ne(x, y)),
]


@pytest.mark.parametrize("text, expected", RELATIONS, ids=[r[0] for r in RELATIONS])
def test_relations(text, expected):
    assert rel(text) == expected


def test_a_chain_is_a_relation_per_step():
    p = one(r"x = y \le \mu < t")
    assert p.relations == (sp.Eq(x, y), sp.Le(y, mu), sp.Lt(mu, t))
    assert p.relation == sp.And(sp.Eq(x, y), sp.Le(y, mu), sp.Lt(mu, t))


def test_aligned_lines_continue_the_chain_and_tags_are_layout():
    p = one(r"\begin{aligned} x &= y \\ &\le t \end{aligned} \tag{1.2}")
    assert p.relations == (sp.Eq(x, y), sp.Le(y, t)) and p.tag == "1.2"


def test_quantifiers_and_conditions_are_hypotheses():
    p = one(r"\|x\| \le t, \quad \forall x \in \mathbb{R}")
    assert p.relations == (sp.Le(Norm(x), t),)
    assert p.hypotheses == (sp.Contains(x, sp.Reals, evaluate=False),) and p.bound == (x,)
    p = one(r"\dot{u}(t) = -u(t), \quad t \geq 0.")
    assert p.hypotheses == (sp.Ge(t, 0),)
    p = one(r"\forall t \in \mathbb{R}_+, \quad \|x\| \le t")        # leading quantifiers before \quad
    assert p.relations == (sp.Le(Norm(x), t),) and p.bound == (t,)
    assert p.hypotheses == (sp.Contains(t, sp.Interval(0, sp.oo), evaluate=False),)
    # only a \forall over a domain (\in) is read so: an \exists, or a bound t \ge 0, states no relation here
    assert one(r"\exists C, \quad x \le C").relations == ()
    assert one(r"\forall t \ge 0, \quad \|x\| \le t").relations == ()


def test_a_constraint_after_s_t_is_the_optimum_s_not_a_hypothesis():
    p = one(r"\operatorname{argmin}_{x} f(x) \text{ s.t. } x \geq 1")
    assert p.hypotheses == () and p.expression == F.ArgminOver(f(x), x, sp.Ge(x, 1))
    p = one(r"y = \operatorname{argmin}_{x} f(x) \text{ s.t. } x \geq 1")
    assert p.relations == (sp.Eq(y, F.ArgminOver(f(x), x, sp.Ge(x, 1))),) and p.hypotheses == ()
    # no optimum, or two (which one the constraint is of is not written): a hypothesis, as before
    assert one(r"y = f(x) \text{ s.t. } x \geq 1").hypotheses == (sp.Ge(x, 1),)
    p = one(r"\min_x f(x) = \max_y f(y) \text{ s.t. } x \geq 1")
    assert p.hypotheses == (sp.Ge(x, 1),)
    # a constraint on other symbols than the optimum's variable stays a hypothesis of the formula
    p = one(r"\min_x (x - t)^2 \text{ s.t. } t > 0")
    assert p.expression == F.MinOver((x - t) ** 2, x) and p.hypotheses == (sp.Gt(t, 0),)


def test_implication():
    assert rel(r"x > 0 \Rightarrow x^2 > 0") == sp.Implies(sp.Gt(x, 0), sp.Gt(x ** 2, 0))


def test_a_declared_symbol_multiplies_where_an_undeclared_name_is_applied():
    C = sp.Symbol("C", positive=True)
    assert expr(r"C(x + y)") == sp.Function("C")(x + y)
    assert expr(r"C(x + y)", symbols=[C]) == C * (x + y)


def test_statement_from_latex_resolves_names_to_the_declared_symbols():
    sigma = sp.Symbol("sigma_min", positive=True)
    tt = sp.Symbol("t", nonnegative=True)
    s = Statement.from_latex(r"e^{-\sigma_{\min}^2 t} \leq 1, \quad t \geq 0", symbols=[sigma, tt])
    assert s.relation == sp.Le(sp.exp(-sigma ** 2 * tt), 1)
    assert s.assuming == (sp.Ge(tt, 0, evaluate=False),)
    assert Statement.from_latex(r"x = y \le t", step=1).relation == sp.Le(y, t)
    with pytest.raises(ValueError, match="states no relation"):
        Statement.from_latex(r"x + y")


@pytest.mark.parametrize("text, position, token", [
    (r"\|x\| \le \foo{y}", 10, r"\foo"),
    (r"x + = y", 4, "="),
    (r"\frac{1}{", 9, ""),
    (r"\int_B g(x) \le 1", 12, r"\le"),                # an integral over a set needs its measure: not guessed
    (r"\lim_{m, t} x = 1", 10, "}"),                     # a limit needs its point
])
def test_an_unparsable_formula_gives_position_and_token(text, position, token):
    with pytest.raises(L.LatexError) as info:
        Statement.from_latex(text)
    e = info.value
    assert (e.position, e.token) == (position, token)
    assert f"position {position}" in str(e) or "at the end" in str(e)


ROUND_TRIP = [
    sp.Le(Norm(x - y) ** 2, 2 * mu * t),
    sp.Eq(F.Expectation(f(x), x), F.Inner(x, y)),
    sp.Ge(LambdaMin(sp.Symbol("K")), sp.Symbol("lambda_0") / 2),
    sp.Le(sp.Symbol("Rcalhat_n"), sp.exp(-mu * t) * sp.Symbol("Rcalhat_0")),
    sp.Le(F.SupOver(Norm(sp.Function("omega")(t) - sp.Function("omega")(0)), sp.Ge(t, 0)), F.BigO(1 / mu)),
    sp.Eq(sp.Sum(sp.Symbol("x_i") ** 2, (sp.Symbol("i"), 1, n)), n),
    F.Lesssim(sp.Symbol("gamma"), 1 / sp.sqrt(m * sp.Symbol("lambda_n"))),
    sp.Le(sp.Symbol("sigma_min"), FrobNorm(sp.Symbol("J"))),
    sp.Gt(sp.Symbol("f_star"), 0),
    sp.Le(F.Grad(f(x), x), F.Transposed(sp.Symbol("wbold")) * x),
    sp.Le(F.IntegralOver((f(x) - sp.Function("f_n")(x)) ** 2, x, sp.Symbol("B_r"), mu), 4 * sp.Symbol("C_f") ** 2 / n),
    sp.Eq(F.IntegralOver(x + y, x, sp.Symbol("B"), mu), 1),          # a sum integrand keeps its parentheses
    sp.Eq(F.JointLimit(f(sp.Symbol("mu_m,t")), sp.Tuple(m, t), sp.oo), sp.Symbol("J_star")),
    sp.Le(F.JointLimit(x + y, sp.Tuple(m, n), sp.oo), 1),              # a sum body keeps its parentheses
]


@pytest.mark.parametrize("relation", ROUND_TRIP, ids=lambda r: sp.sstr(r)[:40])
def test_print_then_parse_gives_the_statement_back(relation):
    text = latex(relation)
    assert rel(text) == relation, text


# ---------------------------------------------------------------------------------------------
# verify extract
# ---------------------------------------------------------------------------------------------

NOTE = FIXTURES / "notes" / "small_note.md"


def test_extract_drafts_a_plugin_that_loads_and_runs(tmp_path, capsys):
    from verify.cli import main
    from verify.run.registry import load
    from verify.run.runner import run_claims
    from verify.core.model import RunSettings, Verdict
    out = tmp_path / "draft.py"
    assert main(["extract", str(NOTE), "--output", str(out), "--prefix", "small"]) == 0
    source = out.read_text()
    assert "TODO: does not parse (cannot parse at position 24: unexpected '\\\\oops'" in source
    reg = load(builtin=False, entry_points=False, paths=[out])
    assert reg.errors == []
    ids = [c.id for c in reg.claims]
    assert ids == ["small.setting.eq1", "small.theorem_1.inline1", "small.theorem_1.eq2", "small.proof.eq1_1",
                   "small.proof.eq1_2"]
    claims = {c.id: c for c in reg.claims}
    assert claims["small.setting.eq1"].source.quote == r"e^{-2\mu t} \leq \frac{1}{1 + 2\mu t}"
    assert claims["small.theorem_1.eq2"].source.section == "Theorem 1"
    results = {r.claim.id: r for r in run_claims(reg.claims, RunSettings(seed=0, jobs=1))}
    assert results["small.theorem_1.inline1"].verdict == Verdict.PROVED          # (x + 1)^2 = x^2 + 2x + 1
    assert results["small.proof.eq1_2"].verdict == Verdict.REFUTED               # a b = sqrt(a^2 b^2), a b < 0
    assert results["small.setting.eq1"].verdict in (Verdict.PROVED, Verdict.SUPPORTED)
    assert all(r.verdict != Verdict.ERROR for r in results.values())


def test_extract_stats(capsys):
    from verify.cli import main
    assert main(["extract", str(NOTE), "--stats"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ("small_note.md: 3/4 displayed formulas parse (75%); "
                                   "1/1 inline relations in theorems and lemmas")
    assert re.search(r"Proof: cannot parse at position 24: unexpected '\\\\oops'", out)


def test_the_notes_have_their_displayed_formulas():
    from verify.extract import find_formulas
    counts = [sum(1 for f in find_formulas(p.read_text()) if f.kind == "display") for p in sorted(SEEDS.glob("*.txt"))]
    assert sum(counts) == 240


def test_the_scaling_analysis_compares_the_sides_of_an_asymptotic_relation_and_skips_membership():
    from verify.checks.scaling import Scaling, ScalingCheck
    from verify.core.model import Context, Outcome
    S = sp.Symbol("S", positive=True)
    scaling = Scaling(scales={S: "lengths"}, dims={x: S, y: S, t: 1})
    same = Statement(F.Lesssim(x, y), assuming=(sp.Contains(t, sp.Reals, evaluate=False),))
    other = Statement(F.Lesssim(x, y ** 2))
    assert ScalingCheck(scaling).run(same, Context()).outcome != Outcome.FAILS
    assert ScalingCheck(scaling).run(other, Context()).outcome == Outcome.FAILS


def test_parse_trees_are_cached_by_text_and_grammar_and_give_the_same_statements(tmp_path, monkeypatch):
    from verify.core.latex import parser as P
    texts = [r"\int_B (f(x) - y)^2 \mu(dx) \le \|x\|_2^2", r"\|x\| \le \foo{y}"]
    with P.tree_cache(tmp_path):
        first = [parse_display(t) for t in texts]
        assert len(list(tmp_path.rglob("*.json"))) == 2
        monkeypatch.setattr(P, "lark_parser", lambda: pytest.fail("parsed again despite the cache"))
        second = [parse_display(t) for t in texts]
    assert second[0].formulas[0].relation == first[0].formulas[0].relation
    assert str(second[1].error) == str(first[1].error) and second[1].error.position == 10
    monkeypatch.undo()
    entry = next(p for p in tmp_path.rglob("*.json") if "foo" not in p.read_text())
    entry.write_text("{not json")                          # a damaged entry is parsed again and rewritten
    P.clear_memo()
    with P.tree_cache(tmp_path):
        assert parse_display(texts[0]).formulas[0].relation == first[0].formulas[0].relation
    assert entry.read_text().startswith('{"text"')
    assert P._tree_cache is None                           # off outside the block
    P.clear_memo()
    assert P.use_tree_cache(tmp_path) is None              # or on for the whole process
    try:
        monkeypatch.setattr(P, "lark_parser", lambda: pytest.fail("parsed again despite the cache"))
        assert Statement.from_latex(texts[0]).relation == first[0].formulas[0].relation
    finally:
        assert P.use_tree_cache(None) == tmp_path


# ---------------------------------------------------------------------------------------------
# the oracle: every formula of the notes parses as recorded (tests/engine/latex_oracle.py)
# ---------------------------------------------------------------------------------------------

def _oracle() -> dict:
    import json
    from tests.engine.latex_oracle import ORACLE
    return json.loads(ORACLE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("note", sorted(_oracle()))
def test_every_formula_of_the_notes_parses_as_recorded(note):
    from tests.engine.latex_oracle import record
    entries = _oracle()[note]
    changed = [(e["text"], e["result"], got) for e in entries if (got := record(e["text"])) != e["result"]]
    assert not changed, "\n\n".join(f"{t!r}\n  recorded {a}\n  now      {b}" for t, a, b in changed)


def test_the_faster_earley_parser_gives_lark_s_own_trees_and_error_positions():
    import lark
    from verify.core.latex import earley
    from verify.core.latex import parser as P
    assert earley.install(lark.Lark("start: A\nA: \"a\"", parser="lalr")) is False     # only the dynamic Earley
    stock = lark.Lark(P.grammar_text(), source_path=str(P.sympy_grammar_dir()) + "/", **P.PARSER_OPTIONS)
    fast = P.lark_parser()
    assert fast.parser.parser.predict_and_complete.__func__ is earley.predict_and_complete

    def outcome(parser, text):
        try:
            return P._to_json(parser.parse(text))
        except lark.exceptions.UnexpectedInput as e:
            return type(e).__name__, getattr(e, "pos_in_stream", None)
    texts = [r"\|J_{\omega} - J_{\nu}\|_2 \leq L \cdot \|\omega - \nu\|", r"x = y \le \mu < t",
             r"\sum_{i=1}^n x_i^2 \,\le\, \left( \frac{1}{n} \right)", r"   \quad f(x) ", "x +   \\foo", "x + ",
             r"\frac{1}{", "x  ) y", "(x", r"x \le \quad ", r"\mathbb{E}_{x \sim D}[f(x)] \le \;\; \|",
             r"\langle a, b, c \rangle", r"\int_B g(x) \le 1", r"x + \quad @", r"f( \, ] y", r"x \le \left. y"]
    for text in texts:
        assert outcome(fast, text) == outcome(stock, text), text


def test_a_superscript_infinity_on_a_symbol_is_a_label_not_a_power():
    from verify.core.latex.display import parse_display
    (rel,) = parse_display(r"\beta_{\alpha,D}^\infty = 1").formulas[0].relations
    assert rel.lhs == sp.Symbol(r"beta_alpha,D^\infty") and not rel.has(sp.oo)
    declared = sp.Symbol(r"w^\infty", positive=True)            # declared under the labelled name
    (rel,) = parse_display(r"w^\infty \ge 0", {r"w^\infty": declared}).formulas[0].relations
    assert rel.lhs is declared
    (rel,) = parse_display(r"2^\infty = x").formulas[0].relations  # a number's power stays a power
    assert rel.lhs == sp.oo


def test_propto_is_a_relation_that_prints_back():
    from verify.core.latex.display import parse_display
    from verify.core.latex.functions import Propto
    (rel,) = parse_display(r"\|\beta\|_{K_0} \propto \|\beta\|_2").formulas[0].relations
    assert isinstance(rel, Propto)
    (again,) = parse_display(sp.latex(rel)).formulas[0].relations
    assert again == rel


def test_d_over_dt_is_a_derivative_when_d_is_declared():
    from verify.core.latex.display import parse_display
    d, t, n, C = sp.Symbol("d", positive=True, integer=True), sp.Symbol("t"), sp.Symbol("n"), sp.Symbol("C")
    (rel,) = parse_display(r"\frac{d\|e\|^2}{dt} = 1", {"d": d}).formulas[0].relations
    assert rel.lhs.is_Derivative and rel.lhs.variables == (t,)
    (rel,) = parse_display(r"\frac{d}{dt} x = 1", {"d": d}).formulas[0].relations
    assert rel.lhs == sp.Derivative(sp.Symbol("x"), t)
    (rel,) = parse_display(r"\frac{C}{d n} \le \frac{d}{n}", {"d": d}).formulas[0].relations   # d the dimension
    assert rel == sp.Le(C / (d * n), d / n)


def test_vectors_and_matrices_declared_noncommutative_keep_the_order_of_a_product():
    from verify.core.latex.display import parse_display
    e, K = sp.Symbol("e", commutative=False), sp.Symbol("Khat", commutative=False)
    (rel,) = parse_display(r"e^{T}\hat{K}e \ge 0", {"e": e, "Khat": K}).formulas[0].relations
    assert rel.lhs.args[1:] == (K, e) and not rel.lhs.is_commutative
    (rel,) = parse_display(r"e^{T}\hat{K}e \ge 0").formulas[0].relations      # undeclared: scalars, order lost
    assert rel.lhs.is_commutative


def test_parsing_does_not_build_sympys_own_latex_parser():
    # SymPy's sympy.parsing.latex package builds its own Lark parser when imported; the front end loads the
    # transformer it subclasses without it, and SymPy's package still imports afterwards
    import subprocess
    import sys
    code = ("import sys; from verify.core.latex.display import parse_display; "
            "assert parse_display(r'x \\le 1').ok; "
            "assert 'sympy.parsing.latex.lark.latex_parser' not in sys.modules; "
            "from sympy.parsing.latex import parse_latex; print(parse_latex('x', backend='lark'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "x", out.stderr


# -- misreadings the front end no longer makes (issue 15): each rule, and the old reading where it must win --

def test_a_letter_run_that_names_an_operator_is_applied():
    assert expr(r"sgn(x)") == sp.sign(x)
    assert expr(r"2 sign(x - y)") == 2 * sp.sign(x - y)
    assert expr(r"C \frac{poly(d)}{2^d}") == sp.Symbol("C") * sp.Function("poly")(sp.Symbol("d")) / 2 ** sp.Symbol("d")
    # with n declared a symbol (a sample size), sgn(.) is still the sign, not s g n (.)
    assert expr(r"sgn(x)", symbols=[n]) == sp.sign(x)
    # a run the note declares a function is that function; any other run stays a product of letters
    hinge = sp.Function("hinge")
    assert expr(r"hinge(x)", symbols={"hinge": hinge}) == hinge(x)
    a = sp.Symbol("a")
    assert expr(r"ab(x)") == a * sp.Function("b")(x)
    assert expr(r"a sgn(x)") == a * sp.sign(x)


def test_delta_w_is_one_symbol_when_the_note_declares_it():
    dw = sp.Symbol("Delta_w", positive=True)
    w, Delta = sp.Symbol("w"), sp.Symbol("Delta")
    assert rel(r"|x| \ge \Delta w", symbols={r"\Delta w": dw}) == sp.Ge(sp.Abs(x), dw)
    assert expr(r"\frac{2\Delta w}{\sqrt{2\pi}}", symbols={r"\Delta w": dw}) == 2 * dw / sp.sqrt(2 * sp.pi)
    assert rel(r"|x| \ge \Delta w") == sp.Ge(sp.Abs(x), Delta * w)              # undeclared: the product
    # declared, \Delta w with a power, subscript or transpose is ambiguous ((\Delta w)^2 or \Delta (w^2)?): refused
    for text in (r"\Delta w^2 = 1", r"a \Delta w^\top x = 1", r"\Delta w_t = 1"):
        error = parse_display(text, {r"\Delta w": dw}).error
        assert error is not None and "superscript or subscript" in str(error)
    assert expr(r"\Delta w^2") == Delta * w ** 2                                   # undeclared: the product


def test_a_superscript_is_a_label_when_the_note_declares_the_labelled_name():
    Rf, thf = sp.Symbol("R^f"), sp.Symbol("theta_t^f")
    assert expr(r"\nabla_\theta R^f", symbols={"R^f": Rf}) == F.Grad(Rf, sp.Symbol("theta"))
    assert rel(r"\|\theta_t^f - \theta_0\| \le 1", symbols={"theta_t^f": thf}) == sp.Le(Norm(thf - sp.Symbol("theta_0")), 1)
    assert expr(r"\theta_t^f") == sp.Symbol("theta_t") ** sp.Symbol("f")          # undeclared: a power
    assert expr(r"x^2", symbols={"x^2": sp.Symbol("x2")}) == x ** 2                # a number is never a label


def test_d_before_a_declared_function_is_its_derivative():
    h, w, w0 = sp.Function("h"), sp.Symbol("w"), sp.Symbol("w_0")
    D = sp.Symbol("D")
    assert expr(r"D h(w)", symbols={"h": h}) == F.Jacobian(h(w))
    assert expr(r"\|Dh(w_0)\|", symbols={"h": h}) == Norm(F.Jacobian(h(w0)))
    assert expr(r"D^2 h(w_0)", symbols={"h": h}) == F.Jacobian(h(w0), 2)
    assert expr(r"\frac{1}{\alpha} Dh(w)^T", symbols={"h": h}) == F.Transposed(F.Jacobian(h(w))) / sp.Symbol("alpha")
    assert expr(r"D h(w)") == D * sp.Function("h")(w)                           # h undeclared: a product
    assert expr(r"D h(w)", symbols={"h": h, "D": D}) == D * h(w)                  # D declared: a product
    # it prints the note's way, parses back, and evaluates where h is known
    j = F.Jacobian(h(w0))
    assert latex(j) == r"D h\left(w_{0}\right)" and expr(latex(j), symbols={"h": h}) == j
    assert j.doit().subs(h, sp.Lambda(w, w ** 3)).doit() == 3 * w0 ** 2
    assert F.Jacobian(h(w0), 2).doit().subs(h, sp.Lambda(w, w ** 3)).doit() == 6 * w0
    g2, u, v = sp.Function("g"), sp.Symbol("u"), sp.Symbol("v")
    row = F.Jacobian(g2(u, v)).doit().subs(g2, sp.Lambda((x, y), x ** 2 * y)).doit()
    assert row == sp.Matrix([[2 * u * v, u ** 2]])
    assert F.unevaluated(sp.Symbol("c") * j) == ["Jacobian"]       # no numeric check evaluates an unknown h


def test_a_transpose_binds_to_the_application_before_it():
    e, G = sp.Function("e"), sp.Function("G")
    assert expr(r"e(t)^T G(x) e(t)") == F.Transposed(e(t)) * G(x) * e(t)
    assert expr(r"f(x)^\top y") == F.Transposed(f(x)) * y
    assert expr(r"x(t)^T y", symbols=[x]) == x * F.Transposed(t) * y             # x declared: x times t^T


def test_arccos_applies_to_the_product_that_follows_it():
    xi, xj = sp.Symbol("x_i"), sp.Symbol("x_j")
    assert expr(r"\pi - \arccos x_i^\top x_j") == sp.pi - sp.acos(F.Transposed(xi) * xj)
    assert expr(r"\arccos x + y") == sp.acos(x) + y
    assert expr(r"\arccos(x) y") == sp.acos(x) * y                             # a bracket is the argument


def test_e_to_a_power_before_a_bracket_is_euler_s_number_times_it():
    C = sp.Symbol("C")
    assert expr(r"e^{-Ct}(x - y)") == sp.exp(-C * t) * (x - y)
    e = sp.Function("e")
    assert expr(r"e^{2}(x)", symbols={"e": e}) == e(x) ** 2                     # e declared: e(x)^2
    assert expr(r"e^{t}(x - y)") == sp.exp(t) * (x - y) and expr(r"e^t(x)") == sp.exp(t) * x
    r = parse_display(r"y = e^{x}(a, b)")                                       # a power times a list: no reading
    assert r.error is not None and r.error.position == 4 and r.error.token.startswith("e^{x}(a, b)")


def test_wedge_between_terms_is_their_meet():
    h1, h2 = sp.Function("h_1"), sp.Function("h_2")
    assert expr(r"h_1(x) \wedge h_2(x)") == F.Meet(h1(x), h2(x))
    assert F.Meet(sp.Integer(1), sp.Integer(0)) == 0 and latex(F.Meet(h1(x), h2(x))) == r"h_{1}{\left(x \right)} \wedge h_{2}{\left(x \right)}"
    assert expr(r"p \wedge q") == sp.And(sp.Symbol("p"), sp.Symbol("q"))        # propositions: the conjunction
    assert parse_display(r"x > 0 \wedge f(y) > 0").error is not None           # a number and a term: no reading


def test_euler_s_number_to_a_digit_before_a_bracket_multiplies_it():
    assert expr(r"e^2(x + y)") == sp.exp(2) * (x + y)
    assert expr(r"f^2(x)") == f(x) ** 2
