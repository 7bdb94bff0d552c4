"""Benchmark kernels: the machine's ceilings, and the checker's numeric kernels against the
straightforward code a researcher would write. Used by ``python -m verify bench`` (verify/bench.py);
each function returns a dict of measurements (seconds, and the work done, so ratios can be taken).

Every kernel streams in batches, so memory stays bounded whatever the sample count.
"""
from __future__ import annotations

import time

import numpy as np


def _best(f, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best


# ---------------------------------------------------------------------------------------------
# ceilings
# ---------------------------------------------------------------------------------------------

def gemm_ceiling(n: int = 2000, repeat: int = 3) -> dict:
    """float64 GEMM GFLOP/s: best of ``repeat`` n x n matrix products (2 n^3 flops each)."""
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((n, n)), rng.standard_normal((n, n))
    c = np.empty((n, n))
    np.matmul(a, b, out=c)                      # warm up (threads, pages)
    t = _best(lambda: np.matmul(a, b, out=c), repeat)
    return {"n": n, "seconds": t, "gflops": 2 * n**3 / t / 1e9}


def bandwidth_ceiling(megabytes: int = 256, repeat: int = 3) -> dict:
    """Memory bandwidth GB/s of a large copy (read + write) and add (two reads + one write)."""
    size = megabytes * 2**20 // 8
    a, b, c = np.ones(size), np.ones(size), np.empty(size)
    np.copyto(c, a)
    copy = _best(lambda: np.copyto(c, a), repeat)
    add = _best(lambda: np.add(a, b, out=c), repeat)
    return {"megabytes": megabytes, "copy_gbs": 2 * a.nbytes / copy / 1e9, "add_gbs": 3 * a.nbytes / add / 1e9,
            "gbs": max(2 * a.nbytes / copy, 3 * a.nbytes / add) / 1e9}


# ---------------------------------------------------------------------------------------------
# Monte Carlo ReLU NTK Gram matrix
# ---------------------------------------------------------------------------------------------

def unit_rows(rng, n: int, d: int) -> np.ndarray:
    X = rng.standard_normal((n, d))
    return X / np.linalg.norm(X, axis=1, keepdims=True)


def mc_ntk_vectorized(X: np.ndarray, samples: int, seed: int = 0, batch: int = 2048,
                      counts_dtype=np.float32) -> dict:
    """The checker's kernel (:func:`verify.maths.kernels.monte_carlo_relu_ntk`, streamed) with the random
    draws timed apart: the compute time excludes them. ``counts_dtype``: float32 is the checker's
    (exact: 0/1 entries, integer sums below 2^24); float64 for comparison."""
    from verify.maths.kernels import pattern_counts
    n, d = X.shape
    rng = np.random.default_rng(seed)
    counts = np.zeros((n, n))
    act = np.empty((batch, n), dtype=counts_dtype)
    XT = np.ascontiguousarray(X.T)
    proj = np.empty((batch, n))
    W = np.empty((batch, d))
    draw = compute = 0.0
    done = 0
    start = time.perf_counter()
    while done < samples:
        b = min(batch, samples - done)
        t0 = time.perf_counter()
        rng.standard_normal(out=W[:b])
        t1 = time.perf_counter()
        np.matmul(W[:b], XT, out=proj[:b])
        np.greater_equal(proj[:b], 0.0, out=act[:b], casting="unsafe")
        counts += pattern_counts(act[:b])
        t2 = time.perf_counter()
        draw, compute = draw + (t1 - t0), compute + (t2 - t1)
        done += b
    total = time.perf_counter() - start
    flops = samples * (2 * n * d + 2 * n * n)          # projections + pattern Gram, as GEMMs
    return {"seconds": total, "draw_seconds": draw, "compute_seconds": compute, "flops": flops,
            "gram": (X @ X.T) * counts / samples}


def mc_ntk_loop(X: np.ndarray, samples: int, seed: int = 0, batch: int = 2048) -> dict:
    """The straightforward version: for every pair (i, j), the fraction of draws with both
    projections nonnegative (vectorized over draws only), streamed in the same batches."""
    n, d = X.shape
    rng = np.random.default_rng(seed)
    counts = np.zeros((n, n))
    done = 0
    start = time.perf_counter()
    while done < samples:
        b = min(batch, samples - done)
        W = rng.standard_normal((b, d))
        for i in range(n):
            for j in range(i, n):
                c = np.sum((W @ X[i] >= 0) & (W @ X[j] >= 0))
                counts[i, j] += c
                if j != i:
                    counts[j, i] += c
        done += b
    return {"seconds": time.perf_counter() - start, "gram": (X @ X.T) * counts / samples}


# ---------------------------------------------------------------------------------------------
# gradient flow of two-layer ReLU networks, many seeds
# ---------------------------------------------------------------------------------------------

def relu_problem(seeds: int, n: int, d: int, m: int, seed: int = 0):
    """Data (X, y) and initial first layers W0 (seeds, m, d), output weights a (seeds, m)."""
    rng = np.random.default_rng(seed)
    X = unit_rows(rng, n, d)
    y = rng.uniform(-1, 1, n)
    W0 = rng.standard_normal((seeds, m, d))
    a = rng.choice([-1.0, 1.0], size=(seeds, m))
    return X, y, W0, a


def relu_flow_loop(X, y, W0, a, dt: float, steps: int) -> np.ndarray:
    """Euler steps of the gradient flow of (1/2n) sum_i (f(x_i) - y_i)^2, f = (1/sqrt m) sum_r a_r
    relu(w_r . x), first layer trained — one seed at a time, fresh temporaries at every step."""
    out = np.empty_like(W0)
    n, m = X.shape[0], W0.shape[1]
    for s in range(W0.shape[0]):
        W, c = W0[s].copy(), a[s] / np.sqrt(m)
        for _ in range(steps):
            Z = W @ X.T                                   # (m, n)
            u = c @ np.maximum(Z, 0.0)                    # (n,)
            grad = ((c[:, None] * (Z > 0)) * ((u - y) / n)[None, :]) @ X
            W = W - dt * grad
        out[s] = W
    return out


def relu_flow_batched(X, y, W0, a, dt: float, steps: int, chunk: int | None = None, threads: int = 1) -> np.ndarray:
    """The same Euler steps, batched: seeds in chunks whose temporaries fit in cache (``chunk`` seeds;
    default: about 512 KB per temporary), each chunk's neurons stacked into one GEMM per product,
    every temporary allocated once and reused (in-place operations: no page faults from
    re-allocating large arrays). ``threads`` > 1 runs chunks in threads (NumPy releases the GIL)."""
    S, m, d = W0.shape
    n = X.shape[0]
    chunk = chunk or max(1, min(S, 2**19 // (8 * m * n)))
    out = np.empty_like(W0)
    XT = np.ascontiguousarray(X.T)

    def work(starts):
        Z, H = np.empty((chunk * m, n)), np.empty((chunk * m, n))
        G, u = np.empty((chunk * m, d)), np.empty((chunk, 1, n))
        masks = np.empty((chunk * m, n), dtype=bool)
        for s0 in starts:
            b = min(S, s0 + chunk) - s0
            W = W0[s0:s0 + b].reshape(b * m, d).copy()
            c = (a[s0:s0 + b] / np.sqrt(m)).reshape(b * m, 1)
            cT = (a[s0:s0 + b] / np.sqrt(m))[:, None, :]          # (b, 1, m)
            Zb, Hb, Gb, ub, mask = Z[:b * m], H[:b * m], G[:b * m], u[:b], masks[:b * m]
            H3 = Hb.reshape(b, m, n)
            for _ in range(steps):
                np.matmul(W, XT, out=Zb)                          # projections, (b m, n)
                np.maximum(Zb, 0.0, out=Hb)
                np.matmul(cT, H3, out=ub)                         # outputs, (b, 1, n)
                ub -= y
                ub *= dt / n                                      # dt * residual / n
                np.greater(Zb, 0.0, out=mask)                     # relu'(Z)
                np.multiply(mask.reshape(b, m, n), ub, out=H3)     # relu'(Z) * residual, reusing H
                np.matmul(Hb, X, out=Gb)
                Gb *= c                                           # dt * gradient, (b m, d)
                W -= Gb
            out[s0:s0 + b] = W.reshape(b, m, d)

    starts = list(range(0, S, chunk))
    if threads <= 1:
        work(starts)
    else:
        from concurrent.futures import ThreadPoolExecutor
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(work, [starts[i::threads] for i in range(threads)]))
    return out


def relu_flow_solve_ivp(X, y, W0, a, t_end: float, rtol: float = 1e-6) -> tuple[np.ndarray, int]:
    """``solve_ivp`` (RK45) per seed, the same flow to time ``t_end``: W at t_end and the number of
    right-hand-side evaluations."""
    from scipy.integrate import solve_ivp
    S, m, d = W0.shape
    n = X.shape[0]
    out, evaluations = np.empty_like(W0), 0
    for s in range(S):
        c = a[s] / np.sqrt(m)

        def rhs(_, w):
            W = w.reshape(m, d)
            Z = W @ X.T
            u = c @ np.maximum(Z, 0.0)
            return -(((c[:, None] * (Z > 0)) * ((u - y) / n)[None, :]) @ X).ravel()

        sol = solve_ivp(rhs, (0.0, t_end), W0[s].ravel(), method="RK45", rtol=rtol, atol=rtol * 1e-3)
        out[s] = sol.y[:, -1].reshape(m, d)
        evaluations += sol.nfev
    return out, evaluations


def relu_flow_flops(S: int, n: int, d: int, m: int, steps: int) -> int:
    """The GEMM work of the Euler steps: projections and the gradient, 2 S m n d flops each, plus the outputs."""
    return steps * S * (4 * m * n * d + 2 * m * n)


def relu_flow_jax(X, y, W0, a, dt: float, steps: int):
    """jit + vmap version (JAX, float64), or None when JAX is not installed."""
    try:
        import jax
        import jax.numpy as jnp
    except ImportError:
        return None
    jax.config.update("jax_enable_x64", True)
    n, m = X.shape[0], W0.shape[1]
    Xj, yj = jnp.asarray(X), jnp.asarray(y)

    def one(W, a_s):
        c = a_s / jnp.sqrt(m)

        def step(W, _):
            Z = W @ Xj.T
            u = c @ jnp.maximum(Z, 0.0)
            grad = ((c[:, None] * (Z > 0)) * ((u - yj) / n)[None, :]) @ Xj
            return W - dt * grad, None
        return jax.lax.scan(step, W, None, length=steps)[0]

    run = jax.jit(jax.vmap(one))
    run(jnp.asarray(W0), jnp.asarray(a)).block_until_ready()           # compile
    start = time.perf_counter()
    W = run(jnp.asarray(W0), jnp.asarray(a)).block_until_ready()
    return {"seconds": time.perf_counter() - start, "W": np.asarray(W), "version": jax.__version__}
