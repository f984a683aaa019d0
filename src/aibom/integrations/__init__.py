"""Integrations with the platforms where SBOM programmes keep BOMs: Dependency-Track uploads."""

from __future__ import annotations

from aibom.integrations.dependency_track import (
    DtProject,
    PublishError,
    PublishResult,
    prepare_for_dependency_track,
    publish_to_dependency_track,
)

__all__ = [
    "DtProject",
    "PublishError",
    "PublishResult",
    "prepare_for_dependency_track",
    "publish_to_dependency_track",
]
