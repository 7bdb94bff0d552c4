"""Note 001, Sections 2-3 (gradient flow, the dynamics of the prediction function, Theorem 3.1): the generic model, the flows and the proof steps their claims use."""
from __future__ import annotations

from functools import cached_property

import numpy as np
import sympy as sp
from verify.checks import Configurations, Derived, Domain, Range
from verify.checks import config_label as label
from verify.maths.flows import batched_flow
from verify.maths.models import QuadraticLoss, preconditioned_flow
from claims._sizes import along
from .setting import R0, lam0, m, n, t


# ---------------------------------------------------------------------------------------------
# Sections 2-3: generic model u_i = F_i(theta_1(t), theta_2(t)), loss l(u, y)
# ---------------------------------------------------------------------------------------------
N_DATA = 2
tt_ = sp.Symbol("t", real=True)
_x, _yy = sp.symbols("x yy", real=True)
_ell = sp.Function("ell")


def lprime(u, yv):
    """l'(u, y): the derivative of the loss in its first argument, at u."""
    return sp.Derivative(_ell(_x, yv), _x).subs(_x, u)


class GenericModel:
    """The generic model of Sections 2-3 at n data points and p parameters: u_i = F_i(theta_1(t), ...,
    theta_p(t)), labels y_i, loss l(u, y), L = (1/n) sum_i l(u_i, y_i); the claims' identities are built
    from it at n = p = 2 and again at larger sizes (``at_sizes``)."""

    def __init__(self, n: int, p: int):
        self.n, self.p = n, p
        self.theta = [sp.Function(f"theta{k}")(tt_) for k in range(1, p + 1)]
        self.F = [sp.Function(f"F{i}") for i in range(1, n + 1)]
        self.y = sp.symbols(f"y1:{n + 1}", real=True)
        self.u = [F(*self.theta) for F in self.F]
        self.LP = sp.Matrix([lprime(self.u[i], self.y[i]) for i in range(n)])
        self.res = sp.Matrix([self.u[i] - self.y[i] for i in range(n)])
        self.dudt = sp.Matrix([sp.Derivative(u, tt_) for u in self.u])
        # gradient flow theta' = -dL/dtheta with L = (1/n) sum_i l(u_i, y_i)
        self.flow = self.gradient_flow(sum(_ell(self.u[i], self.y[i]) for i in range(n)) / n)
        # Section 2: dL/dtheta for parameters as plain symbols
        self.params = sp.symbols(f"p1:{p + 1}", real=True)
        self.up = [F(*self.params) for F in self.F]
        self.Lp = sum(_ell(self.up[i], self.y[i]) for i in range(n)) / n

    @cached_property
    def H(self):
        """the Gram matrix H_ij = <du_i/dtheta, du_j/dtheta>, made when a relation uses it"""
        return sp.Matrix(self.n, self.n, lambda i, j: (self.grad_u(i).T * self.grad_u(j))[0])

    def grad_u(self, i):
        return sp.Matrix([sp.diff(self.u[i], th) for th in self.theta])

    def gradient_flow(self, loss):
        return {th: -sp.diff(loss, th) for th in self.theta}

    def square_loss(self, factor=None):
        """factor * (1/n) sum_i (u_i - y_i)^2, factor 1/2 by default (Section 3's loss)"""
        return (sp.Rational(1, 2) if factor is None else factor) * sum((self.u[i] - self.y[i]) ** 2 for i in range(self.n)) / self.n

    # the claims' relations
    def loss_gradient(self):
        return sp.Eq(sp.Matrix([self.Lp.diff(q) for q in self.params]),
                     sp.Matrix([sum(lprime(self.up[i], self.y[i]) * self.up[i].diff(q) for i in range(self.n)) / self.n
                                for q in self.params]), evaluate=False)

    def chain_rule(self):
        pull = -sum((lprime(self.u[j], self.y[j]) * self.grad_u(j) for j in range(self.n)), sp.zeros(self.p, 1)) / self.n
        return sp.Eq(self.dudt, sp.Matrix([(self.grad_u(i).T * pull)[0] for i in range(self.n)]), evaluate=False)

    def dynamics(self):
        return sp.Eq(self.dudt, -self.H * self.LP / self.n, evaluate=False)

    def residual_dynamics(self):
        return sp.Eq(self.dudt, -self.H * self.res / self.n, evaluate=False)


