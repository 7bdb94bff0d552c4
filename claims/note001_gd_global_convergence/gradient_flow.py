"""Note 001, Sections 2-3 (gradient flow, the dynamics of the prediction function, Theorem 3.1): the generic model, the flows and the proof steps their claims use."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.checks import Domain
from verify.maths.flows import batched_flow
from verify.maths.models import QuadraticLoss, preconditioned_flow
from claims._sizes import along
from .setting import R0, lam0, n, t


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
        self.H = sp.Matrix(n, n, lambda i, j: (self.grad_u(i).T * self.grad_u(j))[0])
        self.res = sp.Matrix([self.u[i] - self.y[i] for i in range(n)])
        self.dudt = sp.Matrix([sp.Derivative(u, tt_) for u in self.u])
        # gradient flow theta' = -dL/dtheta with L = (1/n) sum_i l(u_i, y_i)
        self.flow = self.gradient_flow(sum(_ell(self.u[i], self.y[i]) for i in range(n)) / n)
        # Section 2: dL/dtheta for parameters as plain symbols
        self.params = sp.symbols(f"p1:{p + 1}", real=True)
        self.up = [F(*self.params) for F in self.F]
        self.Lp = sum(_ell(self.up[i], self.y[i]) for i in range(n)) / n

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


def strongly_convex_flows(ctx, precise):
    """theta' = -grad L for L(theta) = (1/N) sum_i log(1 + exp(-y_i x_i^T theta)) + (mu/2) ||theta||^2
    (logistic loss plus ridge: mu-strongly convex, not quadratic), N = 10 points in R^3, mu ~ U(0.2, 1);
    theta* by Newton's method. Returns theta(t), theta(0), theta*, mu, t and the Hessian along the flow."""
    rng = ctx.rng("strongly convex")
    S, N, p = ctx.budget.samples, CONVEX_DATA, CONVEX_DIM
    Xd = rng.standard_normal((S, N, p))
    yd = rng.choice([-1.0, 1.0], (S, N))
    mu_ = rng.uniform(0.2, 1.0, S)
    A = yd[..., None] * Xd                                                 # rows y_i x_i

    def grad(th):                                                          # th (S, p)
        z = np.einsum("snp,sp->sn", A, th)
        return -np.einsum("sn,snp->sp", 0.5 * (1 - np.tanh(z / 2)), A) / N + mu_[:, None] * th

    def hess(th):                                                          # th (S, ..., p) -> (S, ..., p, p)
        z = np.einsum("snp,s...p->s...n", A, th)
        q = 0.25 / np.cosh(z / 2) ** 2                                     # sigma(z) (1 - sigma(z))
        return (np.einsum("s...n,snp,snq->s...pq", q, Xd, Xd) / N
                + mu_.reshape((S,) + (1,) * th.ndim) * np.eye(p))

    star = np.zeros((S, p))
    for _ in range(40):                                                    # Newton: quadratic convergence
        star = star - np.linalg.solve(hess(star), grad(star)[..., None])[..., 0]
    tt = np.linspace(0.0, 10.0, 41)
    Th = batched_flow(lambda _, th: -grad(th), rng.normal(0.0, 2.0, (S, p)), tt, precise)   # (S, T, p)
    return {"theta_t": Th[:, :, None, :], "theta_0": Th[:, :1, None, :], "theta_s": star[:, None, None, :],
            "mu": mu_.reshape(-1, 1, 1, 1), "t": tt.reshape(1, -1, 1, 1), "Hess": hess(Th)}


# -- Section 2: no unique global minimiser for an over-parameterised network -------------------
MIN_N, MIN_D = 4, 3
MIN_M = MIN_N**2                 # m = poly(n) = n^2 neurons


def zero_loss_pairs(ctx, precise):
    """Two zero-loss parameter vectors of f(theta, x) = (1/sqrt m) sum_r a_r relu(w_r^T x) (Section 5's
    network, n = 4 unit inputs in R^3, m = n^2 = 16, w_r ~ N(0, I), labels y_i ~ U(-1, 1)), found by a
    computation: with W fixed the outputs are linear in a, u = Phi a with Phi (n x m) of rank n, so
    theta_1 = (a_1, W), a_1 = Phi^+ y, fits the labels exactly, and theta_2 = (a_1 + v, W) with v a unit
    vector of the null space of Phi (the last right singular vector) fits them too. Loss: Section 3's
    (1/2n) sum (u_i - y_i)^2. Also returned: the nullity p - rank J of the Jacobian of u with respect to
    theta = (a, W) at theta_1 (p = m + m d), the dimension of the set of minimisers through theta_1.
    Precise mode: one step of iterative refinement of a_1 and of v."""
    rng = ctx.rng("minimisers")
    S, nn, dd, mm = ctx.budget.samples, MIN_N, MIN_D, MIN_M
    Xs = rng.standard_normal((S, nn, dd))
    Xs /= np.linalg.norm(Xs, axis=-1, keepdims=True)
    W = rng.standard_normal((S, mm, dd))
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

    def col(z):
        return np.asarray(z, float).reshape(-1, 1)

    return {"L_1": col(loss(a1)), "L_2": col(loss(a2)), "theta_1": theta1, "theta_2": theta2,
            "N_J": col(J.shape[-1] - rank), "m": np.full((1, 1), float(mm)), "n": np.full((1, 1), float(nn)),
            "L_scale": col(np.sum(yv**2, axis=-1) / (2 * nn))}


def _one(*shape_rank):
    return np.ones((1,) * shape_rank[0])


def convergence_flows(ctx, precise):
    """du/dt = -(1/n) H(t) (u - y) with H(t) = lambda_0 I + R(t) R(t)^T, R(t) rotating in time, so
    lambda_min(H(t)) >= lambda_0 for all t; instance 0 has H = lambda_0 I, where the rate is exact."""
    rng = ctx.rng("flows")
    S, nn = ctx.budget.samples, 4
    lam = rng.choice([0.5, 1.0], S)
    R0_, R1_ = rng.standard_normal((2, S, nn, nn)) * 0.7
    R0_[0] = R1_[0] = 0.0

    def Hof(time):
        Rt = R0_ * np.cos(0.7 * time) + R1_ * np.sin(0.7 * time)
        return lam[:, None, None] * np.eye(nn) + Rt @ np.swapaxes(Rt, -1, -2)

    yv = rng.uniform(-1, 1, (S, nn))
    loss = QuadraticLoss(np.broadcast_to(np.eye(nn) / nn, (S, nn, nn)).copy(), yv)
    tt = np.linspace(0.0, 40.0, 81)
    U = preconditioned_flow(Hof, loss, rng.standard_normal((S, nn)), tt, precise)
    Ht = np.moveaxis(np.stack([Hof(s) for s in tt]), 0, 1)          # (S, T, n, n): closed form, no loop over seeds
    return {"u_t": U[:, :, None, :], "u_0": U[:, :1, None, :], "y": yv[:, None, None, :], "H_t": Ht,
            "lambda_0": lam.reshape(-1, 1, 1, 1), "t": tt.reshape(1, -1, 1, 1), "n": nn * _one(4)}
