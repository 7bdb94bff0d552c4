"""Public: a note's scaling dimensions (:class:`Scaling`); the analysis itself is the check
:class:`verify.checks.scaling.ScalingCheck`, which the runner adds to every claim that has scalings."""
from .checks.scaling import Scaling

__all__ = ["Scaling"]
