"""Command line: ``python -m verify all | list | run ID-or-glob ... | show ID | watch [PATTERN ...] | mutate [ID ...] | new NAME``.

Exit status (:class:`ExitCode`, as pytest's):

* ``OK`` (0): every verdict (and every correction's verdict) equals its recorded expectation and no
  plugin failed;
* ``FAILED`` (1): a mismatch, a plugin error, an ``error`` verdict, or reports that could not be
  written or read;
* ``USAGE`` (2): a usage error (unknown option or claim, an executor that cannot be made, an ``--output``
  folder that is not a report folder, without ``--force``);
* ``BUSY`` (3): another verify command is writing the ``--output`` folder (its lock is held: ``all``, ``run
  --output``, ``mutate``, ``stability`` and ``bench`` take it before running anything); nothing was run.
"""
from __future__ import annotations

import argparse
import difflib
import contextlib
import dataclasses
import enum
import os
import sys
import traceback
from typing import Sequence, TextIO

from .core.model import BUDGETS, RunSettings
from .run import cache, index
from .run.mutation import DEFAULT_LIMIT, run_mutation
from .run.registry import Registry, StepwiseLoad, discover, load_plugins
from .run.runner import run_claims
from .run.stability import parse_seeds, verdicts_across_seeds
from .report.document import Report
from .report.junit import write_junit
from .report.notes import note_titles
from .report.mutation import MutationReport, tally
from .report.stability import write_stability
from .report.terminal import ProgressPrinter, describe, flagged_lines, print_plugin_errors, show_claim, summary
from .core.files import FolderBusy, folder_lock
from .report.write import DEFAULT_OUTPUT, NotAReportFolder, previous_timings, read_report, report_files_of, write_reports


class ExitCode(enum.IntEnum):
    """The exit status of ``python -m verify`` (as pytest's ``ExitCode``)."""
    OK = 0          # every verdict as expected, no plugin error
    FAILED = 1      # a verdict other than expected, an ``error`` verdict, a plugin error, reports not written
    USAGE = 2       # a usage error
    BUSY = 3        # another run holds the output folder's lock


