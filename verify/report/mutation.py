"""The mutation report: a typed document (:class:`MutationReport`) built once from the per-claim results
of :func:`verify.run.mutation.run_mutation`, its JSON form ``mutation.json`` and ``mutation.md``."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from ..core.files import write_atomically
from ..core.model import MutationStatus, RunSettings, Target, Verdict

STATUSES = tuple(MutationStatus)
ACCEPTED = (Verdict.PROVED, Verdict.SUPPORTED)


@dataclass(frozen=True)
class Tally:
    """Mutants per status, and the kill rate killed / (killed + survived) (None when nothing could be killed)."""
    generated: int = 0
    killed: int = 0
    survived: int = 0
    weaker: int = 0
    equivalent: int = 0
    error: int = 0
    true: int = 0

    @staticmethod
    def of(rows: Sequence["MutantRow"]) -> "Tally":
        return Tally(len(rows), **{s.value: sum(r.status == s for r in rows) for s in MutationStatus})

    @property
    def kill_rate(self) -> float | None:
        judged = self.killed + self.survived
        return round(self.killed / judged, 4) if judged else None

    def to_json(self) -> dict:
        """Counts per status (``true`` only when there are some: reports written before the status
        existed read and write back unchanged), ``generated`` and the kill rate."""
        counts = {s.value: getattr(self, s.value) for s in MutationStatus
                  if s != MutationStatus.TRUE or self.true}
        return {**counts, "generated": self.generated, "kill_rate": self.kill_rate}


def tally(rows: Sequence[Mapping]) -> dict:
    """Counts per status and the kill rate of mutant rows in their JSON form (progress lines)."""
    return Tally.of([MutantRow.from_json(r) for r in rows]).to_json()


@dataclass(frozen=True)
class MutantRow:
    """One mutant: the operator, the change, the mutant's text, its status; the verdict the checks gave
    it and the checks that flagged it (None for an equivalent mutant, which is not run)."""
    operator: str
    change: str
    mutant: str
    status: MutationStatus
    verdict: Verdict | None = None
    killed_by: tuple[str, ...] | None = None
    reason: str | None = None       # a survivor's computed reason (verify.run.mutation.survival_reason)

    def to_json(self) -> dict:
        out = {"operator": self.operator, "change": self.change, "mutant": self.mutant, "status": self.status.value}
        if self.verdict is not None:
            out["verdict"] = self.verdict.value
        if self.killed_by is not None:
            out["killed_by"] = list(self.killed_by)
        if self.reason is not None:
            out["reason"] = self.reason
        return out

    @staticmethod
    def from_json(d: Mapping) -> "MutantRow":
        return MutantRow(d["operator"], d["change"], d["mutant"], MutationStatus(d["status"]),
                         Verdict(d["verdict"]) if d.get("verdict") is not None else None,
                         tuple(d["killed_by"]) if d.get("killed_by") is not None else None, d.get("reason"))


@dataclass(frozen=True)
class TargetMutations:
    """The mutants of one statement of a claim (as written, or corrected) and the original's verdict;
    ``skipped`` says why none was judged."""
    target: Target
    verdict: Verdict
    mutants: tuple[MutantRow, ...] = ()
    skipped: str | None = None

    @property
    def tally(self) -> Tally:
        return Tally.of(self.mutants)

    def to_json(self) -> dict:
        out = {"target": self.target.value, "verdict": self.verdict.value,
               "mutants": [m.to_json() for m in self.mutants], "tally": self.tally.to_json()}
        if self.skipped is not None:
            out["skipped"] = self.skipped
        return out

    @staticmethod
    def from_json(d: Mapping) -> "TargetMutations":
        return TargetMutations(Target(d["target"]), Verdict(d["verdict"]),
                               tuple(MutantRow.from_json(m) for m in d["mutants"]), d.get("skipped"))


@dataclass(frozen=True)
class ClaimMutations:
    """A claim's mutation results: its targets, or why it could not be mutated."""
    id: str
    targets: tuple[TargetMutations, ...] = ()
    error: str | None = None

    def to_json(self) -> dict:
        if self.error is not None:
            return {"id": self.id, "error": self.error}
        return {"id": self.id, "targets": [t.to_json() for t in self.targets]}

    @staticmethod
    def from_json(d: Mapping) -> "ClaimMutations":
        return ClaimMutations(d["id"], tuple(TargetMutations.from_json(t) for t in d.get("targets", [])),
                              d.get("error"))


@dataclass(frozen=True)
class MutationReport:
    """A mutation run's report: seed, budget (its name), mutants per statement at most, and the claims."""
    seed: int
    budget: str
    limit: int | None
    claims: tuple[ClaimMutations, ...]

    @staticmethod
    def of(results: Sequence[Mapping], settings: RunSettings, limit: int | None) -> "MutationReport":
        """From :func:`verify.run.mutation.run_mutation`'s per-claim payloads."""
        return MutationReport(settings.seed, settings.budget.name, limit,
                              tuple(ClaimMutations.from_json(r) for r in results))

    def _rows(self, accepted: bool | None = None) -> list[MutantRow]:
        return [row for c in self.claims for t in c.targets for row in t.mutants
                if accepted is None or (t.verdict in ACCEPTED) == accepted]

    @property
    def overall(self) -> dict[str, Tally]:
        """Tallies over the statements the checks accept, those they flag, and all."""
        return {"accepted": Tally.of(self._rows(True)), "flagged": Tally.of(self._rows(False)),
                "all": Tally.of(self._rows())}

    def to_json(self) -> dict:
        return {"seed": self.seed, "budget": self.budget, "limit": self.limit,
                "overall": {k: t.to_json() for k, t in self.overall.items()},
                "claims": [c.to_json() for c in self.claims]}

    @staticmethod
    def from_json(d: Mapping) -> "MutationReport":
        return MutationReport(d["seed"], d["budget"], d["limit"], tuple(ClaimMutations.from_json(c) for c in d["claims"]))

    def write(self, output: str | Path) -> list[str]:
        """``mutation.json`` and ``mutation.md`` in ``output``, each written atomically."""
        out = Path(output)
        files = {"mutation.json": json.dumps(self.to_json(), indent=1, sort_keys=True) + "\n",
                 "mutation.md": to_markdown(self)}
        for name, text in files.items():
            write_atomically(out / name, text)
        return [str(out / name) for name in files]


