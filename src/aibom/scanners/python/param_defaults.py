"""A library's default model: the hub id a parameter falls back to when the caller gives none.

Libraries that wrap models let the caller name one and pick their own otherwise, in the body
rather than in the signature (``def __init__(self, path=None)``):

* ``path = path if path else "sshleifer/distilbart-cnn-12-6"`` (also ``path or "..."``,
  ``"..." if not path else path``, ``path if path is not None else "..."``);
* a named fallback: ``path = self.langdetect if self.langdetect else Translation.DEFAULT_LANG_DETECT``
  (the constant folded to its string);
* the same expression passed on directly: ``super().__init__(path if path else
  "facebook/m2m100_418M")``, ``{"path": path if path else "colbert-ir/colbertv2.0"}``;
* a config's model location filled in: ``config["path"] = "sentence-transformers/all-MiniLM-L6-v2"``,
  ``sparse.get("path", "opensearch-project/...")``.

The parameter or key must name a model or its location (a model-ish setting name, or
``path``) and the fallback must read as a hub id (``org/name``: file names, URLs and
``data/``-like paths are not; or a legacy bare id, ``distilbert-base-cased-distilled-squad``);
under a bare ``path`` the id must also read as a model's by itself (a known model organisation,
a version or size in the name, a model marker word such as ``quantized``: ``api/v1`` and
``assets/images`` are paths). The caller emits the hub id. Nothing is walked: the module
index's assignments, calls and dict literals are read.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Iterator

from aibom.inventory import ModelKind
from aibom.knowledge.classify import classify_model_value, is_model_org
from aibom.knowledge.tables import model_strings
from aibom.scanners.kernel import is_setting_key
from aibom.scanners.python_resolve import Scope

# a bare location key: a model library's ``path`` parameter or config entry
_LOCATION_NAMES = frozenset({"path", "name_or_path", "model_name_or_path"})


def _model_name(name: str) -> bool:
    return name in _LOCATION_NAMES or is_setting_key(name)


def _model_like(hub: str) -> bool:
    """A hub id that reads as a model's whatever names it: a known model organisation's, or a
    name with a version or size (a digit beside a ``-``, ``_`` or ``.``: ``distilbart-cnn-12-6``,
    ``colbertv2.0``) or a model marker word (``language-id-quantized``); not ``api/v1``,
    ``assets/images`` or ``user/profile``."""
    if hub.strip().lower() in model_strings().legacy_hub_ids:
        return True
    org, _, name = hub.partition("/")
    if is_model_org(org):
        return True
    words = [w.lower() for w in re.split(r"[-_.]", name) if w]
    if len(words) > 1 and any(c.isdigit() for c in name):
        return True
    return any(w in model_strings().model_name_markers for w in words)


def _hub_literal(expr: ast.expr) -> str | None:
    """A literal hub id: ``org/name`` the classifier reads as one, or a legacy bare id (``t5-base``)."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        if expr.value.strip().lower() in model_strings().legacy_hub_ids:
            return expr.value.strip()
        mv = classify_model_value(expr.value)
        if mv is not None and mv.kind == ModelKind.HUB and "/" in mv.name:
            return expr.value
    return None


def _tested(test: ast.expr) -> tuple[ast.expr, bool] | None:
    """(value, truthy) a default test checks: ``p`` / ``p is not None`` (truthy), ``not p`` /
    ``p is None`` (falsy); ``p`` a name or an attribute (``self.langdetect``)."""
    if isinstance(test, (ast.Name, ast.Attribute)):
        return test, True
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _tested(test.operand)
        return (inner[0], not inner[1]) if inner is not None else None
    if (
        isinstance(test, ast.Compare)
        and isinstance(test.left, (ast.Name, ast.Attribute))
        and len(test.ops) == 1
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
    ):
        if isinstance(test.ops[0], ast.IsNot):
            return test.left, True
        if isinstance(test.ops[0], ast.Is):
            return test.left, False
    return None


def _same(a: ast.expr, b: ast.expr) -> bool:
    if isinstance(a, ast.Name) and isinstance(b, ast.Name):
        return a.id == b.id
    return (
        isinstance(a, ast.Attribute)
        and isinstance(b, ast.Attribute)
        and a.attr == b.attr
        and _same(a.value, b.value)
    )


