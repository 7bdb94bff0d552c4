"""The coverage ledger of a note: every assertion of the note mapped to the claims that encode it, or to the
reason it is not one, and every claim's review against its quote.

A claims plugin keeps its ledger beside its code (``coverage.toml`` in a claims package's folder,
``NAME.coverage.toml`` beside a module ``NAME.py``)::

    [[assertion]]
    quote = "Moreover, f is μ -sc. and ν -smooth."     # verbatim: a substring of the note
    claims = ["lazy.setting.sc_smooth"]                # the claims that encode it
    # or, instead of claims:
    # reason = "assumption"                            # one of REASONS
    # why = "a hypothesis of the setting, checked only through the claims that use it"

    [[review]]
    claim = "lazy.lemma3.spectral"
    outcome = "repaired"                               # faithful | repaired | differs
    how = "the note's 1/n was encoded as 1/m; the statement keeps 1/n, the correction normalises by m"

:func:`note_coverage` lays the ledger over the note's text. The note's *units* are its displayed formulas
and the relations it states inline in theorem-like paragraphs (found in the text, :mod:`.notetext`), and
the prose assertions the ledger lists by hand. A formula is accounted for when a claim's quote or a ledger
entry's quote overlaps it; a prose assertion is accounted for by its entry. Claims whose quotes stand in
prose are units too. Everything else the ledger says (a quote not in the note, an unknown claim id, a claim
without its review) is a *problem*, named with the ledger's file, the entry and the field.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

from .notetext import find_formulas, quote_spans, section_at, sections

LEDGER_FILE = "coverage.toml"
REASONS = {
    "definition": "defines a symbol or an object",
    "notation": "notation",
    "assumption": "a hypothesis the note posits, checked through the claims that use it",
    "citation": "a cited result with nothing checkable here beyond what other claims encode",
    "untestable": "no computation here can test it",
    "repeat": "restates an assertion already claimed",
    "not-an-assertion": "asserts nothing (an expression introduced, a heading, a question)",
}
OUTCOMES = {
    "faithful": "the statement says what the quote says",
    "repaired": "the review moved a repair of the note into the correction",
    "differs": "the statement differs from the quote, as said",
}


class LedgerError(ValueError):
    """A ledger that cannot be read at all (not TOML, not a table of entries)."""


@dataclass(frozen=True)
class Assertion:
    """One assertion of the note, by verbatim quote: the claims encoding it, or why there is none."""
    quote: str
    claims: tuple[str, ...] = ()
    reason: str | None = None
    why: str = ""


@dataclass(frozen=True)
class Review:
    """The outcome of reading one claim's statement against its quote."""
    claim: str
    outcome: str
    how: str = ""


@dataclass(frozen=True)
class Ledger:
    """A note's ledger as read, with the problems found in its entries (named by file, entry and field)."""
    source: str
    assertions: tuple[Assertion, ...] = ()
    reviews: tuple[Review, ...] = ()
    problems: tuple[str, ...] = ()


def ledger_path(module_file: str | Path) -> Path:
    """Where the ledger of a plugin module (or package ``__init__.py``) stands."""
    path = Path(module_file)
    if path.name == "__init__.py":
        return path.parent / LEDGER_FILE
    return path.with_name(f"{path.stem}.{LEDGER_FILE}")


