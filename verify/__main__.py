"""``python -m verify``: see :mod:`verify.cli`."""
from __future__ import annotations

import os
import subprocess
import sys


def _with_fixed_hash_seed() -> None:
    """Re-execute under ``PYTHONHASHSEED=0`` unless a seed is already fixed: the iteration order of
    sets (and so some SymPy output) then does not change between runs, and reports stay byte-identical."""
    if os.environ.get("PYTHONHASHSEED", "random") not in ("", "random"):
        return
    flags = getattr(subprocess, "_args_from_interpreter_flags", lambda: [])()
    argv = [sys.executable, *flags, "-m", "verify", *sys.argv[1:]]
    os.execve(sys.executable, argv, dict(os.environ, PYTHONHASHSEED="0"))


if __name__ == "__main__":
    _with_fixed_hash_seed()
    from .cli import main
    sys.exit(main())
