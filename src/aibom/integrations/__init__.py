"""Integrations with the platforms where SBOM programmes keep BOMs: Dependency-Track uploads.

Owns: turning a finished BOM into what a platform accepts, and talking to that platform.
May import: ``bom.properties`` (property names) and the standard library; never scanners,
lineage or the application layer.
"""

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
