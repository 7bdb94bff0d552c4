"""Internal: the claim model, verdicts, notation and plot data (plain data and vocabulary; no check, no I/O)."""
from sympy.core.symbol import Dummy

# SymPy draws Dummy symbols' base index at random when it is imported; the index sets their hashes and
# sort keys, and through them the order of terms a check evaluates. Fixed here, before any claim builds its
# statements, it is the same in every process: the CLI, its forked workers and spawned Dask workers alike.
Dummy._base_dummy_index = 5_000_000
