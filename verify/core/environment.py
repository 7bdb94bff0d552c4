"""What a run's results depend on besides its seed and budget: the versions of the numerical packages
and the engine's own source. ``results.json`` and the index record it, so that two reports that differ
can be told apart (``python -m verify diff``).

The Python version is recorded as major.minor only, and no machine facts (CPU, BLAS threads) at all:
reports are meant to be identical on every machine with the same package versions."""
from __future__ import annotations

import functools
import hashlib
import sys
from importlib import metadata
from pathlib import Path

PACKAGES = ("sympy", "mpmath", "numpy", "scipy", "hypothesis")
ENGINE = Path(__file__).resolve().parents[1]          # the verify package


def source_digest(root: Path) -> str:
    """SHA-256 over the paths and bytes of every ``.py`` file under ``root``, in sorted order (12 hex
    digits): the same source gives the same digest on every machine."""
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py"), key=lambda p: p.relative_to(root).as_posix()):
        if "__pycache__" in path.parts:
            continue
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:12]


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


@functools.lru_cache(maxsize=1)
def environment() -> dict:
    """``{"python": "3.11", "packages": {name: version}, "engine": digest}``."""
    return {"python": f"{sys.version_info.major}.{sys.version_info.minor}",
            "packages": {name: _version(name) for name in PACKAGES},
            "engine": source_digest(ENGINE)}
