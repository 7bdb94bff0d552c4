r"""``python -m verify extract NOTE.md [--output MODULE.py] [--prefix PREFIX] [--stats]``: a draft claims plugin
for a new note, and the parse rate of its displayed formulas.

The draft has one claim per displayed formula (``$$...$$``; a chain ``A = B \le C`` gives one claim per
step) and per relation stated inline (``$...$``) in a theorem, lemma, proposition or corollary, each
with its id, its section (from the headings), a verbatim quote, and its statement parsed from the
note's own LaTeX, its quote, when the draft is imported (``Statement.from_quote``): the LaTeX is written once.
A formula that does not parse becomes a TODO comment carrying the parser's message. The symbols are
declared once, with guessed assumptions to review, and a scaling table is left to fill in. Each
statement gets the checks that need no hand-written code: ``Identity`` for an equation, ``Inequality``
for an inequality, and the runner's own scaling and well-formedness analyses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import sympy as sp

from .core.latex.display import parse_display
from .core.latex.parser import parse_formula, tree_cache
from .core.notetext import Formula, find_formulas, sections  # noqa: F401 (sections: part of extract's API)


@dataclass
class Draft:
    note: str
    prefix: str
    formulas: list = field(default_factory=list)

    @property
    def displays(self) -> list:
        return [f for f in self.formulas if f.kind == "display"]

    def parse_rate(self) -> tuple[int, int]:
        """(displayed formulas that parse, displayed formulas)."""
        d = self.displays
        return sum(1 for f in d if f.result.ok), len(d)


def _slug(text: str, limit: int = 24) -> str:
    s = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    s = s[:limit].strip("_")
    return s or "section"


def default_prefix(note: Path) -> str:
    stem = re.sub(r"[^a-z0-9]+", "_", note.stem.lower()).strip("_")
    return stem if stem and stem[0].isalpha() else f"note_{stem}"


def parse_cache_folder() -> Path:
    """Where ``extract`` keeps parse trees: ``latex/`` of the cache folder (``~/.cache/verify`` or
    ``$VERIFY_CACHE_DIR``)."""
    from .run.cache import default_folder
    return default_folder() / "latex"


def extract(note: str | Path, prefix: str | None = None, cache: bool | str | Path = True) -> Draft:
    """Every formula of the note, parsed (no symbols declared: the draft's declarations come from here).
    ``cache``: the parse trees are kept in :func:`parse_cache_folder` (True), in that folder (a path), or
    not kept (False); a tree is keyed by the formula's text and the grammar's digest, so a second run on
    the same note reads its trees instead of parsing again."""
    note = Path(note)
    text = note.read_text(encoding="utf-8")
    draft = Draft(note.name, prefix or default_prefix(note))
    folder = parse_cache_folder() if cache is True else (Path(cache) if cache else None)
    with tree_cache(folder):
        for f in find_formulas(text):
            f.result = parse_display(f.text)
            f.steps = sum(len(p.relations) for p in f.result.formulas) if f.result.error is None else 0
            draft.formulas.append(f)
    return draft


# ---------------------------------------------------------------------------------------------
# the draft module
# ---------------------------------------------------------------------------------------------

_POSITIVE = {"alpha", "beta", "gamma", "eta", "kappa", "lambda", "mu", "nu", "tau", "epsilon", "delta", "rho",
             "sigma", "C", "L", "M", "R", "G"}
_COUNTS = {"n", "m", "d", "k", "N", "p", "D", "K"}
_TIMES = {"t", "s", "T"}


def guess_assumptions(name: str) -> dict:
    """Assumptions for a symbol the note names (to review): counts positive integers, times
    nonnegative, Greek constants and the usual constants positive, everything else real."""
    base = name.split("_")[0]
    base = re.sub(r"(hat|bar|tilde|dot|bold|cal|prime|vec)+$", "", base)
    if name in _COUNTS:
        return {"positive": True, "integer": True}
    if name in _TIMES:
        return {"nonnegative": True}
    if base in _POSITIVE or name in ("sigma_min", "lambda_min", "lambda_0"):
        return {"positive": True}
    return {"real": True}


def _symbols_of(draft: Draft) -> tuple[list[str], list[str]]:
    names, funcs = {}, {}
    for f in draft.formulas:
        if f.result.error is not None:
            continue
        for p in f.result.formulas:
            objs = list(p.relations) + ([p.expression] if p.expression is not None else []) + list(p.hypotheses)
            for o in objs:
                if not isinstance(o, sp.Basic):
                    continue
                for s in o.atoms(sp.Symbol):
                    if s.name not in (r"\dots", r"\vdots", r"\cdot", "*"):
                        names[s.name] = None
                for a in o.atoms(sp.core.function.AppliedUndef):
                    funcs[type(a).__name__] = None
    for fn in funcs:
        names.pop(fn, None)
    return sorted(names), sorted(funcs)



def _raw(text: str) -> str:
    """A Python literal of ``text``: a raw string where one can hold it (LaTeX reads as written)."""
    if '"' not in text and not text.endswith("\\") and "\n" not in text:
        return 'r"%s"' % text
    return repr(text)


def _checks_for(relation) -> str:
    from .core.latex.functions import unevaluated
    from .core.notation import Prob
    hard = unevaluated(relation) + (["Prob"] if isinstance(relation, sp.Basic) and relation.has(Prob) else [])
    if hard:
        why = f"TODO: {', '.join(hard)} cannot be evaluated without code; add a check (Simulation, MonteCarlo)"
        return f"(Untestable({why!r}),)"
    if isinstance(relation, sp.Equality):
        return "(Identity(),)"
    if isinstance(relation, (sp.StrictLessThan, sp.LessThan, sp.StrictGreaterThan, sp.GreaterThan)):
        return "(Inequality(),)"
    what = type(relation).__name__
    return f"(Untestable({('TODO: no check runs on a ' + what + ' without code; add one').__repr__()}),)"


def _comment(text: str, width: int = 100) -> list[str]:
    words = text.replace("\n", " ").split()
    lines, cur = [], "#"
    for w in words:
        if len(cur) + len(w) + 1 > width:
            lines.append(cur)
            cur = "#"
        cur += " " + w
    lines.append(cur)
    return lines


def render(draft: Draft) -> str:
    """The draft plugin module's source."""
    names, funcs = _symbols_of(draft)
    lines = [f'"""Claims of {draft.note}: a draft written by `python -m verify extract`. Review the symbols\' '
             'assumptions,',
             "fill in the scaling table, and add the checks that need code (simulations, probabilities).",
             "",
             f"Run it with: python -m verify run '{draft.prefix}.*' --plugin THIS_FILE",
             '"""',
             "from __future__ import annotations",
             "",
             "import sympy as sp",
             "",
             "from verify import Claim, Source, Statement",
             "from verify.checks import Identity, Inequality, Untestable",
             "from verify.scaling import Scaling",
             "",
             f"NOTE = {draft.note!r}",
             "",
             "# symbols, declared once (assumptions guessed from the name: review them); the formulas' names resolve",
             "# to these",
             "SYMBOLS = {"]
    for n in names:
        a = guess_assumptions(n)
        args = ", ".join(f"{k}=True" for k in a)
        lines.append(f"    {n!r}: sp.Symbol({n!r}, {args}),")
    for fn in funcs:
        lines.append(f"    {fn!r}: sp.Function({fn!r}),")
    lines += ["}", "",
              "# the scaling table to fill in: each scale of the setting, and the dimension of each symbol in them",
              "# (a symbol left out is reported undeclared by the scaling analysis, never guessed)",
              'S = sp.Symbol("S", positive=True)',
              "SCALING = Scaling(",
              '    scales={S: "TODO: what S rescales"},',
              "    dims={"]
    for n in names:
        lines.append(f"        # {n!r}: S,")
    lines += ["    },", ")", "", "",
              "# each statement is its quote, parsed when the claim is built (Statement.from_quote): the LaTeX is",
              "# written once; step=k picks the k-th step of a chain",
              "CLAIMS = []", ""]
    counters: dict = {}
    for f in draft.formulas:
        sec = _slug(f.section)
        counters[sec] = counters.get(sec, 0) + 1
        base_id = f"{draft.prefix}.{sec}.{'eq' if f.kind == 'display' else 'inline'}{counters[sec]}"
        quote = f.quote
        src = f"Source(NOTE, {f.section!r}, {_raw(quote)})"
        latex_text = f.text.strip()
        lines.append(f"# {f.kind} formula in {f.section!r}")
        if f.error is not None:
            lines += _comment(f"TODO: does not parse ({f.error}); write the statement with SymPy:")
            lines.append(f"# CLAIMS.append(Claim(id={base_id!r}, title='TODO', source={src}, statement=..., checks=()))")
            lines.append("")
            continue
        relations = [r for p in f.result.formulas for r in p.relations]
        if not relations:
            what = "continues the previous display" if any(p.continues for p in f.result.formulas) else \
                "states no relation (an expression or a definition by layout)"
            lines += _comment(f"TODO: {base_id} {what}: {latex_text[:80]}")
            lines.append("")
            continue
        if len(f.result.formulas) > 1:
            lines += _comment(f"TODO: {base_id} holds {len(f.result.formulas)} formulas; the draft keeps the first")
            relations = list(f.result.formulas[0].relations)
        for k, rel in enumerate(relations):
            cid = base_id if len(relations) == 1 else f"{base_id}_{k + 1}"
            step = "None" if len(relations) == 1 else str(k)
            title = f"{f.section}: {' '.join(latex_text.split())[:60]}"
            lines.append(f"CLAIMS.append(Claim(id={cid!r}, title={_raw(title)},")
            lines.append(f"                    source={src},")
            lines.append(f"                    statement=Statement.from_quote(SYMBOLS, step={step}),")
            lines.append(f"                    checks={_checks_for(rel)}))")
        lines.append("")
    return "\n".join(lines) + "\n"


def stats_line(draft: Draft) -> str:
    ok, total = draft.parse_rate()
    rate = 100.0 * ok / total if total else 0.0
    inline = [f for f in draft.formulas if f.kind == "inline"]
    inline_ok = sum(1 for f in inline if f.result.ok)
    return (f"{draft.note}: {ok}/{total} displayed formulas parse ({rate:.0f}%); "
            f"{inline_ok}/{len(inline)} inline relations in theorems and lemmas")


def first_errors(draft: Draft, limit: int = 10) -> list[str]:
    out = []
    for f in draft.displays:
        if f.error is not None and len(out) < limit:
            out.append(f"  {f.section}: {f.error}")
    return out


__all__ = ["Draft", "Formula", "extract", "render", "stats_line", "find_formulas", "sections", "parse_formula"]
