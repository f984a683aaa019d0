"""YAML loading through libyaml when PyYAML was built with it (several times faster), safe either way.

Bounded for hostile input (see :mod:`aibom.limits`): an integer longer than
``MAX_INT_DIGITS`` digits is kept as a string instead of raising, and a document
whose aliases expand past ``MAX_YAML_NODES`` values is refused with a YAMLError.
"""

from __future__ import annotations

from typing import Any

import yaml

from aibom.limits import MAX_INT_DIGITS, BudgetExceeded, check_yaml_size

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlBudgetError(yaml.YAMLError):
    """The document is over a resource budget (caught wherever YAMLError is)."""


class SafeLoader(_Base):  # type: ignore[valid-type,misc]
    """The safe loader, with integers too long to convert kept as text."""

    def construct_yaml_int(self, node: yaml.ScalarNode) -> Any:
        digits = sum(c.isdigit() for c in str(node.value))
        if digits > MAX_INT_DIGITS:
            return str(node.value)
        return super().construct_yaml_int(node)


SafeLoader.add_constructor("tag:yaml.org,2002:int", SafeLoader.construct_yaml_int)


def safe_load(text: str) -> Any:
    """``yaml.safe_load`` with the C loader when available, within the YAML budgets."""
    doc = yaml.load(text, Loader=SafeLoader)
    try:
        check_yaml_size(doc)
    except BudgetExceeded as exc:
        raise YamlBudgetError(str(exc)) from None
    return doc
