"""aibom: audit the AI supply chain of a software project."""

from __future__ import annotations

__version__ = "0.1.0"
