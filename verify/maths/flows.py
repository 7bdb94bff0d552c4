"""The one batched integrator of the notes' flows: y' = rhs(t, y) for a batch y0 of shape (S, ...) of
independent instances, in one ODE solve; every flow of :mod:`verify.maths` (gradient flows of models,
losses, networks, diagonal networks, matrix factorisations) is a right-hand side given to it.

Modes (``precise`` is the engine's precise mode, used to replay a violation):

* explicit (default): RK45 at rtol 1e-9 (``tolerances`` loosens it for simulations whose compared
  quantities are far above the tolerance, or whose field has kinks, such as a ReLU network's, where
  tight tolerances are very costly); precise: DOP853 at rtol 1e-13.
* ``substeps=k``: classical fixed-step Runge-Kutta of order 4 with k steps per interval of the grid t,
  for large batches of ReLU flows whose kinks (activation changes) make adaptive steppers crawl: each
  kink costs a local error of the step's size instead of a cascade of rejected steps. The caller
  chooses the step well inside the stability region and far below the compared quantities' size;
  precise: DOP853 as above.
* ``stiff=True`` (or ``"bdf"``): for batches whose time scales differ widely (condition numbers up to 32
  made RK45 take 4000 steps and DOP853 4 s): BDF at the explicit mode's tolerances with the Jacobian's
  block-diagonal sparsity (the instances do not interact, so finite differences need one evaluation
  per state entry of one instance); precise: Radau (implicit Runge-Kutta of order 5, another family
  than BDF) at rtol 1e-12. On a field that is not stiff they are slower than RK45 and DOP853.
* ``stiff="lsoda"``: for small systems that turn stiff as they converge (the diagonal network's
  Hessian spreads with the weights): LSODA at rtol 1e-10, which switches between Adams and BDF by
  itself; precise: Radau at rtol 1e-12.

Absolute tolerances are relative to the size of the initial state (1 when it is 0), so a flow that
decays far below its start stays accurate relative to the round-off floor of the numeric checks.
``jac(y)``, for the implicit methods, gives the per-instance Jacobian blocks (S, p, p) of a state
(S, p), assembled into one block-diagonal matrix (dense for LSODA, sparse for BDF and Radau).
Returns (S, T, ...).

Evaluation grids: the solver reports at the times t only (``t_eval``), never at its own adaptive steps,
so the number of instances a check counts is fixed by t. The explicit adaptive methods (RK45, DOP853)
choose their steps from a coarse set, eight per octave (:func:`steady_step`: the controller's step
rounded down to three bits of mantissa): the step sequence then does not follow the last bits of the
state, which differ between BLAS builds and thread counts, and neither do the values at t beyond
round-off (with the controller's own step the values differ at the level of the tolerance). Their
step is at most the grid's largest spacing (rounded likewise): once a flow has converged, its error
estimate is round-off, and an uncapped controller grows the step to the method's stability limit, where
that round-off, amplified, decides every step (two machines then part there, and their values at t
differ at the level of the tolerance); below the cap the estimate stays far under the tolerance and the
step stays the cap on every machine (when the grid resolves the flow's fastest time scale, as a grid
that shows its decay does; a grid coarser than the stability limit leaves the controller there). A grid whose horizon is computed from the
instances (a decay time) is built with :func:`horizon` (rounded up to two significant digits) and
:func:`time_grid` (a union of uniform grids taken on exact fractions of the horizon): its times and
their number do not move with the last bits of the instances, which differ between BLAS builds.
"""
from __future__ import annotations

import functools
import math
from fractions import Fraction

import numpy as np
_FAST = {False: ("RK45", 1e-9, 1e-13), "bdf": ("BDF", 1e-9, 1e-13), "lsoda": ("LSODA", 1e-10, 1e-14)}


