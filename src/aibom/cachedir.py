"""Where aibom keeps what it may reuse between runs (weight hashes, hub answers)."""

from __future__ import annotations

import os
from pathlib import Path


def default_cache_dir() -> Path:
    """``$AIBOM_CACHE_DIR``, else ``$XDG_CACHE_HOME/aibom``, else ``~/.cache/aibom``."""
    env = os.environ.get("AIBOM_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "aibom"
