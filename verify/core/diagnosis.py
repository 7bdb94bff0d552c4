"""What a flagged claim's verdict means: the kind of its error, its root cause, and its proof's status.

Pure functions over claims and their evaluations (nothing here runs a check or changes a verdict):

* :func:`kind_of` -- the kind of a refuted, gap or loose claim, one of :data:`KINDS` (None for a claim that
  holds). A claim may *declare* its kind (``Claim(kind=..., kind_why=...)``); otherwise it is computed: a
  loose verdict is ``loose``, a gap ``proof``; findings of the well-formedness check on the statement that its
  correction no longer has make it ``notation``; no correction (or one that fails too) ``false``; else the
  structural difference between the statement and its correction (:func:`difference`) decides -- a symbol
  substitution is ``symbol``, a changed number ``constant``, a changed exponent, order or rate ``rate``, a
  changed hypothesis ``hypothesis``, anything else ``false``.
* :func:`root_causes` -- claims flagged because of one error form one :class:`RootCause`: declared
  (``Claim(because_of=...)``, followed to its end) or computed (corrections in one note applying the same
  symbol substitution).
* :func:`proof_status` -- for a claim whose proof steps are claims (``depends_on``, followed transitively):
  complete, unverified, or broken at these steps (with their kinds), in words; for a gap, what is known of
  its conclusion, from its own checks and from the claims declared to test it (``Claim(tested_by=...)``).
* :func:`diagnose` -- all three for a run's results, as a :class:`Diagnosis` with a JSON-able form.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

import sympy as sp
from sympy.core.function import AppliedUndef

from .model import (KINDS, NUMERIC, SCALING, WELLFORMED, Claim, ClaimResult, Evaluation, Outcome, Statement, Verdict,
                    latex)

FLAGGED = (Verdict.REFUTED, Verdict.GAP, Verdict.LOOSE)
BROKEN = (Verdict.REFUTED, Verdict.GAP, Verdict.ERROR)
NOTATION_FINDINGS = ("unused-bound", "free-and-bound", "codomain", "index")

COMPLETE, BROKEN_STATUS, UNVERIFIED = "complete", "broken", "unverified"
HOLDING, FAILING, UNTESTED = "tested and holding", "tested and failing", "untested"

__all__ = ["KINDS", "WELLFORMED", "Difference", "Kind", "RootCause", "ProofStatus", "ClaimDiagnosis", "Diagnosis",
           "difference", "kind_of", "root_causes", "proof_status", "diagnose"]


# ---------------------------------------------------------------------------------------------
# the structural difference between a statement and its correction
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Difference:
    """How a correction differs from its statement: a kind (``symbol``, ``constant``, ``rate``,
    ``hypothesis``, ``false``, or None when they are the same), a sentence, and the changes as
    ``(written, corrected)`` strings (for ``symbol``: the substitution)."""
    kind: str | None
    why: str
    changes: tuple = ()
    substitution: tuple = ()      # the symbol-for-symbol changes among them, as (written, corrected) names


_SIZE = 400          # leaves larger than this (in operations) are not simplified: they count as "other"


def _leaves(a, b, in_rate: bool = False) -> list[tuple]:
    """The smallest differing subexpressions of ``a`` and ``b``, as ``(a_part, b_part, in_rate)``;
    ``in_rate`` says the part sits in an exponent (of a power or of exp) or in an order O(.)."""
    if a == b:
        return []
    if not (isinstance(a, sp.Basic) and isinstance(b, sp.Basic)) or a.is_Atom or b.is_Atom:
        return [(a, b, in_rate)]
    if type(a) is not type(b):
        return [(a, b, in_rate)]
    rate = in_rate or isinstance(a, (sp.exp, sp.Order))
    if isinstance(a, (sp.Add, sp.Mul)):
        ra, rb = list(a.args), list(b.args)
        for x in list(ra):
            if x in rb:
                ra.remove(x)
                rb.remove(x)
        if len(ra) == 1 and len(rb) == 1:
            return _leaves(ra[0], rb[0], rate)
        if isinstance(a, sp.Add):               # terms paired by their non-numeric part: 3 k against 4 k
            ta, tb = ({t.as_coeff_Mul()[1]: t for t in side} for side in (ra, rb))
            if ra and len(ta) == len(ra) == len(rb) == len(tb) and set(ta) == set(tb):
                return [leaf for key in sorted(ta, key=sp.default_sort_key) for leaf in _leaves(ta[key], tb[key], rate)]
        else:                                    # a numeric coefficient apart from the rest: sigma**2/32 against sigma**3/16
            (ca, xa), (cb, xb) = sp.Mul(*ra).as_coeff_Mul(), sp.Mul(*rb).as_coeff_Mul()
            if ca != cb and xa != 1 and xb != 1 and not (xa == sp.Mul(*ra) and xb == sp.Mul(*rb)):
                return [(ca, cb, rate)] + _leaves(xa, xb, rate)
        unit = sp.Integer(0) if isinstance(a, sp.Add) else sp.Integer(1)
        make = (lambda xs: sp.Add(*xs) if xs else unit) if isinstance(a, sp.Add) else (lambda xs: sp.Mul(*xs) if xs else unit)
        return [(make(ra), make(rb), rate)]
    if len(a.args) != len(b.args):
        return [(a, b, in_rate)]
    out = []
    for pos, (x, y) in enumerate(zip(a.args, b.args)):
        out += _leaves(x, y, rate or (isinstance(a, sp.Pow) and pos == 1))
    return out


def _is_number(e) -> bool:
    return isinstance(e, sp.Basic) and e.is_number is True


def _numeric_change(x, y) -> str | None:
    """How ``x`` and ``y`` differ by a number (a number each, a numeric factor, a numeric summand), in
    words, or None. A term that appears or vanishes (``0`` against an expression) is no numeric change."""
    if _is_number(x) and _is_number(y):
        return f"{sp.sstr(x)} -> {sp.sstr(y)}"
    if not all(isinstance(e, sp.Expr) for e in (x, y)) or x.is_zero or y.is_zero \
            or sp.count_ops(x) + sp.count_ops(y) > _SIZE:
        return None
    try:
        if not _varies(y / x):
            ratio = sp.simplify(y / x)
            if _is_number(ratio) and ratio.is_zero is False and ratio.is_finite:
                return f"a factor {sp.sstr(ratio)}"
        if not _varies(y - x):
            diff = sp.simplify(y - x)
            if _is_number(diff):
                return f"a term {sp.sstr(diff)}"
    except (TypeError, ValueError, ZeroDivisionError):
        pass
    return None


def _varies(e) -> bool:
    """Whether ``e`` is no number however simplified, decided cheaply: with each undefined function made a
    polynomial of its own (what is a number whatever the functions is a number for these too), ``e`` is a
    rational function of its symbols with two different rational values at two fixed points. The
    :func:`sp.simplify` that decides otherwise costs most of a claim's analysis. False: not decided so."""
    if any(not v.is_Symbol for d in e.atoms(sp.Derivative) for v in d.variables):
        return False                       # a derivative in a function (dF/dtheta(t)): no polynomial stands for it
    arities = {}
    for a in e.atoms(AppliedUndef):
        arities.setdefault(a.func, set()).add(len(a.args))
    try:
        if arities:
            if any(len(n) > 1 for n in arities.values()):
                return False
            e = e.subs({f: _polynomial(n.pop(), j) for j, (f, n) in
                        enumerate(sorted(arities.items(), key=lambda kv: str(kv[0])))}).doit()
        if e.is_rational_function() is not True:
            return False
        symbols = sorted(e.free_symbols, key=sp.default_sort_key)
        values = [e.xreplace({x: sp.Rational(k + 2, prime) + offset for k, x in enumerate(symbols)})
                  for prime, offset in ((7, 0), (11, 1))]
    except Exception:
        return False
    return all(v.is_Rational for v in values) and values[0] != values[1]


