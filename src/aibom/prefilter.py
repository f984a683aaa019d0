"""A byte-level pre-filter: skip parsing files that cannot name a model.

The words live in ``data/prefilter.yaml`` (one list per source kind). A file of a
listed kind whose bytes contain none of its words, case-insensitively, is not parsed:
most source files of a large project are ordinary code, and parsing them to find
nothing dominated scan time. Set ``AIBOM_PREFILTER=0`` to parse every file (used to
prove the pre-filter loses nothing: the BOMs must be identical).
"""

from __future__ import annotations

import os
import re
from functools import cache
from importlib import resources

from aibom.yamlio import safe_load

_DATA = "data/prefilter.yaml"


@cache
def _patterns() -> dict[str, re.Pattern[bytes]]:
    text = resources.files("aibom").joinpath(_DATA).read_text("utf-8")
    table = safe_load(text)
    patterns: dict[str, re.Pattern[bytes]] = {}
    for kind, words in (table or {}).items():
        alternatives = sorted({str(w).lower() for w in words}, key=lambda w: (-len(w), w))
        patterns[str(kind)] = re.compile(
            b"|".join(re.escape(w.encode()) for w in alternatives), re.IGNORECASE
        )
    return patterns


def enabled() -> bool:
    """False when ``AIBOM_PREFILTER=0`` asks for every file to be parsed."""
    return os.environ.get("AIBOM_PREFILTER", "1").strip() not in ("0", "false", "no", "off")


def kinds() -> frozenset[str]:
    """The scanner names the pre-filter has words for."""
    return frozenset(_patterns())


def may_matter(kind: str, data: bytes) -> bool:
    """True unless ``data`` is of a filtered ``kind``, clean UTF-8 text and has none of its words.

    Binary and non-UTF-8 files still go to their scanner, which names them in a diagnostic;
    a well-formed text file without any of the words is skipped (so a syntax error in a file
    that cannot name a model goes unreported: it could not hide a finding).
    """
    pattern = _patterns().get(kind)
    if pattern is None or pattern.search(data) is not None:
        return True
    if b"\x00" in data[:8192]:
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False
