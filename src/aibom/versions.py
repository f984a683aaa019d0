"""What ``aibom --version`` prints: the tool, its knowledge base and the standards it writes."""

from __future__ import annotations

import hashlib
from importlib import metadata, resources
from typing import Any

from aibom import __version__

# Standards every output is written (and validated) against.
STANDARDS: tuple[tuple[str, str], ...] = (
    ("CycloneDX", "1.6"),
    ("SPDX", "3.0.1"),
    ("SARIF", "2.1.0"),
)


def knowledge_base_version() -> tuple[str, list[str]]:
    """A digest of the bundled knowledge files (families, licences, providers, ...) and their names.

    The knowledge base is data shipped with aibom: the digest changes whenever any of it does,
    so two runs with the same digest resolved lineage and licences from the same facts.
    """
    digest = hashlib.sha256()
    names: list[str] = []
    root = resources.files("aibom")

    def walk(node: Any, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            path = f"{prefix}{child.name}"
            if child.is_dir() and child.name != "__pycache__":
                walk(child, path + "/")
            elif (
                child.name.endswith((".yaml", ".yml", ".json"))
                and "/data/" in f"/{path}"
                and not path.startswith("policy/")  # policy packs are rules, not knowledge
            ):
                digest.update(path.encode() + b"\0" + child.read_bytes() + b"\0")
                names.append(path)

    walk(root, "")
    return digest.hexdigest()[:12], names


def _dist_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def version_report() -> str:
    """Multi-line version text: aibom, knowledge base, standards and the libraries that write them."""
    kb, files = knowledge_base_version()
    lines = [
        f"aibom {__version__}",
        f"knowledge base {kb} ({len(files)} files: {', '.join(f.rsplit('/', 1)[-1] for f in files)})",
        "standards: " + ", ".join(f"{n} {v}" for n, v in STANDARDS),
        "libraries: "
        + ", ".join(
            f"{d} {_dist_version(d)}"
            for d in ("cyclonedx-python-lib", "spdx-python-model", "huggingface-hub")
        ),
    ]
    return "\n".join(lines)
