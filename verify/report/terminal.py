"""The terminal reporter: progress lines while claims run, a verdict and findings per claim, the run's
summary line, and ``verify show`` (rich panels), all from the report document."""
from __future__ import annotations

from collections import Counter
from typing import Sequence, TextIO

from ..core.model import PluginError, Progress, Verdict, escape_controls
from .document import ClaimReport, EvaluationReport, Formula, Report
from .summary import diagnosis_lines


VERDICT_STYLES = {"proved": "bold green", "supported": "green", "refuted": "bold red", "gap": "bold dark_orange",
                  "loose": "yellow", "inconclusive": "grey50", "error": "bold magenta"}


def show_claim(claim: ClaimReport, report: Report, pretty: str | None = None, console=None,
               pretty_correction: str | None = None) -> None:
    """Render one claim of ``report`` with rich: the checked statement pretty-printed (``pretty``,
    SymPy's rendering when the claim is loaded) above its LaTeX, hypotheses and definitions, the hand
    typesetting labelled as not checked, the dependencies' verdicts when the report has them."""
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.syntax import Syntax
    from rich.table import Table
    from rich.text import Text

    console = console or Console()

    def verdict(v: Verdict | None, expected: Verdict | None) -> Text:
        value = v.value if v is not None else None
        text = Text(value or "not run", style=VERDICT_STYLES.get(value, ""))
        if expected is not None:
            text.append(f" (expected {expected.value})", style="" if expected == v else "bold red")
        return text

    def evaluation(e: EvaluationReport, title: str):
        parts = [Text.assemble("Verdict: ", verdict(e.verdict, e.expected))]
        for f in e.findings:
            parts.append(Text(f"• {f}"))
        table = Table("check", "kind", "outcome", "summary", show_lines=False, expand=True)
        for c in e.checks:
            table.add_row(Text(c.check), Text(str(c.kind)), Text(c.outcome.value), Text(c.summary))
        parts.append(table)
        return Panel(Group(*parts), title=title, title_align="left")

    def formula(f: Formula, shown: str | None) -> list:
        parts = [Text(shown)] if shown else []
        parts.append(Text.assemble(("checked: ", "dim"), (f.latex, "cyan")))
        parts += [Text.assemble(("assuming: ", "dim"), (h, "cyan")) for h in f.hypotheses]
        parts += [Text.assemble(("where: ", "dim"), (d, "cyan")) for d in f.definitions]
        if f.typeset:
            parts.append(Text.assemble(("typesetting (not checked): ", "dim"), (f.typeset, "grey50")))
        return parts

    header = Text.assemble((claim.id, "bold"), " — ", claim.title)
    source = Text(f"{claim.source.file}, {claim.source.section}", style="dim")
    quote = Panel(Text(claim.source.quote.strip(), style="italic"), title="quote", title_align="left")
    statement = Group(*formula(claim.formula, pretty))
    deps = Text("Depends on: " + ("" if claim.depends_on else "none"))
    known = report.by_id()
    for k, d in enumerate(claim.depends_on):
        deps.append((", " if k else "") + d)
        v = known[d].verdict if d in known else None
        if v is not None:
            deps.append(f" ({v.value})", style=VERDICT_STYLES.get(v.value, ""))
    parts = [header, source, quote, Panel(statement, title="statement", title_align="left"), deps]
    parts += [Text.assemble((f"{label}: ", "bold"), value) for label, value in diagnosis_lines(claim, report)]
    parts.append(evaluation(claim.statement, "verdict"))
    if claim.correction is not None:
        c = claim.correction
        parts += [Panel(Group(*formula(c.formula, pretty_correction), Text(f"why: {c.why}")),
                      title="correction", title_align="left"), evaluation(c.evaluation, "correction verdict")]
    parts.append(Syntax(report.replay(claim), "sh", word_wrap=True))
    console.print(Group(*parts))


def _expectation(verdict: Verdict, expected: Verdict | None) -> str:
    return verdict.value + (f" (expected {expected.value})" if expected is not None else "")