def batched_flow(rhs, y0: np.ndarray, t: np.ndarray, precise: bool = False,
                 tolerances: tuple[float, float] | None = None, stiff: bool | str = False, *,
                 jac=None, substeps: int | None = None) -> np.ndarray:
    """Integrate y' = rhs(t, y) from y0 of shape (S, ...) at the times t; returns (S, T, ...). See the
    module's description of the modes; ``tolerances`` = (rtol, atol relative to the initial state's
    size) overrides the fast mode's."""
    mode = "bdf" if stiff is True else stiff
    if mode not in _FAST:
        raise ValueError(f"batched_flow: stiff must be False, True, 'bdf' or 'lsoda', not {stiff!r}")
    if substeps is not None and mode:
        raise ValueError("batched_flow: the fixed-step mode (substeps) is explicit; it cannot be stiff")
    if substeps is not None and not precise:
        return _rk4(rhs, y0, t, substeps)
    shape = y0.shape
    size = float(np.max(np.abs(y0))) or 1.0
    if precise:
        method, rtol, atol = ("Radau", 1e-12, 1e-15) if mode else ("DOP853", 1e-13, 1e-16)
    else:
        method, rtol, atol = _FAST[mode]
        if tolerances is not None:
            rtol, atol = tolerances
    options = {}
    if jac is not None:
        options["jac"] = _block_jacobian(jac, shape, dense=method == "LSODA")
    elif mode == "bdf":
        options["jac_sparsity"] = _block_sparsity(shape)
    steady = _steady_methods()
    if method in steady and len(t) > 1:
        options["max_step"] = steady_step(float(np.max(np.diff(t))))
    from scipy.integrate import solve_ivp       # imported here: SciPy is loaded only by a claim that integrates
    sol = solve_ivp(lambda s, y: rhs(s, y.reshape(shape)).ravel(), (float(t[0]), float(t[-1])), y0.ravel(),
                    t_eval=t, method=steady.get(method, method), rtol=rtol, atol=atol * size, **options)
    if not sol.success:
        raise RuntimeError(f"gradient-flow integration failed: {sol.message}")
    return np.moveaxis(sol.y.reshape(shape + (len(t),)), -1, 1)


def steady_step(h: float) -> float:
    """``h`` rounded down to one of eight steps per octave (m / 16 * 2^e, m = 8..15): exactly
    representable, and the same for any two values that differ in their last bits only (unless they
    straddle one of the levels)."""
    m, e = math.frexp(h)
    return math.ldexp(math.floor(m * 16.0) / 16.0, e) if h > 0 else h


class _SteadySteps:
    """The step of scipy's explicit Runge-Kutta methods (``RungeKutta._step_impl``, scipy 1.17) with the
    controller's step rounded by :func:`steady_step`, on acceptance and on rejection, and the initial
    step too: the step sequence is the same on every machine."""

    def _step_impl(self):
        t, y = self.t, self.y
        min_step = 10 * np.abs(np.nextafter(t, self.direction * np.inf) - t)
        h_abs = steady_step(min(max(self.h_abs, min_step), self.max_step))
        step_rejected = False
        while True:
            if h_abs < min_step:
                return False, self.TOO_SMALL_STEP
            h = h_abs * self.direction
            t_new = t + h
            if self.direction * (t_new - self.t_bound) > 0:
                t_new = self.t_bound
            h = t_new - t
            h_abs = np.abs(h)
            y_new, f_new = self._rk_step(self.fun, t, y, self.f, h, self.A, self.B, self.C, self.K)
            scale = np.abs(y)                   # atol + max(|y|, |y_new|) rtol, in place (the same numbers)
            np.maximum(scale, np.abs(y_new), out=scale)
            scale *= self.rtol
            scale += self.atol
            error_norm = self._estimate_error_norm(self.K, h, scale)
            if error_norm < 1:
                factor = (self._MAX_FACTOR if error_norm == 0
                          else min(self._MAX_FACTOR, self._SAFETY * error_norm ** self.error_exponent))
                if step_rejected:
                    factor = min(1, factor)
                h_abs = steady_step(h_abs * factor)
                break
            h_abs = steady_step(h_abs * max(self._MIN_FACTOR, self._SAFETY * error_norm ** self.error_exponent))
            step_rejected = True
        self.h_previous, self.y_old = h, y
        self.t, self.y, self.h_abs, self.f = t_new, y_new, h_abs, f_new
        return True, None


@functools.cache
def _steady_methods() -> dict:
    """RK45 and DOP853 with steady steps, by scipy's method name (built on first use, so that importing
    this module does not import SciPy); empty where scipy moved the step and its controller's constants
    (private, stable since scipy 1.0): scipy's own steps then (reports may differ across machines)."""
    from scipy.integrate import DOP853, RK45
    try:
        from scipy.integrate._ivp import rk
        constants = {"_rk_step": staticmethod(rk.rk_step), "_MAX_FACTOR": rk.MAX_FACTOR,
                     "_MIN_FACTOR": rk.MIN_FACTOR, "_SAFETY": rk.SAFETY}
    except (ImportError, AttributeError):
        return {}
    return {base.__name__: type(f"_Steady{base.__name__}", (_SteadySteps, base), dict(constants))
            for base in (RK45, DOP853)}