def _polynomial(arity: int, j: int):
    """A polynomial of ``arity`` arguments standing for the ``j``-th undefined function of an expression
    (a different one for each)."""
    args = sp.symbols(f"_z1:{arity + 1}")
    return sp.Lambda(args, sum((k + j + 2) * z ** (k + 2) + z for k, z in enumerate(args)) + j + 1)


def _power_change(x, y) -> bool:
    """``x`` and ``y`` are powers of one base with different exponents (sqrt(t) against t), or differ by
    a factor that is a power of one symbol (epsilon against n epsilon: a changed order in n)."""
    if not all(isinstance(e, sp.Expr) for e in (x, y)):
        return False
    (bx, ex), (by, ey) = x.as_base_exp(), y.as_base_exp()
    if bx == by and ex != ey and not _is_number(bx):
        return True
    if x.is_zero or y.is_zero or sp.count_ops(x) + sp.count_ops(y) > _SIZE:
        return False
    base, exp = sp.powsimp(y / x).as_base_exp()
    return isinstance(base, sp.Symbol) and _is_number(exp) and exp != 0


def _leaf_kind(x, y, in_rate: bool) -> tuple[str, str]:
    """The kind of one change and the change in words."""
    shown = f"{_short(x)} -> {_short(y)}"
    if isinstance(x, (sp.Symbol, sp.IndexedBase)) and isinstance(y, (sp.Symbol, sp.IndexedBase)):
        return "symbol", shown
    if isinstance(x, sp.Order) or isinstance(y, sp.Order) or _power_change(x, y):
        return "rate", shown
    numeric = _numeric_change(x, y)
    if numeric is not None:
        return ("rate" if in_rate else "constant"), numeric
    return "other", shown