GEN = GenericModel(N_DATA, 2)
theta, _F, y_, u_ = GEN.theta, GEN.F, GEN.y, GEN.u
grad_u, LP, H_GEN, THETA_FLOW, dudt = GEN.grad_u, GEN.LP, GEN.H, GEN.flow, GEN.dudt
GEN_INSTANCES = {_F[0]: sp.Lambda((_x, _yy), sp.sin(_x) + _x * _yy**2), _F[1]: sp.Lambda((_x, _yy), _x * sp.cos(_yy) + _yy),
                 _ell: sp.Lambda((_x, _yy), (_x - _yy) ** 4 / 4 + _x**2 / 2)}
GEN_DOMAINS = {str(s): Domain(-2, 2) for s in (*theta, *y_)}
p_, up, Lp = GEN.params, GEN.up, GEN.Lp
GEN_BEYOND = {"n": (3,), "p": (4,)}          # the sizes the generic identities are evaluated at beyond n = p = 2


def generic_at(build, flow=None):
    """AtSizes's builder for a relation of the generic model: ``build(model)`` at n data points and p
    parameters, along ``flow(model)`` when given."""
    def at(n, p):
        model = GenericModel(n, p)
        return along(build(model), flow(model) if flow else {})
    return at


# Theorem 3.1: u' = -(1/n) H (u - y), H symmetric
def energy(n: int):
    """d/dt (1/2)||u - y||^2 = -(1/n) (u - y)^T H (u - y) for u in R^n with u' = -(1/n) H (u - y): the relation
    and the flow."""
    u = [sp.Function(f"u{i}")(tt_) for i in range(1, n + 1)]
    yv = sp.symbols(f"y1:{n + 1}", real=True)
    H = sp.Matrix(n, n, lambda a, b: sp.Symbol(f"h{min(a, b) + 1}{max(a, b) + 1}", real=True))
    r = sp.Matrix([u[i] - yv[i] for i in range(n)])
    rel = sp.Eq(sp.Derivative(sum((u[i] - yv[i]) ** 2 for i in range(n)) / 2, tt_), -(r.T * H * r)[0] / n, evaluate=False)
    return rel, dict(zip(u, list(-H * r / n))), u, H, r


ENERGY, U_FLOW, uf, Hm, res = energy(N_DATA)
v_ = sp.Matrix(sp.symbols("v1 v2", real=True))
b = sp.Matrix(sp.symbols("b1 b2", real=True))
c_ = sp.Matrix(sp.symbols("c1 c2", real=True))
H_PSD = lam0 * sp.eye(2) + b * b.T + c_ * c_.T       # every H with lambda_min(H) >= lambda_0 (n = 2)

V = sp.Function("V", positive=True)                       # V(t) = ||u(t) - y||^2
phi = sp.Function("phi", nonnegative=True)                # phi(t) = 1/2 ||u(t) - y||^2
psi = sp.Function("psi", nonnegative=True)                # psi(t) = exp(lambda_0 t / n) phi(t)
Vs, Ds = sp.Symbol("V", positive=True), sp.Symbol("D", real=True)   # V and d(V/2)/dt at one time

# the differential inequality of the proof's first display, in phi = V/2: d phi/dt <= -(lambda_0/n) V
PHI_BOUND = (-(lam0 / n) * Vs).subs(Vs, 2 * phi(t))
PHI_SOLUTION = sp.dsolve(sp.Eq(phi(t).diff(t), PHI_BOUND), phi(t), ics={phi(0): sp.Symbol("phi0")}).rhs.subs(
    sp.Symbol("phi0"), phi(0))
# ||u(t) - y|| = sqrt(2 phi(t)): the corrected rate of the residual's norm (used in Section 5.2)
RESIDUAL_RATE = sp.simplify(sp.sqrt(2 * PHI_SOLUTION.subs(phi(0), R0**2 / 2)))


# -- Section 2: gradient flow on strongly convex losses ----------------------------------------
CONVEX_DATA, CONVEX_DIM = 10, 3
# the statement ranges over mu-strongly convex losses (lambda_min of the Hessian >= mu) and all times: mu from
# a strongly convex loss with curvature 1/2 down to a nearly flat one, the logistic-plus-ridge losses and the
# extremal quadratics (the Hessian's smallest eigenvalue exactly mu, where the contraction e^{-mu t} is attained)
CONVEX_SPACE = Configurations(
    loss=["logistic", "quadratic"], mu=Range(0.05, 1.0, log=True))