def horizon(value: float, digits: int = 2) -> float:
    """``value`` (a positive time) rounded up to ``digits`` significant digits: a horizon computed from
    random instances that is the same number on every machine (unless the value lies within its last
    bits of a rounding boundary)."""
    value = float(value)
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"horizon: {value!r} is not a positive finite time")
    exponent = math.floor(math.log10(value)) - digits + 1
    mantissa = math.ceil(value / 10.0 ** exponent - 1e-9)     # 1e-9: a value on the boundary stays there
    return float(f"{mantissa}e{exponent}")


def time_grid(end: float, points: int, refined: tuple[int, int] | None = None) -> np.ndarray:
    """``points`` evenly spaced times on [0, end] and, with ``refined`` = (k, n), n evenly spaced times
    on [0, end / k] (a finer start). The union is taken on exact fractions of ``end``, so the number of
    times is fixed by (points, refined) alone; each time is ``end`` times a correctly rounded fraction."""
    if points < 2:
        raise ValueError("time_grid: at least two points")
    fractions = {Fraction(i, points - 1) for i in range(points)}
    if refined is not None:
        k, n = refined
        if n < 2 or k < 1:
            raise ValueError("time_grid: refined = (k >= 1, n >= 2)")
        fractions |= {Fraction(i, (n - 1) * k) for i in range(n)}
    return float(end) * np.array([float(f) for f in sorted(fractions)])


def _rk4(rhs, y0: np.ndarray, t: np.ndarray, substeps: int) -> np.ndarray:
    """Classical Runge-Kutta of order 4, ``substeps`` steps per interval of t; the state is the whole
    batch, so the loop is over the time steps of one solve. The stages' states and the update are
    computed into arrays allocated once (states of millions of numbers: fresh temporaries at every stage
    cost page faults), never into the slopes ``rhs`` returns (it may return an array it holds), with the
    operations of z + h/2 k1, ..., z + h/6 (k1 + 2 k2 + 2 k3 + k4) in their order (sums and products
    commute exactly): the numbers are the written formulas'."""
    out = np.empty((y0.shape[0], len(t)) + y0.shape[1:])
    z = np.array(y0, dtype=float)
    stages = np.empty((3,) + z.shape)           # the states of stages 2, 3 and 4
    total, twice = np.empty_like(z), np.empty_like(z)
    out[:, 0] = z
    for k in range(len(t) - 1):                 # time steps of one ODE solve (the state is the whole batch)
        h = (t[k + 1] - t[k]) / substeps
        s0 = t[k]
        for j in range(substeps):
            s = s0 + j * h
            k1 = rhs(s, z)
            k2 = rhs(s + h / 2, _axpy(h / 2, k1, z, stages[0]))
            k3 = rhs(s + h / 2, _axpy(h / 2, k2, z, stages[1]))
            k4 = rhs(s + h, _axpy(h, k3, z, stages[2]))
            np.multiply(k2, 2, out=total)       # k1 + 2 k2 + 2 k3 + k4, summed left to right
            total += k1
            total += np.multiply(k3, 2, out=twice)
            total += k4
            z += np.multiply(total, h / 6, out=total)
        out[:, k + 1] = z
    return out


def _axpy(c: float, k: np.ndarray, z: np.ndarray, out: np.ndarray) -> np.ndarray:
    """z + c k into ``out`` (the product first, as written)."""
    np.multiply(k, c, out=out)
    out += z
    return out


def _block_sparsity(shape: tuple):
    """The Jacobian pattern of a batch of independent instances: one dense block per instance (a
    ``scipy.sparse`` CSR matrix)."""
    from scipy import sparse
    block = int(np.prod(shape[1:], dtype=int))
    return sparse.block_diag([np.ones((block, block))] * shape[0], format="csr")


def _block_jacobian(jac, shape: tuple, dense: bool):
    """The block-diagonal Jacobian of the batch from the per-instance blocks jac(y), shape (S, p, p)."""
    S, p = shape[0], int(np.prod(shape[1:], dtype=int))
    b, i, j = np.meshgrid(np.arange(S), np.arange(p), np.arange(p), indexing="ij")
    rows, cols = (b * p + i).ravel(), (b * p + j).ravel()
    if not dense:
        from scipy import sparse
        return lambda _, y: sparse.csc_matrix((jac(y.reshape(shape)).ravel(), (rows, cols)), shape=(S * p, S * p))

    def full(_, y):                              # LSODA takes a dense Jacobian
        out = np.zeros((S * p, S * p))
        out[rows, cols] = jac(y.reshape(shape)).ravel()
        return out
    return full
