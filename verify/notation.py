"""Public: notation of ML-theory notes as SymPy functions that print the note's way, evaluate on arrays
and in mpmath, and declare how they scale (``Norm``, ``OpNorm``, ``FrobNorm``, ``LambdaMin``,
``MaxEntry``, ``MatVec``, ``SumEntries``, ``ArgMin``, ``Prob``, ``Quad``, ``Rayleigh``, ``Rank``, ``W0``,
``ReLU``), their base class ``Notation`` for a plugin's own, the ReLU compositions ``relu_sym`` and
``hat_sym``, and ``order_at`` (a note's O(.) at the limit point it leaves implicit, for a statement parsed
from its LaTeX)."""
from .core.notation import (ArgMin, FrobNorm, LambdaMin, MatVec, MaxEntry, Norm, Notation, OpNorm, Prob, Quad, Rank,
                            Rayleigh, ReLU, SumEntries, W0, hat_sym, relu_sym)
from .core.latex.functions import order_at

__all__ = ["Notation", "Norm", "OpNorm", "FrobNorm", "LambdaMin", "MaxEntry", "MatVec", "Prob", "Quad", "Rayleigh",
           "Rank", "W0", "ReLU", "SumEntries", "ArgMin", "relu_sym", "hat_sym",
           "order_at"]