def _short(e, limit: int = 60) -> str:
    text = sp.sstr(e)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _parts(st: Statement) -> list:
    """The statement's relation and its definitions' values, in a fixed order (compared as written)."""
    return [st.relation, *(v for _, v in sorted(st.where.items(), key=lambda kv: sp.default_sort_key(kv[0])))]


def changed_parts(statement: Statement, correction: Statement) -> tuple[tuple, tuple]:
    """The smallest subexpressions in which the two relations differ, as (the statement's, the
    correction's); a part made of some of the terms or factors of a sum or product is given as those
    terms or factors. Empty when the relations are the same. Both are compared with their readings
    applied (:meth:`Statement.as_checked`)."""
    statement, correction = statement.as_checked(), correction.as_checked()
    mine, theirs = [], []
    for a, b, _ in _leaves(statement.relation, correction.relation):
        for part, out in ((a, mine), (b, theirs)):
            if not isinstance(part, sp.Basic) or part in (sp.Integer(0), sp.Integer(1)):
                continue
            out.extend(part.args if isinstance(part, (sp.Add, sp.Mul)) and part not in
                       (statement.relation.atoms(type(part)) | correction.relation.atoms(type(part))) else [part])
    return tuple(dict.fromkeys(mine)), tuple(dict.fromkeys(theirs))


def difference(statement: Statement, correction: Statement) -> Difference:
    """The structural difference between ``statement`` and ``correction`` (both as written, their
    readings of the note's notation applied: :meth:`Statement.as_checked`)."""
    statement, correction = statement.as_checked(), correction.as_checked()
    leaves = _leaves(sp.Tuple(*_parts(statement)), sp.Tuple(*_parts(correction))) \
        if len(statement.where) == len(correction.where) else [(statement.relation, correction.relation, False)]
    classified = [_leaf_kind(*leaf) for leaf in leaves]
    kinds = [k for k, _ in classified]
    subs = {x: y for (x, y, _), k in zip(leaves, kinds) if k == "symbol"}
    hyp_a = {sp.sympify(h).xreplace(subs) for h in statement.assuming}
    hyp_b = {sp.sympify(h) for h in correction.assuming}
    changes = tuple(sorted({(sp.sstr(x), sp.sstr(y)) for x, y, _ in leaves}))
    shown = ", ".join(sorted(set(w for _, w in classified)))
    substitution = tuple(sorted((sp.sstr(x), sp.sstr(y)) for x, y in subs.items()))
    if hyp_a != hyp_b and "other" not in kinds:
        added = [sp.sstr(h) for h in sorted(hyp_b - hyp_a, key=sp.default_sort_key)]
        dropped = [sp.sstr(h) for h in sorted(hyp_a - hyp_b, key=sp.default_sort_key)]
        words = "; ".join(filter(None, [f"adds {', '.join(added)}" if added else "",
                                        f"drops {', '.join(dropped)}" if dropped else ""]))
        return Difference("hypothesis", f"the correction changes the hypotheses: {words}",
                          changes + tuple(("", h) for h in added) + tuple((h, "") for h in dropped), substitution)
    if not leaves:
        return Difference(None, "the correction is the statement as written")
    if "other" in kinds:
        return Difference("false", "the correction is not a small change of the statement ("
                          + ", ".join(sorted(w for k, w in classified if k == "other")) + ")", changes)
    for kind, words in (("rate", "changes an exponent, order or rate"), ("constant", "changes a number"),
                        ("symbol", "substitutes symbols")):
        if kind in kinds:
            return Difference(kind, f"the correction {words}: {shown}", changes, substitution)
    raise AssertionError(kinds)     # every leaf kind is handled above


