"""YAML loading through libyaml when PyYAML was built with it (several times faster), safe either way."""

from __future__ import annotations

from typing import Any

import yaml

SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """``yaml.safe_load`` with the C loader when available."""
    return yaml.load(text, Loader=SafeLoader)
