"""Licence catalogue: normalisation, categories, conflicts, CycloneDX mapping."""

from __future__ import annotations

import pytest

from aibom.licenses import (
    get_license,
    is_more_permissive,
    licence_conflict,
    license_category,
    normalize_license,
    spdx_or_name,
)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("apache-2.0",), "Apache-2.0"),
        (("Apache 2.0",), "Apache-2.0"),
        (("MIT",), "MIT"),
        (("cc-by-nc-4.0",), "CC-BY-NC-4.0"),
        (("GPL-3.0-or-later",), "GPL-3.0-or-later"),
        (("MIT OR Apache-2.0",), "MIT OR Apache-2.0"),
        (("llama3.1",), "llama3.1"),
        (("other", "qwen"), "qwen"),
        (("other", "Qwen RESEARCH LICENSE AGREEMENT"), "qwen-research"),
        (("other",), "LicenseRef-other"),
        (("",), None),
        ((None,), None),
        (([],), None),
    ],
)
def test_normalize(args: tuple[object, ...], expected: str | None) -> None:
    assert normalize_license(*args) == expected  # type: ignore[arg-type]


def test_conflicts() -> None:
    assert is_more_permissive("Apache-2.0", "llama3.1")
    assert not is_more_permissive("llama3.1", "llama3.1")
    assert not is_more_permissive("MIT", "Apache-2.0")
    assert not is_more_permissive("CC-BY-NC-4.0", "Apache-2.0")
    assert len(licence_conflict("Apache-2.0", ["llama3.1", "MIT"])) == 1


def test_category_and_cdx() -> None:
    assert license_category("llama3.1") == "custom-restricted"
    assert license_category(None) == "unknown"
    assert spdx_or_name("llama3.1") == (None, "Llama 3.1 Community License Agreement")
    assert spdx_or_name("MIT") == ("MIT", "MIT License")
    info = get_license("llama3.1")
    assert info is not None and info.derivatives_must_carry
