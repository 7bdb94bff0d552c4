"""Public: notation of ML-theory notes as SymPy functions that print the note's way and evaluate on
arrays and in mpmath (``Norm``, ``OpNorm``, ``FrobNorm``, ``LambdaMin``, ``MaxEntry``, ``MatVec``, ``Prob``)."""
from .core.notation import FrobNorm, LambdaMin, MatVec, MaxEntry, Norm, OpNorm, Prob

__all__ = ["Norm", "OpNorm", "FrobNorm", "LambdaMin", "MaxEntry", "MatVec", "Prob"]
