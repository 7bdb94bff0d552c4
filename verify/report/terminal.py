"""The terminal reporter: progress lines while claims run, a verdict and findings per claim, the run's
summary line, and ``verify show`` (rich panels), all from the claims' results or the report document."""
from __future__ import annotations

from collections import Counter
from typing import Sequence, TextIO

from ..core.model import ClaimResult, PluginError, Progress, Verdict
from .document import replay_command


VERDICT_STYLES = {"proved": "bold green", "supported": "green", "refuted": "bold red", "gap": "bold dark_orange",
                  "loose": "yellow", "inconclusive": "grey50", "error": "bold magenta"}


def show_claim(data: dict, replay: str, claim=None, console=None) -> None:
    """Render a claim (in the results.json form) with rich; the statement pretty-printed by SymPy when
    the claim is loaded, its LaTeX otherwise."""
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.syntax import Syntax
    from rich.table import Table
    from rich.text import Text
    import sympy as sp

    console = console or Console()

    def verdict(v, expected) -> Text:
        text = Text(v or "not run", style=VERDICT_STYLES.get(v, ""))
        if expected is not None:
            text.append(f" (expected {expected})", style="" if expected == v else "bold red")
        return text

    def evaluation(e, title: str):
        parts = [Text.assemble("Verdict: ", verdict(e["verdict"], e.get("expected")))]
        for f in e["findings"]:
            parts.append(Text(f"• {f}"))
        table = Table("check", "kind", "outcome", "summary", show_lines=False, expand=True)
        for c in e["checks"]:
            table.add_row(Text(c["check"]), Text(c["kind"]), Text(c["outcome"]), Text(c["summary"]))
        parts.append(table)
        return Panel(Group(*parts), title=title, title_align="left")

    header = Text.assemble((data["id"], "bold"), " — ", data["title"])
    source = Text(f"{data['source']['file']}, {data['source']['section']}", style="dim")
    quote = Panel(Text(data["source"]["quote"].strip(), style="italic"), title="quote", title_align="left")
    pretty = sp.pretty(claim.statement.relation, use_unicode=True) if claim is not None else None
    statement = Group(Text(pretty) if pretty else Text(""), Text(data["statement"], style="cyan"))
    deps = Text("Depends on: " + ("" if data["depends_on"] else "none"))
    known = data.get("dependency_verdicts", {})
    for k, d in enumerate(data["depends_on"]):
        deps.append((", " if k else "") + d)
        if known.get(d):
            deps.append(f" ({known[d]})", style=VERDICT_STYLES.get(known[d], ""))
    parts = [header, source, quote, Panel(statement, title="statement", title_align="left"), deps,
             evaluation(data, "verdict")]
    if data.get("correction"):
        c = data["correction"]
        parts += [Panel(Group(Text(c["statement"], style="cyan"), Text(f"why: {c['why']}")),
                      title="correction", title_align="left"), evaluation(c, "correction verdict")]
    parts.append(Syntax(replay, "sh", word_wrap=True))
    console.print(Group(*parts))


def _expectation(verdict: Verdict, expected: Verdict | None) -> str:
    return verdict.value + (f" (expected {expected.value})" if expected is not None else "")


def describe(result: ClaimResult, seed: int, budget: str) -> str:
    """A claim's verdict, findings and replay command, for the terminal."""
    c = result.claim
    lines = [f"{c.id}: {_expectation(result.verdict, c.expected)} — {c.title}"]
    lines += [f"  - {f}" for f in result.statement.findings]
    if c.correction is not None and result.correction is not None:
        lines.append(f"  correction: {_expectation(result.correction.verdict, c.correction.expected)}")
        lines += [f"    - {f}" for f in result.correction.findings]
    lines.append(f"  replay: {replay_command(c.id, seed, budget, result.plugin)}")
    return "\n".join(lines) + "\n"


def summary(results: Sequence[ClaimResult], errors: Sequence[PluginError]) -> str:
    counts = Counter(r.verdict for r in results)
    text = f"{len(results)} claims: " + (", ".join(f"{counts[v]} {v.value}" for v in Verdict if counts[v]) or "none")
    mismatched = [r.claim.id for r in results if not r.matches_expected]
    if mismatched:
        text += f"; verdict differs from expected for {', '.join(mismatched)}"
    if errors:
        text += f"; {len(errors)} plugin error(s)"
    return text


def print_plugin_errors(errors: Sequence[PluginError], stream: TextIO) -> None:
    for e in errors:
        print(f"plugin error: {e}", file=stream)


class ProgressPrinter:
    """One line per finished claim; on a terminal, a single line that updates in place."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.width = 0

    def __call__(self, event: Progress) -> None:
        line = f"[{event.done}/{event.total}] {event.claim_id} ... {_expectation(event.verdict, event.expected)}"
        if event.correction is not None:
            line += f"; correction {_expectation(event.correction, event.correction_expected)}"
        if event.error:
            line += f": {event.error}"
        if self.tty:
            self.stream.write("\r" + line.ljust(self.width))
            self.width = len(line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty and self.width:
            self.stream.write("\n")
            self.stream.flush()
