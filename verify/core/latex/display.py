r"""A displayed formula's layout taken off before parsing: environments (``aligned``, ``split``), alignment
marks ``&``, ``\tag{...}`` and equation numbers, closing punctuation and ``\blacksquare``, remarks
(``\quad \text{since ...}``), and the separators between a formula and its conditions (``\quad t \ge 0``,
``\quad \forall x \in S``, ``\text{ s.t. }``) or between two formulas (``\quad\text{and}\quad``).

Layout is blanked with spaces, never deleted, so a position in a piece is a position in the display:
parse errors point into the note's own text. Lines joined by ``\\`` form one chain when the next line opens
with a relation (``&\le ...``), and separate formulas otherwise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .parser import LatexError, parse_formula

_ENV = re.compile(r"\\(begin|end)\{(aligned|align\*?|split|gathered|gather\*?|equation\*?|eqnarray\*?)\}")
_TAG = re.compile(r"\\tag\*?\{([^{}]*)\}")
_END_NUMBER = re.compile(r"(\\q?quad\s*)?\((\d+(\.\d+)*|[+*]|[A-Za-z]?\d*)\)\s*[.,;]?\s*$")
_TRAILING = re.compile(r"(\s|\\blacksquare|\\square|\\qed|\\Box|[.,;]|\\[,;:!]|\\q?quad)+$")
_LEADING = re.compile(r"^(\s|\\therefore|\\text\{\s*(where|Then,?|then,?|and|so|hence)\s*\}|\\q?quad)+")
_RELATION_START = re.compile(r"\s*(&\s*)?(=|<|>|\\le|\\ge|\\leq|\\geq|\\lesssim|\\gtrsim|\\approx|\\sim|\\ne|\\neq|"
                             r"\\to|\\rightarrow|\\xrightarrow|\\stackrel|\\overset|\\Rightarrow|\\implies|\\asymp|"
                             r"\\leqslant|\\geqslant|\+|-)")
# a formula's leading quantifiers before \quad (\forall t \in R_+, \quad L(t) \le ...): part of the formula
# (only \forall over a domain written with \in: an \exists, or a bound such as t \ge 0, is not a hypothesis)
_LEADING_QUANTIFIER = re.compile(r"\s*\\forall(?![A-Za-z])(?:(?!\\(?:le|ge|leq|geq|lt|gt|ne|neq)(?![A-Za-z]))[^=<>])*?"
                                 r"\\in(?![A-Za-z])[^=<>]*,\s*$")
_SEPARATOR = re.compile(r"\\q?quad|\\text\{\s*(s\.t\.|and|for|where|since|if|as)\s*\}|\\text\{[^{}]*\}(?!\s*\()|\\begin\{array\}")


@dataclass
class Piece:
    """A part of a display: ``role`` is "formula", "condition" (a hypothesis of the formula before it),
    "constraint" (after ``s.t.``) or "remark" (prose, not parsed)."""
    role: str
    start: int
    text: str


@dataclass
class DisplayResult:
    """What a display parses to: its formulas (:class:`Parsed`, with the conditions that follow each in
    its hypotheses), or the first error."""
    text: str
    formulas: list = field(default_factory=list)
    error: LatexError | None = None
    tag: str | None = None
    remarks: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.formulas)


def _blank(s: str, a: int, b: int) -> str:
    return s[:a] + " " * (b - a) + s[b:]


def _depth_zero(s: str, pos: int) -> bool:
    depth = 0
    for ch in s[:pos]:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
    return depth == 0


def lines(display: str) -> tuple[str, str | None]:
    """The display with its environments, alignment marks, tag and chain-continuing line breaks blanked;
    line breaks between separate formulas become newlines. Returns (text, tag)."""
    s = display
    tag = None
    m = _TAG.search(s)
    if m:
        tag = m.group(1)
        s = _blank(s, m.start(), m.end())
    for m in _ENV.finditer(s):
        s = _blank(s, m.start(), m.end())
    # \begin{array}...\end{array} at depth zero after \quad: a remark
    s = re.sub(r"&", " ", s)
    out = []
    i = 0
    for m in re.finditer(r"\\\\", s):
        before = s[:m.start()]
        if not _depth_zero(s, m.start()) or before.count("\\begin") > before.count("\\end"):
            continue
        out.append((i, m.start()))
        i = m.end()
    out.append((i, len(s)))
    text = list(s)
    for k, (a, b) in enumerate(out[:-1]):
        nxt = s[out[k + 1][0]:out[k + 1][1]]
        joiner = " " if _RELATION_START.match(nxt) else "\n"
        text[b] = joiner
        text[b + 1] = " "
    return "".join(text), tag


def pieces(line: str, start: int) -> list[Piece]:
    """A line split at its top-level separators into formula, condition, constraint and remark pieces."""
    found = []
    for m in _SEPARATOR.finditer(line):
        if _depth_zero(line, m.start()):
            found.append(m)
    out: list[Piece] = []
    role = "formula"
    pos = 0
    for m in found:
        if not out and role == "formula" and m.group().startswith("\\q") and _LEADING_QUANTIFIER.fullmatch(line[pos:m.start()]):
            # the quantifiers bind the formula that follows: its hypotheses, as when they follow it
            out.append(Piece("condition", start + pos, line[pos:m.start()]))
            pos = m.end()
            continue
        out.append(Piece(role, start + pos, line[pos:m.start()]))
        word = m.group(1) or ""
        tok = m.group()
        if tok.startswith("\\begin{array}"):
            end = line.find("\\end{array}", m.end())
            end = len(line) if end < 0 else end + len("\\end{array}")
            out.append(Piece("remark", start + m.start(), line[m.start():end]))
            pos = end
            role = "condition"
            continue
        if word == "s.t.":
            role = "constraint"
        elif word == "and":
            role = "formula"
        elif word in ("for", "if", "as"):
            role = "condition"
        elif tok.startswith("\\text"):
            out.append(Piece("remark", start + m.start(), tok))
            role = "remark-tail" if word in ("since", "where") else "condition"
        else:
            role = "condition"
        pos = m.end()
    out.append(Piece(role, start + pos, line[pos:]))
    cleaned = []
    for p in out:
        text = p.text
        lead = _LEADING.match(text)
        if lead:
            text = " " * lead.end() + text[lead.end():]
        trail = _TRAILING.search(text)
        if trail:
            text = text[:trail.start()] + " " * (len(text) - trail.start())
        num = _END_NUMBER.search(text)
        if num and p.role != "formula" or (num and num.start() > 0 and re.search(r"\\q?quad", num.group() or "")):
            text = text[:num.start()] + " " * (len(text) - num.start())
        if not text.strip() or re.fullmatch(r"\s*\(\s*[\w.+*]*\s*\)\s*", text):
            continue
        role = "remark" if p.role == "remark-tail" else p.role
        cleaned.append(Piece(role, p.start, text))
    return cleaned


def split_display(display: str) -> tuple[list[list[Piece]], str | None]:
    """The formulas of a display, each as its list of pieces (the formula first), and its tag."""
    text, tag = lines(display)
    groups = []
    offset = 0
    for line in text.split("\n"):
        ps = pieces(line, offset)
        offset += len(line) + 1
        current: list[Piece] = []
        for p in ps:
            if p.role == "formula" and current and any(q.role == "formula" for q in current):
                groups.append(current)
                current = []
            current.append(p)
        if current:
            groups.append(current)
    # conditions without a formula before them (a display that is only "t \ge 0") are formulas
    for g in groups:
        if not any(p.role == "formula" for p in g):
            first = next((p for p in g if p.role != "remark"), None)
            if first is not None:
                first.role = "formula"
    return [g for g in groups if any(p.role == "formula" for p in g)], tag


def parse_display(display: str, symbols=None) -> DisplayResult:
    """Every formula of a display with its conditions, or the first :class:`LatexError` (its position an
    offset in ``display``)."""
    groups, tag = split_display(display)
    result = DisplayResult(display, tag=tag)
    try:
        for g in groups:
            main = None
            extra_hyp, extra_bound, constraints = [], [], []
            for p in g:
                if p.role == "remark":
                    result.remarks.append(p.text.strip())
                    continue
                parsed = parse_formula(" " * p.start + p.text, symbols, source=display)
                if p.role == "formula" and main is None:
                    main = parsed
                    continue
                extra_bound.extend(parsed.bound)
                extra_hyp.extend(parsed.hypotheses)
                (constraints if p.role == "constraint" else extra_hyp).extend(parsed.relations or ())
            if main is None:
                continue
            from dataclasses import replace
            main, constraints = _constrain(main, constraints)
            extra_hyp.extend(constraints)
            main = replace(main, text=display, hypotheses=main.hypotheses + tuple(extra_hyp),
                           bound=main.bound + tuple(extra_bound), tag=tag)
            result.formulas.append(main)
    except LatexError as e:
        result.error = e
    if not groups and result.error is None:
        result.error = LatexError(display, 0, display.strip()[:20], "no formula in the display")
    return result


def _constrain(main, constraints):
    r"""``\operatorname{argmin}_\beta Q(\beta) \text{ s.t. } X\beta = y``: the constraint is the argmin's,
    when the formula has exactly one optimum (min, max, sup, inf, argmin, argmax) and the constraint
    involves what it optimises over; otherwise (no optimum, several: which one is not written, or a
    constraint on other symbols) it stays a hypothesis of the formula. Returns (formula, the
    constraints left as hypotheses)."""
    if not constraints:
        return main, constraints
    from dataclasses import replace

    import sympy as sp

    from .functions import ArgmaxOver, ArgminOver, InfOver, MaxOver, MinOver, SupOver
    kinds = (MinOver, MaxOver, SupOver, InfOver, ArgminOver, ArgmaxOver)
    parts = [x for x in (*main.relations, main.expression) if isinstance(x, sp.Basic)]
    optima = {a for x in parts for a in sp.preorder_traversal(x) if isinstance(a, kinds)}
    if len(optima) != 1:
        return main, constraints
    (opt,) = optima
    variables = set().union(*(sp.sympify(c).free_symbols for c in opt.args[1:]))     # what it optimises over
    mine = [c for c in constraints if sp.sympify(c).free_symbols & variables]
    if not mine:
        return main, constraints
    new = opt.func(*opt.args, *mine)
    swap = {opt: new}

    def put(x):
        return x.xreplace(swap) if isinstance(x, sp.Basic) else x
    return replace(main, relations=tuple(put(r) for r in main.relations), expression=put(main.expression),
                   definitions=tuple(put(d) for d in main.definitions)), [c for c in constraints if c not in mine]