# ---------------------------------------------------------------------------------------------
# the kind of one claim
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Kind:
    """A flagged claim's kind, whether the claim declared it, and why."""
    kind: str
    declared: bool
    why: str
    changes: tuple = ()           # the correction's changes (Difference.changes) when computed from them
    substitution: tuple = ()      # the symbol substitution among them

    def to_json(self) -> dict:
        """Every field, as :meth:`from_json` reads them back (:class:`Analysis`)."""
        return {"kind": self.kind, "declared": self.declared, "why": self.why,
                "changes": [list(c) for c in self.changes], "substitution": [list(c) for c in self.substitution]}

    @staticmethod
    def from_json(d: Mapping) -> "Kind":
        return Kind(d["kind"], d["declared"], d["why"], tuple(tuple(c) for c in d.get("changes", ())),
                    tuple(tuple(c) for c in d.get("substitution", ())))


def notation_findings(ev: Evaluation | None) -> list[dict]:
    """The well-formedness findings of an evaluation (those that make a kind ``notation``)."""
    if ev is None:
        return []
    return [f for c in ev.checks if c.kind == WELLFORMED for f in c.evidence.get("findings", ())
            if f.get("kind") in NOTATION_FINDINGS]


def _finding(ev: Evaluation, outcome: Outcome) -> str:
    return next((f"{c.check}: {c.summary}" for c in ev.checks if c.outcome == outcome), "")


def kind_of(claim: Claim, statement: Evaluation, correction: Evaluation | None = None) -> Kind | None:
    """The kind of ``claim``'s error from its statement's evaluation (and its correction's), or None
    when the statement is not refuted, gap or loose."""
    if statement.verdict not in FLAGGED:
        return None
    if claim.kind is not None:
        return Kind(claim.kind, True, claim.kind_why or "")
    if statement.verdict == Verdict.LOOSE:
        return Kind("loose", False, "the statement holds with room (a better constant or rate holds): "
                    + _finding(statement, Outcome.LOOSE))
    if statement.verdict == Verdict.GAP:
        return Kind("proof", False, "the written proof does not deliver the statement: " + _finding(statement, Outcome.GAP))
    written = notation_findings(statement)
    if written:
        fixed = {f["message"] for f in notation_findings(correction)}
        left = [f for f in written if f["message"] not in fixed]
        if left and claim.correction is not None:
            return Kind("notation", False, "the statement as written is ill-formed and its correction is not: "
                        + "; ".join(f"{f['kind']}: {f['message']}" for f in left))
    if claim.correction is None:
        return Kind("false", False, "no correction: the statement has no small fix")
    if correction is not None and correction.verdict in (Verdict.REFUTED, Verdict.ERROR):
        return Kind("false", False, f"the correction is {correction.verdict.value} too")
    d = difference(claim.statement, claim.correction.statement)
    if d.kind is None:
        return Kind("false", False, "the correction states the same relation (it differs in its checks only)")
    return Kind(d.kind, False, d.why, d.changes, d.substitution)


def marked(statement: Statement, correction: Statement) -> tuple[str, str] | None:
    """The LaTeX of the statement's and the correction's relations (readings applied) with the parts in
    which they differ marked (:func:`changed_parts`, :data:`verify.core.model.MARK`); None when no part
    is found, or when the relations cannot be compared (a rendering aid: never a reason to fail)."""
    try:
        mine, theirs = changed_parts(statement, correction)
        if not (mine or theirs):
            return None
        return latex(statement.as_checked().relation, mine), latex(correction.as_checked().relation, theirs)
    except Exception:
        return None