def describe(claim: ClaimReport, report: Report, verbose: bool = False) -> str:
    """A claim's verdict, findings and (for a flagged or mismatched claim, or ``verbose``) its replay
    command, for the terminal."""
    lines = [f"{claim.id}: {_expectation(claim.verdict, claim.expected)} — {claim.title}"]
    lines += [f"  - {f}" for f in claim.statement.findings]
    if claim.correction_verdict is not None:
        lines.append(f"  correction: {_expectation(claim.correction_verdict, claim.correction.evaluation.expected)}")
        lines += [f"    - {f}" for f in claim.correction.evaluation.findings]
    if verbose or claim.flagged or not claim.matches_expected or claim.error:
        lines.append(f"  replay: {report.replay(claim)}")
    return "\n".join(escape_controls(line.replace("\n", " ")) for line in lines) + "\n"   # no line but its own


def _one_line(text: str, limit: int = 110) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def flagged_lines(report: Report) -> list[str]:
    """Per note: one line per mismatched claim (first), then per flagged claim, with its kind and the
    first finding -- what a reader looks at after a run."""
    lines = []
    for note, claims in report.notes().items():
        shown = [c for c in claims if not c.matches_expected or c.error] + \
                [c for c in claims if c.flagged and c.matches_expected and not c.error]
        if not shown:
            continue
        lines.append(f"{note}:")
        for c in shown:
            mark = "MISMATCH " if not c.matches_expected else ("ERROR " if c.error else "")
            kind = f" [{c.kind.kind}]" if c.kind is not None else ""
            lines.append(f"  {mark}{c.id}: {_expectation(c.verdict, c.expected if mark else None)}{kind} — "
                         f"{_one_line(c.error or c.statement.first_finding)}")
    return [escape_controls(line) for line in lines]


def summary(report: Report) -> str:
    counts = Counter(c.verdict for c in report.claims)
    text = f"{len(report.claims)} claims: " + (", ".join(f"{counts[v]} {v.value}" for v in Verdict if counts[v])
                                                 or "none")
    mismatched = report.mismatched()
    if mismatched:
        text += f"; verdict differs from expected for {', '.join(mismatched)}"
    if report.plugin_errors:
        text += f"; {len(report.plugin_errors)} plugin error(s)"
    return text


def print_plugin_errors(errors: Sequence[PluginError], stream: TextIO) -> None:
    for e in errors:
        print(escape_controls(f"plugin error: {e}".replace("\n", " ")), file=stream)


FLAGGED = frozenset({Verdict.REFUTED, Verdict.GAP, Verdict.LOOSE})


class ProgressPrinter:
    """One line per finished claim, with the elapsed time and running counts of flagged claims and of
    verdicts other than expected; on a terminal, a single line that updates in place."""

    def __init__(self, stream: TextIO, clock=None, transient: bool = False):
        import time
        self.stream = stream
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.transient = transient      # progress only while it runs (on a terminal), cleared at the end
        self.width = 0
        self.clock = clock or time.monotonic
        self.start = self.clock()
        self.flagged = self.mismatched = 0

    def elapsed(self) -> float:
        return self.clock() - self.start

    def __call__(self, event: Progress) -> None:
        self.flagged += event.verdict in FLAGGED
        self.mismatched += (event.expected is not None and event.verdict != event.expected) or (
            event.correction_expected is not None and event.correction != event.correction_expected)
        counts = f"{self.flagged} flagged" + (f", {self.mismatched} NOT AS EXPECTED" if self.mismatched else "")
        line = (f"[{event.done}/{event.total} {self.elapsed():5.1f}s {counts}] {event.claim_id} ... "
                f"{_expectation(event.verdict, event.expected)}")
        if event.correction is not None:
            line += f"; correction {_expectation(event.correction, event.correction_expected)}"
        if event.error:
            line += f": {event.error}"
        line = escape_controls(line.replace("\n", " "))
        if self.tty:
            self.stream.write("\r" + line.ljust(self.width))
            self.width = len(line)
        elif not self.transient:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty and self.width:
            self.stream.write("\r" + " " * self.width + "\r" if self.transient else "\n")
            self.stream.flush()
