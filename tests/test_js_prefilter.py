"""The JS/TS scanner's word pre-filter: the fast substring test says exactly what its regex says."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from aibom.scanners.javascript import scan_source
from aibom.scanners.javascript.syntax import _RELEVANT, _RELEVANT_WORDS, _relevant

# ASCII letters, the words themselves, and the characters whose case folding is irregular
# (dotted/dotless I, long s, Kelvin sign, sharp s, a combining dot)
_PIECES = st.one_of(
    st.sampled_from(_RELEVANT_WORDS),
    st.sampled_from(["İ", "ı", "ſ", "\u212a", "ß", "\u0307", "É", "-", " ", "\n"]),
    st.text(alphabet="abcdefgiklmnoprstuvwxyzAEGIKLMNOSTWY-", max_size=6),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=8).map("".join))
def test_fast_prefilter_agrees_with_its_regex(text: str) -> None:
    assert _relevant(text) == (_RELEVANT.search(text) is not None)


def test_prefilter_edge_cases() -> None:
    assert _relevant("const m = 'GPT-4o'")
    assert _relevant("tranſformers")  # the regex folds long s to s; so does the fast path
    assert _relevant("KİMİ")
    assert _relevant("\u212aimi")  # Kelvin sign folds to k
    assert not _relevant("const x = 1; // nothing here")
    assert not _relevant("é è ü: no word at all")


def test_irrelevant_file_is_not_parsed_but_minified_one_is_reported() -> None:
    assert scan_source("export const answer = 42;\n", "src/a.ts") == []
    long_line = "const x = [" + "1," * 6000 + "];\n"
    [diag] = scan_source(long_line, "src/b.js")
    assert diag.code == "js-minified"
