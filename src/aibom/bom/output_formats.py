"""Names of the BOM formats ``aibom scan`` and ``aibom convert`` write, with their aliases.

Canonical names follow syft (``cyclonedx-json``, ``cyclonedx-xml``); cyclonedx-py's
``JSON``/``XML`` and trivy's ``cyclonedx`` are accepted as aliases, case-insensitively.
"""

from __future__ import annotations

BOM_FORMATS: tuple[str, ...] = ("cyclonedx-json", "cyclonedx-xml", "spdx3-json")
_ALIASES: dict[str, str] = {
    "json": "cyclonedx-json",
    "cyclonedx": "cyclonedx-json",
    "cdx-json": "cyclonedx-json",
    "xml": "cyclonedx-xml",
    "cdx-xml": "cyclonedx-xml",
    "spdx3": "spdx3-json",
    "spdx-3-json": "spdx3-json",
}
DEFAULT_OUTPUT: dict[str, str] = {
    "cyclonedx-json": "aibom.cdx.json",
    "cyclonedx-xml": "aibom.cdx.xml",
    "spdx3-json": "aibom.spdx3.json",
}


def resolve_bom_format(name: str) -> str:
    """The canonical format name for ``name`` or an alias; ValueError naming the choices."""
    key = name.strip().lower()
    if key in BOM_FORMATS:
        return key
    if key in _ALIASES:
        return _ALIASES[key]
    if key in ("spdx-json", "spdx"):
        raise ValueError(
            f"{name!r} is SPDX 2.3 in syft; aibom writes SPDX 3.0.1: use --format spdx3-json"
        )
    raise ValueError(
        f"unknown BOM format {name!r}: choose one of {', '.join(BOM_FORMATS)} "
        f"(aliases: {', '.join(sorted(_ALIASES))})"
    )
