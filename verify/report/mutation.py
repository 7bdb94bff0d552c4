"""The mutation report: ``mutation.json`` (the document) and ``mutation.md``, from the per-claim results
of :func:`verify.run.mutation.run_mutation`."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from ..core.files import write_atomically

STATUSES = ("killed", "survived", "weaker", "equivalent", "error")


def tally(rows: Sequence[dict]) -> dict:
    """Counts per status and the kill rate (None when nothing could be killed)."""
    counts = {s: sum(r["status"] == s for r in rows) for s in STATUSES}
    counts["generated"] = len(rows)
    judged = counts["killed"] + counts["survived"]
    counts["kill_rate"] = round(counts["killed"] / judged, 4) if judged else None
    return counts


ACCEPTED = ("proved", "supported")


def _rows(results: Sequence[dict], accepted: bool | None = None) -> list[dict]:
    return [row for r in results for t in r.get("targets", []) for row in t["mutants"]
            if accepted is None or (t["verdict"] in ACCEPTED) == accepted]


def to_json(results: Sequence[dict], seed: int, budget: str, limit: int | None) -> dict:
    claims = []
    for r in results:
        entry = {"id": r["id"]}
        if "error" in r:
            entry["error"] = r["error"]
        else:
            entry["targets"] = [{**t, "tally": tally(t["mutants"])} for t in r["targets"]]
        claims.append(entry)
    return {"seed": seed, "budget": budget, "limit": limit,
            "overall": {"accepted": tally(_rows(results, True)), "flagged": tally(_rows(results, False)),
                        "all": tally(_rows(results))},
            "claims": claims}


def _rate(x) -> str:
    return "n/a" if x is None else f"{100 * x:.0f}%"


def _tally_row(label: str, k: dict) -> str:
    return (f"| {label} | {k['generated']} | {k['killed']} | {k['survived']} | {k['weaker']} | {k['equivalent']} "
            f"| {k['error']} | {_rate(k['kill_rate'])} |")


def to_markdown(report: dict, threshold: float = 0.9) -> str:
    o = report["overall"]
    lines = ["# Mutation testing of the checks", "",
             f"Seed {report['seed']}, budget `{report['budget']}`, at most {report['limit']} mutants per statement "
             "(`python -m verify mutate` regenerates this file). Each mutant is one edit of a statement or of a "
             "definition it uses: two symbols of the same kind swapped, a constant times or divided by 2, an exponent "
             "raised or lowered, an inequality flipped, a term dropped. It is **killed** when the claim's own checks "
             "flag it (refuted, gap or loose); **weaker** survivors are implied by the original (SymPy proves it) and "
             "are not counted against the checks; the kill rate is killed / (killed + survived).", "",
             "| statements | mutants | killed | survived | weaker | equivalent | error | kill rate |",
             "|---|---|---|---|---|---|---|---|",
             _tally_row("accepted by the checks (proved, supported)", o["accepted"]),
             _tally_row("flagged by the checks (refuted, gap, loose)", o["flagged"]),
             _tally_row("all", o["all"]), "",
             f"Statements below {100 * threshold:.0f}% are marked. On a flagged statement nearly every mutant stays "
             "flagged; a mutant of a flagged statement that the checks accept is listed among the survivors (a "
             "candidate correction, or a weak check).", "", "## Per claim", "",
             "| claim | statement (verdict) | mutants | killed | survived | weaker | kill rate |",
             "|---|---|---|---|---|---|---|"]
    for c in report["claims"]:
        if "error" in c:
            lines.append(f"| `{c['id']}` | error: {c['error']} | | | | | |")
            continue
        for t in c["targets"]:
            k = t["tally"]
            if "skipped" in t:
                lines.append(f"| `{c['id']}` | {t['target']} ({t['verdict']}) | skipped: {t['skipped']} | | | | |")
                continue
            mark = " **(below)**" if k["kill_rate"] is not None and k["kill_rate"] < threshold else ""
            lines.append(f"| `{c['id']}` | {t['target']} ({t['verdict']}) | {k['generated']} | {k['killed']} | "
                         f"{k['survived']} | {k['weaker']} | {_rate(k['kill_rate'])}{mark} |")
    lines += ["", "## Survivors", ""]
    survivors = [(c["id"], t, row) for c in report["claims"] for t in c.get("targets", [])
                 for row in t["mutants"] if row["status"] == "survived"]
    for cid, t, row in survivors:
        lines.append(f"- `{cid}` ({t['target']}, {t['verdict']}): {row['change']}: `{row['mutant']}` "
                     f"(mutant {row['verdict']})")
    if not survivors:
        lines.append("None.")
    return "\n".join(lines) + "\n"


def write_report(report: dict, output: str) -> list[str]:
    """``mutation.json`` and ``mutation.md`` in ``output``, each written atomically."""
    out = Path(output)
    files = {"mutation.json": json.dumps(report, indent=1, sort_keys=True) + "\n", "mutation.md": to_markdown(report)}
    for name, text in files.items():
        write_atomically(out / name, text)
    return [str(out / name) for name in files]
