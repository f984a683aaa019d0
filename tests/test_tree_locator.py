"""The JSON/TOML line locator: same answers as a plain scan of the text, in O(log n) per lookup."""

from __future__ import annotations

import json
import random

from aibom.scanners.tree import Locator


class _Naive:
    """The locator's contract written the slow, obvious way (the original linear search)."""

    def __init__(self, loc: Locator) -> None:
        self.loc = loc
        self.last: dict[tuple[str, str | None], int] = {}

    def find(self, key: str, value: str | None) -> int | None:
        last = self.last.get((key, value), 0)
        key_lines = set(self.loc._strings.get(key, ())) | set(self.loc._keys.get(key, ()))

        def after(lines: list[int], within: set[int] | None = None) -> int | None:
            ordered = sorted(lines)
            later = [n for n in ordered if n > last] + [n for n in ordered if n <= last]
            return next((n for n in later if within is None or n in within), None)

        if value is not None:
            cands = self.loc._strings.get(value, [])
            line = after(cands, key_lines) or after(cands)
        else:
            line = after(list(key_lines))
        if line is not None:
            self.last[(key, value)] = line
        return line


def test_repeated_pairs_cycle_through_their_lines_in_order() -> None:
    text = json.dumps(
        {"a": [{"model": "m1", "tag": "m1"}, {"model": "m1"}, {"other": "m1"}]}, indent=1
    )
    loc = Locator(text)
    lines = [n for n, line in enumerate(text.splitlines(), 1) if '"model": "m1"' in line]
    assert [loc.find("model", "m1") for _ in range(3)] == [lines[0], lines[1], lines[0]]
    other = next(n for n, line in enumerate(text.splitlines(), 1) if '"other"' in line)
    assert loc.find("absent-key", "m1") is not None  # falls back to any line of the value
    assert loc.find("other", None) == other
    assert loc.find("missing", "missing") is None


def test_answers_match_a_linear_search_on_a_random_catalog() -> None:
    rng = random.Random(7)
    keys = ["model", "name", "id", "tag", "llm_name"]
    values = [f"v{i}" for i in range(12)]
    doc = [
        {rng.choice(keys): rng.choice(values) for _ in range(rng.randint(1, 4))} for _ in range(300)
    ]
    text = json.dumps(doc, indent=1)
    fast, naive = Locator(text), _Naive(Locator(text))
    for _ in range(3000):
        key = rng.choice([*keys, "v3", "absent"])
        value = rng.choice([*values, None, "absent", "model"])
        assert fast.find(key, value) == naive.find(key, value), (key, value)
