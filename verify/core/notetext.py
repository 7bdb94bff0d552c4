"""A note's text as structure: its headings, and where its formulas stand.

Displayed formulas (``$$...$$``) and the relations stated inline (``$...$``) in a theorem, lemma,
proposition or corollary, each with its section (from the headings) and its offset in the note. Plain
regular expressions: nothing here parses LaTeX (:mod:`verify.core.latex` does), so reading where a
note's formulas are is fast enough for every report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

# the math of a note's text: $$...$$ (over lines), then $...$ on one line; a \$ is a dollar sign
MATH = re.compile(r"(?<!\\)\$\$(.+?)(?<!\\)\$\$|(?<![\\$])\$([^$\n]+?)(?<!\\)\$", re.S)


def math_of(text: str) -> list[str]:
    """The LaTeX of each formula in a piece of the note's text (a claim's quote): its ``$$...$$`` and
    ``$...$`` parts; a text without dollars is LaTeX as a whole (an excerpt of a display)."""
    if "$" not in text:
        return [text]
    return [m.group(1) if m.group(1) is not None else m.group(2) for m in MATH.finditer(text)]


_HEADING_WORDS = r"(theorem|lemma|proposition|corollary|definition|proof|exercise|assumptions?|remark|notes?|" \
                 r"example|claim|setting|section|appendix)"
_THEOREM_LIKE = re.compile(r"^\W*(theorem|lemma|proposition|corollary)\b", re.I)
_INLINE_RELATION = re.compile(r"(?<![:\\])=|\\le\b|\\leq\b|\\ge\b|\\geq\b|<|>|\\lesssim|\\gtrsim|\\asymp|\\sim\b")


@dataclass
class Formula:
    """A formula of the note: where it stands and what the parser made of it."""
    kind: str                 # "display" or "inline"
    section: str
    start: int                # offset of the formula's text in the note
    text: str                 # the LaTeX between the dollars
    quote: str                # verbatim, as it stands in the note
    result: object = None     # DisplayResult
    steps: int = 0            # relations it states (0: none, or not parsed)

    @property
    def error(self):
        """The parser's error (a :class:`~verify.core.latex.parser.LatexError`), None when it parsed."""
        return self.result.error if self.result is not None else None


def sections(text: str) -> list[tuple[int, str]]:
    """(offset, title) of each heading: Markdown ``#`` lines, and short lines that open with Theorem,
    Lemma, Proof... or are written in capitals."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        s = line.strip()
        title = None
        if s.startswith("#"):
            title = s.lstrip("#").strip()
        elif s and "$" not in s and len(s) <= 80 and (
                re.match(_HEADING_WORDS + r"\b", s, re.I) and len(s.split()) <= 8 or
                (s.upper() == s and re.search(r"[A-Z]{3}", s))):
            title = s
        if title:
            out.append((pos, re.sub(r"[*_`]", "", title).strip()))
        pos += len(line)
    return out


def section_at(secs, offset: int) -> str:
    """The title of the section (of ``secs``, as :func:`sections` gives them) that ``offset`` lies in."""
    title = "Preamble"
    for pos, t in secs:
        if pos <= offset:
            title = t
    return title


def find_formulas(text: str) -> list[Formula]:
    """The note's displayed formulas, and its inline relations inside theorems, lemmas, propositions and
    corollaries, in order."""
    secs = sections(text)
    out = []
    spans = []
    for m in re.finditer(r"\$\$(.*?)\$\$", text, re.S):
        spans.append((m.start(), m.end()))
        out.append(Formula("display", section_at(secs, m.start()), m.start(1), m.group(1), m.group(1).strip()))
    in_display = lambda p: any(a <= p < b for a, b in spans)      # noqa: E731
    for m in re.finditer(r"(?<!\$)\$([^$\n]+?)\$(?!\$)", text):
        if in_display(m.start()):
            continue
        sec = section_at(secs, m.start())
        line_start = text.rfind("\n\n", 0, m.start())
        paragraph = text[line_start + 1:m.start()]
        if not (_THEOREM_LIKE.match(sec) or _THEOREM_LIKE.match(paragraph.strip())):
            continue
        body = m.group(1)
        if not _INLINE_RELATION.search(body) or ":=" in body:
            continue
        out.append(Formula("inline", sec, m.start(1), body, body.strip()))
    out.sort(key=lambda f: f.start)
    return out


def quote_spans(text: str, quotes: Iterable[str]) -> list[tuple[int, int] | None]:
    """Where each quote stands in ``text``, quotes in the note's order: its first occurrence at or after the
    previous quote's place (a passage the note repeats is found again further on), else its first
    occurrence anywhere; None for a quote not in the text, or empty."""
    out, position = [], 0
    for quote in quotes:
        at = text.find(quote, position) if quote.strip() else -1
        if at < 0 and quote.strip():
            at = text.find(quote)
        if at < 0:
            out.append(None)
            continue
        out.append((at, at + len(quote)))
        position = at
    return out