def strongly_convex_flows(ctx, precise, config):
    """theta' = -grad L at one configuration (loss, mu), 3 parameters, on the time grid [0, 6/mu] (the
    contraction factor reaches e^{-6}). ``loss = "logistic"``: L(theta) = (1/N) sum_i log(1 + exp(-y_i x_i^T
    theta)) + (mu/2) ||theta||^2 (mu-strongly convex, not quadratic), N = 10 points x_i ~ N(0, s^2 I) with the
    data scale s geometric in [0.3, 3] over the instances (a larger s bends the loss more near theta* and less
    far away), theta* by Newton's method, the flow integrated. ``loss = "quadratic"``: the extremal family
    L(theta) = (1/2)(theta - theta*)^T A (theta - theta*) with A's eigenvalues mu and mu kappa, kappa
    geometric in [1, 100] over the instances (instance 0: A = mu I, where ||theta(t) - theta*|| = e^{-mu t}
    ||theta(0) - theta*|| exactly), its flow in closed form. Returns theta(t), theta(0), theta*, mu, t and the
    Hessian along the flow."""
    rng = ctx.rng("strongly convex", label(config))
    S, N, p = ctx.budget.samples, CONVEX_DATA, CONVEX_DIM
    mu_ = float(config["mu"])
    tt = np.linspace(0.0, 6.0 / mu_, 41)
    th0 = rng.normal(0.0, 2.0, (S, p))
    if config["loss"] == "quadratic":
        kappa = np.geomspace(1.0, 100.0, S)
        Q = np.linalg.qr(rng.standard_normal((S, p, p)))[0]
        ev = mu_ * np.where(np.arange(p) == 0, 1.0, kappa[:, None] ** (np.arange(p) / (p - 1)))   # (S, p)
        A = np.einsum("sij,sj,skj->sik", Q, ev, Q)
        star = rng.normal(0.0, 1.0, (S, p))
        c = np.einsum("sji,sj->si", Q, th0 - star)                               # eigen-coordinates
        Th = star[:, None] + np.einsum("sij,stj->sti", Q, c[:, None] * np.exp(-ev[:, None] * tt[None, :, None]))
        Hs = np.broadcast_to(A[:, None], (S, len(tt), p, p))
    else:
        scale = np.geomspace(0.3, 3.0, S)[:, None, None]
        Xd = scale * rng.standard_normal((S, N, p))
        yd = rng.choice([-1.0, 1.0], (S, N))
        A = yd[..., None] * Xd                                                 # rows y_i x_i

        def grad(th):                                                          # th (S, p)
            z = np.einsum("snp,sp->sn", A, th)
            return -np.einsum("sn,snp->sp", 0.5 * (1 - np.tanh(z / 2)), A) / N + mu_ * th

        def hess(th):                                                          # th (S, ..., p) -> (S, ..., p, p)
            z = np.einsum("snp,s...p->s...n", A, th)
            q = 0.25 / np.cosh(z / 2) ** 2                                     # sigma(z) (1 - sigma(z))
            return np.einsum("s...n,snp,snq->s...pq", q, Xd, Xd) / N + mu_ * np.eye(p)

        star = np.zeros((S, p))
        for _ in range(40):                                                    # Newton: quadratic convergence
            star = star - np.linalg.solve(hess(star), grad(star)[..., None])[..., 0]
        Th = batched_flow(lambda _, th: -grad(th), th0, tt, precise)           # (S, T, p)
        Hs = hess(Th)
    return {"theta_t": Th[:, :, None, :], "theta_0": Th[:, :1, None, :], "theta_s": star[:, None, None, :],
            "mu": np.full((1, 1, 1, 1), mu_), "t": tt.reshape(1, -1, 1, 1), "Hess": Hs}


# -- Section 2: no unique global minimiser for an over-parameterised network -------------------
MIN_CANDIDATES = 32              # first layers tried per instance; the best-conditioned one is used
# n data, inputs in R^d (n <= 2 on S^0), the smallest width the hypothesis m > n admits and m = n^2 (the
# note's poly(n)); random inputs, clustered ones (within angle ~0.05: Phi nearly rank-deficient), and random ones with
# the last a copy of the first (n >= 2): two equal inputs, which the note does not exclude, with different labels
MIN_SPACE = Configurations(
    n=[1, 2, 4], d=[1, 3], m=Derived(lambda c: sorted({c["n"] + 1, max(c["n"] ** 2, c["n"] + 1)}),
                                     "the smallest width with m > n, and m = n^2"),
    inputs=["random", "clustered", "duplicate"],
    constraints=(sp.Gt(m, n),),
    when=lambda c: (c["d"] > 1 or c["n"] <= 2) and (c["d"] > 1 or c["inputs"] != "clustered")
    and (c["inputs"] != "duplicate" or c["n"] >= 2),
    when_text="n <= 2 inputs on S^0 (d = 1), where inputs are +-1 (not clustered); a duplicate needs n >= 2",
    minimum_valid=8)