def read_ledger(path: str | Path) -> Ledger | None:
    """The ledger at ``path`` (None when there is none). Raises :class:`LedgerError` for a file that is not
    a TOML table of ``assertion`` and ``review`` entries."""
    path = Path(path)
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LedgerError(f"{path}: cannot be read as TOML: {exc}") from None
    return parse_ledger(data, str(path))


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def parse_ledger(data: Mapping, source: str) -> Ledger:
    """A ledger from its TOML data; every bad entry is a problem naming ``source``, the entry and its field."""
    if not isinstance(data, Mapping):
        raise LedgerError(f"{source}: not a table")
    unknown = sorted(set(data) - {"assertion", "review"})
    problems = [f"{source}: unknown table {k!r} (a ledger has [[assertion]] and [[review]] entries)" for k in unknown]
    assertions, reviews = [], []
    for i, entry in enumerate(_entries(data, "assertion", source, problems), 1):
        where = f"{source}, assertion {i}"
        quote = entry.get("quote")
        if not isinstance(quote, str) or not quote.strip():
            problems.append(f"{where}, field quote: a verbatim quote of the note is required")
            continue
        where = f"{where} ({_short(quote)})"
        claims = entry.get("claims", [])
        if isinstance(claims, str):
            claims = [claims]
        if not isinstance(claims, list) or not all(isinstance(c, str) and c for c in claims):
            problems.append(f"{where}, field claims: a list of claim ids")
            claims = []
        reason, why = entry.get("reason"), _text(entry.get("why")) or ""
        if reason is not None and reason not in REASONS:
            problems.append(f"{where}, field reason: {reason!r} is not one of {', '.join(REASONS)}")
            reason = None
        elif reason is not None and not why:
            problems.append(f"{where}, field why: a reason needs its why")
        if not claims and reason is None and not any(p.startswith(where) for p in problems):
            problems.append(f"{where}: neither claims nor a reason")
        extra = sorted(set(entry) - {"quote", "claims", "reason", "why"})
        problems += [f"{where}, field {k}: unknown field" for k in extra]
        assertions.append(Assertion(quote, tuple(claims), reason, why))
    for i, entry in enumerate(_entries(data, "review", source, problems), 1):
        where = f"{source}, review {i}"
        claim, outcome, how = entry.get("claim"), entry.get("outcome"), _text(entry.get("how")) or ""
        if not isinstance(claim, str) or not claim:
            problems.append(f"{where}, field claim: the claim id is required")
            continue
        where = f"{where} ({claim})"
        if outcome not in OUTCOMES:
            problems.append(f"{where}, field outcome: {outcome!r} is not one of {', '.join(OUTCOMES)}")
            continue
        if outcome != "faithful" and not how:
            problems.append(f"{where}, field how: outcome {outcome} needs how the statement differs")
        extra = sorted(set(entry) - {"claim", "outcome", "how"})
        problems += [f"{where}, field {k}: unknown field" for k in extra]
        reviews.append(Review(claim, outcome, how))
    return Ledger(source, tuple(assertions), tuple(reviews), tuple(problems))


def _entries(data: Mapping, key: str, source: str, problems: list) -> list[Mapping]:
    entries = data.get(key, [])
    if not isinstance(entries, list):
        problems.append(f"{source}: {key} must be an array of tables ([[{key}]])")
        return []
    good = [e for e in entries if isinstance(e, Mapping)]
    if len(good) < len(entries):
        problems.append(f"{source}: every {key} entry must be a table")
    return good


