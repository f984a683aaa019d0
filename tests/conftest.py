"""Shared test fixtures: isolated caches, no network, helpers to build trees and scan them."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own caches and an offline Hugging Face client."""
    base = tmp_path_factory.mktemp("env")
    monkeypatch.setenv("AIBOM_CACHE_DIR", str(base / "aibom-cache"))
    monkeypatch.setenv("HF_HOME", str(base / "hf-home"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("HF_TOKEN", raising=False)


@pytest.fixture
def make_tree(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """Write ``{relative path: content}`` under a fresh directory and return it."""

    def build(files: dict[str, str | bytes], root: Path | None = None) -> Path:
        base = root or tmp_path / "project"
        for rel, content in files.items():
            path = base / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        base.mkdir(parents=True, exist_ok=True)
        return base

    return build


def validate_cyclonedx(text: str, fmt: str = "cyclonedx-json") -> None:
    """Fail the test unless ``text`` is a valid CycloneDX 1.6 document (JSON strict or XML).

    aibom's own validator (jsonschema-rs) decides first; JSON is then checked again by
    the reference ``jsonschema`` implementation (cyclonedx-python-lib's strict validator).
    """
    from aibom.bom.serialize import validate_text

    validate_text(text, fmt)  # type: ignore[arg-type]
    if fmt == "cyclonedx-json":
        assert _reference_json_validator().validate_str(text) is None


@functools.cache
def _reference_json_validator() -> Any:
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    return JsonStrictValidator(SchemaVersion.V1_6)


def scan_to_bom(root: Path, **request: Any) -> dict[str, Any]:
    """Scan ``root`` (no hashing unless asked), serialize to JSON, validate it, return the parsed BOM.

    The BOM is written both ways, through cyclonedx-python-lib and by aibom's direct JSON
    writer, and the bytes must be the same.
    """
    import uuid
    from datetime import datetime, timezone

    from aibom.bom.build import build_bom
    from aibom.bom.cdx_json import render_json
    from aibom.bom.serialize import serialize
    from aibom.pipeline import ScanRequest, run_scan

    request.setdefault("hash_weights", False)
    result = run_scan(ScanRequest(root=root, **request))
    serial, when = uuid.uuid4(), datetime.now(timezone.utc)
    text = serialize(
        build_bom(result.inventory, result.lineage, project_name=root.name, timestamp=when),
        "cyclonedx-json",
        serial=serial,
    )
    direct = render_json(
        result.inventory, result.lineage, project_name=root.name, timestamp=when, serial=serial
    )
    assert direct == text, "the direct JSON writer and the library disagree"
    validate_cyclonedx(text)
    return json.loads(text)


def props(component: dict[str, Any], name: str) -> list[str]:
    """All values of property ``name`` on a BOM component, sorted."""
    return sorted(p["value"] for p in component.get("properties", []) if p["name"] == name)


def component(bom: dict[str, Any], bom_ref: str) -> dict[str, Any]:
    """The top-level component with this bom-ref (fails the test if absent)."""
    for c in bom.get("components", []):
        if c["bom-ref"] == bom_ref:
            return c
    raise AssertionError(
        f"no component {bom_ref!r}; have {[c['bom-ref'] for c in bom.get('components', [])]}"
    )
