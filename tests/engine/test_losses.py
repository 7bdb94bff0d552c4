"""verify.maths.losses: the Lambert W_0 function, Quad/Rayleigh/Rank on arrays and at 50 digits, and the desingularizers, each formula with a case where a wrong version must fail."""
from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest
import sympy as sp
from verify.notation import Quad, Rank, Rayleigh, W0
from verify.maths.losses import (cross_entropy_desingularizer, cross_entropy_phi_numeric, power_desingularizer)
from verify.core.model import Outcome, Statement
from verify.checks.numeric import array_value, precise_margin
from verify.checks.search import Domain
from verify.checks.symbolic import Identity


def test_w0_on_arrays_mpmath_and_evalf():
    x = np.array([-0.3678794411714, -0.2, 0.0, 1.0, np.e, 1e5, np.inf, -1.0])      # from near -1/e
    w = array_value(W0(sp.Symbol("x")), {"x": x})
    assert np.allclose(w[:6] * np.exp(w[:6]), x[:6], rtol=1e-12, atol=1e-15)
    assert w[4] == pytest.approx(1.0) and np.isinf(w[6]) and np.isnan(w[7])
    with mp.workdps(50):
        z = W0.mpmath(mp.mpf(3))
        assert abs(z * mp.exp(z) - 3) < mp.mpf(10) ** -48
    assert abs(sp.N((W0(sp.Symbol("x")) * sp.exp(W0(sp.Symbol("x")))).subs(sp.Symbol("x"), sp.Float(7, 60)), 50) - 7) < 1e-45
    assert W0(sp.exp(sp.Symbol("s", real=True))).is_positive and W0(-sp.Symbol("y", positive=True)).is_positive is False


def test_w0_identity_check_fails_on_a_wrong_identity(ctx):
    xs = sp.Symbol("x", real=True)
    right = Statement(sp.Eq(W0(xs) * sp.exp(W0(xs)), xs, evaluate=False))
    wrong = Statement(sp.Eq(W0(xs) * sp.exp(W0(xs)), xs * (1 + sp.Rational(1, 10**20)), evaluate=False))
    ident = Identity(domains={"x": Domain(0.01, 100)})
    assert ident.run(right, ctx).outcome is Outcome.HOLDS
    assert ident.run(wrong, ctx).outcome is Outcome.FAILS      # visible only beyond double precision


def test_quad_rayleigh_rank_on_arrays_and_at_50_digits():
    rng = np.random.default_rng(1)
    B = rng.standard_normal((3, 2, 4, 4))
    Am = B @ np.swapaxes(B, -1, -2)
    xv, yv = rng.standard_normal((2, 3, 2, 1, 4))
    env = {"A": Am, "x": xv, "y": yv}
    Asym, xs, ys = sp.symbols("A x y")
    q = array_value(Quad(Asym, xs, ys), env)
    assert q.shape == (3, 2, 1, 1)
    assert np.allclose(q[..., 0, 0], np.einsum("sbai,sbij,sbaj->sb", xv, Am, yv))
    r = array_value(Rayleigh(Asym, xs, xs), env)
    assert np.allclose(r[..., 0, 0], np.einsum("sbai,sbij,sbaj->sb", xv, Am, xv) / (xv**2).sum(-1)[..., 0])
    assert np.allclose(array_value(Rayleigh(Asym, 3 * xs, xs), env), r)         # scale invariance
    low = rng.standard_normal((3, 2, 4, 2)) @ rng.standard_normal((3, 2, 2, 4))
    assert np.all(array_value(Rank(Asym), {"A": low}) == 2) and np.all(array_value(Rank(Asym), env) == 4)
    # 50-digit replay values agree with the float ones
    idx, shape = (1, 0, 0, 0), (3, 2, 1, 1)
    assert precise_margin(sp.Eq(Quad(Asym, xs, ys), sp.Symbol("c"), evaluate=False), {**env, "c": q}, idx, shape) > -1e-12
    assert precise_margin(sp.Le(Rank(Asym), 2), {"A": low}, idx, shape) == 0.0
    assert precise_margin(sp.Le(Rank(Asym), 1), {"A": low}, idx, shape) < 0            # must fail


def test_power_desingularizer_inverse_and_derivative():
    u, p = sp.Symbol("u", positive=True), sp.Symbol("p", nonpositive=True)
    phi, inv = power_desingularizer(u, p)
    env = {"u": np.array([0.3, 2.0, 5.0]), "p": np.array([0.0, -0.5, -1.0])}
    assert np.allclose(array_value(inv(phi), env), env["u"])
    assert np.allclose(array_value(sp.diff(phi, u), env), env["u"] ** (env["p"] - 1))
    assert sp.simplify(phi.subs(p, -1) + 1 / u) == 0
    # must fail: a wrong inverse (exp(v) for every p) does not invert phi_{-1}
    assert not np.allclose(array_value(sp.exp(phi), env), env["u"])


def test_cross_entropy_desingularizer():
    u = sp.Symbol("u", positive=True)
    phi = cross_entropy_desingularizer(u)
    assert sp.simplify(sp.diff(phi, u) - 1 / (1 - sp.exp(-u)) ** 2) == 0
    assert sp.simplify(sp.diff(phi, u) - 1 / (1 - sp.exp(-u))) != 0                    # must fail
    us = np.array([0.1, 1.0, 1.0986, 3.0])
    assert np.allclose(cross_entropy_phi_numeric(us), [float(phi.subs(u, v)) for v in us], rtol=1e-12)
    assert cross_entropy_phi_numeric(np.log(3.0)) > 0 > cross_entropy_phi_numeric(np.log(2.0))
