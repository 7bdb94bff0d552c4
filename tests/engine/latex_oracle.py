r"""The parse oracle: what the LaTeX front end makes of every displayed formula and inline relation of the
notes (``notes/*.txt``, as :func:`verify.core.notetext.find_formulas` lists them), recorded as ``sympy.srepr``
strings in ``data/latex_oracle.json``. ``tests/engine/test_latex.py`` parses them again and compares, so that
a change made for speed (caches, parser settings, grammar priorities) cannot change a result unnoticed.

Regenerate (only when a result is meant to change, and review the diff)::

    python -m tests.engine.latex_oracle [NOTE ...]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ORACLE = Path(__file__).resolve().parent / "data" / "latex_oracle.json"


def _srepr(x):
    import sympy as sp
    return None if x is None else sp.srepr(x)


def record(text: str) -> dict:
    """What ``parse_display(text)`` gives, as JSON data: the error's position, token and reason, or each
    formula's relations, expression, hypotheses, bound variables, definitions, continuation and tag."""
    from verify.core.latex.display import parse_display
    r = parse_display(text)
    if r.error is not None:
        e = r.error
        return {"error": [e.position, e.token, e.reason]}
    return {"formulas": [{"relations": [_srepr(x) for x in p.relations], "expression": _srepr(p.expression),
                          "hypotheses": [_srepr(x) for x in p.hypotheses], "bound": [_srepr(x) for x in p.bound],
                          "definitions": [_srepr(x) for x in p.definitions], "continues": p.continues,
                          "tag": p.tag} for p in r.formulas],
            "remarks": list(r.remarks)}


def formulas(note: Path) -> list[tuple[str, str]]:
    """(kind, text) of each formula of a note."""
    from verify.core.notetext import find_formulas
    return [(f.kind, f.text) for f in find_formulas(note.read_text(encoding="utf-8"))]


def main(argv: list[str]) -> int:
    from tests.helpers import SEEDS
    notes = [Path(a) for a in argv] or sorted(SEEDS.glob("*.txt"))
    data = json.loads(ORACLE.read_text(encoding="utf-8")) if ORACLE.exists() else {}
    for note in notes:
        data[note.name] = [{"kind": kind, "text": text, "result": record(text)} for kind, text in formulas(note)]
        print(f"{note.name}: {len(data[note.name])} formulas", file=sys.stderr)
    ORACLE.parent.mkdir(parents=True, exist_ok=True)
    ORACLE.write_text(json.dumps(dict(sorted(data.items())), indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