def _rate(x) -> str:
    return "n/a" if x is None else f"{100 * x:.0f}%"


def _tally_row(label: str, k: Tally) -> str:
    return (f"| {label} | {k.generated} | {k.killed} | {k.survived} | {k.weaker} | {k.true} | {k.equivalent} "
            f"| {k.error} | {_rate(k.kill_rate)} |")


# the survivors' reasons (verify.run.mutation.SURVIVAL_REASONS), in the report's order
REASON_TITLES = {
    "unrelated": ("Accepted, not comparable with the original",
                  "SymPy proves neither the original implies the mutant nor the converse, and every instance the checks "
                  "searched satisfies the mutant: a weak check, or an implication (or a true mutant) SymPy does not prove."),
    "stronger": ("Accepted, stronger than the original",
                 "SymPy proves the mutant implies the original, and every instance the checks searched satisfies the "
                 "mutant: the original holds with room wherever the checks look (true with a margin, or a search that "
                 "does not reach where the statement is tight)."),
    "undecided": ("Undecided",
                  "The checks neither refute nor accept the mutant (inconclusive): not enough valid instances, or a "
                  "statement the checks cannot evaluate."),
    None: ("Not classified", "Survivors recorded before reasons were computed."),
}


def to_markdown(report: MutationReport, threshold: float = 0.9) -> str:
    o = report.overall
    lines = ["# Mutation testing of the checks", "",
             f"Seed {report.seed}, budget `{report.budget}`, at most {report.limit} mutants per statement "
             "(`python -m verify mutate` regenerates this file). Each mutant is one edit of a statement or of a "
             "definition it uses: two symbols of the same kind swapped, a constant times or divided by 2, an exponent "
             "raised or lowered, an inequality flipped, a term dropped. It is **killed** when the claim's own checks "
             "flag it (refuted, gap or loose); **weaker** survivors are implied by the original (SymPy proves it) and "
             "are not counted against the checks (SymPy, or interval arithmetic on the statement's region, proves it); **true** "
             "survivors are not implied by the original but one of the claim's own checks proves them as written, "
             "symbolically (SymPy, or interval arithmetic on the statement's region): true statements, which no correct "
             "check can kill, so they are "
             "not counted either; the kill rate is killed / (killed + survived). Both exclusions are computed per mutant "
             "(a SymPy proof of the implication, or the checks' proof of the mutant), never listed by hand; the "
             "remaining survivors are listed at the end, grouped by a computed reason.", "",
             "| statements | mutants | killed | survived | weaker | true | equivalent | error | kill rate |",
             "|---|---|---|---|---|---|---|---|---|",
             _tally_row("accepted by the checks (proved, supported)", o["accepted"]),
             _tally_row("flagged by the checks (refuted, gap, loose)", o["flagged"]),
             _tally_row("all", o["all"]), "",
             f"Statements below {100 * threshold:.0f}% are marked. On a flagged statement nearly every mutant stays "
             "flagged; a mutant of a flagged statement that the checks accept is listed among the survivors (a "
             "candidate correction, or a weak check).", "", "## Per claim", "",
             "| claim | statement (verdict) | mutants | killed | survived | weaker | true | kill rate |",
             "|---|---|---|---|---|---|---|---|"]
    for c in report.claims:
        if c.error is not None:
            lines.append(f"| `{c.id}` | error: {c.error} | | | | | | |")
            continue
        for t in c.targets:
            k = t.tally
            if t.skipped is not None:
                lines.append(f"| `{c.id}` | {t.target} ({t.verdict.value}) | skipped: {t.skipped} | | | | | |")
                continue
            mark = " **(below)**" if k.kill_rate is not None and k.kill_rate < threshold else ""
            lines.append(f"| `{c.id}` | {t.target} ({t.verdict.value}) | {k.generated} | {k.killed} | "
                         f"{k.survived} | {k.weaker} | {k.true} | {_rate(k.kill_rate)}{mark} |")
    lines += ["", "## Survivors", ""]
    survivors = [(c.id, t, row) for c in report.claims for t in c.targets for row in t.mutants
                 if row.status == MutationStatus.SURVIVED]
    if not survivors:
        lines.append("None.")
    for reason, (title, text) in REASON_TITLES.items():
        group = [(cid, t, row) for cid, t, row in survivors if row.reason == reason]
        if not group:
            continue
        accepted = sum(t.verdict in ACCEPTED for _, t, _ in group)
        lines += [f"### {title} ({len(group)}; {accepted} of accepted statements)", "", text, ""]
        for cid, t, row in group:
            lines.append(f"- `{cid}` ({t.target}, {t.verdict.value}): {row.change}: `{row.mutant}` (mutant {row.verdict.value})")
        lines.append("")
    while lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"
