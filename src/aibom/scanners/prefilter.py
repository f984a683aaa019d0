"""A byte-level pre-filter: skip parsing files that cannot name a model.

The words live in ``knowledge/data/prefilter.yaml`` (one list per scanner name). A file of a
listed kind whose bytes contain none of its words, case-insensitively, is not parsed:
most source files of a large project are ordinary code, and parsing them to find
nothing dominated scan time. Set ``AIBOM_PREFILTER=0`` to parse every file (used to
prove the pre-filter loses nothing: the BOMs must be identical).
"""

from __future__ import annotations

import os

from aibom.knowledge.tables import prefilter_words


def enabled() -> bool:
    """False when ``AIBOM_PREFILTER=0`` asks for every file to be parsed."""
    return os.environ.get("AIBOM_PREFILTER", "1").strip() not in ("0", "false", "no", "off")


def kinds() -> frozenset[str]:
    """The scanner names the pre-filter has words for."""
    return frozenset(prefilter_words())


def may_matter(kind: str, data: bytes) -> bool:
    """True unless ``data`` is of a filtered ``kind``, clean UTF-8 text and has none of its words.

    Binary and non-UTF-8 files still go to their scanner, which names them in a diagnostic;
    a well-formed text file without any of the words is skipped (so a syntax error in a file
    that cannot name a model goes unreported: it could not hide a finding).
    """
    words = prefilter_words().get(kind)
    if words is None:
        return True
    low = data.lower()  # substring tests in C beat one case-insensitive alternation regex
    if any(word in low for word in words):
        return True
    if b"\x00" in data[:8192]:
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False