@dataclass(frozen=True)
class Analysis:
    """What the diagnosis and the reports derive from one claim and its two evaluations alone: the kind
    of its error (:func:`kind_of`) and its marked relations (:func:`marked`). The runner computes it where
    the claim ran (a worker, in parallel; the symbolic comparison of statement and correction is the
    costly part) and sends it with the evaluations; :func:`diagnose` and the report compute it themselves
    for a result that has none."""
    kind: Kind | None
    marked: tuple[str, str] | None

    @staticmethod
    def of(claim: Claim, statement: Evaluation, correction: Evaluation | None = None) -> "Analysis":
        return Analysis(kind_of(claim, statement, correction),
                        marked(claim.statement, claim.correction.statement) if claim.correction is not None else None)

    def to_json(self) -> dict:
        return {"kind": self.kind.to_json() if self.kind is not None else None,
                "marked": list(self.marked) if self.marked is not None else None}

    @staticmethod
    def from_json(d: Mapping) -> "Analysis":
        return Analysis(Kind.from_json(d["kind"]) if d["kind"] is not None else None,
                        tuple(d["marked"]) if d["marked"] is not None else None)


def analysis_of(result: ClaimResult) -> Analysis:
    """The result's :class:`Analysis`: the one sent with it, or computed now."""
    if result.analysis is not None:
        return result.analysis
    return Analysis.of(result.claim, result.statement, result.correction)


# ---------------------------------------------------------------------------------------------
# root causes
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RootCause:
    """One error and the flagged claims it affects (``claims[0]`` is where it is made, ``id``)."""
    id: str
    kind: str
    how: str                  # "declared" (because_of), "computed: same substitution ...", or "own" (one claim)
    claims: tuple

    def to_json(self) -> dict:
        return {"id": self.id, "kind": self.kind, "how": self.how, "claims": list(self.claims)}


def root_causes(claims: Sequence[Claim], kinds: Mapping[str, Kind]) -> tuple[list[RootCause], list[str]]:
    """The root causes of the flagged claims (those in ``kinds``), each once, in the claims' order, and
    the problems met (a ``because_of`` naming no claim, a cycle)."""
    by_id = {c.id: c for c in claims}
    problems: list[str] = []
    root: dict[str, str] = {}
    how: dict[str, str] = {}
    for c in claims:
        if c.id not in kinds:
            continue
        seen, cur = [c.id], c
        while cur.because_of is not None:
            nxt = by_id.get(cur.because_of)
            if nxt is None:
                problems.append(f"claim {cur.id}, field because_of: {cur.because_of!r} is not a claim id")
                break
            if nxt.id in seen:
                problems.append(f"claim {c.id}, field because_of: a cycle ({' -> '.join(seen + [nxt.id])})")
                break
            seen.append(nxt.id)
            cur = nxt
        root[c.id] = cur.id
        if cur.id != c.id:
            how[cur.id] = "declared"
            if cur.id not in kinds:
                problems.append(f"claim {c.id}, field because_of: {cur.id} is not flagged")
    # computed: corrections in one note that make the same changes, a symbol substitution among them
    groups: dict[tuple, list[str]] = {}
    for c in claims:
        k = kinds.get(c.id)
        if k is not None and root[c.id] == c.id and k.substitution and not k.declared:
            groups.setdefault((c.note, k.changes), []).append(c.id)
    for (_, changes), ids in groups.items():
        if len(ids) > 1:
            for i in ids[1:]:
                root[i] = ids[0]
            how[ids[0]] = "computed: the same correction " + ", ".join(f"{x} -> {y}" for x, y in changes)
    members: dict[str, list[str]] = {}
    for c in claims:
        if c.id in root:
            members.setdefault(root[c.id], []).append(c.id)
    out = []
    for r, ids in members.items():
        ids = [r] + [i for i in ids if i != r] if r in ids else ids
        kind = kinds[r].kind if r in kinds else kinds[ids[0]].kind
        out.append(RootCause(r, kind, how.get(r, "own"), tuple(ids)))
    return out, problems


