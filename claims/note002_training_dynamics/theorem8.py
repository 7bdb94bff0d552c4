"""Note 002, Theorem 8 and Corollary 9: GD on the hinge loss for every parity at once."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.checks import (Configurations)
from verify.checks import Config, remembered
from verify.maths.features import (SineModel, parity_matrix, cube)
from verify.maths.flows import batched_flow
from verify.maths.models import per_instance
from .setting import config_text, d, G0, L, shared, t


# ---------------------------------------------------------------------------------------------
# Theorem 8: GD on the hinge loss for every parity at once
# ---------------------------------------------------------------------------------------------
T8_D, T8_WIDTH = 3, 1
# the flows' configurations: the cube's dimension (d = 2, the smallest with a non-trivial parity class, and the
# note's d = 3) and the sine model's width (m = 1, 2: L = E||(x,1)||^4/m^2)
T8_FLOW_SPACE = Configurations(d=[2, T8_D], width=[T8_WIDTH, 2])


PARITY_FLOWS_AT = Config(d=T8_D, width=T8_WIDTH)      # the configuration of a direct call
@remembered
def parity_flows(ctx, precise, config=PARITY_FLOWS_AT):
    """GD flows theta^f(t) of the hinge risk for every parity f on {0,1}^d (d = config["d"]) from a common theta_0,
    for h = (1/m) sum_j sin(theta_j.(x, 1)) (m = config["width"]); the terms of (0.14)-(0.16) and Theorem 8 along
    the flows."""
    rng = ctx.rng("t8", config_text(config))
    S, dd, wd = shared(ctx, T8_FLOW_SPACE, ctx.budget.samples, 2), int(config["d"]), int(config["width"])
    X = cube(dd).astype(float)
    P = parity_matrix(dd)
    F = P.shape[0]
    model = SineModel(wd, X)
    theta0 = rng.standard_normal((S, wd, dd + 1))
    shape = (S, F, wd, dd + 1)

    def rhs(_, z):
        return (-model.hinge_gradient(z.reshape(shape), P[None])).reshape(S, -1)

    tt = np.linspace(0.0, 4.0, 81)
    z0 = np.broadcast_to(theta0[:, None], shape).reshape(S, -1).copy()
    Z = batched_flow(rhs, z0, tt, precise).reshape((S, len(tt)) + shape[1:])
    D = Z - theta0[:, None, None]
    grad = model.hinge_gradient(Z, P[None, None])
    return {"t": tt.reshape(1, -1), "lhs14": 2 * np.mean(np.sum(D * -grad, axis=(-1, -2)), axis=-1),
            "delta2": np.mean(np.sum(D**2, axis=(-1, -2)), axis=-1), "EG": model.G(Z).mean(axis=-1),
            "G_0": per_instance(model.G(theta0), 2), "L": np.full((1, 1), model.lipschitz), "d": np.full((1, 1), float(dd))}


T8_TIMES = np.linspace(0.0, 10.0, 41)
h_sup, L_lo, L_up = sp.symbols("h_sup L_lo L_up", positive=True)
T8_SPACE = Configurations(
    d=list(range(3, 11)), epsilon=[1e-3, 1e-2], P=[0.1, 0.3], c=[1.0],
    constraints=(sp.Le(h_sup, 1), sp.Ge(L, L_lo), sp.Le(L, L_up)), minimum_valid=8)


def _t8_phi(s, e_, P_, c_):
    return e_ * s + (P_**2 / c_) * np.logaddexp(c_ * s / P_, -c_ * s / P_) - (P_**2 / c_) * np.log(2.0)


def extremal_parity_flows(ctx, precise, config):
    """An extremal bounded model for Theorem 8: x uniform on {0,1}^d, one parameter per parity f_v,
    h(x; theta) = sin(sum_v phi(theta_v) f_v(x)) with phi(s) = eps s + (P^2/c) log cosh(c s/P), so
    phi' = eps + P tanh(c s/P) (|phi'| <= eps + P), |phi''| <= c and sup|h| <= 1. grad_v h = cos(z) phi'(theta_v) f_v
    and orthonormality give E_x||grad h(th) - grad h(th')||^2 <= (2 2^d (eps + P)^4 + 2c^2)||th - th'||^2 = L_up ||.||^2;
    the pair (0, eta e_u), eta = 1e-4, gives a lower bound L_lo on the smallest valid L (mpmath, 30 digits).
    From theta_0 = 0, for the target f_u only theta_u moves (cos(phi(theta_u) f_u) = cos(phi(theta_u)) is constant
    in x, so the other coordinates' velocities are multiples of E[f_u f_v] = 0): theta_u' = cos(phi(theta_u))
    phi'(theta_u), the same for every u, so E_f||theta_t^f - theta_0||^2 = theta(t)^2 and G(theta_0) = 2^d eps^2.
    The bound C_1(e^{C_2 t/2^{d/2}} - 1) = (G_0/2L)(e^{8 sqrt(L) t/2^{d/2}} - 1) is quasi-convex in L (a function
    (e^u - 1)/u^2 of u = a sqrt(L)), so over the admissible [L_lo, L_up] it is largest at an end: the statement
    is evaluated there (every admissible L gives a smaller bound)."""
    import mpmath as mp
    d_, e_, P_, c_ = int(config["d"]), float(config["epsilon"]), float(config["P"]), float(config["c"])
    with mp.workdps(30):
        E, PP, CC, eta = mp.mpf(e_), mp.mpf(P_), mp.mpf(c_), mp.mpf("1e-4")
        phi = lambda s: E * s + (PP**2 / CC) * mp.log(mp.cosh(CC * s / PP))       # noqa: E731
        dphi = lambda s: E + PP * mp.tanh(CC * s / PP)                          # noqa: E731
        diff2 = (mp.cos(phi(eta)) * dphi(eta) - dphi(0)) ** 2 + (2**d_ - 1) * ((mp.cos(phi(eta)) - 1) * dphi(0)) ** 2
        lo = float(diff2 / eta**2) * (1 - 1e-12)
    hi = 2 * 2**d_ * (e_ + P_) ** 4 + 2 * c_**2

    def rhs(_, th):
        return np.cos(_t8_phi(th, e_, P_, c_)) * (e_ + P_ * np.tanh(c_ * th / P_))

    theta = batched_flow(rhs, np.zeros((1, 1)), T8_TIMES, precise)[:, 1:, 0]          # (1, T), t > 0
    tt = T8_TIMES[1:]
    g0 = 2**d_ * e_**2
    bound = lambda Lv: g0 / (2 * Lv) * np.expm1(8 * np.sqrt(Lv) * tt / 2 ** (d_ / 2))       # noqa: E731
    worst_L = np.where(bound(lo) >= bound(hi), lo, hi)[None]
    return {"t": tt[None], "delta2": theta**2, "G_0": np.full((1, 1), g0), "L": worst_L,
            "d": np.full((1, 1), float(d_)), "h_sup": np.abs(np.sin(_t8_phi(theta, e_, P_, c_))),
            "L_lo": np.full((1, 1), lo), "L_up": np.full((1, 1), hi)}


GRADIENT_GROWTH_AT = Config(d=T8_D, width=2)      # the configuration of a direct call
@remembered
def gradient_growth(ctx, precise, config=GRADIENT_GROWTH_AT):
    """G(theta) = E_x||grad h||^2 at points theta_0 + r u around random theta_0 (h = mean of m = config["width"]
    sines on {0,1}^d, d = config["d"]), r from 1e-3 to 10^0.5."""
    rng = ctx.rng("g013", config_text(config))
    S, dd, wd = shared(ctx, T8_FLOW_SPACE, ctx.budget.samples, 2), int(config["d"]), int(config["width"])
    Kp = 48
    model = SineModel(wd, cube(dd).astype(float))
    theta0 = rng.standard_normal((S, wd, dd + 1))
    u = rng.standard_normal((S, Kp, wd, dd + 1))
    u /= np.linalg.norm(u, axis=(-1, -2), keepdims=True)
    r = 10.0 ** rng.uniform(-3, 0.5, (S, Kp))
    theta = theta0[:, None] + r[..., None, None] * u
    return {"G_t": model.G(theta), "G_0": per_instance(model.G(theta0), 2), "L": np.full((1, 1), model.lipschitz),
            "dist2": r**2}


# the note's Gronwall line, and what the theorem's constants are when it is squared:
# delta_t^2 <= (G0/2L)(e^u - 1)^2 <= (G0/2L)(e^{2u} - 1), u = 2^{2-d/2} sqrt(L) t
C1_s, C2_s = sp.symbols("C_1 C_2", positive=True)
_u = 2 ** (2 - d / 2) * sp.sqrt(L) * t
GRONWALL_NOTE = sp.sqrt(G0 / (2 * L)) * (sp.exp(_u) - 1)
C1_PROOF = sp.simplify((GRONWALL_NOTE / (sp.exp(_u) - 1)) ** 2)
C2_PROOF = sp.simplify(2 * _u * 2 ** (d / 2) / t)

# Corollary 9: min_f ||theta_T^f - theta_0|| <= sqrt(E_f ||.||^2), Theorem 8's bound at T = d^q
DISP = sp.Symbol("D_min", positive=True)
P_DEG, Q_DEG = sp.symbols("p q", nonnegative=True, integer=True)
T_DEG_EXPR = d**Q_DEG
THEOREM8_BOUND = C1_s * (sp.exp(C2_s * t / 2 ** (d / 2)) - 1)
COR9_DERIVED = sp.sqrt(THEOREM8_BOUND.subs(t, T_DEG_EXPR))

# (0.17) from (0.16): d(delta^2)/dt = 2 delta delta' <= 2^{1-d/2} delta sqrt(G0 + 2 L delta^2)
dl = sp.Function("delta", nonnegative=True)
_dd = sp.Symbol("ddelta", real=True)
_RHS16 = 2 ** (1 - d / 2) * dl(t) * sp.sqrt(G0 + 2 * L * dl(t) ** 2)
DDELTA_016 = sp.solve(sp.Eq(2 * dl(t) * _dd, _RHS16), _dd)[0]
# ... and the root split as (0.17) writes it, sqrt(a + b) <= sqrt(a) + sqrt(b)
DDELTA_SPLIT = DDELTA_016.replace(lambda e: e.is_Pow and e.exp == sp.Rational(1, 2) and e.base.is_Add,
                                  lambda e: sp.Add(*[sp.sqrt(term) for term in e.base.args])).xreplace({sp.Abs(dl(t)): dl(t)})
# (delta_t is a square root, so |delta_t| = delta_t; SymPy keeps the Abs for applied functions)

# scalar stand-ins for (0.14): two targets f1, f2, their flows theta'(t) = -R_f'(theta)
t_ = sp.Symbol("t", real=True)
th1, th2 = sp.Function("theta_1")(t_), sp.Function("theta_2")(t_)
R1, R2, _y = sp.Function("R_1"), sp.Function("R_2"), sp.Symbol("y")
th0_ = sp.Symbol("theta_0", real=True)


def Rp(Rf, arg):
    return Rf(_y).diff(_y).subs(_y, arg)


FLOW_014 = {th1: -Rp(R1, th1), th2: -Rp(R2, th2)}
INSTANCES_014 = {R1: sp.Lambda(_y, sp.cos(_y) + _y**2), R2: sp.Lambda(_y, sp.log(1 + _y**2) + 3 * _y)}


# ---------------------------------------------------------------------------------------------
# (0.13)-(0.16): an extremal bounded model whose gradient grows at the Lipschitz rate
# ---------------------------------------------------------------------------------------------
# h(x; theta) = psi(theta) f_u(x) for one parity f_u on {0,1}^d and a scalar theta, psi' a triangle wave of slopes
# +-ell between -A and A (A^2 = 1.8 ell, so sup|h| = sup|psi| = A^2/(2 ell) = 0.9 when psi is centred). Then
# G(theta) = E_x||grad h||^2 = psi'(theta)^2 and E_x||grad h(theta) - grad h(theta')||^2 = |psi'(theta) - psi'(theta')|^2
# <= ell^2 |theta - theta'|^2 with equality on each linear piece: L = ell^2 is the smallest valid constant. From
# theta_0 = 0 with psi'(0) = g in (0, A), G(theta_0 + r) = (sqrt(G(theta_0)) + sqrt(L) r)^2 for 0 <= r <= (A - g)/ell:
# the gradient grows as fast as the Lipschitz assumption allows, where the bounds on G are tight.
# The configurations: the slope ell (a unit of theta: three of them) and the start g = psi'(0)/A (near the trough of
# G, mid-way, near the peak); for the flows also the cube's dimension (d = 2, and the note's d = 3).
EXTREMAL_GROWTH_SPACE = Configurations(ell=[0.1, 1.0, 10.0], g=[0.05, 0.3, 0.6], constraints=(sp.Le(h_sup, 1),),
                                       minimum_valid=9)
EXTREMAL_FLOW_SPACE = Configurations(d=[2, T8_D], ell=[0.1, 1.0, 10.0], g=[0.05, 0.3, 0.6],
                                     constraints=(sp.Le(h_sup, 1),), minimum_valid=18)
EXTREMAL_RADII = 64


def _triangle_slope(theta, g, ell, A):
    """psi'(theta): the triangle wave of slopes +-ell between -A and A with psi'(0) = g (rising through 0)."""
    period = 4 * A / ell
    s = np.mod(theta + (A + g) / ell, period)          # the phase from the last trough -A
    return np.where(s <= 2 * A / ell, -A + ell * s, 3 * A - ell * s)


def _extremal_parameters(config):
    ell = float(config["ell"])
    A = np.sqrt(1.8 * ell)
    return ell, A, float(config["g"]) * A


EXTREMAL_AT = Config(d=T8_D, ell=1.0, g=0.3)      # the configuration of a direct call
def extremal_growth(ctx, precise, config=EXTREMAL_AT):
    """(0.13) on the extremal model (EXTREMAL_GROWTH_SPACE): G(theta_0 + r) for r = +-10^(-3..0) (A + g)/ell ... 4A/ell from
    theta_0 = 0 (the linear piece, where G grows at the Lipschitz rate, and the wave's turn beyond it)."""
    ell, A, g = _extremal_parameters(config)
    r = np.concatenate([np.geomspace(1e-3, 1.0, EXTREMAL_RADII) * (A - g) / ell,
                        np.linspace(1.0, 4.0, EXTREMAL_RADII // 4)[1:] * (A - g) / ell])
    r = np.concatenate([r, -r])[None]
    return {"G_t": _triangle_slope(r, g, ell, A) ** 2, "G_0": np.full((1, 1), g**2), "L": np.full((1, 1), ell**2),
            "dist2": r**2, "h_sup": np.full((1, 1), A**2 / (2 * ell))}


def extremal_flows(ctx, precise, config=EXTREMAL_AT):
    """(0.14)-(0.16) on the extremal model (EXTREMAL_FLOW_SPACE), hinge loss, every parity f on {0,1}^d, theta_0 = 0.
    h f = psi(theta) f_u f has |psi| < 1, so the hinge is active everywhere and grad R^f = -psi'(theta) E[f f_u]: only
    the target f_u moves, theta' = psi'(theta) = g + ell theta until psi' peaks at theta_p = (A - g)/ell (time
    log(A/g)/ell), then theta' = A - ell (theta - theta_p) (exact, no integration). Over f:
    E_f||theta^f - theta_0||^2 = theta^2/2^d, lhs14 = d/dt of it = 2^{1-d} theta theta',
    E_f G(theta^f) = (psi'(theta)^2 + (2^d - 1) g^2)/2^d, G(theta_0) = g^2, L = ell^2."""
    dd, ell, A, g = int(config["d"]), *_extremal_parameters(config)
    t1 = np.log(A / g) / ell
    tt = np.linspace(0.0, 2.5 * t1, 81)[1:][None]
    rising = (g / ell) * np.expm1(ell * tt)
    falling = (A - g) / ell + (A / ell) * -np.expm1(-ell * (tt - t1))
    theta = np.where(tt <= t1, rising, falling)
    velocity = np.where(tt <= t1, g + ell * rising, A * np.exp(-ell * (tt - t1)))
    F = 2.0**dd
    return {"t": tt, "lhs14": 2 * theta * velocity / F, "delta2": theta**2 / F,
            "EG": (velocity**2 + (F - 1) * g**2) / F, "G_0": np.full((1, 1), g**2), "L": np.full((1, 1), ell**2),
            "d": np.full((1, 1), float(dd)), "h_sup": np.full((1, 1), A**2 / (2 * ell))}
