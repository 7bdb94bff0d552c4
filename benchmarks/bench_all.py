"""Benchmark: wall time of `python -m verify all --budget quick` (the goal: under 60 s on 2 cores).

Run: python benchmarks/bench_all.py [--repeat N] [--jobs N]. Prints the timings; writes reports to a
temporary folder so the committed ones are untouched.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--budget", default="quick")
    args = parser.parse_args()
    times = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "verify", "all", "--budget", args.budget,
                                   "--jobs", str(args.jobs), "--output", out], capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if proc.returncode not in (0, 1):
                print(proc.stderr, file=sys.stderr)
                return proc.returncode
    print(f"verify all --budget {args.budget} --jobs {args.jobs}: median {statistics.median(times):.1f} s "
          f"(runs: {', '.join(f'{t:.1f}' for t in times)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
