"""Making check evidence JSON-safe, so results cross process boundaries and land in reports unchanged.

Evidence is free-form: checks put SymPy objects, NumPy scalars and arrays in it. Reports must be
byte-identical for the same seed, so the conversion is deterministic: floats stay floats (NaN and
infinities become strings, which strict JSON lacks), sets are sorted, anything else becomes ``str``.
"""
from __future__ import annotations

import enum
import math

import numpy as np


def jsonable(value):
    """``value`` converted to plain JSON types: dict (str keys), list, str, int, float, bool, None."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return _float(float(value))
    if isinstance(value, np.ndarray):
        return jsonable(value.tolist())
    if isinstance(value, dict):
        return {str(jsonable(k)): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((jsonable(v) for v in value), key=repr)
    return str(value)


def _float(x: float):
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x
