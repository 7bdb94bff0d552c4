"""Command line: ``python -m verify all | list | run ID-or-glob ...``.

Exit status: 0 when every verdict (and every correction's verdict) equals its recorded expectation and
no plugin failed; 1 on a mismatch, a plugin error or an ``error`` verdict; 2 on a usage error.
"""
from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections import Counter
from typing import Sequence, TextIO

from .model import BUDGETS, ClaimResult, Verdict
from .registry import PluginError, Registry, load
from .reports import DEFAULT_OUTPUT, replay_command, write_reports
from .runner import Progress, run_claims

OK, FAILED, USAGE = 0, 1, 2


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be positive, got {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m verify",
                                     description="Check the claims of ML-theory notes and write reports.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="{all,list,run}")

    loading = argparse.ArgumentParser(add_help=False)
    loading.add_argument("--plugin", action="append", default=[], metavar="PATH",
                         help="load claims from a .py file or every .py file of a folder (repeatable)")
    loading.add_argument("--no-builtin", action="store_true", help="skip the built-in claims")

    running = argparse.ArgumentParser(add_help=False)
    running.add_argument("--jobs", type=_positive_int, default=os.cpu_count() or 1,
                         help="claims run in parallel (default: number of CPUs)")
    running.add_argument("--seed", type=int, default=0, help="run seed (default 0)")
    running.add_argument("--budget", choices=list(BUDGETS), default="quick",
                         help="sample sizes of numeric checks (default quick)")
    running.add_argument("--timeout", type=_positive_float, default=300.0, metavar="SECONDS",
                         help="time limit per claim (default 300)")

    p_all = sub.add_parser("all", parents=[loading, running], help="run every claim and write reports")
    p_all.add_argument("--output", default=DEFAULT_OUTPUT, metavar="DIR",
                       help=f"report folder (default {DEFAULT_OUTPUT})")
    p_run = sub.add_parser("run", parents=[loading, running],
                           help="run the claims whose ids match the patterns and print their verdicts")
    p_run.add_argument("patterns", nargs="+", metavar="ID-or-glob", help="claim id or fnmatch pattern")
    p_run.add_argument("--output", default=None, metavar="DIR", help="also write reports to DIR")
    sub.add_parser("list", parents=[loading], help="list the claims: id, note, section, title")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:      # argparse: usage error (2) or --help (0)
        return int(exc.code or 0)
    registry = load(builtin=not args.no_builtin, paths=args.plugin)
    _print_plugin_errors(registry.errors, sys.stderr)
    if args.command == "list":
        return cmd_list(registry, sys.stdout)
    if args.command == "all":
        return cmd_run(registry, registry.claims, args, print_each=False)
    chosen, unmatched = registry.select(args.patterns)
    if unmatched:
        print(f"error: no claim matches {', '.join(map(repr, unmatched))}"
              " (see `python -m verify list`)", file=sys.stderr)
        return USAGE
    return cmd_run(registry, chosen, args, print_each=True)


def cmd_list(registry: Registry, out: TextIO) -> int:
    rows = [(c.id, c.note, c.source.section, c.title) for c in registry.claims]
    widths = [max([len(r[i]) for r in rows], default=0) for i in range(3)]
    for row in rows:
        out.write("  ".join(cell.ljust(w) for cell, w in zip(row[:3], widths)) + "  " + row[3] + "\n")
    return FAILED if registry.errors else OK


def cmd_run(registry: Registry, claims, args, print_each: bool) -> int:
    printer = ProgressPrinter(sys.stderr)
    results = run_claims(claims, seed=args.seed, budget=args.budget, jobs=args.jobs, timeout=args.timeout,
                         progress=printer, plugin_of=registry.plugin_of)
    printer.close()
    if print_each:
        for r in results:
            sys.stdout.write(describe(r, args.seed, args.budget))
    status = exit_status(results, registry.errors)
    if args.output is not None:
        try:
            out = write_reports(results, args.output, seed=args.seed, budget=args.budget,
                                plugin_errors=registry.errors, timings=results.timings)
            print(f"reports written to {out}/", file=sys.stdout)
        except Exception:
            traceback.print_exc(file=sys.stderr)
            print(f"error: could not write reports to {args.output}/; the previous reports are untouched",
                  file=sys.stderr)
            status = FAILED
    print(summary(results, registry.errors), file=sys.stdout)
    return status


def exit_status(results: Sequence[ClaimResult], errors: Sequence[PluginError]) -> int:
    """1 on a plugin error, an ``error`` verdict or a verdict other than the expected one; else 0."""
    if errors:
        return FAILED
    for r in results:
        if Verdict.ERROR in (r.verdict, r.correction.verdict if r.correction else None) or not r.matches_expected:
            return FAILED
    return OK


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


def _print_plugin_errors(errors: Sequence[PluginError], stream: TextIO) -> None:
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
