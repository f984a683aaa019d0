"""Line-aware YAML reading and key validation for policy and waiver files.

Every mapping read from a policy file remembers the line of each key, so a mistake is
reported as ``file:line: what is wrong; the fix``. Unknown keys are errors with a
"did you mean" suggestion: a typo must never leave a rule silently inert.

YAML 1.1 reads unquoted ``yes``/``no``/``on``/``off`` as booleans (so the country code
``NO`` would become ``false``); here only ``true``/``false`` are booleans.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

import yaml

MAX_POLICY_BYTES = 4 * 1024 * 1024


class PolicyError(ValueError):
    """An invalid policy or waiver file: the message names ``file:line`` and the fix."""


class LineMap(dict[Any, Any]):
    """A YAML mapping that remembers its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        """Line of ``key`` (or of the mapping when the key is absent)."""
        return self.key_lines.get(key, self.line)


class _Loader(yaml.SafeLoader):
    """SafeLoader that builds :class:`LineMap` and rejects duplicate keys."""


# Only true/false are booleans: replace the YAML 1.1 bool resolver.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: Any, line: int, first: int) -> None:
        super().__init__(f"duplicate key {key!r} (first at line {first})")
        self.key, self.line, self.first = key, line, first


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    out = LineMap()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, (str, int, float, bool)) or key is None:
            raise yaml.constructor.ConstructorError(
                None, None, "mapping keys must be plain text", key_node.start_mark
            )
        if key in out:
            raise _DuplicateKey(key, line, out.key_lines[key])
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = line
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(text: str, label: str) -> Any:
    """Parse YAML text; syntax errors become :class:`PolicyError` naming ``label:line``."""
    if len(text) > MAX_POLICY_BYTES:
        raise PolicyError(
            f"{label}: file is larger than {MAX_POLICY_BYTES // 1024 // 1024} MiB; is this a policy file?"
        )
    try:
        return yaml.load(text, Loader=_Loader)
    except _DuplicateKey as exc:
        raise PolicyError(
            f"{label}:{exc.line}: duplicate key '{exc.key}' (first at line {exc.first}); keep one of them"
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = exc.problem or exc.context or "invalid YAML"
        raise PolicyError(f"{label}{line}: invalid YAML: {problem}; fix the syntax") from None
    except yaml.YAMLError as exc:
        raise PolicyError(f"{label}: invalid YAML: {exc}") from None


def suggest(word: str, choices: Iterable[str]) -> str:
    """`` did you mean 'x'?`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def check_keys(
    mapping: LineMap, allowed: Iterable[str], label: str, what: str, required: Iterable[str] = ()
) -> None:
    """Reject keys outside ``allowed`` (with a suggestion) and missing ``required`` keys."""
    allowed = list(allowed)
    for key in mapping:
        if key not in allowed:
            raise PolicyError(
                f"{label}:{mapping.line_of(key)}: unknown key '{key}' in {what}{suggest(str(key), allowed)}"
                f" (allowed: {', '.join(allowed)})"
            )
    for key in required:
        if key not in mapping:
            raise PolicyError(f"{label}:{mapping.line}: {what} is missing '{key}'; add it")


def expect_map(value: Any, label: str, line: int, what: str) -> LineMap:
    """``value`` as a mapping, or a PolicyError."""
    if not isinstance(value, LineMap):
        raise PolicyError(f"{label}:{line}: {what} must be a mapping (key: value lines)")
    return value


def expect_list(value: Any, label: str, line: int, what: str) -> list[Any]:
    """``value`` as a list, or a PolicyError."""
    if not isinstance(value, list):
        raise PolicyError(f"{label}:{line}: {what} must be a list (lines starting with '- ')")
    return value


def expect_str(value: Any, label: str, line: int, what: str) -> str:
    """``value`` as a non-empty string, or a PolicyError."""
    if not isinstance(value, str) or not value.strip():
        raise PolicyError(f"{label}:{line}: {what} must be non-empty text")
    return value.strip()