def _unit_inputs(rng, S, nn, dd, kind):
    """(S, n, d) unit inputs: random, clustered within angle ~0.05 of one direction, or random with the last a copy
    of the first ("duplicate"); on S^0 (d = 1) the points +1 and -1 (duplicate: +1 twice)."""
    if dd == 1:
        X = np.broadcast_to(np.array([1.0, -1.0])[:nn, None], (S, nn, 1)).copy()
    else:
        X = rng.standard_normal((S, nn, dd))
        if kind == "clustered":
            X = rng.standard_normal((S, 1, dd)) + 0.05 * X / np.sqrt(dd)
        X = X / np.linalg.norm(X, axis=-1, keepdims=True)
    if kind == "duplicate":
        X[:, -1] = X[:, 0]
    return X


def zero_loss_pairs(ctx, precise, config):
    """Two zero-loss parameter vectors of f(theta, x) = (1/sqrt m) sum_r a_r relu(w_r^T x) (Section 5's
    network) at one configuration: n unit inputs in R^d (random or clustered), width m, labels y_i ~
    U(-1, 1), found by a computation: with W fixed the outputs are linear in a, u = Phi a with Phi (n x m),
    so theta_1 = (a_1, W), a_1 = Phi^+ y, fits the labels exactly when Phi has rank n, and theta_2 = (a_1 + v,
    W) with v a unit vector of the null space of Phi (the last right singular vector) fits them too. The
    statement is existential, so W is the best-conditioned (largest sigma_n(Phi)) of 32 draws, half with w_r ~
    N(0, I) and half with each hyperplane near an input (clustered inputs need neurons that split them, or
    Phi = W X^T on the cluster has rank <= d; at the smallest widths one Gaussian draw leaves an input
    inactive for every neuron with probability ~2^-m).
    Loss: Section 3's (1/2n) sum (u_i - y_i)^2. Also returned: the nullity p - rank J of the Jacobian of u
    with respect to theta = (a, W) at theta_1 (p = m + m d), the dimension of the set of minimisers through
    theta_1, the smallest distance between two inputs (x_gap) and distinct = 1 when the inputs are pairwise distinct.
    Precise mode: one step of iterative refinement of a_1 and of v."""
    rng = ctx.rng("minimisers", label(config))
    S, nn, dd, mm = ctx.budget.samples, int(config["n"]), int(config["d"]), int(config["m"])
    Xs = _unit_inputs(rng, S, nn, dd, config["inputs"])
    Wc = rng.standard_normal((S, MIN_CANDIDATES, mm, dd))
    # half the draws put each neuron's hyperplane near a random input (w_r . x_k ~ N(0, 0.01^2)), so that it
    # splits clustered inputs; the network is the same, only the search for the witness is steered
    half = MIN_CANDIDATES // 2
    xk = Xs[np.arange(S)[:, None, None], rng.integers(0, nn, (S, half, mm))]              # (S, half, m, d)
    tau = 0.01 * rng.standard_normal((S, half, mm, 1))
    Wc[:, half:] -= (np.sum(Wc[:, half:] * xk, axis=-1, keepdims=True) - tau) * xk
    smallest = np.linalg.svd(np.maximum(np.einsum("skmd,snd->sknm", Wc, Xs), 0.0), compute_uv=False)[..., -1]
    W = Wc[np.arange(S), np.argmax(smallest, axis=1)]
    yv = rng.uniform(-1, 1, (S, nn))
    pre = np.einsum("smd,snd->snm", W, Xs)
    Phi = np.maximum(pre, 0.0) / np.sqrt(mm)                                   # (S, n, m)
    pinv = np.linalg.pinv(Phi)
    a1 = np.einsum("smn,sn->sm", pinv, yv)
    v = np.linalg.svd(Phi)[2][:, -1]                                           # (S, m): Phi v = 0
    if precise:
        a1 = a1 + np.einsum("smn,sn->sm", pinv, yv - np.einsum("snm,sm->sn", Phi, a1))
        v = v - np.einsum("smn,sn->sm", pinv, np.einsum("snm,sm->sn", Phi, v))
        v = v / np.linalg.norm(v, axis=-1, keepdims=True)
    a2 = a1 + v

    def loss(a):
        return np.sum((np.einsum("snm,sm->sn", Phi, a) - yv) ** 2, axis=-1) / (2 * nn)

    ind = (pre >= 0).astype(float)                                             # the note's 1{w^T x >= 0}
    J = np.concatenate([Phi, (np.einsum("sm,snm,snd->snmd", a1, ind, Xs) / np.sqrt(mm)).reshape(S, nn, -1)], axis=-1)
    sv = np.linalg.svd(J, compute_uv=False)
    rank = np.sum(sv > 1e-10 * sv[:, :1], axis=-1)
    theta1 = np.concatenate([a1, W.reshape(S, -1)], axis=-1)
    theta2 = np.concatenate([a2, W.reshape(S, -1)], axis=-1)
    gap = np.linalg.norm(Xs[:, :, None] - Xs[:, None], axis=-1) + np.where(np.eye(nn, dtype=bool), np.inf, 0.0)

    def col(z):
        return np.asarray(z, float).reshape(-1, 1)

    return {"L_1": col(loss(a1)), "L_2": col(loss(a2)), "theta_1": theta1, "theta_2": theta2,
            "N_J": col(J.shape[-1] - rank), "m": np.full((1, 1), float(mm)), "n": np.full((1, 1), float(nn)),
            "L_scale": col(np.sum(yv**2, axis=-1) / (2 * nn)),
            "x_gap": col(gap.min(axis=(-2, -1)) if nn > 1 else np.full(S, 2.0)),
            "distinct": col(gap.min(axis=(-2, -1)) > 0 if nn > 1 else np.ones(S))}