def _given(expr: ast.expr) -> tuple[ast.expr, ast.expr] | None:
    """(what the caller gave, the fallback) of ``p if p else F``, ``F if not p else p`` or
    ``p or F``; None for anything else."""
    if isinstance(expr, ast.IfExp):
        tested = _tested(expr.test)
        if tested is None:
            return None
        kept, fallback = (expr.body, expr.orelse) if tested[1] else (expr.orelse, expr.body)
        return (kept, fallback) if _same(kept, tested[0]) else None
    if (
        isinstance(expr, ast.BoolOp)
        and isinstance(expr.op, ast.Or)
        and len(expr.values) == 2
        and isinstance(expr.values[0], (ast.Name, ast.Attribute))
    ):
        return expr.values[0], expr.values[1]
    return None


def defaulted(expr: ast.expr) -> tuple[str, ast.Constant] | None:
    """(name, fallback literal) of ``p if p else "org/name"``, ``"org/name" if not p else p``
    or ``p or "org/name"`` with ``p`` a name; None for anything else."""
    given = _given(expr)
    if given is None or not isinstance(given[0], ast.Name):
        return None
    fallback = given[1]
    if _hub_literal(fallback) is None or not isinstance(fallback, ast.Constant):
        return None
    return given[0].id, fallback


def _named_model(name: str, hub: str) -> bool:
    """A default of ``name`` set to ``hub`` names a model: a model-ish setting name takes any
    hub id, a bare location (``path``) only one that reads as a model's (:func:`_model_like`)."""
    if name in _LOCATION_NAMES:
        return _model_like(hub)
    return is_setting_key(name)


def _defaults(expr: ast.expr | None) -> Iterator[tuple[str, int]]:
    if expr is None:
        return
    found = defaulted(expr)
    if found is not None and _named_model(found[0], str(found[1].value)):
        yield str(found[1].value), found[1].lineno


def default_hub_ids(
    assigns: Iterable[tuple[ast.Assign | ast.AnnAssign, Scope]],
    calls: Iterable[ast.Call],
    dicts: Iterable[ast.Dict],
    resolve: Callable[[ast.expr, Scope, int], object] | None = None,
) -> Iterator[tuple[str, int]]:
    """(hub id, line) of every default model described in the module docstring; ``resolve``
    folds a named fallback (``Translation.DEFAULT_LANG_DETECT``) to its string."""
    for node, scope in assigns:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            if isinstance(target, ast.Name):  # path = path if path else "org/name"
                found = defaulted(node.value) if node.value is not None else None
                if (
                    found is not None
                    and found[0] == target.id
                    and _named_model(target.id, str(found[1].value))
                ):
                    yield str(found[1].value), found[1].lineno
                given = _given(node.value) if node.value is not None else None
                if (  # path = self.langdetect if self.langdetect else Cls.DEFAULT_LANG_DETECT
                    given is not None
                    and resolve is not None
                    and target.id in _LOCATION_NAMES
                    and isinstance(given[1], (ast.Name, ast.Attribute))
                ):
                    value = resolve(given[1], scope, node.lineno)
                    if isinstance(value, str):
                        hub = _hub_literal(ast.Constant(value))
                        if hub is not None and _model_like(hub):
                            yield hub, node.lineno
            elif (  # config["path"] = "sentence-transformers/all-MiniLM-L6-v2"
                isinstance(target, ast.Subscript)
                and isinstance(target.slice, ast.Constant)
                and target.slice.value in _LOCATION_NAMES
                and node.value is not None
                and (hub := _hub_literal(node.value)) is not None
                and _model_like(hub)
            ):
                yield hub, node.value.lineno
    for call in calls:
        for arg in [*call.args, *(kw.value for kw in call.keywords)]:
            yield from _defaults(arg)  # super().__init__(path if path else "org/name")
        if (  # sparse.get("path", "opensearch-project/...")
            isinstance(call.func, ast.Attribute)
            and call.func.attr == "get"
            and len(call.args) == 2
            and isinstance(call.args[0], ast.Constant)
            and call.args[0].value in _LOCATION_NAMES
            and (hub := _hub_literal(call.args[1])) is not None
            and _model_like(hub)
        ):
            yield hub, call.args[1].lineno
    for d in dicts:  # {"path": path if path else "colbert-ir/colbertv2.0"}
        for k, v in zip(d.keys, d.values, strict=False):
            if isinstance(k, ast.Constant) and isinstance(k.value, str) and _model_name(k.value):
                found = defaulted(v)
                if found is not None and _named_model(k.value, str(found[1].value)):
                    yield str(found[1].value), found[1].lineno
