"""The LaTeX front end: formulas of ML-theory notes as SymPy statements (see :mod:`.parser`)."""
from .parser import LatexError, Parsed, parse_formula

__all__ = ["LatexError", "Parsed", "parse_formula"]
