"""Public: the checks a claim names. Each takes a statement and a :class:`verify.Context` and returns a
:class:`verify.CheckResult`; none decides a verdict (:mod:`verify.core.verdict` does).

* symbolic (SymPy): :class:`Identity`, :class:`Inequality`, :class:`Derivation`, :class:`Gronwall`; each takes
  ``sizes=`` when it derives on instances of fixed sizes (``{"d": (2, 3)}``), which then prove only those sizes;
  :class:`AtSizes` evaluates such a family numerically at larger sizes;
* numeric (NumPy/SciPy/mpmath): :class:`Simulation`, :class:`OrderFit`, :class:`Probability`,
  :class:`MonteCarlo`, :class:`Convergence`, :class:`LimitIsMinimiser` (a simulated limit against the solved
  ``ArgMin``);
* exact enumeration over finite sets: :class:`Enumeration`, :class:`CaseSplit`, :func:`cube_mean`;
* :class:`Untestable` records why nothing here can test a statement;
* :class:`Domain` bounds a symbol for the counterexample search;
* :class:`Configurations` (with :class:`Range`, :class:`Derived`) declares a numeric statement's configuration
  space, searched exhaustively; :class:`Setting` adds the setting's constraints to a check's own search;
  :data:`WEIGHTS` and :func:`binomial_outcomes` give a finite outcome space its exact probabilities.
"""
from .configurations import (WEIGHTS, Config, Configurations, Derived, Range, Setting, SettingViolation, binomial_outcomes,
                             remembered)
from .configurations import label as config_label
from .convergence import Convergence
from .enumeration import CaseSplit, Enumeration, InitialValueGronwall, cube_mean
from .minimiser import LimitIsMinimiser
from .numeric import MonteCarlo, OrderFit, Probability, Simulation
from .search import Domain
from .symbolic import AtSizes, Derivation, Gronwall, Identity, Inequality
from .untestable import Untestable

__all__ = ["Identity", "AtSizes", "Inequality", "Derivation", "Gronwall", "Simulation", "OrderFit", "Probability",
           "MonteCarlo", "Convergence", "LimitIsMinimiser", "Enumeration", "CaseSplit", "InitialValueGronwall",
           "cube_mean", "Untestable", "Domain", "Configurations", "Config", "Range", "Derived", "Setting",
           "SettingViolation", "WEIGHTS", "config_label", "remembered",
           "binomial_outcomes"]
