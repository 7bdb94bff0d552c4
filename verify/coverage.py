"""The coverage of each note by its claims: the note's text, the claims' quotes and the plugin's ledger
(:mod:`verify.core.ledger`) put together. ``verify all`` writes it into ``coverage.md`` and ``coverage.json``;
``python -m verify coverage`` prints it and fails while an assertion is unaccounted for."""
from __future__ import annotations

from typing import Sequence, TextIO

from .core.ledger import LedgerError, Ledger, NoteCoverage, note_coverage, read_ledger
from .report.notes import note_text
from .run.registry import Plugin, Registry, ledger_file


def coverage_of(plugins: Sequence[Plugin], registry: Registry) -> tuple[NoteCoverage, ...]:
    """One coverage per note of each plugin whose note text is found (plugins in discovery order)."""
    out = []
    for plugin in plugins:
        claims = [c for c in registry.claims if registry.plugin_of.get(c.id) == plugin.name]
        if not claims:
            continue
        path = ledger_file(plugin)
        try:
            ledger = read_ledger(path) if path is not None else None
        except LedgerError as exc:
            ledger = Ledger(str(path), problems=(str(exc),))
        for note in dict.fromkeys(c.source.file for c in claims):
            text = note_text(note)
            if text is None:
                continue
            quotes = [(c.id, c.source.quote) for c in claims if c.source.file == note]
            out.append(note_coverage(note, text, quotes, ledger, plugin.name))
    return tuple(out)


def print_coverage(coverage: Sequence[NoteCoverage], titles, stream: TextIO) -> bool:
    """A line per note, then what is unaccounted for; True when every note is complete."""
    for c in coverage:
        outcomes = c.outcomes()
        stream.write(f"{titles.get(c.note, c.note)} ({c.note}): {c.count('display')} displayed formulas, "
                     f"{c.count('inline')} inline relations, {c.count('prose')} prose assertions; "
                     f"{len(c.unaccounted)} unaccounted; {len(c.claims)} claims: {outcomes['faithful']} faithful, "
                     f"{outcomes['repaired']} repaired, {outcomes['differs']} differ, {len(c.unreviewed)} not reviewed"
                     f"{'' if c.ledger else ' (no ledger)'}\n")
        for p in c.problems:
            stream.write(f"  problem: {p}\n")
        for u in c.unaccounted:
            text = " ".join(u.text.split())
            stream.write(f"  unaccounted {u.kind} in {u.section}: {text[:100]}\n")
        if c.unreviewed:
            stream.write(f"  not reviewed: {', '.join(c.unreviewed)}\n")
    return all(c.complete for c in coverage)
