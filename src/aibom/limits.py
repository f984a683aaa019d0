"""Resource budgets for parsing scanned files, and the small helpers that enforce them.

Every parser of untrusted input checks one of these budgets *before* it builds
a large structure; an input over budget becomes a diagnostic naming the file and
the limit, and the scan goes on. docs/limits.md lists every budget with its reason.
"""

from __future__ import annotations

import json
import re
from typing import Any

# --- Bytes read ----------------------------------------------------------------------------
MAX_TEXT_BYTES = 4 * 1024 * 1024  # text files (source, configs, cards) are read up to this
MAX_LOCKFILE_BYTES = 64 * 1024 * 1024  # lockfiles are only useful whole

# --- Structured data -----------------------------------------------------------------------
MAX_INT_DIGITS = 4300  # CPython's int/str conversion limit; longer numbers are kept as text
MAX_YAML_NODES = 1_000_000  # scalars+collections after alias expansion (billion laughs)
MAX_SAFETENSORS_HEADER = 32 * 1024 * 1024  # safetensors JSON header; bigger is refused
MAX_EXPANDED_CHARS = 64 * 1024  # a .env / compose ${VAR} value after expansion

# --- Source code -----------------------------------------------------------------------------
# ast.parse costs ~0.5-1 KB per token at peak; files above PYTHON_CHECK_BYTES are counted first.
PYTHON_CHECK_BYTES = 256 * 1024
MAX_PYTHON_TOKENS = 400_000  # ~1.2 MB of dense code; worst case ~260 MB peak
MAX_NOTEBOOK_CELLS = 20_000  # cells of one notebook read through the Python scanner

# --- Tree ----------------------------------------------------------------------------------
MAX_FILES = 1_000_000  # files listed by the walk
MAX_DIR_DEPTH = 128  # directory nesting followed by the walk


class BudgetExceeded(ValueError):
    """An input is over one of the budgets above; the message names the budget."""


_BIG_INT = re.compile(r"-?\d{" + str(MAX_INT_DIGITS + 1) + ",}")


def _parse_int(digits: str) -> int | str:
    return int(digits) if len(digits) <= MAX_INT_DIGITS else digits


def load_json(text: str | bytes) -> Any:
    """``json.loads`` that keeps numbers longer than :data:`MAX_INT_DIGITS` digits as strings.

    Raises ValueError (invalid JSON) or RecursionError (nesting deeper than the interpreter allows).
    """
    return json.loads(text, parse_int=_parse_int)


def load_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads``; an integer over :data:`MAX_INT_DIGITS` digits is read as a string.

    Raises ``tomllib.TOMLDecodeError`` (a ValueError) for invalid TOML.
    """
    import tomllib  # here, not at the top: every command imports this module, few read TOML

    try:
        return tomllib.loads(text)
    except ValueError as exc:
        if "integer string conversion" not in str(exc):
            raise
    return tomllib.loads(_BIG_INT.sub(lambda m: '"' + m.group(0) + '"', text))


_PY_TOKEN = re.compile(r"\w+|[^\w\s]")
# (length, hash, budget) of a text counted -> whether it is over the budget: a project module is
# read again for each of its parses (skyvern: a 700 KB module parsed for 79 importers)
_COUNTED: dict[tuple[int, int, int], bool] = {}


def python_size_problem(text: str) -> str | None:
    """Why ``text`` is too big to hand to ``ast.parse``, or None when it is within budget.

    Counted before parsing (words and punctuation, an upper estimate of tokens), so a
    few MB of one flat expression is refused without ever building its tree.
    """
    # every token is at least one character: a text no longer than the budget is within it
    if len(text) <= PYTHON_CHECK_BYTES or len(text) <= MAX_PYTHON_TOKENS:
        return None
    key = (len(text), hash(text), MAX_PYTHON_TOKENS)
    over = _COUNTED.get(key)
    if over is None:
        over = False
        for count, _ in enumerate(_PY_TOKEN.finditer(text), 1):
            if count > MAX_PYTHON_TOKENS:
                over = True
                break
        if len(_COUNTED) >= 4096:
            _COUNTED.clear()
        _COUNTED[key] = over
    if over:
        return f"more than {MAX_PYTHON_TOKENS:,} tokens (generated code?); not parsed"
    return None


def check_yaml_size(doc: Any, budget: int = MAX_YAML_NODES) -> None:
    """Raise :class:`BudgetExceeded` when ``doc`` expands to more than ``budget`` nodes.

    YAML aliases share objects, so a few hundred bytes can stand for billions of
    values; anything that walks the document would then never finish. The count
    stops as soon as the budget is spent.
    """
    remaining = budget
    stack = [doc]
    while stack:
        node = stack.pop()
        remaining -= 1
        if remaining < 0:
            raise BudgetExceeded(f"YAML expands to more than {budget:,} values (alias bomb?)")
        if isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


class ExpansionBudget:
    """Counts characters produced by variable expansion; raises once over budget."""

    def __init__(self, limit: int = MAX_EXPANDED_CHARS) -> None:
        self.limit = limit
        self.used = 0

    def spend(self, text: str) -> str:
        """Account for ``text`` about to be inserted; return it, or raise :class:`BudgetExceeded`."""
        self.used += len(text)
        if self.used > self.limit:
            raise BudgetExceeded(f"variable expansion longer than {self.limit:,} characters")
        return text


# --- BOM fields with a schema bound ---------------------------------------------------------
MAX_VERSION_CHARS = 1024  # CycloneDX 1.6: component.version maxLength


def drop_unrepresentable_versions(inventory: Any) -> list[Any]:
    """Clear versions/revisions longer than the CycloneDX schema allows; one diagnostic each.

    ``inventory`` is an :class:`aibom.inventory.Inventory`; the item itself is kept.
    """
    from aibom.inventory import Diagnostic

    diags: list[Any] = []

    def note(kind: str, name: str, where: str) -> None:
        diags.append(
            Diagnostic(
                where,
                f"{kind} {name[:80]!r}: version longer than {MAX_VERSION_CHARS} characters; dropped",
                code="too-long",
            )
        )

    libraries = inventory.libraries
    if any(lib.version and len(lib.version) > MAX_VERSION_CHARS for lib in libraries.values()):
        rebuilt: dict[str, Any] = {}
        for lib in libraries.values():
            if lib.version and len(lib.version) > MAX_VERSION_CHARS:
                where = lib.occurrences[0].path if getattr(lib, "occurrences", None) else "."
                note("library", lib.name, where)
                lib.version = None
            rebuilt.setdefault(lib.key, lib)
        inventory.libraries = rebuilt
    for model in inventory.models.values():
        if model.revision and len(model.revision) > MAX_VERSION_CHARS:
            where = model.occurrences[0].path if model.occurrences else "."
            note("model", model.name, where)
            model.revision = None
    return diags