# ---------------------------------------------------------------------------------------------
# proof status
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProofStatus:
    """The status of a claim's proof (its steps: ``depends_on``, transitively): ``complete``,
    ``unverified`` (a step is inconclusive) or ``broken`` (``broken_at``: (step, verdict, kind)); for a
    gap, what is known of the conclusion (``tested and holding``, ``tested and failing``, ``untested``),
    from its own checks and from the claims that test it (``tested_by``: (claim, verdict, result), the
    result ``holds``, ``fails`` or ``undecided``); and the whole in words."""
    status: str | None
    broken_at: tuple = ()
    unverified_at: tuple = ()
    conclusion: str | None = None
    words: str = ""
    tested_by: tuple = ()

    def to_json(self) -> dict:
        return {"status": self.status,
                "broken_at": [{"claim": s, "verdict": v, "kind": k} for s, v, k in self.broken_at],
                "unverified_at": list(self.unverified_at), "conclusion": self.conclusion, "words": self.words,
                "tested_by": [{"claim": s, "verdict": v, "result": r} for s, v, r in self.tested_by]}


def _steps(claim_id: str, by_id: Mapping[str, ClaimResult]) -> list[str]:
    """The claim's proof steps, transitively, each once, depth first in their declared order."""
    out: list[str] = []
    stack = list(reversed(by_id[claim_id].claim.depends_on)) if claim_id in by_id else []
    while stack:
        s = stack.pop()
        if s in out or s == claim_id:
            continue
        out.append(s)
        if s in by_id:
            stack.extend(reversed(by_id[s].claim.depends_on))
    return out


def _tested_by(ev: Evaluation) -> list:
    """The checks that test the conclusion itself (not a derivation of it, not a necessary condition)."""
    return [c for c in ev.checks if c.kind not in (SCALING, WELLFORMED) and c.outcome in (Outcome.HOLDS, Outcome.FAILS)
            and c.outcome != Outcome.GAP]


def _where(ev: Evaluation) -> str:
    names = [c.check for c in ev.checks if c.kind == NUMERIC and c.outcome == Outcome.HOLDS]
    return "; ".join(names) or "its checks"


# what a claim testing another's conclusion says of it, by its verdict (anything else: undecided)
TESTS_HOLD, TESTS_FAIL, TESTS_UNDECIDED = "holds", "fails", "undecided"
_TEST_RESULT = {Verdict.PROVED: TESTS_HOLD, Verdict.SUPPORTED: TESTS_HOLD, Verdict.LOOSE: TESTS_HOLD,
                Verdict.REFUTED: TESTS_FAIL}


def _tested_by_claims(result: ClaimResult, by_id: Mapping[str, ClaimResult]) -> tuple:
    """(claim, verdict, result) of each claim declared to test ``result``'s conclusion (``tested_by``)
    that is among the results."""
    return tuple((t, by_id[t].statement.verdict.value, _TEST_RESULT.get(by_id[t].statement.verdict, TESTS_UNDECIDED))
                 for t in result.claim.tested_by if t in by_id)


def _conclusion(own: str, others: tuple) -> str:
    """What is known of a conclusion from its own checks' ``own`` and the claims testing it."""
    results = {r for _, _, r in others}
    if own == FAILING or TESTS_FAIL in results:
        return FAILING
    return HOLDING if own == HOLDING or TESTS_HOLD in results else UNTESTED


def _conclusion_words(own: str, own_where: str, others: tuple) -> str:
    """"the conclusion is tested and holding (...)", "the conclusion is tested by X: holds (supported)"."""
    words = []
    if own != UNTESTED or not others:
        words.append(f"the conclusion is {own}" + (f" ({own_where})" if own == HOLDING else ""))
    if others:
        words.append(("it" if words else "the conclusion") + " is tested by "
                     + ", ".join(f"{t}: {r} ({v})" for t, v, r in others))
    return "; ".join(words)


