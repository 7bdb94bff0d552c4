"""verify: check the claims of ML-theory notes statement by statement.

The public API for plugin authors::

    from verify import Claim, Statement, Source, Correction, Verdict
    from verify.symbolic import Identity, Inequality

Names are imported on first use (PEP 562), so ``python -m verify`` starts without loading SymPy twice.
"""
from __future__ import annotations

import importlib

# public name -> module it lives in
_EXPORTS = {
    "Claim": "model", "Statement": "model", "Source": "model", "Correction": "model", "Verdict": "model",
    "Outcome": "model", "CheckResult": "model", "Context": "model", "Budget": "model",
}
_MODULES = ("symbolic", "search", "numeric", "models", "notation", "untestable")

__all__ = [*_EXPORTS, *_MODULES]


def __getattr__(name: str):
    if name in _MODULES:
        return importlib.import_module(f".{name}", __name__)
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(__all__)
