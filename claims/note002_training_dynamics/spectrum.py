"""Note 002, the remarks after Lemma 11 on the spectrum of the kernel (0.25): the eigenvalues of the kernel
function (its integral operator on the data distribution Unif(S^{d-1})) and the smallest eigenvalue of K.

k(x, x') = E_{b ~ Unif(S^{d-1})}[relu(b.x) relu(b.x')] = (sin phi + (pi - phi) cos phi)/(2 pi d) on the sphere
(phi the angle) is a zonal kernel: by Funk-Hecke its eigenfunctions are the spherical harmonics, with eigenvalue
mu_l = E_{x'}[k(x, x') P_l(x.x')] for degree l (multiplicity 1, 2, 2, ... on S^1; 2l + 1 on S^2): on S^1 in closed
form (the cosine coefficients of k), on S^2 by Gauss-Legendre quadrature in the angle (the integrand is analytic
there, and the degrees needed are below 30). "The n-th largest eigenvalue of the
kernel function" is the n-th of these, with multiplicity, for the probability measure Unif(S^{d-1}) -- the
normalisation under which lambda_i(K)/n estimates lambda_i (any other measure of the sphere multiplies it by the
sphere's area, making n lambda_n/2 larger still)."""
from __future__ import annotations

import functools

import numpy as np
import sympy as sp
from numpy.polynomial import legendre
from scipy.special import eval_legendre
from verify.checks import Config, Configurations
from verify.maths.features import sphere_points
from verify.maths.kernels import arccos
from .setting import config_text

lam_op, lam_top = sp.symbols("lambda_n lambda_1", positive=True)   # the n-th and the largest eigenvalue of k
Q_op = sp.Symbol("Q_op", positive=True)                             # 1/(lambda_n n^{1/d}): (0.25)'s decay in n

_NODES, _WEIGHTS = legendre.leggauss(600)
_ANGLES = (_NODES + 1) * np.pi / 2
_ANGLE_WEIGHTS = _WEIGHTS * np.pi / 2


def _circle_coefficient(j: int) -> float:
    """(1/pi) int_0^pi k(phi) cos(j phi) dphi for k = (sin phi + (pi - phi) cos phi)/(4 pi), exactly: with
    I = int_0^pi sin(phi) cos(j phi) dphi = (1 + (-1)^j)/(1 - j^2) (0 at j = 1) and J = int_0^pi (pi - phi) cos(phi)
    cos(j phi) dphi = (c(j - 1) + c(j + 1))/2, c(q) = int_0^pi (pi - phi) cos(q phi) dphi = (1 - (-1)^q)/q^2 (pi^2/2
    at q = 0), it is (I + J)/(4 pi^2): 1/16 at j = 1, 0 at odd j >= 3, 1/(pi^2 (j^2 - 1)^2) at even j (summed
    without cancellation)."""
    if j == 1:
        return 1.0 / 16
    return 0.0 if j % 2 else 1.0 / (np.pi**2 * (j * j - 1.0) ** 2)


@functools.lru_cache(maxsize=None)
def mercer_eigenvalues(d: int, count: int) -> np.ndarray:
    """The ``count`` largest eigenvalues of the kernel (0.25) on Unif(S^{d-1}), d = 2 or 3, with multiplicity,
    in decreasing order (the odd degrees l >= 3 have eigenvalue 0 for ReLU: the degrees are taken until
    ``count`` nonzero ones are listed)."""
    if d not in (2, 3):
        raise ValueError(f"the kernel's eigenvalues are computed on S^1 and S^2, not S^{d - 1}")
    kap = (np.sin(_ANGLES) + (np.pi - _ANGLES) * np.cos(_ANGLES)) / (2 * np.pi * d)
    out, degree, nonzero = [], 0, 0
    while nonzero < count:
        if d == 2:       # E_{x'}[k P_l] on S^1: the cosine coefficient, multiplicity 2 for l >= 1
            mu, mult = _circle_coefficient(degree), (1 if degree == 0 else 2)
        else:            # Funk-Hecke on S^2: (1/2) int_0^pi k P_l(cos phi) sin phi dphi, multiplicity 2l + 1
            mu = 0.5 * np.sum(_ANGLE_WEIGHTS * kap * eval_legendre(degree, np.cos(_ANGLES)) * np.sin(_ANGLES))
            mult = 2 * degree + 1
        if d == 3 and out and abs(mu) < 1e-14 * out[0]:
            mu = 0.0          # the odd degrees l >= 3 (quadrature round-off, below 1e-17)
        out += [mu] * mult
        nonzero += mult if mu > 0 else 0
        degree += 1
    return np.sort(np.array(out))[::-1][:count]


# "[Braun, 2006] proved that with high probability, lambda_n(K) > n lambda_n/2": the inputs' dimension and the
# sample size, from the smallest n on (the remark is stated for every n; "with high probability" is read in its
# weakest form, probability >= 1/2, as the multi-layer section's "sufficiently large" is)
BRAUN_SPACE = Configurations(d=[2, 3], n=[4, 16])
BRAUN_DRAWS_AT = Config(d=2, n=8)          # the configuration of a direct call


def braun_draws(ctx, trials, precise, config=BRAUN_DRAWS_AT):
    """K = (k(x_i, x_j)) for n = config["n"] points x_i ~ Unif(S^{d-1}) (d = config["d"]), the kernel (0.25) in
    closed form, with the n-th and the largest eigenvalue of the kernel function (exact, by quadrature)."""
    nn, dd = int(config["n"]), int(config["d"])
    rng = ctx.rng("braun", config_text(config))
    X = sphere_points(rng, (trials, nn), dd)
    ev = mercer_eigenvalues(dd, nn)
    one = np.ones((1, 1, 1))
    return {"K": arccos(X, degree=1, sphere=True), "n": nn * one, "lambda_n": ev[nn - 1] * one,
            "lambda_1": ev[0] * one}


# "For the ReLU activation function, one can show that lambda_n >= C_d/n^{1+1/d}": an order in n at d = 2 and 3
# (the exponent's d-dependence is moved into the quantity, Q = 1/(lambda_n n^{1/d}) = O(n), so that one order is
# claimed at every d); 40 sizes n = 32..4096 (geometric), where every eigenvalue is far above round-off, since the
# multiplicities make lambda_n a staircase in n (blocks of 2 on S^1, of 2l + 1 on S^2)
OP_NS = np.unique(np.geomspace(32, 4096, 40).astype(int))
OP_SPACE = Configurations(d=[2, 3])
OP_AT = Config(d=3)


def operator_decay(ctx, variable, precise, config=OP_AT, corrected=False):
    """n against 1/(lambda_n n^{1/d}) (as written) or 1/(lambda_n n^{(d+2)/(d-1)}) (``corrected``), one exact
    value per n (the eigenvalues are computed, not sampled)."""
    if variable != "n":
        raise ValueError(f"the kernel's eigenvalues are indexed by n, not {variable}")
    dd = int(config["d"])
    lam = mercer_eigenvalues(dd, int(OP_NS[-1]))[OP_NS - 1]
    power = (dd + 2) / (dd - 1) if corrected else 1.0 / dd
    return OP_NS.astype(float), (1.0 / (lam * OP_NS.astype(float) ** power))[:, None]
