"""A byte-level pre-filter: skip parsing files that cannot name a model.

The words live in ``knowledge/data/prefilter.yaml`` (one list per scanner name). A file of a
listed kind whose bytes contain none of its words, case-insensitively, is not parsed:
most source files of a large project are ordinary code, and parsing them to find
nothing dominated scan time. A scanner may then rule out more with finer words of its
own (``FileScanner.may_matter``; the Python scanner's detector triggers). Set
``AIBOM_PREFILTER=0`` to parse every file (used to prove the pre-filter loses nothing:
the BOMs must be identical).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any


def _words() -> Mapping[str, tuple[bytes, ...]]:
    # deferred: the knowledge tables (and PyYAML) cost ~50 ms to import, and a scan
    # with nothing to filter (an empty tree, a fully cached rescan) never needs them
    from aibom.knowledge.tables import prefilter_words

    return prefilter_words()


def enabled() -> bool:
    """False when ``AIBOM_PREFILTER=0`` asks for every file to be parsed."""
    return os.environ.get("AIBOM_PREFILTER", "1").strip() not in ("0", "false", "no", "off")


def kinds() -> frozenset[str]:
    """The scanner names the pre-filter has words for."""
    return frozenset(_words())


def may_matter(kind: str, data: bytes) -> bool:
    """True unless ``data`` is of a filtered ``kind``, clean UTF-8 text and has none of its words.

    Binary and non-UTF-8 files still go to their scanner, which names them in a diagnostic;
    a well-formed text file without any of the words is skipped (so a syntax error in a file
    that cannot name a model goes unreported: it could not hide a finding).
    """
    finder = _finder(kind)
    if finder is None:
        return True
    if finder(data.lower()) is not None:
        return True
    return not clean_text(data)


@cache
def _finder(kind: str) -> Callable[[bytes], object] | None:
    """``search`` of one regular expression that matches where any word of ``kind`` starts.

    The words are merged into a trie (``a(?:dapter|nthropic)|b(?:ert|oto)|...``), so the text
    is scanned once instead of once per word (6x faster on source files of a few KB); a word
    that another word starts with ends its branch, since containing it is enough.
    """
    words = _words().get(kind)
    if words is None:
        return None
    trie: dict[int, Any] = {}
    for word in words:
        node = trie
        for byte in word:
            node = node.setdefault(byte, {})
        node[-1] = {}  # a word ends here
    return re.compile(_alternation(trie)).search


def _alternation(node: dict[int, Any]) -> bytes:
    if -1 in node:
        return b""
    branches = [re.escape(bytes([b])) + _alternation(node[b]) for b in sorted(node)]
    return branches[0] if len(branches) == 1 else b"(?:" + b"|".join(branches) + b")"


def clean_text(data: bytes) -> bool:
    """True for well-formed UTF-8 text (no NUL byte near the start): a file a filter may skip."""
    if b"\x00" in data[:8192]:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
