"""Note 004, lazy training (Chizat, Oyallon and Bach): the simulations their claims use."""
from __future__ import annotations

import numpy as np
from claims._lazy_setting import (theorem_flow)
from verify.maths import flows
from verify.maths.models import (QuadraticLoss, QuadraticModel, model_gradient_flow, random_orthogonal,
                           sigma_min, spd_with_spectrum)


# ---------------------------------------------------------------------------------------------
# simulations: lazy training (Chizat, Oyallon and Bach)
# ---------------------------------------------------------------------------------------------
LAZY_N, LAZY_P = 3, 12


def lazy_pairs(ctx, variable, precise, horizon=None):
    """The flow of F_alpha = R(alpha h)/alpha^2 and of its linearisation (b = 0) for alpha = 4 .. 64 on the
    same instances (common random numbers). Returns alpha, (||w - w0||, ||w - wbar||, ||alpha h - alpha hbar||)
    each sup over t, shaped (len(alpha), instances)."""
    if variable != "alpha":
        raise ValueError(f"lazy training is simulated in alpha, not {variable}")
    rng = ctx.rng("lazy")
    S, grid = max(ctx.budget.samples // 2, 3), np.array([4.0, 8.0, 16.0, 32.0, 64.0])
    K = len(grid)
    base = QuadraticModel.random(rng, S, LAZY_N, LAZY_P, 1.0)
    H = spd_with_spectrum(rng, np.ones(S), np.full(S, 2.0), LAZY_N)
    ystar = rng.standard_normal((S, LAZY_N))
    ystar /= np.linalg.norm(ystar, axis=1, keepdims=True)
    model = QuadraticModel(np.tile(base.A, (2 * K, 1, 1)), np.tile(base.B, (2 * K, 1, 1)),
                           np.concatenate([np.ones(K * S), np.zeros(K * S)]))
    loss = QuadraticLoss(np.tile(H, (2 * K, 1, 1)), np.tile(ystar, (2 * K, 1)))
    a = np.tile(np.repeat(grid, S), 2)
    T = horizon if horizon is not None else flows.horizon(14.0 / (sigma_min(base.A) ** 2 / 4).min())
    tt = flows.time_grid(T, 160, refined=(10, 80))        # the same times on every machine
    W = model_gradient_flow(model, loss, a, np.zeros((2 * K * S, LAZY_P)), tt, precise)
    Wn, Wl = W[:K * S], W[K * S:]
    F = a[:, None, None] * model.f(W)
    disp = np.linalg.norm(Wn, axis=-1).max(axis=1)
    par = np.linalg.norm(Wn - Wl, axis=-1).max(axis=1)
    pred = np.linalg.norm(F[:K * S] - F[K * S:], axis=-1).max(axis=1)
    return grid, [q.reshape(K, S) for q in (disp, par, pred)]


def lazy_quantity(which, horizon=None):
    index = {"displacement": 0, "parameters": 1, "predictions": 2}[which]

    def simulate(ctx, variable, precise):
        grid, qs = lazy_pairs(ctx, variable, precise, horizon)
        return grid, qs[index]
    simulate.__name__ = f"lazy_{which}"
    return simulate


def theorem24_flow(ctx, precise):
    """Note 000's gradient-flow instances (the same theorem), kept while the stated bound is above 1e-7
    of its initial value: beyond seven decades of decay, the flow's values are at the ODE's accuracy
    (about 1e-14 absolute), which the comparison cannot resolve."""
    env = theorem_flow(ctx, precise)
    rate = (env["mu"] * env["sigma_min"] ** 2 / 4).ravel()
    T = env["t"].shape[1]
    keep = env["t"].ravel() <= (np.log(1e7) / rate).min()
    return {k: (v[:, keep] if v.ndim >= 2 and v.shape[1] == T else v) for k, v in env.items()}


def underparameterised_rates(ctx, precise):
    """Theorem 2.5 with rank Dh = p < n (p = 2 parameters, n = 3 outputs): the local rate
    lambda_min(Hess F_alpha) at the flow's limit, for alpha = 4 .. 4096, against lambda_min(A^T H A)."""
    rng = ctx.rng("rates")
    S, n, p = ctx.budget.samples, 3, 2
    grid = 4.0 ** np.arange(1, 7)
    K = len(grid)
    # Dh(w0) = A with singular values in [0.5, 1.5]: every instance converges on a comparable time scale
    U, V = random_orthogonal(rng, S, n)[:, :, :p], random_orthogonal(rng, S, p)
    A = np.einsum("bip,bp,bjp->bij", U, rng.uniform(0.5, 1.5, (S, p)), V)
    base = QuadraticModel(A, rng.standard_normal((S, n, p)) / np.sqrt(p), np.ones(S))
    H = spd_with_spectrum(rng, np.ones(S), np.full(S, 3.0), n)
    ystar = rng.standard_normal((S, n))
    model = QuadraticModel(np.tile(base.A, (K, 1, 1)), np.tile(base.B, (K, 1, 1)), np.ones(K * S))
    loss = QuadraticLoss(np.tile(H, (K, 1, 1)), np.tile(ystar, (K, 1)))
    a = np.repeat(grid, S)
    lin = np.linalg.eigvalsh(np.einsum("bni,bnm,bmj->bij", base.A, H, base.A))[:, 0]
    T = 40.0 / lin.min()
    W = model_gradient_flow(model, loss, a, np.zeros((K * S, p)), np.array([0.0, T / 2, T]), precise)[:, -1]

    def grad_hess(W):
        J = model.jac(W)
        resid = loss.grad(a[:, None] * model.f(W))                   # H (alpha h - y*)
        curvature = np.einsum("bn,bnp,bnq->bpq", resid, model.B, model.B)   # sum_k r_k b_k b_k^T (b = 1)
        return (np.einsum("bnp,bn->bp", J, resid) / a[:, None],
                np.einsum("bnp,bnm,bmq->bpq", J, loss.H, J) + curvature / a[:, None, None])

    for _ in range(8):            # Newton steps pin down the critical point the flow is converging to (4 left
                                  # one instance of seed 0 at a gradient of 2e-7: a few more converge quadratically)
        grad, hess = grad_hess(W)
        W = W - np.linalg.solve(hess, grad[..., None])[..., 0]
    grad, hess = grad_hess(W)
    if np.max(np.linalg.norm(grad, axis=-1)) > 1e-10:
        raise RuntimeError("the flow has not reached a critical point of F_alpha")
    rho = np.linalg.eigvalsh(hess)[:, 0]
    return {"alpha": grid[:, None] * np.ones((1, S)), "rho_alpha": rho.reshape(K, S),
            "rho_bar": np.broadcast_to(lin[None], (K, S))}