def settings_of(args) -> RunSettings:
    """The run settings of the command line's ``--seed``, ``--budget``, ``--timeout`` and ``--jobs``."""
    return RunSettings(seed=args.seed, budget=args.budget, timeout=args.timeout, jobs=args.jobs)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _seed(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {value}")
    return value


JOBS_PER_CPU = 4        # --jobs above JOBS_PER_CPU x the CPU count is capped there


def jobs_cap() -> int:
    return JOBS_PER_CPU * (os.cpu_count() or 1)


def _fraction(text: str) -> float:
    value = float(text)
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"must be in (0, 1], got {text}")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be positive, got {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m verify",
                                     description="Check the claims of ML-theory notes and write reports.")
    sub = parser.add_subparsers(dest="command", required=True,
                                metavar="{all,list,run,show,watch,diff,mutate,stability,new,bench,extract}")

    loading = argparse.ArgumentParser(add_help=False)
    loading.add_argument("--plugin", action="append", default=[], metavar="PATH",
                         help="load claims from a .py file or every .py file of a folder (repeatable)")
    loading.add_argument("--no-builtin", action="store_true", help="skip the built-in claims")

    running = argparse.ArgumentParser(add_help=False)
    running.add_argument("--jobs", type=_positive_int, default=os.cpu_count() or 1,
                         help=f"claims run in parallel (default: number of CPUs; at most {JOBS_PER_CPU} per CPU)")
    running.add_argument("--seed", type=_seed, default=0, help="run seed, 0 or more (default 0)")
    running.add_argument("--budget", choices=list(BUDGETS), default="quick",
                         help="sample sizes of numeric checks (default quick)")
    running.add_argument("--timeout", type=_positive_float, default=300.0, metavar="SECONDS",
                         help="time limit per claim (default 300)")
    running.add_argument("--no-cache", action="store_true",
                         help="do not read or write the cache of symbolic results (~/.cache/verify or $VERIFY_CACHE_DIR)")

    p_all = sub.add_parser("all", parents=[loading, running], help="run every claim and write reports")
    p_all.add_argument("--output", default=DEFAULT_OUTPUT, metavar="DIR",
                       help=f"report folder (default {DEFAULT_OUTPUT})")
    p_run = sub.add_parser("run", parents=[loading, running],
                           help="run the claims whose ids match the patterns and print their verdicts")
    p_run.add_argument("patterns", nargs="*", metavar="ID-or-glob", help="claim id or fnmatch pattern (with --lf: default all)")
    p_run.add_argument("--output", default=None, metavar="DIR", help="also write reports to DIR")
    p_run.add_argument("-v", "--verbose", action="store_true", help="print the replay command of every claim")
    p_run.add_argument("--lf", "--last-failed", dest="last_failed", action="store_true",
                       help="only the matching claims whose verdict differed from the expected one (or was an "
                            "error) in the last report (--reports)")
    p_run.add_argument("--only", choices=["flagged", "mismatched"], default=None,
                       help="print only flagged claims (refuted, gap, loose) or only those not as expected")
    p_run.add_argument("--reports", default=DEFAULT_OUTPUT, metavar="DIR",
                       help=f"report folder --lf reads (default {DEFAULT_OUTPUT})")
    for p in (p_all, p_run):
        p.add_argument("--force", action="store_true",
                       help="write reports into --output even if it is not a verify report folder (files of the "
                            "same name as verify's are replaced; no other file is deleted)")
        p.add_argument("--junit-xml", default=None, metavar="PATH",
                       help="also write JUnit XML: one test case per claim, failing on an unexpected verdict")
        p.add_argument("--verify-cache", action="store_true",
                       help="run again the checks of a sample of the cache's hits and compare: an entry that "
                            "disagrees is said once, replaced, and the new result used (the sample: "
                            "--verify-cache-fraction)")
        p.add_argument("--verify-cache-fraction", type=_fraction, default=cache.DEFAULT_VERIFY, metavar="F",
                       help="with --verify-cache: the fraction of the hits run again, chosen by their keys, the same "
                            f"at every run (default {cache.DEFAULT_VERIFY:g}; 1: every hit)")
    sub.add_parser("list", parents=[loading], help="list the claims: id, note, section, title")
    sub.add_parser("coverage", parents=[loading],
                   help="how each note's assertions are accounted for (claims, the ledger's reasons, reviews); "
                        "exit 1 while one is unaccounted for")
    p_show = sub.add_parser("show", parents=[loading, running],
                            help="print one claim's report (from the reports' results.json, or --run it now)")
    p_show.add_argument("claim_id", metavar="ID", help="claim id")
    p_show.add_argument("--reports", default=DEFAULT_OUTPUT, metavar="DIR",
                        help=f"report folder to read (default {DEFAULT_OUTPUT})")
    p_show.add_argument("--run", action="store_true", help="run the claim now instead of reading the reports")
    p_watch = sub.add_parser("watch", parents=[loading, running],
                             help="run the matching claims, then re-run a module's claims whenever its files change "
                                  "and print the verdicts that moved (Ctrl-C to stop)")
    p_watch.add_argument("patterns", nargs="*", metavar="PATTERN", help="claim ids or fnmatch patterns (default: all)")
    p_watch.add_argument("--interval", type=_positive_float, default=1.0, metavar="SECONDS",
                         help="how often the files are looked at (default 1)")
    p_watch.add_argument("--cycles", type=_positive_int, default=None, metavar="N",
                         help="stop after N re-runs (default: run until Ctrl-C)")
    p_diff = sub.add_parser("diff", help="what changed between two reports: verdicts moved, claims added or "
                                         "removed, counterexamples changed, package versions")
    p_diff.add_argument("old", metavar="OLD", help="a results.json file or a report folder")
    p_diff.add_argument("new", metavar="NEW", help="a results.json file or a report folder")
    p_mut = sub.add_parser("mutate", parents=[loading, running],
                           help="mutation testing: run each claim's checks on mutants of its statements")
    p_mut.add_argument("patterns", nargs="*", metavar="ID-or-glob", help="claims to mutate (default: all)")
    p_mut.add_argument("--limit", type=_positive_int, default=DEFAULT_LIMIT, metavar="N",
                       help=f"at most N mutants per statement (default {DEFAULT_LIMIT})")
    p_mut.add_argument("--output", default=DEFAULT_OUTPUT, metavar="DIR",
                       help=f"where to write mutation.md and mutation.json (default {DEFAULT_OUTPUT})")
    p_stab = sub.add_parser("stability", parents=[loading, running],
                            help="run the claims at several seeds; list verdicts that move between accepted and flagged")
    p_stab.add_argument("patterns", nargs="*", metavar="ID-or-glob", help="claims to run (default: all)")
    p_stab.add_argument("--seeds", default="0-9", metavar="LIST", help="seeds, e.g. 0-9 or 0,3,5 (default 0-9)")
    p_stab.add_argument("--output", default=DEFAULT_OUTPUT, metavar="DIR",
                        help=f"where to write stability-BUDGET.md and .json (default {DEFAULT_OUTPUT})")
    for p in (p_all, p_run, p_mut):
        p.add_argument("--executor", choices=["local", "dask"], default="local",
                       help="where claims run: forked children here (default) or Dask tasks")
        p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                       help="Dask scheduler address (with --executor dask; default: a local cluster of --jobs workers)")
    p_bench = sub.add_parser("bench", help="benchmarks: kernels and the suite against this machine's ceilings")
    from .bench import add_arguments as _bench_arguments
    _bench_arguments(p_bench)
    p_new = sub.add_parser("new", help="write a ready-to-install claims plugin package NAME/")
    p_new.add_argument("name", metavar="NAME", help="package name: lowercase letters, digits and _")
    p_new.add_argument("--dir", default=".", metavar="DIR", help="where to create NAME/ (default: here)")
    p_ext = sub.add_parser("extract", help="draft a claims plugin from a note's formulas; --stats: how many parse")
    p_ext.add_argument("notes", nargs="+", metavar="NOTE", help="a note (Markdown or text with $$...$$ formulas)")
    p_ext.add_argument("--output", metavar="MODULE.py", help="write the draft plugin module here (one note)")
    p_ext.add_argument("--prefix", help="the claims' id prefix (default: from the note's file name)")
    p_ext.add_argument("--stats", action="store_true", help="print, per note, how many displayed formulas parse")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:      # argparse: usage error (2) or --help (0)
        return ExitCode(int(exc.code or 0))
    if getattr(args, "jobs", None) is not None and args.jobs > jobs_cap():
        print(f"note: --jobs {args.jobs} capped at {jobs_cap()} ({JOBS_PER_CPU} per CPU, {os.cpu_count() or 1} CPUs): "
              "more processes than that only compete for the CPUs and memory", file=sys.stderr)
        args.jobs = jobs_cap()
    if args.command == "new":
        return cmd_new(args.name, args.dir)
    if args.command == "extract":
        return cmd_extract(args.notes, args.output, args.prefix, args.stats)
    if args.command == "bench":
        from pathlib import Path

        from .bench import run as run_bench
        with contextlib.ExitStack() as stack:          # benchmarks.md's folder: locked as a report folder is
            busy = lock_output(stack, Path(args.output).parent)
            return busy if busy is not None else run_bench(args)
    if args.command == "diff":
        return cmd_diff(args.old, args.new)
    verify = args.verify_cache_fraction if getattr(args, "verify_cache", False) else 0.0
    if verify and args.no_cache:
        print("error: --verify-cache checks the cache: it cannot go with --no-cache", file=sys.stderr)
        return ExitCode.USAGE
    with cache.configured(not getattr(args, "no_cache", True), verify=verify):
        return _dispatch(args)


