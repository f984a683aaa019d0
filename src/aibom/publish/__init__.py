"""Publish a BOM to the platforms where SBOM programmes keep them (Dependency-Track)."""

from __future__ import annotations

from aibom.publish.dependency_track import (
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
