"""One item that cannot be written never costs the BOM: it is left out alone, with a diagnostic."""

from __future__ import annotations

import json

import pytest
from conftest import validate_cyclonedx

from aibom.bom.isolate import build_isolated
from aibom.inventory import Inventory, LibraryFinding, Location, ModelFinding, ModelKind


def _inventory() -> Inventory:
    inv = Inventory(root="p")
    inv.extend(
        [
            ModelFinding(
                "Qwen/Qwen2.5-0.5B", ModelKind.HUB, Location("app.py", 2, source="python")
            ),
            LibraryFinding("openai", "pypi", Location("requirements.txt", 1), version="1.0"),
            # CycloneDX 1.6 caps component.version at 1,024 characters: this one cannot be written.
            LibraryFinding("torch", "pypi", Location("requirements.txt", 2), version="9" * 2000),
        ]
    )
    return inv


@pytest.mark.filterwarnings("ignore:.*maximum length:UserWarning")
@pytest.mark.parametrize("fmt", ["cyclonedx-json", "cyclonedx-xml"])
def test_bad_item_is_left_out_alone(fmt: str) -> None:
    _, text, dropped = build_isolated(
        _inventory(),
        {},
        project_name="p",
        timestamp=None,
        fmt=fmt,  # type: ignore[arg-type]
    )
    validate_cyclonedx(text, fmt)
    assert [(d.path, d.code, d.level) for d in dropped] == [
        ("requirements.txt", "bom-item", "error")
    ]
    assert "library 'torch'" in dropped[0].message
    assert "<name>Qwen/Qwen2.5-0.5B</name>" in text or '"name": "Qwen/Qwen2.5-0.5B"' in text
    assert "<name>openai</name>" in text or '"name": "openai"' in text
    assert "<name>torch</name>" not in text and '"name": "torch"' not in text


def test_good_inventory_takes_the_fast_path() -> None:
    inv = _inventory()
    del inv.libraries[next(k for k in inv.libraries if k.startswith("pypi:torch"))]
    _, text, dropped = build_isolated(inv, {}, project_name="p", timestamp=None)
    assert dropped == []
    names = {c["name"] for c in json.loads(text)["components"]}
    assert names == {"Qwen/Qwen2.5-0.5B", "openai"}


def test_scan_help_says_what_exit_3_is_and_is_not() -> None:
    from typer.testing import CliRunner

    from aibom.cli import app

    res = CliRunner().invoke(app, ["scan", "--help"], env={"COLUMNS": "300"})
    text = " ".join(res.stdout.split())
    assert "3 a bug in aibom" in text
    assert "left out with an error diagnostic and the rest of the BOM is written" in text
