"""JavaScript string escapes read as JavaScript reads them (``"org\\/name"`` is ``org/name``)."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from recall_scan import models, scan

from aibom.scanners.javascript.values import _unescape

MakeTree = Callable[[dict[str, str | bytes]], Path]


@pytest.mark.parametrize(
    ("seq", "char"),
    [
        ("\\n", "\n"),
        ("\\t", "\t"),
        ("\\0", "\0"),
        ("\\x41", "A"),
        ("\\u0041", "A"),
        ("\\u{1F600}", "\U0001f600"),
        ("\\/", "/"),  # Python's codec would keep the backslash (and warn)
        ("\\'", "'"),
        ('\\"', '"'),
        ("\\\\", "\\"),
        ("\\q", "q"),  # any other character stands for itself
        ("\\\n", ""),  # a line continuation
        ("\\u{110000}", "u{110000}"),  # beyond Unicode: kept as written
        ("\\xZZ", "xZZ"),
    ],
)
def test_escape_sequences_decode_as_in_javascript(seq: str, char: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no DeprecationWarning for invalid Python escapes
        assert _unescape(seq) == char


def test_an_escaped_slash_in_a_hub_id_is_the_id(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/embed.js": (
                "import { pipeline } from '@xenova/transformers';\n"
                "const extractor = await pipeline('feature-extraction', 'Xenova\\/bge-small-en-v1.5');\n"
            )
        }
    )
    assert "xenova/bge-small-en-v1.5" in models(scan(root))