def _patterns(args) -> list[str] | None:
    """The claim ids or patterns a command needs, when it needs only some claims (None: all)."""
    if args.command == "show":
        return [args.claim_id]
    if args.command in ("run", "mutate", "stability") and args.patterns and not getattr(args, "last_failed", False):
        return list(args.patterns)
    return None


def load_registry(args) -> Registry:
    """The claims a command needs. With patterns, only the plugins that define matching ids are imported
    (the id index, :mod:`verify.run.index`, knows the others' ids and errors); without, every plugin, and
    the index is brought up to date. ``--no-cache``: a full load, and the index is neither read nor written."""
    plugins = discover(builtin=not args.no_builtin, paths=args.plugin)
    use_index = not getattr(args, "no_cache", False)
    patterns = _patterns(args)
    if use_index and patterns is not None:
        return index.select(plugins, patterns)
    before = index.snapshot(plugins) if use_index else None
    registry = load_plugins(plugins)
    if use_index:
        index.record(plugins, registry, before)
    return registry


def _dispatch(args) -> int:
    if args.command == "all":       # claims start running while later plugins load
        plugins = discover(builtin=not args.no_builtin, paths=args.plugin)
        before = index.snapshot(plugins) if not args.no_cache else None
        loading = StepwiseLoad(plugins)
        status = cmd_run(None, [], args, print_each=False, loading=loading)
        if before is not None and loading.registry is not None:
            index.record(plugins, loading.registry, before)
        return status
    if args.command == "watch":
        from .watch import watch
        return watch(args)
    registry = load_registry(args)
    print_plugin_errors(registry.errors, sys.stderr)
    if args.command == "list":
        return cmd_list(registry, sys.stdout)
    if args.command == "coverage":
        from .coverage import coverage_of, print_coverage
        found = coverage_of(discover(builtin=not args.no_builtin, paths=args.plugin), registry)
        titles = note_titles(c.note for c in found)
        if not found:
            print("no note of these claims was found (notes are looked up in $VERIFY_SEEDS and ./notes)", file=sys.stdout)
        complete = print_coverage(found, titles, sys.stdout)
        return ExitCode.OK if complete and found and not registry.errors else ExitCode.FAILED
    if args.command == "show":
        return cmd_show(registry, args)
    if args.command == "run" and not args.patterns and not args.last_failed:
        print("error: run needs claim ids or patterns (or --lf)", file=sys.stderr)
        return ExitCode.USAGE
    chosen, unmatched = registry.select(args.patterns or ["*"])
    if unmatched:
        ids = registry.all_ids
        hints = [f"{u!r} (did you mean {', '.join(close)}?)" if (close := difflib.get_close_matches(u, ids, n=3))
                 else repr(u) for u in unmatched]
        print(f"error: no claim matches {', '.join(hints)} (see `python -m verify list`)", file=sys.stderr)
        return ExitCode.USAGE
    if args.command == "run" and args.last_failed:
        try:
            last = read_report(args.reports)
        except (OSError, ValueError) as exc:
            print(f"error: --lf needs the last report in {args.reports}/ ({exc})", file=sys.stderr)
            return ExitCode.USAGE
        failed = {c.id for c in last.claims if not c.matches_expected or c.error}
        chosen = [c for c in chosen if c.id in failed]
        if not chosen:
            print(f"no claim failed in the last report ({args.reports}/results.json)", file=sys.stdout)
            return ExitCode.OK
    if args.command == "mutate":
        return cmd_mutate(registry, chosen, args)
    if args.command == "stability":
        return cmd_stability(registry, chosen, args)
    return cmd_run(registry, chosen, args, print_each=True)


