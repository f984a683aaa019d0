"""The pre-filter's one-pass word finder says exactly what testing each word would say."""

from __future__ import annotations

import random

from aibom.scanners import prefilter


def _texts(words: tuple[bytes, ...]) -> list[bytes]:
    rng = random.Random(5)
    out = [b"", b"x", b"def f():\n    return 1\n"]
    for word in words:
        out += [word, b"(" + word + b")", word[:-1], word[1:], word[:-1] + b"\n" + word[-1:]]
    filler = b"abcdefghijklmnopqrstuvwxyz_ ./\n"
    out += [bytes(rng.choice(filler) for _ in range(rng.randint(1, 400))) for _ in range(500)]
    return out


def test_the_finder_agrees_with_a_substring_test_per_word() -> None:
    kinds = prefilter.kinds()
    assert kinds
    for kind in kinds:
        words = prefilter._words()[kind]
        find = prefilter._finder(kind)
        assert find is not None
        verdicts = set()
        for text in _texts(words):
            expected = any(word in text for word in words)
            assert (find(text) is not None) == expected, (kind, text)
            verdicts.add(expected)
        assert verdicts == {True, False}


def test_kinds_without_words_are_never_filtered() -> None:
    assert prefilter._finder("no-such-scanner") is None
    assert prefilter.may_matter("no-such-scanner", b"anything")
