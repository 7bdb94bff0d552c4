"""The stability table (``stability-<budget>.md`` and ``.json``): per claim, its verdicts across seeds."""
from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path

from ..core.files import write_atomically


def _runs(verdicts: list, seeds: list) -> str:
    """``supported`` when every seed agrees, else ``supported (0-7), inconclusive (8-9)``."""
    if len(set(verdicts)) == 1:
        return str(verdicts[0])
    parts = []
    k = 0
    for verdict, group in groupby(verdicts):
        n = len(list(group))
        span = seeds[k:k + n]
        parts.append(f"{verdict} ({span[0]}" + (f"-{span[-1]})" if n > 1 else ")"))
        k += n
    return ", ".join(parts)


def to_markdown(table: dict) -> str:
    seeds, claims = table["seeds"], table["claims"]
    changing = [c for c in claims if len(set(c["statement"])) > 1 or len(set(c["correction"] or [None])) > 1]
    lines = [f"# Stable verdicts: budget `{table['budget']}`, seeds {seeds[0]}-{seeds[-1]}"
             if seeds == list(range(seeds[0], seeds[-1] + 1)) else
             f"# Stable verdicts: budget `{table['budget']}`, seeds {', '.join(map(str, seeds))}", "",
             f"`python -m verify stability --budget {table['budget']} --seeds {seeds[0]}-{seeds[-1]}` regenerates this "
             "file. A claim *moves* when its statement (or its correction) is accepted (proved, supported) at one "
             "seed and flagged (refuted, gap, loose) at another: its verdict was decided by the draw.", "",
             f"- {len(claims)} claims, {len(seeds)} seeds",
             f"- verdict the same at every seed: {len(claims) - len(changing)} claims",
             f"- verdict changes between seeds: {len(changing)} claims, of which **{len(table['moved'])} move** "
             "between accepted and flagged", ""]
    if table["moved"]:
        lines += ["## Moves between accepted and flagged", ""] + [f"- `{c}`" for c in table["moved"]] + [""]
    lines += ["## Every claim", "", "| claim | statement | correction | moves |", "|---|---|---|---|"]
    for c in claims:
        corr = _runs(c["correction"], seeds) if c["correction"] is not None else "—"
        lines.append(f"| `{c['id']}` | {_runs(c['statement'], seeds)} | {corr} | {'**yes**' if c['moves'] else 'no'} |")
    return "\n".join(lines) + "\n"


def write_stability(table: dict, output: str | Path) -> list[str]:
    """``stability-<budget>.md`` and ``.json`` in ``output``, each written atomically."""
    out = Path(output)
    stem = f"stability-{table['budget']}"
    files = {f"{stem}.json": json.dumps(table, indent=2, sort_keys=True) + "\n", f"{stem}.md": to_markdown(table)}
    for name, text in files.items():
        write_atomically(out / name, text)
    return [str(out / name) for name in files]
