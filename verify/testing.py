"""Public: what a plugin's own tests need: load claims the way ``python -m verify`` does (with its
validation and plugin errors) and run one claim in this process."""
from .run.registry import load
from .run.runner import run_claim

__all__ = ["load", "run_claim"]