def proof_status(claim_id: str, by_id: Mapping[str, ClaimResult], kinds: Mapping[str, Kind]) -> ProofStatus | None:
    """The proof status of ``claim_id`` among ``by_id`` (results by claim id), or None for a claim with
    no proof steps that is not a gap. A gap's conclusion is known from its own checks and from the claims
    that test it (``Claim.tested_by``): "the conclusion is tested by X: holds"."""
    result = by_id[claim_id]
    steps = _steps(claim_id, by_id)
    verdict = result.statement.verdict
    conclusion, own, others = None, UNTESTED, ()
    if verdict == Verdict.GAP:
        tested = _tested_by(result.statement)
        own = FAILING if any(c.outcome == Outcome.FAILS for c in tested) else (HOLDING if tested else UNTESTED)
        others = _tested_by_claims(result, by_id)
        conclusion = _conclusion(own, others)
    if not steps and conclusion is None:
        return None
    broken = tuple((s, by_id[s].statement.verdict.value, kinds[s].kind if s in kinds else None)
                   for s in steps if s in by_id and by_id[s].statement.verdict in BROKEN)
    unverified = tuple(s for s in steps if s not in by_id or by_id[s].statement.verdict == Verdict.INCONCLUSIVE)
    status = None if not steps else BROKEN_STATUS if broken else UNVERIFIED if unverified else COMPLETE
    at = ", ".join(f"{s} ({k or v})" for s, v, k in broken)
    words = []
    if status == BROKEN_STATUS:
        if verdict == Verdict.SUPPORTED:
            words.append(f"supported numerically at {_where(result.statement)}; the proof is broken at {at}")
        elif verdict == Verdict.PROVED:
            words.append(f"proved by its own derivation; the written proof is broken at {at}")
        else:
            words.append(f"{verdict.value}; the proof is broken at {at}")
    elif status == UNVERIFIED:
        words.append(f"{verdict.value}; the proof is unverified at {', '.join(unverified)} (inconclusive)")
    elif status == COMPLETE:
        words.append(f"{verdict.value}; the proof is complete ("
                     + (f"its {len(steps)} steps hold)" if len(steps) != 1 else "its step holds)"))
    if conclusion is not None:
        words.append(_conclusion_words(own, _where(result.statement), others))
    return ProofStatus(status, broken, unverified, conclusion, "; ".join(words), others)


# ---------------------------------------------------------------------------------------------
# everything, for a run's results
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ClaimDiagnosis:
    """One claim's kind (None when it holds), root cause (the root's claim id) and proof status."""
    id: str
    verdict: Verdict
    kind: Kind | None = None
    root_cause: str | None = None
    proof: ProofStatus | None = None

    @property
    def kind_declared(self) -> bool:
        return self.kind is not None and self.kind.declared

    @property
    def why(self) -> str:
        return self.kind.why if self.kind is not None else ""

    def to_json(self) -> dict:
        return {"id": self.id, "verdict": self.verdict.value,
                "kind": self.kind.kind if self.kind else None, "kind_declared": self.kind_declared,
                "why": self.why, "root_cause": self.root_cause,
                "proof": self.proof.to_json() if self.proof else None}


@dataclass
class Diagnosis:
    """Every claim's diagnosis (in the results' order), the root causes, and problems met."""
    claims: dict = field(default_factory=dict)            # id -> ClaimDiagnosis
    root_causes: list = field(default_factory=list)       # RootCause, each error once
    problems: list = field(default_factory=list)
    notes: dict = field(default_factory=dict)             # claim id -> note file

    def of_note(self, note: str) -> list[RootCause]:
        """The root causes whose claims lie in ``note``."""
        return [r for r in self.root_causes if any(self.notes.get(c) == note for c in r.claims)]

    def kind_counts(self) -> dict[str, int]:
        out = {k: 0 for k in KINDS}
        for d in self.claims.values():
            if d.kind is not None:
                out[d.kind.kind] += 1
        return {k: v for k, v in out.items() if v}

    def to_json(self) -> dict:
        return {"claims": {i: d.to_json() for i, d in self.claims.items()},
                "root_causes": [r.to_json() for r in self.root_causes],
                "kinds": self.kind_counts(), "problems": list(self.problems)}


def diagnose(results: Iterable[ClaimResult]) -> Diagnosis:
    """Kinds, root causes and proof statuses for a run's results."""
    results = list(results)
    by_id = {r.claim.id: r for r in results}
    kinds: dict[str, Kind] = {}
    for r in results:
        k = analysis_of(r).kind
        if k is not None:
            kinds[r.claim.id] = k
    causes, problems = root_causes([r.claim for r in results], kinds)
    root_of = {c: rc.id for rc in causes for c in rc.claims}
    claims = {r.claim.id: ClaimDiagnosis(r.claim.id, r.statement.verdict, kinds.get(r.claim.id),
                                         root_of.get(r.claim.id), proof_status(r.claim.id, by_id, kinds))
              for r in results}
    return Diagnosis(claims, causes, problems, {r.claim.id: r.claim.note for r in results})
