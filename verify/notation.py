"""Public: notation of ML-theory notes as SymPy functions that print the note's way, evaluate on arrays
and in mpmath, and declare how they scale (``Norm``, ``OpNorm``, ``FrobNorm``, ``LambdaMin``,
``MaxEntry``, ``MatVec``, ``SumEntries``, ``ArgMin``, ``Prob``, ``Quad``, ``Rayleigh``, ``Rank``, ``W0``,
``ReLU``), their base class ``Notation`` for a plugin's own, the ReLU compositions ``relu_sym`` and
``hat_sym``; and for statements parsed from a note's LaTeX, the classes the LaTeX front end builds where
the engine has none (``SupOver``, ``Expectation``, ``SubNorm``, ``CalO``, ``SuccEq``, ...: the keys of
readings) and ``order_at`` (a note's O(.) at the limit point it leaves implicit)."""
from .core.notation import (ArgMin, FrobNorm, LambdaMin, MatVec, MaxEntry, Norm, Notation, OpNorm, Prob, Quad, Rank,
                            Rayleigh, ReLU, SumEntries, W0, hat_sym, relu_sym)
# what the LaTeX front end builds where the engine has no class (they print back the note's way), for the
# keys of a statement's readings and a claim's own symbols
from .core.latex.functions import (SubNorm, Inner, Expectation, ProbOver, Indicator, Entry, Distributed, Grad, Hessian, Transposed,
    MinOver, MaxOver, SupOver, InfOver, ArgminOver, ArgmaxOver, SumOver, ProdOver, IntegralOver, JointLimit,
    BigO, CalO, SoftO, BigOmega, BigTheta, LittleO, DerivativeOf, Jacobian, Meet, In, AsymptoticRelation, Lesssim,
    Gtrsim, Asymp, Sim, Propto, Approx, MuchLess, MuchGreater, Tends, SuccEq, PrecEq,
    Succ, Prec, Equiv, SubsetEq, NotIn, MapsTo, order_at)

__all__ = ["Notation", "Norm", "OpNorm", "FrobNorm", "LambdaMin", "MaxEntry", "MatVec", "Prob", "Quad", "Rayleigh",
           "Rank", "W0", "ReLU", "SumEntries", "ArgMin", "relu_sym", "hat_sym",
           "order_at", "SubNorm", "Inner", "Expectation", "ProbOver", "Indicator", "Entry", "Distributed", "Grad", "Hessian", "Transposed", "MinOver", "MaxOver", "SupOver", "InfOver", "ArgminOver", "ArgmaxOver", "SumOver", "ProdOver", "IntegralOver", "JointLimit", "BigO", "CalO", "SoftO", "BigOmega", "BigTheta", "LittleO", "DerivativeOf", "Jacobian", "Meet", "In", "AsymptoticRelation", "Lesssim", "Gtrsim", "Asymp", "Sim", "Propto", "Approx", "MuchLess", "MuchGreater", "Tends", "SuccEq", "PrecEq", "Succ", "Prec", "Equiv", "SubsetEq", "NotIn", "MapsTo"]
