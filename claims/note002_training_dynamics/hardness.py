"""Note 002, hardness: the ReLU network g that simulates an intersection of halfspaces, and its path norm."""
from __future__ import annotations

import sympy as sp
from verify.notation import ReLU
from verify.maths.features import (path_norm, relu_abs, step_sym)
from .setting import b_, d, i, j, k, w, x


# ---------------------------------------------------------------------------------------------
# Hardness: the ReLU network g that simulates an intersection of halfspaces
# ---------------------------------------------------------------------------------------------
_a = sp.Symbol("a", positive=True)
tau = sp.Symbol("t", real=True)
tp = sp.Symbol("t_+", positive=True)
z_ = sp.Symbol("z", real=True)
sz = sp.Symbol("s", nonnegative=True)
STEP_LIMIT = sp.Limit(relu_abs(_a * tau) - relu_abs(_a * tau - 1), _a, sp.oo)


def c_lin(idx=None):
    """c_i(x) = w_i^T x - b_i - 1/2 with x in {-1, 1}^d."""
    if idx is None:
        return sp.Sum(w[j] * x[j], (j, 1, d)) - b_[1] - sp.Rational(1, 2)
    return sp.Sum(w[idx, j] * x[j], (j, 1, d)) - b_[idx] - sp.Rational(1, 2)


def c_written():
    """c(x) as the text writes it, "w^T x b 1/2": the operators are lost, and juxtaposition is a product."""
    return sp.Sum(w[j] * x[j], (j, 1, d)) * b_[1] * sp.Rational(1, 2)


G_NET = (sp.Sum(ReLU(2 * c_lin(i)) - ReLU(2 * c_lin(i) - 1), (i, 1, k)) - k + sp.Rational(1, 3)) / (2 * k)
AND_H = sp.Product(step_sym(c_lin(i)), (i, 1, k))      # h_1 ∧ ... ∧ h_k of {0,1}-valued h_i

# path norm of g, from its neurons: relu(2 c_i) = relu(2 w_i.x - 2 b_i - 1), relu(2 c_i - 1), output bias
W1, B1, SW, SB = sp.symbols("W_i B_i S_W S_B", nonnegative=True)    # ||w_i||_1, |b_i| and their sums over i
_pair = path_norm([(1 / (2 * k), 2 * W1, -2 * B1 - 1), (-1 / (2 * k), 2 * W1, -2 * B1 - 2)])
_slope_w, _slope_b = sp.diff(_pair, W1), sp.diff(_pair, B1)
_const = sp.expand(_pair - _slope_w * W1 - _slope_b * B1)
PATH_NORM_G = sp.simplify(_slope_w * SW + _slope_b * SB + k * _const
                          + path_norm([], output_bias=(-k + sp.Rational(1, 3)) / (2 * k)))
# the note's bound, summed over i: sum_i (2(2||w_i||_1 + |b_i| + 1/2) + 1) = 2(2 S_W + S_B + k/2) + k
NOTE_PATH_BOUND = (k + sp.Rational(1, 3) + (2 * (2 * SW + SB + k / 2) + k)) / (2 * k)
P_g = sp.Symbol("P_g", nonnegative=True)

# Theorem 5 and what its proof delivers. Hardness statements are recorded as indicators in [0, 1] (1: "the class is
# not efficiently learnable", 1: "the cryptographic assumption holds"); "A implies B" is B >= A. The proof's chain:
# g (a 2-layer ReLU network whose path norm is poly(d): dyn.hardness.path_norm's correction) has sign(g) equal to
# the intersection as a +-1 label (dyn.hardness.sign_g's correction), so a learner of G learns H_K (hard_G >= hard_HK);
# Theorem 4 makes H_K hard only under its cryptographic assumption (hard_HK >= crypto). Transitivity gives
# hard_G >= crypto -- the conclusion holds where the assumption does, and nowhere else is it derived.
hard_G, hard_HK, crypto = sp.symbols("hard_G hard_HK crypto", nonnegative=True)
REDUCTION = sp.Ge(hard_G, hard_HK)           # the simulation of H_K by G (Theorem 5's proof)
THEOREM4_AS_CITED = sp.Ge(hard_HK, crypto)  # Theorem 4: hard under the cryptographic assumption
if REDUCTION.rhs != THEOREM4_AS_CITED.lhs:
    raise AssertionError("the proof's chain does not compose")
THEOREM5_DERIVED = sp.Ge(REDUCTION.lhs, THEOREM4_AS_CITED.rhs)