def _short(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


# ---------------------------------------------------------------------------------------------
# the ledger over the note
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Unit:
    """One thing of the note that must be accounted for: a displayed formula, an inline relation of a
    theorem-like paragraph, or a prose assertion (listed in the ledger, or a claim's quote in prose)."""
    kind: str                       # "display", "inline" or "prose"
    start: int                      # offset in the note
    end: int
    section: str
    text: str                       # verbatim
    claims: tuple[str, ...] = ()    # the claims whose quotes (or whose ledger entries) cover it
    reason: str | None = None
    why: str = ""

    @property
    def accounted(self) -> bool:
        return bool(self.claims) or self.reason is not None

    def to_json(self) -> dict:
        out = {"kind": self.kind, "start": self.start, "end": self.end, "section": self.section, "text": self.text,
               "claims": list(self.claims)}
        if self.reason is not None:
            out.update(reason=self.reason, why=self.why)
        return out


@dataclass(frozen=True)
class NoteCoverage:
    """A note's units and how each is accounted for, the reviews of its claims, and the ledger's problems."""
    note: str
    plugin: str
    ledger: str | None                          # the ledger file, None when the plugin has none
    units: tuple[Unit, ...]
    claims: tuple[str, ...]                     # the note's claims, in order
    reviews: Mapping[str, Review] = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    @property
    def unaccounted(self) -> list[Unit]:
        return [u for u in self.units if not u.accounted]

    @property
    def unreviewed(self) -> list[str]:
        return [c for c in self.claims if c not in self.reviews]

    @property
    def complete(self) -> bool:
        """Nothing unaccounted, every claim reviewed, no problem in the ledger."""
        return not (self.unaccounted or self.unreviewed or self.problems)

    def count(self, kind: str) -> int:
        return sum(u.kind == kind for u in self.units)

    def outcomes(self) -> dict[str, int]:
        return {o: sum(r.outcome == o for r in self.reviews.values()) for o in OUTCOMES}

    def reasons(self) -> dict[str, int]:
        return {r: sum(u.reason == r and not u.claims for u in self.units) for r in REASONS}

    def to_json(self) -> dict:
        return {"note": self.note, "plugin": self.plugin, "ledger": self.ledger, "complete": self.complete,
                "counts": {"display": self.count("display"), "inline": self.count("inline"),
                           "prose": self.count("prose"), "to_claims": sum(bool(u.claims) for u in self.units),
                           "reasons": self.reasons(), "unaccounted": len(self.unaccounted),
                           "claims": len(self.claims), "reviews": self.outcomes(), "unreviewed": len(self.unreviewed)},
                "problems": list(self.problems), "units": [u.to_json() for u in self.units],
                "reviews": [{"claim": c, "outcome": r.outcome, **({"how": r.how} if r.how else {})}
                            for c, r in ((c, self.reviews[c]) for c in self.claims if c in self.reviews)]}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def note_coverage(note: str, text: str, claims: Sequence[tuple[str, str]], ledger: Ledger | None,
                  plugin: str = "") -> NoteCoverage:
    """Lay ``ledger`` over the note's ``text``: ``claims`` are the note's (id, verbatim quote) in order."""
    problems = list(ledger.problems) if ledger else []
    source = ledger.source if ledger else None
    ids = [c for c, _ in claims]
    known = set(ids)
    claim_spans = quote_spans(text, [q for _, q in claims])
    assertions = ledger.assertions if ledger else ()
    entry_spans = quote_spans(text, [a.quote for a in assertions])
    for a, span in zip(assertions, entry_spans):
        if span is None:
            problems.append(f"{source}: assertion {_short(a.quote)}, field quote: not found verbatim in {note}")
        for c in a.claims:
            if c not in known:
                problems.append(f"{source}: assertion {_short(a.quote)}, field claims: no claim {c!r} in {plugin or note}")
    for (c, q), span in zip(claims, claim_spans):
        if span is None:
            problems.append(f"claim {c}: its quote is not in {note}: {_short(q)}")

    heads = sections(text)
    units: list[Unit] = []
    covered_entries: set[int] = set()
    covered_claims: set[int] = set()
    for f in find_formulas(text):
        span = (f.start, f.start + len(f.text))
        by_claims = [i for i, s in enumerate(claim_spans) if s and _overlap(s, span)]
        by_entries = [i for i, s in enumerate(entry_spans) if s and _overlap(s, span)]
        covered_claims.update(by_claims)
        covered_entries.update(by_entries)
        names = [ids[i] for i in by_claims] + [c for i in by_entries for c in assertions[i].claims]
        reasons = [assertions[i] for i in by_entries if assertions[i].reason is not None]
        reason = reasons[0] if reasons and not names else None
        units.append(Unit(f.kind, span[0], span[1], f.section, f.quote, tuple(dict.fromkeys(names)),
                          reason.reason if reason else None, reason.why if reason else ""))
    for i, (a, span) in enumerate(zip(assertions, entry_spans)):
        if span is None or i in covered_entries:
            continue
        units.append(Unit("prose", span[0], span[1], section_at(heads, span[0]), a.quote, a.claims, a.reason, a.why))
    for i, ((c, q), span) in enumerate(zip(claims, claim_spans)):
        if span is None or i in covered_claims:
            continue
        inside = [u for u in units if u.kind == "prose" and u.start <= span[0] and span[1] <= u.end]
        if inside:
            continue                # the ledger lists the sentence the claim quotes from
        units.append(Unit("prose", span[0], span[1], section_at(heads, span[0]), q, (c,)))
    units = _merge_prose(units)

    reviews: dict[str, Review] = {}
    for r in ledger.reviews if ledger else ():
        if r.claim not in known:
            problems.append(f"{source}: review of {r.claim!r}: no such claim in {plugin or note}")
        elif r.claim in reviews:
            problems.append(f"{source}: review of {r.claim!r}: reviewed twice")
        else:
            reviews[r.claim] = r
    units.sort(key=lambda u: (u.start, u.end, u.kind))
    return NoteCoverage(note, plugin, source, tuple(units), tuple(ids), reviews, tuple(problems))


def _merge_prose(units: list[Unit]) -> list[Unit]:
    """Claims quoting the same prose span are one unit, with all their ids."""
    out: dict[tuple, Unit] = {}
    for u in units:
        key = (u.kind, u.start, u.end) if u.kind == "prose" else (u.kind, u.start, u.end, id(u))
        if key in out:
            prev = out[key]
            out[key] = Unit(prev.kind, prev.start, prev.end, prev.section, prev.text,
                            tuple(dict.fromkeys(prev.claims + u.claims)), prev.reason or u.reason, prev.why or u.why)
        else:
            out[key] = u
    return list(out.values())
