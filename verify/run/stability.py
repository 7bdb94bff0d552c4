"""Stable verdicts: the same claims run at several seeds, and whether any verdict moves between accepted
(proved, supported) and flagged (refuted, gap, loose).

A numeric verdict is only as good as the instances it drew; a claim whose verdict flips with the seed was
decided by luck. :func:`verdicts_across_seeds` runs every claim once per seed (each seed a full run with the
runner's workers) and returns the table the report renders (:mod:`verify.report.stability`).
"""
from __future__ import annotations

from typing import Callable, Sequence

import dataclasses

from ..core.model import Claim, RunSettings, Verdict
from .runner import run_claims

ACCEPTED = frozenset({Verdict.PROVED, Verdict.SUPPORTED})
FLAGGED = frozenset({Verdict.REFUTED, Verdict.GAP, Verdict.LOOSE})


def parse_seeds(text: str) -> list[int]:
    """``"0-9"``, ``"0,3,5"`` or ``"0-2,7"`` -> the seeds in order, without repeats."""
    seeds: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        lo, _, hi = part.partition("-")
        first, last = int(lo), int(hi) if hi else int(lo)
        if last < first or first < 0:
            raise ValueError(f"bad seed range {part!r}: write e.g. 0-9 or 0,3,5")
        seeds += [s for s in range(first, last + 1) if s not in seeds]
    if not seeds:
        raise ValueError("no seeds given: write e.g. 0-9")
    return seeds


def moves(verdicts: Sequence[Verdict | None]) -> bool:
    """Whether the verdicts include both an accepted and a flagged one."""
    present = {v for v in verdicts if v is not None}
    return bool(present & ACCEPTED) and bool(present & FLAGGED)


def verdicts_across_seeds(claims: Sequence[Claim], seeds: Sequence[int], settings: RunSettings = RunSettings(),
                          progress: Callable[[int], None] | None = None) -> dict:
    """Per claim, its statement's (and correction's) verdict at each seed, and whether it moves between
    accepted and flagged; JSON-able, in the claims' order. ``settings`` gives all but the seed."""
    by_seed = []
    for seed in seeds:
        by_seed.append(run_claims(claims, dataclasses.replace(settings, seed=seed)))
        if progress is not None:
            progress(seed)
    rows = []
    for i, claim in enumerate(claims):
        statement = [results[i].verdict for results in by_seed]
        correction = [results[i].correction.verdict if results[i].correction is not None else None
                      for results in by_seed]
        has_correction = claim.correction is not None
        rows.append({"id": claim.id, "note": claim.note,
                     "statement": [v.value for v in statement],
                     "correction": [v.value if v is not None else None for v in correction] if has_correction else None,
                     "moves": moves(statement) or (has_correction and moves(correction))})
    return {"budget": settings.budget.name, "seeds": list(seeds), "claims": rows,
            "moved": [r["id"] for r in rows if r["moves"]]}