def cmd_diff(old: str, new: str) -> int:
    """Print what changed between two reports; 0 when no verdict, claim or finding changed, 1 otherwise
    (as ``diff``), 2 when a report cannot be read."""
    from .report.diff import compare, load_results
    try:
        a, b = load_results(old), load_results(new)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    d = compare(a, b)
    print("\n".join(d.lines()))
    return ExitCode.OK if d.empty else ExitCode.FAILED


def lock_output(stack: contextlib.ExitStack, folder) -> ExitCode | None:
    """Take ``folder``'s lock (:func:`verify.core.files.folder_lock`) until ``stack`` closes, before
    anything runs: every command that writes into a report folder holds it, so two commands writing one
    folder never interleave. Returns ``ExitCode.BUSY`` after saying who holds it, or None. A folder that
    cannot be made is not an error here: the write says why, after the run."""
    try:
        stack.enter_context(folder_lock(folder))
    except FolderBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.BUSY
    except OSError:
        pass
    return None


def cmd_stability(registry: Registry, claims, args) -> int:
    """Verdicts of the chosen claims at each seed; writes stability-BUDGET.md and .json; fails when a
    verdict moves between accepted and flagged. The output folder is locked from the start."""
    try:
        seeds = parse_seeds(args.seeds)
    except ValueError as exc:
        print(f"error: --seeds: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    with contextlib.ExitStack() as stack:
        busy = lock_output(stack, args.output)
        return busy if busy is not None else _stability(registry, claims, args, seeds)


def _stability(registry: Registry, claims, args, seeds) -> int:
    table = verdicts_across_seeds(claims, seeds, RunSettings(budget=args.budget, timeout=args.timeout, jobs=args.jobs),
                                  progress=lambda seed: print(f"seed {seed}: done", file=sys.stderr, flush=True))
    for path in write_stability(table, args.output):
        print(f"wrote {path}")
    moved = table["moved"]
    print(f"{len(claims)} claims at seeds {args.seeds}, budget {args.budget}: "
          + (f"{len(moved)} move between accepted and flagged: {', '.join(moved)}" if moved else "no verdict moves "
             "between accepted and flagged"))
    return ExitCode.FAILED if moved or registry.errors else ExitCode.OK


def cmd_mutate(registry: Registry, claims, args) -> int:
    """Mutation testing of the chosen claims; writes mutation.md and mutation.json. The output folder is
    locked from the start."""
    with contextlib.ExitStack() as stack:
        busy = lock_output(stack, args.output)
        return busy if busy is not None else _mutate(registry, claims, args)


def _mutate(registry: Registry, claims, args) -> int:
    def progress(claim_id: str, result: dict) -> None:
        rows = [row for t in result.get("targets", []) for row in t["mutants"]]
        k = tally(rows)
        rate = "n/a" if k["kill_rate"] is None else f"{100 * k['kill_rate']:.0f}%"
        text = result["error"] if "error" in result else f"{k['killed']}/{k['killed'] + k['survived']} killed ({rate})"
        print(f"{claim_id}: {text}", flush=True)

    settings = settings_of(args)
    with _executor(args) as executor:
        if executor is False:
            return ExitCode.USAGE
        results = run_mutation(claims, settings, limit=args.limit, progress=progress, executor=executor)
    report = MutationReport.of(results, settings, args.limit)
    for path in report.write(args.output):
        print(f"wrote {path}")
    for label, o in report.overall.items():
        rate = "n/a" if o.kill_rate is None else f"{100 * o.kill_rate:.1f}%"
        print(f"{label}: {o.generated} mutants: {o.killed} killed, {o.survived} survived, "
              f"{o.weaker} weaker, {o.true} true, {o.equivalent} equivalent, {o.error} error; kill rate {rate}")
    return ExitCode.FAILED if registry.errors else ExitCode.OK


def cmd_list(registry: Registry, out: TextIO) -> int:
    rows = [(c.id, c.note, c.source.section, c.title) for c in registry.claims]
    widths = [max([len(r[i]) for r in rows], default=0) for i in range(3)]
    for row in rows:
        out.write("  ".join(cell.ljust(w) for cell, w in zip(row[:3], widths)) + "  " + row[3] + "\n")
    return ExitCode.FAILED if registry.errors else ExitCode.OK


@contextlib.contextmanager
def _executor(args):
    """The executor of ``--executor``/``--scheduler`` for a ``with`` block, closed after it: None for the
    local runner's own workers, False after printing why it cannot be made."""
    if args.executor == "local" and args.scheduler is None:
        yield None
        return
    from .run.executors import Sources, make_executor
    try:
        executor = make_executor(args.executor, args.jobs, Sources.of(builtin=not args.no_builtin, paths=args.plugin),
                                 args.scheduler)
    except (RuntimeError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        yield False
        return
    try:
        yield executor
    finally:
        executor.close()


def cmd_run(registry: Registry | None, claims, args, print_each: bool, loading: StepwiseLoad | None = None) -> int:
    """Run ``claims`` (or, with ``loading``, every claim as its plugin loads; the registry comes at the end).
    With ``--output``, the folder is checked and locked before anything runs, and stays locked until the
    reports are written."""
    with contextlib.ExitStack() as stack:
        if args.output is not None:
            try:
                report_files_of(args.output, args.force)
            except NotAReportFolder as exc:
                print(f"error: {exc}", file=sys.stderr)
                return ExitCode.USAGE
            except OSError:         # the folder cannot be read: the run goes on, and the write says why
                pass
            busy = lock_output(stack, args.output)
            if busy is not None:
                return busy
        return _run_and_report(registry, claims, args, print_each, loading)


def _run_and_report(registry: Registry | None, claims, args, print_each: bool,
                    loading: StepwiseLoad | None = None) -> int:
    printer = ProgressPrinter(sys.stderr, transient=print_each)      # `run` prints each claim once, below
    settings = settings_of(args)
    with _executor(args) as executor:
        if executor is False:
            return ExitCode.USAGE
        expected = previous_timings(args.output) if args.output is not None else None
        results = run_claims(claims, settings, progress=printer,
                             plugin_of=loading.plugin_of if loading else registry.plugin_of,
                             executor=executor, expected_seconds=expected, more=loading)
    printer.close()
    if loading is not None:
        registry = loading.finish()
        print_plugin_errors(registry.errors, sys.stderr)
        position = {c.id: i for i, c in enumerate(registry.claims)}
        results.sort(key=lambda r: position[r.claim.id])          # the registry's order, as a plain load gives
    report = Report.of(results, settings, registry.errors)
    if loading is not None:             # `all`: every claim of every plugin ran, so each note's coverage is whole
        from .coverage import coverage_of
        report = dataclasses.replace(report, coverage=coverage_of(loading.plugins, registry))
    if print_each:
        only = getattr(args, "only", None)
        for c in report.claims:
            if only == "flagged" and not c.flagged or only == "mismatched" and c.matches_expected and not c.error:
                continue
            sys.stdout.write(describe(c, report, verbose=getattr(args, "verbose", False)))
    elif report.claims:
        print("\n".join(flagged_lines(report)), file=sys.stdout)
    status = ExitCode.FAILED if report.failed() else ExitCode.OK
    written = None
    if args.output is not None:
        try:
            out = write_reports(report, args.output, timings=results.timings, force=args.force)
            written = os.path.join(str(out), "html", "index.html")
            print(f"reports written to {out}/", file=sys.stdout)
        except Exception:
            traceback.print_exc(file=sys.stderr)
            print(f"error: could not write reports to {args.output}/; the previous reports are untouched",
                  file=sys.stderr)
            status = ExitCode.FAILED
    if args.junit_xml is not None:
        try:
            write_junit(args.junit_xml, report, results.timings)
        except OSError as exc:
            print(f"error: could not write JUnit XML to {args.junit_xml}: {exc}", file=sys.stderr)
            status = ExitCode.FAILED
    if getattr(args, "verify_cache", False):
        r = results.reproved
        print(f"cache verified: {r['checked']} cached result(s) proved again "
              f"({args.verify_cache_fraction:g} of the hits, by key): "
              + (f"{r['disagreed']} disagreed (entries replaced; the reports use the results proved again)"
                 if r["disagreed"] else "all agreed"), file=sys.stdout)
    print(summary(report) + f" in {printer.elapsed():.1f} s", file=sys.stdout)
    if written is not None:
        print(f"open {written}", file=sys.stdout)
    return status


def cmd_extract(notes: list[str], output: str | None, prefix: str | None, stats: bool) -> int:
    """Draft a plugin from a note (``verify.extract``); with ``--stats``, the parse rate of each note."""
    from pathlib import Path

    from .extract import extract, first_errors, render, stats_line
    if output and len(notes) != 1:
        print("extract: --output takes one note", file=sys.stderr)
        return ExitCode.USAGE
    for note in notes:
        if not Path(note).is_file():
            print(f"extract: no such note: {note}", file=sys.stderr)
            return ExitCode.USAGE
    for note in notes:
        draft = extract(note, prefix)
        if stats:
            print(stats_line(draft))
            for line in first_errors(draft):
                print(line)
        if output:
            Path(output).write_text(render(draft), encoding="utf-8")
            print(f"wrote {output}: {sum(1 for f in draft.formulas)} formulas; "
                  f"run it with python -m verify run '{draft.prefix}.*' --plugin {output}")
        elif not stats:
            sys.stdout.write(render(draft))
    return ExitCode.OK


def cmd_new(name: str, parent: str) -> int:
    from .scaffold import ScaffoldError, scaffold
    try:
        folder = scaffold(name, parent)
    except (ScaffoldError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    print(f"wrote {folder}/; install it with `python -m pip install -e {folder}`, then `python -m verify list`")
    return ExitCode.OK


def cmd_show(registry: Registry, args) -> int:
    """One claim's report in the terminal: from ``results.json`` of the report folder, or run now."""
    claim = next((c for c in registry.claims if c.id == args.claim_id), None)
    path = os.path.join(args.reports, "results.json")
    if args.run:
        if claim is None:
            print(f"error: no claim {args.claim_id!r} (see `python -m verify list`)", file=sys.stderr)
            return ExitCode.USAGE
        settings = dataclasses.replace(settings_of(args), jobs=1)
        report = Report.of(run_claims([claim], settings, plugin_of=registry.plugin_of), settings)
        status = ExitCode.FAILED if report.failed() else ExitCode.OK
    else:
        try:
            report = read_report(args.reports)
        except (OSError, ValueError) as exc:
            print(f"error: cannot read {path} ({exc}); run `python -m verify all` first, or use --run",
                  file=sys.stderr)
            return ExitCode.FAILED
        status = ExitCode.OK
    try:
        shown = report.by_id().get(args.claim_id)
    except TypeError as exc:        # an id that is not a string
        print(f"error: {path} is malformed ({type(exc).__name__}: {exc}); run `python -m verify all` again, "
              "or use --run", file=sys.stderr)
        return ExitCode.FAILED
    if shown is None:
        print(f"error: claim {args.claim_id!r} is not in {path}; try --run", file=sys.stderr)
        return ExitCode.USAGE
    if not shown.plugin:       # results.json does not record plugins: the loaded claims do
        shown = dataclasses.replace(shown, plugin=registry.plugin_of.get(shown.id, ""))
    pretty = pretty_correction = None
    if claim is not None:
        import sympy as sp
        pretty = sp.pretty(claim.statement.relation, use_unicode=True)
        if claim.correction is not None:
            pretty_correction = sp.pretty(claim.correction.statement.relation, use_unicode=True)
    try:
        show_claim(shown, report, pretty, pretty_correction=pretty_correction)
    except Exception as exc:      # a results.json whose fields have the wrong types
        if args.run:
            raise
        print(f"\nerror: {path} is malformed: claim {args.claim_id}: {type(exc).__name__}: {exc}; "
              "run `python -m verify all` again, or use --run", file=sys.stderr)
        return ExitCode.FAILED
    return status
