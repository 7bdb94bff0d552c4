"""Internal: the claim model, verdicts, notation and plot data (plain data and vocabulary; no check, no I/O)."""