def _one(*shape_rank):
    return np.ones((1,) * shape_rank[0])


# Theorem 3.1 ranges over every H(t) with lambda_min(H(t)) >= lambda_0 > 0, all n and all t: n = 1 and 4, lambda_0
# across twenty-fold, H(t) rotating (random eigenvectors moving in time) or extremal (H = lambda_0 I: the residual
# sits in an eigendirection of the smallest eigenvalue lambda_0 at every time, the slowest decay the hypothesis
# allows); times to lambda_0 t / n = 12
CONVERGENCE_SPACE = Configurations(n=[1, 4], lambda_0=Range(0.05, 1.0, log=True), H=["rotating", "extremal"])


def convergence_flows(ctx, precise, config):
    """du/dt = -(1/n) H(t) (u - y) at one configuration (n, lambda_0, H) on t in [0, 12 n / lambda_0].
    ``H = "rotating"``: H(t) = lambda_0 (I + R(s) R(s)^T), R(s) = R_0 cos(s) + R_1 sin(s) with s = lambda_0 t / n
    and R_0, R_1 with N(0, 0.49) entries, so lambda_min(H(t)) >= lambda_0 for all t (instance 0: R = 0, H =
    lambda_0 I), integrated; ``H = "extremal"``: H = lambda_0 I, u(t) - y = e^{-lambda_0 t/n} (u(0) - y) in
    closed form. y ~ U(-1, 1)^n, u(0) ~ N(0, I)."""
    rng = ctx.rng("flows", label(config))
    S, nn, lam = ctx.budget.samples, int(config["n"]), float(config["lambda_0"])
    yv = rng.uniform(-1, 1, (S, nn))
    u0 = rng.standard_normal((S, nn))
    tt = np.linspace(0.0, 12.0 * nn / lam, 61)
    if config["H"] == "extremal":
        U = yv[:, None] + (u0 - yv)[:, None] * np.exp(-lam * tt / nn)[None, :, None]
        Ht = np.broadcast_to(lam * np.eye(nn), (S, len(tt), nn, nn))
    else:
        R0_, R1_ = rng.standard_normal((2, S, nn, nn)) * 0.7
        R0_[0] = R1_[0] = 0.0

        def Hof(time):
            s = lam * np.asarray(time, float)[..., None, None, None] / nn
            Rt = R0_ * np.cos(s) + R1_ * np.sin(s)
            return lam * (np.eye(nn) + Rt @ np.swapaxes(Rt, -1, -2))

        loss = QuadraticLoss(np.broadcast_to(np.eye(nn) / nn, (S, nn, nn)).copy(), yv)
        U = preconditioned_flow(Hof, loss, u0, tt, precise)
        Ht = np.moveaxis(Hof(tt), 0, 1)                                   # (S, T, n, n): closed form in t
    return {"u_t": U[:, :, None, :], "u_0": U[:, :1, None, :], "y": yv[:, None, None, :], "H_t": Ht,
            "lambda_0": np.full((1, 1, 1, 1), lam), "t": tt.reshape(1, -1, 1, 1), "n": nn * _one(4)}
