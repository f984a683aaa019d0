"""Licence knowledge: normalise declared licences, categorise them, spot licence conflicts.

The catalogue lives in ``data/licenses.yaml``; :mod:`aibom.licenses.catalogue` loads and
queries it.

Owns: the licence catalogue and licence-expression normalisation.
May import: ``yamlio`` and the standard library; nothing else of aibom (it sits beside
``knowledge``, below scanners, lineage, bom and policy).
"""

from __future__ import annotations

from aibom.licenses.catalogue import (
    CATEGORIES,
    CatalogueError,
    LicenseInfo,
    all_licenses,
    get_license,
    is_compound,
    is_more_permissive,
    licence_conflict,
    license_category,
    normalize_license,
    spdx_or_name,
)

__all__ = [
    "CATEGORIES",
    "CatalogueError",
    "LicenseInfo",
    "all_licenses",
    "get_license",
    "is_compound",
    "is_more_permissive",
    "licence_conflict",
    "license_category",
    "normalize_license",
    "spdx_or_name",
]
