"""YAML loading through libyaml when PyYAML was built with it (several times faster), safe either way.

Bounded for hostile input (see :mod:`aibom.limits`): an integer longer than
``MAX_INT_DIGITS`` digits is kept as a string instead of raising, and a document
whose aliases expand past ``MAX_YAML_NODES`` values is refused with a YAMLError.

aibom's own data tables load through :func:`load_data`: from the parsed JSON copy shipped
with the package (``aibom/_parsed/``, written by ``scripts/bundle_tables.py``), else from a JSON
copy kept in the cache directory (JSON parses ~30x faster than YAML, even with libyaml).
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from typing import Any

import yaml

from aibom.cachedir import default_cache_dir
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


_DATA_FORMAT = 1  # bump when the loader's answers change (the copies are keyed by it)

# the parsed copies shipped with the package, named by :func:`bundled_name`
BUNDLED_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_parsed")
# the packages whose ``data/*.yaml`` tables are shipped parsed
BUNDLED_PACKAGES = ("aibom.knowledge", "aibom.lineage", "aibom.licenses")


def bundled_name(text: str) -> str:
    """The file name of the shipped parsed copy of ``text``: a hash of the text and of the format."""
    h = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16)
    h.update(f"\0{_DATA_FORMAT}".encode())
    return f"{h.hexdigest()}.json"


def bundled_copies() -> dict[str, str]:
    """File name -> JSON text of the parsed copy of each data table of :data:`BUNDLED_PACKAGES`.

    What ``scripts/bundle_tables.py`` writes into :data:`BUNDLED_DIR` (a test checks the
    shipped copies are exactly these). A table JSON cannot give back identically is left out.
    """
    from importlib import resources

    out: dict[str, str] = {}
    for package in BUNDLED_PACKAGES:
        for entry in sorted(resources.files(package).joinpath("data").iterdir(), key=str):
            if not entry.name.endswith(".yaml"):
                continue
            text = entry.read_text("utf-8")
            doc = safe_load(text)
            copy = json.dumps(doc, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
            if json.loads(copy) == doc:
                out[bundled_name(text)] = copy + "\n"
    return out


def load_data(text: str) -> Any:
    """:func:`safe_load` of one of aibom's bundled data tables, through a parsed copy.

    The copy shipped with the package is read first (every table of a release: a fresh
    cache directory parses no YAML). Otherwise the copy is JSON in ``<cache dir>/data/``,
    named by a hash of the text (and of this loader), written to a temporary file and renamed
    into place, so concurrent runs never see half a copy. A document that JSON cannot give
    back identically is never copied. Any trouble with the cache directory just means the
    YAML is parsed.
    """
    try:
        with open(os.path.join(BUNDLED_DIR, bundled_name(text)), "rb") as fh:
            return json.loads(fh.read())
    except (OSError, ValueError):
        pass
    h = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16)
    h.update(f"\0{_DATA_FORMAT}\0{yaml.__version__}".encode())
    path = default_cache_dir() / "data" / f"{h.hexdigest()}.json"
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        pass
    doc = safe_load(text)
    try:
        copy = json.dumps(doc, ensure_ascii=False, allow_nan=False)
        if json.loads(copy) != doc:  # int keys, tuples, ...: not representable
            return doc
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex}")
        try:
            tmp.write_text(copy, "utf-8")
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    except (TypeError, ValueError, OSError):
        pass
    return doc
