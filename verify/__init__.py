"""verify: check the claims of ML-theory notes statement by statement.

The public API for plugin authors (everything else is internal and may change)::

    from verify import Claim, Statement, Source, Correction, Verdict        # the claim model
    from verify.checks import Identity, Inequality, Simulation, Probability  # the checks
    from verify.notation import Norm, LambdaMin, Prob                         # notation that prints the note's way
    from verify.scaling import Scaling                                        # scaling dimensions of a setting
    from verify.maths import models, kernels                                  # ML mathematics (NumPy/SciPy)

The package is layered, each layer importing only those below it: ``verify.core`` (claim model,
verdicts, notation, plot data) <- ``verify.checks`` <- ``verify.run`` (registry, runner, executors,
cache, mutation) <- ``verify.report`` (the report document and its renderers) <- ``verify.cli``;
``verify.maths`` never imports the engine.

Names are imported on first use (PEP 562), so ``python -m verify`` starts without loading SymPy twice.
"""
from __future__ import annotations

import importlib

# public name -> module it lives in
_EXPORTS = {
    "Claim": "core.model", "Statement": "core.model", "FromQuote": "core.model", "Source": "core.model", "Correction": "core.model",
    "Verdict": "core.model", "Outcome": "core.model", "CheckResult": "core.model", "Context": "core.model",
    "Budget": "core.model", "BUDGETS": "core.model", "Check": "core.model", "Scaling": "checks.scaling",
}
_MODULES = ("checks", "notation", "scaling", "maths", "testing")

__all__ = [*_EXPORTS, *_MODULES]


def __getattr__(name: str):
    if name in _MODULES:
        return importlib.import_module(f".{name}", __name__)
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(__all__)
